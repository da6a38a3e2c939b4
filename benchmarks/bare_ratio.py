"""Benchmark: the engine's build CPU against Material without it, on the same pages.

Usage: python benchmarks/bare_ratio.py [--essays 2000] [--rounds 3] [--keep]

Prepares one copy of the site with N synthetic essays (as ``make benchmark``
does: social cards off, debate-export run), then builds it three ways, in
alternating rounds so that a noisy machine's drift falls on all of them:

- **engine**: the site as configured (``mkdocs build --strict``);
- **no engine**: the same mkdocs.yml without the ``debate`` plugin and
  Markdown extension, every other plugin and extension kept (what our own
  code costs);
- **bare Material**: a minimal mkdocs.yml (site name, ``theme: material``
  with ``font: false``, the search plugin) over the same docs/ (what the
  issue's "bare Material build of the same pages" asks).

The two builds without the engine cannot be strict: the pages' ``[[term:…]]``
references and generated blocks stay text there, and links to generated pages
do not resolve. Prints CPU (user + system of the build process) per round, the
medians and the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile

from build_growth import (
    ROOT,
    clean_up,
    entry_name,
    prepare,
    read_config,
    run_build,
    write_config,
)


def without_engine(config: dict) -> dict:
    """The config with the debate plugin and the debate Markdown extension taken out."""
    return {
        **config,
        "plugins": [e for e in config.get("plugins") or [] if entry_name(e) != "debate"],
        "markdown_extensions": [
            e for e in config.get("markdown_extensions") or [] if entry_name(e) != "debate"
        ],
    }


def bare(config: dict) -> dict:
    """A minimal Material config over the same docs/."""
    return {
        "site_name": config.get("site_name", "Bare"),
        "docs_dir": config.get("docs_dir", "docs"),
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="bare-ratio-")
    try:
        root = os.path.join(workdir, "site")
        pages = prepare(ROOT, root, args.essays, None)
        config = read_config(os.path.join(root, "mkdocs.yml"))
        write_config(without_engine(config), os.path.join(root, "no-engine.yml"))
        write_config(bare(config), os.path.join(root, "bare.yml"))
        variants = {
            "engine": ("mkdocs.yml", True),
            "no engine": ("no-engine.yml", False),
            "bare Material": ("bare.yml", False),
        }
        print(f"{args.essays} essays, {pages} Markdown pages; CPU seconds per build")
        times: dict[str, list[float]] = {name: [] for name in variants}
        for number in range(1, args.rounds + 1):
            for name, (config_file, strict) in variants.items():
                built = run_build(root, os.path.join(workdir, "out"), config_file, strict=strict)
                times[name].append(built.cpu)
            print(
                f"round {number}: "
                + ", ".join(f"{name} {values[-1]:.1f} s" for name, values in times.items())
            )
        medians = {name: statistics.median(values) for name, values in times.items()}
        print(
            "median: "
            + ", ".join(f"{name} {value:.1f} s" for name, value in medians.items())
            + f"; engine / no engine {medians['engine'] / medians['no engine']:.2f}×"
            + f"; engine / bare Material {medians['engine'] / medians['bare Material']:.2f}×"
        )
    finally:
        clean_up(workdir, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
