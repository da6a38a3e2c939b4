"""The site built by Zensical equals the MkDocs build, but for documented differences.

Zensical reads mkdocs.yml and runs our Markdown extension, but drops MkDocs
plugins it does not know (our ``debate`` plugin) and re-implements the others. This test builds
the real site with both (MkDocs: the shared ``built_site`` fixture; Zensical:
tools/build_zensical.py in .venv-zensical, installed here from
requirements-zensical.txt if missing) and compares: the published files, each
page's head metadata and rendered content, glossary and claim anchors, glossary
cross-links, tags, the JSON exports, the feeds and the sitemap.

Every expected difference is in KNOWN_DIFFERENCES with its reason. Any other
difference fails, and so does a known difference that no longer occurs (so the
list stays true; README.md, "Building with Zensical", summarises it).

The Zensical build's search is also tested in Chromium (test_browser.py's browser
and server): the header box, its shortcuts and a ?q= link answer from Pagefind, as
on the MkDocs build, and Zensical's own search index is never fetched.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import json
import os
import pathlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from test_browser import CHROMIUM, browser, serve  # noqa: F401 - fixtures reused by name

ZENSICAL_VENV = ROOT / ".venv-zensical"
ZENSICAL_PYTHON = ZENSICAL_VENV / "bin" / "python"
ZENSICAL_LOCK = ROOT / "requirements-zensical.txt"
ZENSICAL_MARKER = ZENSICAL_VENV / ".installed"  # the same marker as `make build-zensical`

# Theme furniture inside the article that differs by design, not content:
# edit/view buttons (other icon set), Zensical's skip anchor, the tag list
# (compared on its own below).
CHROME = "a.md-content__button, a#__skip, nav.md-tags"
THEME_ASSETS = ("/assets/javascripts/", "/assets/stylesheets/")  # the theme's own files
HEAD_LINK_RELS_SKIPPED = {"stylesheet", "preload", "modulepreload", "preconnect"}
FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml")
EXPORTS = (
    "glossary.json",
    "models.json",
    "models.csv",
    "timeline.json",
    "claims.json",
    "definitions.json",
    "verdicts.json",
)

# Glob pattern over a difference's key -> why it is expected. Keys look like
# "<check> only in <builder>: <where>: <what>" or "<check> differs: <where>".
KNOWN_DIFFERENCES = {
    # Files
    "file only in mkdocs: assets/javascripts/*": "Material's theme scripts (hashed bundle, source maps, lunr search); Zensical ships its own",
    "file only in zensical: assets/javascripts/*": "Zensical's theme scripts (hashed bundle, search worker, licence file)",
    "file only in mkdocs: assets/stylesheets/*": "Material's theme stylesheets; Zensical ships its own",
    "file only in zensical: assets/stylesheets/*": "Zensical's theme stylesheets (classic and modern variants)",
    "file only in zensical: search.json": "Zensical's search index (search-pagefind.js never fetches it); the MkDocs build writes no lunr index",
    "file only in mkdocs: sitemap.xml.gz": "MkDocs also writes a gzipped sitemap; Zensical writes sitemap.xml only (same URLs, checked)",
    "file only in zensical: redirect.json": "Zensical's redirects plugin writes its redirect map (empty: redirect_maps is {})",
    # Head metadata
    "feed only in mkdocs: feed_rss_*.xml: channel image=https://*": "the feed's image is set from site_url by on_config of the debate plugin; "
    "Zensical drops hooks",
    "feed only in zensical: feed_rss_*.xml: channel image=": "(the same difference, seen from Zensical's side: its feeds have no image)",
    "feed only in mkdocs: feed_rss_*.xml: item * enclosure=*/assets/images/social/*": "the MkDocs RSS plugin attaches each page's social card to its item; Zensical 0.0.73 "
    "ignores use_material_social_cards, so items have no image",
    # Rendered content
    "tags only in zensical: *": "Zensical shows a page's front-matter tags above its content although mkdocs.yml enables "
    "no tags plugin; the MkDocs build shows none",
}


# -----------------------------------------------------------------------------
# Building
# -----------------------------------------------------------------------------


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        pytest.fail(
            f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
            + result.stdout
            + result.stderr
        )


def ensure_zensical_venv() -> pathlib.Path:
    """.venv-zensical with requirements-zensical.txt installed (by hash); its python."""
    if (
        ZENSICAL_PYTHON.exists()
        and ZENSICAL_MARKER.exists()
        and ZENSICAL_MARKER.stat().st_mtime
        >= max(ZENSICAL_LOCK.stat().st_mtime, (ROOT / "pyproject.toml").stat().st_mtime)
    ):
        return ZENSICAL_PYTHON
    if not ZENSICAL_PYTHON.exists():
        _run(
            [shutil.which("python3") or sys.executable, "-m", "venv", str(ZENSICAL_VENV)],
            "creating .venv-zensical",
        )
    _run(
        [
            str(ZENSICAL_PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "-r",
            str(ZENSICAL_LOCK),
        ],
        "installing requirements-zensical.txt",
    )
    # The engine itself, as `make build-zensical` installs it: a second step, without dependencies.
    _run(
        [
            str(ZENSICAL_PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "-e",
            str(ROOT),
        ],
        "installing the engine into .venv-zensical",
    )
    ZENSICAL_MARKER.touch()
    return ZENSICAL_PYTHON


def zensical_build(out: pathlib.Path) -> subprocess.CompletedProcess:
    """tools/build_zensical.py into out, with the Zensical environment's Python."""
    python = ensure_zensical_venv()
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    return subprocess.run(
        [str(python), str(ROOT / "tools" / "build_zensical.py"), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> pathlib.Path:
    """The real site built by Zensical, once per test session."""
    out = tmp_path_factory.mktemp("zensical") / "site"
    result = zensical_build(out)
    if result.returncode != 0:
        pytest.fail("Zensical build failed:\n" + result.stdout + result.stderr)
    return out


# -----------------------------------------------------------------------------
# What is compared
# -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Difference:
    key: str  # matched against KNOWN_DIFFERENCES
    detail: str = ""  # shown on failure


@dataclasses.dataclass
class Facts:
    """Everything compared about one built site."""

    files: set[str]
    head: set[tuple[str, str]]  # (page, feature)
    content: dict[str, str]  # page -> article HTML without theme chrome
    tags: set[tuple[str, str]]  # (page, tag)
    glossary_anchors: set[str]
    claim_anchors: set[tuple[str, str]]  # (page, id)
    cross_links: set[tuple[str, str, str]]  # (page, term id, href)
    exports: dict[str, object]
    feeds: set[tuple[str, str]]  # (feed, fact)
    sitemap: set[str]


def _resolve(page: str, url: str) -> str:
    """A link as a site path: the builders spell relative links differently
    (MkDocs ``./#term`` or ``essays/``, Zensical ``../glossary/#term`` or
    ``./essays/`` for the same targets), so links are compared resolved."""
    if not url or url.startswith(("#", "data:", "mailto:")) or "://" in url or url.startswith("//"):
        return url
    return urljoin("/" + page.rsplit("/", 1)[0] + "/" if "/" in page else "/", url)


def _normalise_links(page: str, element) -> None:
    for tag in element.find_all(href=True):
        tag["href"] = _resolve(page, tag["href"])
    for tag in element.find_all(src=True):
        tag["src"] = _resolve(page, tag["src"])


def _is_theme_asset(path: str) -> bool:
    """Theme scripts and stylesheets (the 404 page links them from the site root)."""
    return any(folder in path for folder in THEME_ASSETS)


def _is_essay_or_summary(page: str) -> bool:
    parts = page.split("/")
    return len(parts) == 3 and parts[0] in ("essays", "discussions")


def _head_features(page: str, soup: BeautifulSoup) -> set[str]:
    features = set()
    head = soup.head or soup
    title = head.find("title")
    if title is not None:
        features.add(f"title={title.get_text()}")
    for meta in head.find_all("meta"):
        for key in ("name", "property", "http-equiv"):
            if meta.get(key):
                if key == "http-equiv" and meta[key].lower() == "content-security-policy":
                    # The policy's hashes follow the theme's inline scripts: presence only.
                    features.add(f"meta http-equiv={meta[key]}")
                else:
                    features.add(f"meta {key}={meta[key]} content={meta.get('content', '')}")
    for link in head.find_all("link"):
        rel = " ".join(link.get("rel") or [])
        href = _resolve(page, link.get("href", ""))
        if rel in HEAD_LINK_RELS_SKIPPED and _is_theme_asset(href):
            continue  # theme stylesheets (extra_css is compared)
        kind = f" type={link['type']}" if link.get("type") else ""
        features.add(f"link rel={rel}{kind} href={href}")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            features.add(
                "json-ld=" + json.dumps(json.loads(script.string or "null"), sort_keys=True)
            )
        elif script.get("src") and not _is_theme_asset(_resolve(page, script["src"])):
            features.add(f"script src={_resolve(page, script['src'])}")  # extra_javascript
    return features


def _feed_facts(path: pathlib.Path) -> set[tuple[str, str]]:
    """(feed, fact): each item's title, description and enclosure, and the feed's image.
    Dates are left out: an item without ``updated`` is dated by the build."""
    channel = ET.parse(path).getroot().find("channel")
    facts = {(path.name, f"channel image={channel.findtext('image/url', '')}")}
    for item in channel.iter("item"):
        link = item.findtext("link", "")
        facts.add((path.name, f"item {link} title={item.findtext('title', '')}"))
        facts.add(
            (path.name, f"item {link} description={item.findtext('description', '').strip()}")
        )
        facts.add(
            (
                path.name,
                f"item {link} categories={sorted(c.text or '' for c in item.iter('category'))}",
            )
        )
        enclosure = item.find("enclosure")
        if enclosure is not None:
            facts.add((path.name, f"item {link} enclosure={enclosure.get('url')}"))
    return facts


def collect(site: pathlib.Path) -> Facts:
    """Read what is compared from a built site folder."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    facts = Facts(files, set(), {}, set(), set(), set(), set(), {}, set(), set())
    for page in sorted(f for f in files if f.endswith(".html")):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        facts.head |= {(page, feature) for feature in _head_features(page, soup)}
        article = soup.select_one("article.md-content__inner")
        if article is None:
            facts.content[page] = "<no article>"
            continue
        facts.tags |= {
            (page, tag.get_text(" ", strip=True)) for tag in article.select("nav.md-tags .md-tag")
        }
        for element in article.select(CHROME):
            element.decompose()
        for element in article.select('script[type="application/ld+json"]'):
            # The MkDocs plugin lifts JSON-LD into the head (Zensical drops the plugin); both
            # builds' JSON-LD is compared wherever it sits, as json-ld= features of the page.
            element.decompose()
        for element in article.select("[data-search-exclude]"):
            # Zensical drops the attribute from the page (its search reads it, as Material's does).
            del element["data-search-exclude"]
        _normalise_links(page, article)
        facts.content[page] = article.prettify()
        if page == "glossary/index.html":
            facts.glossary_anchors = {e["id"] for e in article.find_all(id=True)}
        if _is_essay_or_summary(page):
            facts.claim_anchors |= {
                (page, e["id"]) for e in article.find_all(id=True) if e["id"].startswith("claim-")
            }
        facts.cross_links |= {
            (page, a["data-term"], a.get("href", ""))
            for a in article.select("a.glossary-term[data-term]")
        }
        facts.cross_links |= {
            (page, f"model:{a['data-model']}", a.get("href", ""))
            for a in article.select("a.model-ref[data-model]")
        }
    for name in EXPORTS:
        if (site / name).exists():
            text = (site / name).read_text(encoding="utf-8")
            facts.exports[name] = json.loads(text) if name.endswith(".json") else text
    for name in FEEDS:
        if (site / name).exists():
            facts.feeds |= _feed_facts(site / name)
    if (site / "sitemap.xml").exists():
        facts.sitemap = {
            e.text.strip()
            for e in ET.parse(site / "sitemap.xml").getroot().iter()
            if e.tag.endswith("loc") and e.text
        }
    return facts


def _one_sided(check: str, mkdocs: set, zensical: set, show=str) -> list[Difference]:
    return [Difference(f"{check} only in mkdocs: {show(x)}") for x in sorted(mkdocs - zensical)] + [
        Difference(f"{check} only in zensical: {show(x)}") for x in sorted(zensical - mkdocs)
    ]


def differences(mkdocs_site: pathlib.Path, zensical_site: pathlib.Path) -> list[Difference]:
    """Every difference between the two builds, known or not."""
    a, b = collect(mkdocs_site), collect(zensical_site)
    found = _one_sided("file", a.files, b.files)
    found += _one_sided("head", a.head, b.head, lambda x: f"{x[0]}: {x[1]}")
    found += _one_sided("tags", a.tags, b.tags, lambda x: f"{x[0]}: {x[1]}")
    found += _one_sided("glossary anchor", a.glossary_anchors, b.glossary_anchors)
    found += _one_sided(
        "claim anchor", a.claim_anchors, b.claim_anchors, lambda x: f"{x[0]}: #{x[1]}"
    )
    found += _one_sided(
        "cross-link", a.cross_links, b.cross_links, lambda x: f"{x[0]}: {x[1]} -> {x[2]}"
    )
    found += _one_sided("feed", a.feeds, b.feeds, lambda x: f"{x[0]}: {x[1]}")
    found += _one_sided("sitemap url", a.sitemap, b.sitemap)
    for page in sorted(set(a.content) & set(b.content)):
        if a.content[page] != b.content[page]:
            diff = difflib.unified_diff(
                a.content[page].splitlines(),
                b.content[page].splitlines(),
                "mkdocs",
                "zensical",
                lineterm="",
                n=1,
            )
            found.append(Difference(f"content differs: {page}", "\n".join(list(diff)[:40])))
    for name in EXPORTS:
        if a.exports.get(name) != b.exports.get(name):
            found.append(Difference(f"export differs: {name}"))
    return found


def unexplained(found: list[Difference]) -> tuple[list[Difference], list[str]]:
    """(differences no known pattern explains, known patterns that matched nothing)."""
    unknown = [
        d for d in found if not any(fnmatch.fnmatchcase(d.key, p) for p in KNOWN_DIFFERENCES)
    ]
    stale = [p for p in KNOWN_DIFFERENCES if not any(fnmatch.fnmatchcase(d.key, p) for d in found)]
    return unknown, stale


def report(unknown: list[Difference], stale: list[str]) -> str:
    lines = [f"{len(unknown)} unexplained difference(s) between the MkDocs and Zensical builds:"]
    for difference in unknown[:60]:
        lines.append("  " + difference.key)
        lines += ["      " + line for line in difference.detail.splitlines()]
    if len(unknown) > 60:
        lines.append(f"  ... and {len(unknown) - 60} more")
    if stale:
        lines.append("Known differences that no longer occur (remove them from KNOWN_DIFFERENCES):")
        lines += ["  " + pattern for pattern in stale]
    return "\n".join(lines)


# -----------------------------------------------------------------------------
# Tests
# -----------------------------------------------------------------------------


def test_zensical_build_matches_mkdocs(built_site, zensical_site):
    facts = collect(built_site)
    # The comparison proves nothing on an empty site: what it compares must exist.
    assert any(_is_essay_or_summary(p) for p in facts.content), "no essay or summary was built"
    assert facts.glossary_anchors, "the MkDocs glossary page has no anchors"
    assert facts.claim_anchors, "no essay or summary has a claim anchor"
    assert facts.cross_links, "no page has a glossary cross-link"
    assert set(EXPORTS) <= set(facts.exports), "an export is missing: " + ", ".join(
        sorted(set(EXPORTS) - set(facts.exports))
    )
    # The pages of competing definitions and verdicts come from the extension: both builds must have them.
    assert {
        "is-it-open/index.html",
        "definitions/index.html",
        "definitions/open-source-ai/index.html",
    } <= set(facts.content)
    unknown, stale = unexplained(differences(built_site, zensical_site))
    assert not unknown and not stale, report(unknown, stale)


def test_comparison_catches_a_link_dropped_in_one_build(built_site, zensical_site, tmp_path):
    """Drop one cross-link from a copy of the Zensical build: the comparison must fail on it."""
    altered = tmp_path / "zensical"
    shutil.copytree(zensical_site, altered)
    for page in sorted(altered.rglob("*.html")):
        rel = page.relative_to(altered).as_posix()
        if not _is_essay_or_summary(rel):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("article a.glossary-term[data-term]")
        if link is not None:
            break
    else:
        pytest.fail("no essay or summary has a glossary cross-link to drop")
    term, href = link["data-term"], _resolve(rel, link["href"])
    link.replace_with(link.get_text())
    page.write_text(str(soup), encoding="utf-8")

    unknown, _stale = unexplained(differences(built_site, altered))
    keys = [d.key for d in unknown]
    assert f"cross-link only in mkdocs: {rel}: {term} -> {href}" in keys, report(unknown, [])
    assert f"content differs: {rel}" in keys


# -----------------------------------------------------------------------------
# Search in the Zensical build, in Chromium
# -----------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)


@pytest.fixture(scope="module")
def zensical_url(zensical_site):
    with serve(zensical_site) as url:
        yield url


def _search_requests(page) -> dict[str, list[str]]:
    """Requests for Pagefind's files and for Zensical's own search index and worker."""
    found: dict[str, list[str]] = {"pagefind": [], "zensical": []}

    def seen(url: str) -> None:
        path = url.split("?", 1)[0]
        if "/pagefind/" in path:
            found["pagefind"].append(path)
        elif path.endswith("/search.json") or "/workers/search." in path:
            found["zensical"].append(path)

    page.on("request", lambda r: seen(r.url))
    return found


@needs_chromium
@pytest.mark.parametrize(
    "start", ["type in the header box", "press the / shortcut", "press the s shortcut"]
)
def test_zensical_header_search_answers_from_pagefind(browser, zensical_url, start):  # noqa: F811
    """Zensical's bundle would open its own dialog (over its search.json) instead of the header box."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requested = _search_requests(page)
    page.goto(zensical_url + "essays/free-as-in-what/", wait_until="networkidle")
    query = page.locator("input[data-md-component='search-query']")
    if start.startswith("press"):
        page.keyboard.press(start.split()[2])
    else:
        query.click()
    page.keyboard.type("gratis", delay=30)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    assert query.input_value() == "gratis"
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    assert any("ratis" in t for t in titles), titles
    assert any(u.endswith("/pagefind/pagefind.js") for u in requested["pagefind"]), requested
    assert requested["zensical"] == [], "Zensical's own search index or worker was fetched"
    context.close()


@needs_chromium
def test_zensical_search_link_opens_the_header_box_with_pagefind_results(browser, zensical_url):  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    requested = _search_requests(page)
    page.goto(zensical_url + "?q=gratis", wait_until="networkidle")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    assert page.locator("input[data-md-component='search-query']").input_value() == "gratis"
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    assert any("/glossary/" in h for h in hrefs), hrefs
    assert requested["zensical"] == [], "Zensical's own search index or worker was fetched"
    context.close()
