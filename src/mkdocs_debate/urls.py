"""Published URLs and permanent anchors: what a built site serves, and what it stopped serving.

``tests/url-manifest.txt`` lists one entry per line: a page path
(``essays/x/``) or a page path with an anchor (``glossary/#open-weights``).
Anchors recorded are glossary terms, claim paragraphs, models, timeline
events, the section headings of essays, summaries and claims, every verdict
(``is-it-open/#v-<term>--<definition>--<model>``, and on a model's page
``models/<id>/#v-<term>--<definition>``), a model page's cells and each entry of the
disagreement ledger (``disagreements/#d-<model>--<dimension>``). An entry is
kept when the built site still has it, or when a redirect (mkdocs-redirects)
leads from the old page to a page that has the anchor. The plugin fails a
build that loses one; ``debate-manifest`` records new ones.
"""

from __future__ import annotations

import pathlib
import re

MANIFEST = pathlib.Path("tests") / "url-manifest.txt"  # relative to the folder of mkdocs.yml
ID = re.compile(r"""\sid="([^"]+)\"""")
HEADING_ID = re.compile(r"""<h[23][^>]*\sid="([^"]+)\"""")
REDIRECT = re.compile(r"""<meta http-equiv="refresh" content="0; url=([^"]+)">""")
ANCHORED_SECTIONS = ("essays/", "discussions/", "claims/", "definitions/")
DEFINITION_TAG = re.compile(r"<[a-z]+\s[^>]*\bdata-definition=[^>]*>")
ROW_ID = re.compile(r"""<tr\b[^>]*\sid="([^"]+)\"""")  # a row's id may follow other attributes
CLAUSE_ID = re.compile(r'<h3[^>]*\sid="([^"]+)"')
VERDICT_ID = re.compile(r'\sid="(v-[^"]+)"')  # a verdict: v-<term>--<definition>[--<model>]
HEADER_CELL_ID = re.compile(r'<th\b[^>]*\sid="([^"]+)"')  # a term's columns on "Is it open?"
PAIR_ID = re.compile(
    r'\sid="([a-z0-9-]+--[a-z0-9-]+)"'
)  # <term>--<model>, v-<term>--<definition>--<model>
MODEL_CELL_ID = re.compile(
    r'\sid="(cell-[^"]+)"'
)  # a model page's cell, the evidence a verdict links
# an entry of the disagreement ledger: d-<model>--<dimension> or d-<model>--<term>--<definition>
LEDGER_ID = re.compile(r'\sid="(d-[a-z0-9-]+--[a-z0-9-]+)"')
CELL_ID = re.compile(
    r"""<t[dh]\b[^>]*\sid="([^"]+)\""""
)  # a family's comparison: versions and cells


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
            entries |= {
                f"{path}#{i}" for tag in DEFINITION_TAG.findall(html) for i in ID.findall(tag)
            }
        elif path == "timeline/":
            entries |= {
                f"{path}#{i}"
                for i in re.findall(r'<div class="timeline-event[^"]*" id="([^"]+)"', html)
            }
        elif path == "is-it-open/":
            entries |= {
                f"{path}#{i}"
                for i in HEADING_ID.findall(html)
                + HEADER_CELL_ID.findall(html)
                + PAIR_ID.findall(html)
            }
        elif (
            path.startswith("models/") and path != "models/"
        ):  # a model's page: its verdicts and cells
            entries |= {
                f"{path}#{i}" for i in VERDICT_ID.findall(html) + MODEL_CELL_ID.findall(html)
            }
        elif path.startswith("licences/"):
            entries |= {
                f"{path}#{i}"
                for i in CLAUSE_ID.findall(html) + ROW_ID.findall(html) + CELL_ID.findall(html)
            }
        elif path == "models/":
            entries |= {f"{path}#{i}" for i in ROW_ID.findall(html)}
        elif path == "disagreements/":  # the ledger: one anchor per disagreement
            entries |= {f"{path}#{i}" for i in LEDGER_ID.findall(html)}
        elif path == "claims/":  # the claims index: a heading per theme of docs/_data/themes.yml
            entries |= {f"{path}#{i}" for i in HEADING_ID.findall(html)}
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
    return {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def write_manifest(entries: set[str], path: pathlib.Path) -> None:
    header = (
        "# Every published URL and permanent anchor (never-404 promise).\n"
        "# Add with `make manifest`; remove a line only with a redirect or an alias.\n"
    )
    body = "\n".join("/" + e if not e.startswith("/") else e for e in sorted(entries))
    path.write_text(header + body + "\n", encoding="utf-8")


def normalise(entries: set[str]) -> set[str]:
    """Manifest lines are written with a leading '/'; compare without it."""
    return {e.lstrip("/") for e in entries}


def redirect_advice(missing: list[str]) -> str:
    """What to write in mkdocs.yml so that lost entries are served again."""
    pages = sorted({entry.split("#")[0] for entry in missing if "page is gone" in entry})
    lines = [
        "Published URLs and anchors are promises (tests/url-manifest.txt); this build breaks some:",
        *(f"  {entry}" for entry in missing),
    ]
    if pages:
        lines += [
            "Keep each moved page reachable: in mkdocs.yml, under plugins › redirects › redirect_maps, add",
            *(f"    '{(p.rstrip('/') or 'index') + '.md'}': 'NEW/PATH.md'" for p in pages),
        ]
    if any("anchor" in entry for entry in missing):
        lines += [
            "Keep each renamed anchor: give the element its old id too (glossary: old_ids; headings: {#old-id})."
        ]
    return "\n".join(lines)
