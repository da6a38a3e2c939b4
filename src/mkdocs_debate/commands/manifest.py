"""debate-manifest: the never-404 manifest, every published URL and permanent anchor.

Usage: debate-manifest --update   (build, then add new entries)
       debate-manifest --check    (build, then list lost entries)

``tests/url-manifest.txt`` lists one entry per line: a page path
(``essays/x/``) or a page path with an anchor (``glossary/#open-weights``).
Anchors recorded are glossary terms, claim paragraphs, models, the section
headings of essays, summaries and claims, licence clauses and the rows of a
licence family's comparison. ``--update`` only adds lines, so new
pages show up in review and a removal is always a deliberate edit.

An entry is kept when the built site still has it, or when a redirect (from
mkdocs-redirects) leads from the old page to a page that has the anchor.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

MANIFEST = pathlib.Path("tests") / "url-manifest.txt"  # relative to the folder of mkdocs.yml
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
ID = re.compile(r"""\sid="([^"]+)\"""")
HEADING_ID = re.compile(r"""<h[23][^>]*\sid="([^"]+)\"""")
REDIRECT = re.compile(r"""<meta http-equiv="refresh" content="0; url=([^"]+)">""")
ANCHORED_SECTIONS = ("essays/", "discussions/", "claims/")
CLAUSE_ID = re.compile(r'<h3[^>]*\sid="([^"]+)"')
ROW_ID = re.compile(r'<tr id="([^"]+)"')


def page_path(html_file: pathlib.Path, site: pathlib.Path) -> str:
    """'essays/x/index.html' -> 'essays/x/'; 'index.html' -> ''."""
    rel = html_file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def published(site: pathlib.Path) -> set[str]:
    """Every page path and permanent anchor of a built site."""
    entries: set[str] = set()
    for html_file in site.rglob("*.html"):
        path = page_path(html_file, site)
        html = html_file.read_text(encoding="utf-8")
        if path == "404.html" or REDIRECT.search(html):
            continue
        entries.add(path)
        if path == "glossary/":
            entries |= {f"{path}#{i}" for i in ID.findall(html) if _term_anchor(html, i)}
        elif path == "models/":
            entries |= {f"{path}#{i}" for i in ROW_ID.findall(html)}
        elif path.startswith("licences/"):
            entries |= {f"{path}#{i}" for i in CLAUSE_ID.findall(html) + ROW_ID.findall(html)}
        if path.startswith(ANCHORED_SECTIONS) or path == "glossary/":
            entries |= {f"{path}#{i}" for i in ID.findall(html) if i.startswith("claim-")}
        if path.startswith(ANCHORED_SECTIONS) and path not in ANCHORED_SECTIONS:
            entries |= {f"{path}#{i}" for i in HEADING_ID.findall(html)}
    return entries


def _term_anchor(html: str, anchor: str) -> bool:
    return f'data-term="{anchor}"' in html or f'<span id="{anchor}"></span>' in html


def lost(manifest: set[str], site: pathlib.Path) -> list[str]:
    """Manifest entries the built site no longer serves, even through a redirect."""
    missing = []
    for entry in sorted(manifest):
        path, _, anchor = entry.partition("#")
        target = _resolve(site, path)
        if target is None:
            missing.append(f"{entry}: page is gone and no redirect covers it")
        elif anchor and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
            missing.append(f"{entry}: anchor #{anchor} is gone (keep it as an alias id)")
    return missing


def _resolve(site: pathlib.Path, path: str, hops: int = 5) -> pathlib.Path | None:
    """The HTML file serving path, following mkdocs-redirects stubs."""
    html_file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
    if not html_file.exists():
        return None
    redirect = REDIRECT.search(html_file.read_text(encoding="utf-8"))
    if redirect and hops:
        target = (html_file.parent / redirect.group(1).split("#")[0]).resolve()
        try:
            rel = target.relative_to(site.resolve()).as_posix()
        except ValueError:
            return None
        rel = rel + "/" if target.is_dir() else rel
        return _resolve(site, "" if rel in ("./", "/") else rel, hops - 1)
    return html_file


def read_manifest(path: pathlib.Path) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def write_manifest(entries: set[str], path: pathlib.Path) -> None:
    header = ("# Every published URL and permanent anchor (never-404 promise).\n"
              "# Add with `make manifest`; remove a line only with a redirect or an alias.\n")
    body = "\n".join("/" + e if not e.startswith("/") else e for e in sorted(entries))
    path.write_text(header + body + "\n", encoding="utf-8")


def build(root: pathlib.Path, out: pathlib.Path) -> None:
    """A strict build of the site in root into out (never -q: it hides strict warnings)."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=root, env={**os.environ, **BUILD_ENV}, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit("build failed:\n" + result.stdout + result.stderr)


def normalise(entries: set[str]) -> set[str]:
    """Manifest lines are written with a leading '/'; compare without it."""
    return {e.lstrip("/") for e in entries}


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
