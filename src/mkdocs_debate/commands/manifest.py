"""debate-manifest: the never-404 manifest, every published URL and permanent anchor.

Usage: debate-manifest --update   (build, then add new entries)
       debate-manifest --check    (build, then list lost entries)

``tests/url-manifest.txt`` lists one entry per line: a page path
(``essays/x/``) or a page path with an anchor (``glossary/#open-weights``).
Anchors recorded are glossary terms and their competing definitions
(``glossary/#open-source-ai--osaid-1-0``), claim paragraphs, models, timeline
events, the section headings of essays, summaries, claims and term pages
(``definitions/<term>/``), the themes of the claims index (``claims/#safety-and-misuse``), and the terms and rows of the verdict grid
(``is-it-open/``), every verdict (``is-it-open/#v-<term>--<definition>--<model>``)
and a model page's verdicts and cells, each entry of the disagreement ledger
(``disagreements/#d-<model>--<dimension>``), licence clauses and the rows, columns and cells of a licence family's
comparison. ``--update`` only adds lines, so new
pages show up in review and a removal is always a deliberate edit.

An entry is kept when the built site still has it, or when a redirect (from
mkdocs-redirects) leads from the old page to a page that has the anchor.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

from mkdocs_debate.urls import MANIFEST, lost, normalise, published, read_manifest, write_manifest

BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build(root: pathlib.Path, out: pathlib.Path) -> None:
    """A strict build of the site in root into out (never -q: it hides strict warnings)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=root,
        env={**os.environ, **BUILD_ENV},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit("build failed:\n" + result.stdout + result.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--update", action="store_true")
    group.add_argument("--check", action="store_true")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    root = pathlib.Path(args.config).resolve().parent
    manifest = root / MANIFEST
    with tempfile.TemporaryDirectory() as tmp:
        site = pathlib.Path(tmp) / "site"
        build(root, site)
        recorded = normalise(read_manifest(manifest))
        if args.update:
            new = published(site) - recorded
            write_manifest(recorded | new, manifest)
            print(f"added {len(new)} entries to {MANIFEST}")
            return 0
        missing = lost(recorded, site)
        print("\n".join(missing) or "every recorded URL and anchor is still served")
        return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
