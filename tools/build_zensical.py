"""Build the site with Zensical into a folder (default: site-zensical/).

Run it with the Python of the Zensical environment (``make build-zensical``
installs it from requirements-zensical.txt)::

    .venv-zensical/bin/python tools/build_zensical.py [OUTPUT_DIR]

Zensical reads mkdocs.yml, runs our Markdown extension and re-implements the
social, rss, redirects and search plugins, but it drops plugins it does not
know: our ``debate`` plugin (the build-time content check and the Content
Security Policy). Run ``debate-check`` separately. Three things this script
does that a bare ``zensical build`` does not:

- **An output folder anywhere.** ``zensical build`` has no ``-d`` and refuses a
  ``site_dir`` outside the project, so it builds into a staging folder inside
  the repository (from a temporary copy of mkdocs.yml, next to it, that only
  adds ``site_dir``) and then moves the result to OUTPUT_DIR, replacing it.
- **Always ``--clean``.** Zensical caches rendered pages in .cache/ and does not
  know that our extension reads docs/_data/*.yml: without --clean, a change to
  the glossary or the models leaves stale pages behind.
- **``--strict``.** As with MkDocs, any warning fails the build.
- **The search index.** Pagefind indexes the built site (mkdocs_debate.search_index),
  as the debate plugin does after a MkDocs build.

Any failure exits non-zero with Zensical's own output above it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

from mkdocs_debate import search_index

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DEFAULT_OUTPUT = ROOT / "site-zensical"


class BuildError(Exception):
    """The build cannot run or did not produce a site."""


def zensical_config(text: str, site_dir: pathlib.Path) -> str:
    """mkdocs.yml as Zensical needs it: the same text, with site_dir added."""
    if re.search(r"^site_dir\s*:", text, re.MULTILINE):
        raise BuildError("mkdocs.yml sets site_dir: remove it (the output folder is an argument)")
    return (
        text.rstrip("\n")
        + f"\n\n# Added by tools/build_zensical.py\nsite_dir: {json.dumps(str(site_dir))}\n"
    )


def check_output_dir(output: pathlib.Path) -> None:
    """Refuse an output folder whose replacement would delete the sources."""
    if output == ROOT or ROOT.is_relative_to(output):
        raise BuildError(f"refusing to replace {output}: it holds the repository")
    for name in ("docs", "overrides", "src", "tests", ".git"):
        if output.is_relative_to(ROOT / name):
            raise BuildError(f"refusing to build into {output}: it is inside {name}/")
    if output.exists() and not output.is_dir():
        raise BuildError(f"{output} exists and is not a folder")


def build(output: pathlib.Path) -> None:
    """Build the site with Zensical into output (replaced if it exists)."""
    output = output.resolve()
    check_output_dir(output)
    try:
        importlib.import_module("zensical")  # only to fail early with a clear message
    except ImportError:
        raise BuildError(
            f"zensical is not installed for {sys.executable}: run `make build-zensical`, "
            "or this script with .venv-zensical/bin/python"
        ) from None

    # Inside the repository (Zensical requires it); its inner "site" is git-ignored.
    staging = pathlib.Path(tempfile.mkdtemp(prefix=".zensical-build-", dir=ROOT))
    config = ROOT / f".zensical-build-{os.getpid()}.yml"
    try:
        site_dir = staging / "site"
        config.write_text(
            zensical_config(CONFIG.read_text(encoding="utf-8"), site_dir), encoding="utf-8"
        )
        # cwd=ROOT: the extension's docs_dir (docs) is relative to it.
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "zensical",
                "build",
                "--clean",
                "--strict",
                "--config-file",
                str(config),
            ],
            cwd=ROOT,
            check=False,
        )
        if result.returncode != 0:
            raise BuildError(f"zensical build failed (exit {result.returncode})")
        if not (site_dir / "index.html").is_file():
            raise BuildError(f"zensical build wrote no index.html into {site_dir}")
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(site_dir), str(output))
        # The same search index as the MkDocs build (the plugin that writes it there does not run here).
        try:
            search_index.index_site(output, ROOT)
        except search_index.SearchIndexError as error:
            raise BuildError(str(error)) from None
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Zensical site in {output}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "output",
        nargs="?",
        type=pathlib.Path,
        default=DEFAULT_OUTPUT,
        help="folder to build into, replaced if it exists (default: site-zensical/)",
    )
    args = parser.parse_args(argv)
    try:
        build(args.output)
    except BuildError as error:
        print(f"build_zensical: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
