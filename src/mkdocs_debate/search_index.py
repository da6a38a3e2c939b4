"""The site's search index: Pagefind run over the built site.

Pagefind (npm ``pagefind``, pinned in package-lock.json; its binary ships in
``@pagefind/linux-x64``, nothing is downloaded at build time) reads the built
HTML, indexes what is inside ``data-pagefind-body`` (the page's content, not the
navigation) with the ``data-pagefind-filter`` facets, and writes ``pagefind/``
into the site: a small entry file, then chunks a reader's browser fetches only
for the words searched (overrides/assets/javascripts/search-pagefind.js).

The MkDocs plugin calls ``index_site`` after each build; tools/build_zensical.py
after a Zensical build; ``python -m mkdocs_debate.search_index SITE`` by hand.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed."""


def pagefind_binary(root: pathlib.Path) -> pathlib.Path:
    """The pinned Pagefind of the project's node_modules (``npm ci`` installs it)."""
    engine_checkout = (
        pathlib.Path(__file__).resolve().parents[2]
    )  # a copy of the site built from this checkout
    for base in (root, engine_checkout):
        binary = base / "node_modules" / ".bin" / "pagefind"
        if binary.exists():
            return binary
    raise SearchIndexError(
        f"{root / 'node_modules/.bin/pagefind'} is missing: "
        "run `npm ci` (or `make install`) to install the pinned Pagefind"
    )


def index_site(site_dir: pathlib.Path, root: pathlib.Path) -> str:
    """Write site_dir/pagefind/ from the built pages; Pagefind's report, or SearchIndexError.

    The folder is the index's alone: whatever an earlier build left there goes first (the checker
    refuses any file under docs/ that would publish there, static_rules.BUILD_OUTPUT).
    """
    shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
    result = subprocess.run(
        [str(pagefind_binary(root)), "--site", str(site_dir), "--silent"],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
        env={**os.environ, "PAGEFIND_SITE": str(site_dir)},
    )
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"Pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")
    return result.stdout


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m mkdocs_debate.search_index SITE_DIR", file=sys.stderr)
        return 2
    try:
        index_site(pathlib.Path(args[0]).resolve(), pathlib.Path.cwd())
    except SearchIndexError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
