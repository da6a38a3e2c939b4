"""Benchmark: what the contributor-safety checks cost a build.

Usage: python benchmarks/safety_cost.py [--rounds 7]

Builds two copies of the site side by side, in alternating rounds so that a
noisy machine's drift falls on both: one as configured (the plugin checks
every page and data file, the extension validates every rendered page against
the allowlist), one with both switched off (``check: false`` on the plugin,
``validate: false`` on the extension; a setting that exists only for such
measurements and for the browser test of the policy on its own). Social
cards are off in both, so that cairo is not measured. Prints each round,
the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

from build_growth import (
    ROOT,
    copy_site,
    entry_name,
    read_config,
    run_build,
    without_social,
    write_config,
)


def unchecked(config: dict) -> dict:
    """The config with the plugin's checks and the extension's validation switched off."""
    plugins = [
        {"debate": {"check": False}} if entry_name(entry) == "debate" else entry
        for entry in config.get("plugins") or []
    ]
    extensions = []
    for entry in config.get("markdown_extensions") or []:
        if entry_name(entry) == "debate":
            entry = {"debate": {**(entry.get("debate") or {}), "validate": False}}
        extensions.append(entry)
    return {**config, "plugins": plugins, "markdown_extensions": extensions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        roots = {name: os.path.join(tmp, name) for name in ("checked", "unchecked")}
        for name, root in roots.items():
            copy_site(ROOT, root)
            config = without_social(read_config(os.path.join(root, "mkdocs.yml")))
            write_config(
                unchecked(config) if name == "unchecked" else config,
                os.path.join(root, "mkdocs.yml"),
            )
        times: dict[str, list[float]] = {name: [] for name in roots}
        for number in range(1, args.rounds + 1):
            for name, root in roots.items():
                times[name].append(run_build(root, os.path.join(root, "out")).wall)
            print(
                f"round {number}: checked {times['checked'][-1]:.2f} s, unchecked {times['unchecked'][-1]:.2f} s"
            )
    checked, bare = statistics.median(times["checked"]), statistics.median(times["unchecked"])
    print(
        f"median: checked {checked:.2f} s, unchecked {bare:.2f} s; the checks cost {checked / bare - 1:+.1%} "
        "(target: at most +10 %)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
