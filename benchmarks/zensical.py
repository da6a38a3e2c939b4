#!/usr/bin/env python3
"""Benchmark: the same site built by MkDocs and by Zensical, side by side.

Usage: python benchmarks/zensical.py [--essays 0 1000] [--rounds 3]

For each size, copies the site into a temporary folder and adds that many
synthetic essays (benchmarks/build_growth.py writes them: valid front matter,
glossary terms, a cited source). Both builders then build the same copy in
alternating rounds: MkDocs with the project's .venv (strict), Zensical with
.venv-zensical through tools/build_zensical.py (strict, --clean). The social
plugin is disabled in both, since card rendering would dominate the timings.
Prints the median wall-clock time of each builder and the ratio of medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from build_growth import (  # the benchmark next to this one (its folder is on sys.path)
    add_essays,
    copy_site,
    count_pages,
    glossary_terms_for,
    read_config,
    without_social,
    write_config,
)

from mkdocs_debate import test_tools

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ZENSICAL_PYTHON = os.path.join(ROOT, ".venv-zensical", "bin", "python")


def timed(command: list[str], cwd: str) -> float:
    """Run a build; its wall-clock seconds (a failed build stops the benchmark)."""
    env = {**os.environ, **test_tools.BUILD_ENV}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed in {cwd}: {' '.join(command)}\n{done.stdout}{done.stderr}")
    return elapsed


def prepare(root: str, essays: int) -> int:
    """A copy of the site with `essays` synthetic essays and no social cards; its page count."""
    copy_site(ROOT, root, extra=("tools",))
    write_config(
        without_social(read_config(os.path.join(root, "mkdocs.yml"))),
        os.path.join(root, "mkdocs.yml"),
    )
    terms, _ = glossary_terms_for(root)
    add_essays(root, essays, terms)
    return count_pages(os.path.join(root, "docs"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, nargs="+", default=[0, 1000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(ZENSICAL_PYTHON):
        raise SystemExit("run `make build-zensical` once first: it installs .venv-zensical")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for essays in args.essays:
            root = os.path.join(tmp, f"site-{essays}")
            pages = prepare(root, essays)
            builders = {
                "mkdocs": [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-d",
                    os.path.join(root, "out-mkdocs"),
                ],
                "zensical": [
                    ZENSICAL_PYTHON,
                    "tools/build_zensical.py",
                    os.path.join(root, "out-zensical"),
                ],
            }
            times: dict[str, list[float]] = {name: [] for name in builders}
            for round_number in range(args.rounds):
                order = list(builders) if round_number % 2 == 0 else list(reversed(builders))
                for name in order:
                    times[name].append(timed(builders[name], root))
                    print(
                        f"{essays} essays ({pages} pages), round {round_number + 1}: "
                        f"{name} {times[name][-1]:.2f} s",
                        flush=True,
                    )
            medians = {name: statistics.median(values) for name, values in times.items()}
            rows.append((essays, pages, medians["mkdocs"], medians["zensical"]))
    print(
        "\n| synthetic essays | pages | MkDocs median (s) | Zensical median (s) | Zensical / MkDocs |"
    )
    print("|---:|---:|---:|---:|---:|")
    for essays, pages, mkdocs, zensical in rows:
        print(f"| {essays} | {pages} | {mkdocs:.2f} | {zensical:.2f} | {zensical / mkdocs:.2f}× |")
    print(
        f"\n{args.rounds} alternating rounds per size; social cards off; load average "
        f"{os.getloadavg()[0]:.2f} at the end on {os.cpu_count()} cores."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
