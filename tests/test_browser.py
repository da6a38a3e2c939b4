"""What a reader sees, tested where they see it: Debian chromium driven by Playwright.

The site is built once, served on 127.0.0.1 on a free port, and every page is
loaded in a real browser: no console error, no request to another host, no
Content Security Policy violation, no serious accessibility violation (axe-core,
shipped from node_modules), no horizontal scrolling at 375 px. Interactions:
glossary tooltips, search, the palette toggle and deep links.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlparse

import pytest
from conftest import ROOT, copy_site, mkdocs_build
from playwright.sync_api import Browser, Page, sync_playwright

from mkdocs_debate.data.site import load_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SITE_PREFIX = "free-as-in-what"  # the path of site_url: GitHub Pages serves the site below it


@contextlib.contextmanager
def serve(directory: pathlib.Path):
    """Serve a built site on 127.0.0.1 under its real path; stop the server by its PID afterwards.

    The 404 page uses absolute links (from site_url), so the site is served below
    the same path as on GitHub Pages rather than at the server's root.
    """
    port = _free_port()
    root = pathlib.Path(tempfile.mkdtemp())
    (root / SITE_PREFIX).symlink_to(directory.resolve())
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(root),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), timeout=0.1),
            ):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/{SITE_PREFIX}/"
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        shutil.rmtree(root)


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


# Generated families: many pages from one template and one data record each (a glossary term's
# page, its complete "used in" list, a claim's complete list of places). Every page of every other
# kind is loaded; of these, a sample (SAMPLE_PER_FAMILY: the first, the last and the largest).
GENERATED_FAMILIES = ("glossary/used-in/", "glossary/", "archive/claims/")
SAMPLE_PER_FAMILY = 4


def _family(path: str) -> str | None:
    """The generated family a page belongs to (the first that matches), or None."""
    return next((f for f in GENERATED_FAMILIES if path.startswith(f) and path != f), None)


def page_paths(site: pathlib.Path, *, every: bool = False) -> list[str]:
    """URL paths of the HTML pages of a built site (not redirects), generated families sampled."""
    paths, families = [], {family: [] for family in GENERATED_FAMILIES}
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site).as_posix()
        if 'http-equiv="refresh"' in html_file.read_text(encoding="utf-8")[:2000]:
            continue
        path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        family = _family(path)
        if family is None or every:
            paths.append(path)
        else:
            families[family].append((html_file.stat().st_size, path))
    for members in families.values():
        by_size = sorted(members, reverse=True)
        chosen = {p for _s, p in [*members[:1], *members[-1:], *by_size[: SAMPLE_PER_FAMILY - 2]]}
        paths.extend(sorted(chosen))
    return paths


def test_the_sample_keeps_every_page_of_other_kinds_and_some_of_each_family(built_site):
    every, sampled = page_paths(built_site, every=True), page_paths(built_site)
    for family in GENERATED_FAMILIES:
        members = [p for p in every if _family(p) == family]
        taken = [p for p in sampled if _family(p) == family]
        assert len(members) > SAMPLE_PER_FAMILY and 1 <= len(taken) <= SAMPLE_PER_FAMILY, family
    assert {p for p in every if _family(p) is None} <= set(sampled)


class PageReport:
    """What one page load did: console errors, foreign requests, CSP violations."""

    def __init__(self, page: Page, allowed_host: str):
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self._request(r.url, allowed_host))

    def _request(self, url: str, allowed_host: str) -> None:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            return
        if parsed.hostname != allowed_host:
            self.foreign.append(url)


def load(browser: Browser, url: str, **context_options) -> tuple[Page, PageReport]:
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.add_init_script(CSP_PROBE)
    report = PageReport(page, "127.0.0.1")
    page.goto(url, wait_until="networkidle")
    return page, report


def check_pages(browser: Browser, base: str, paths: list[str]) -> dict[str, list[str]]:
    """Load each page; return the problems found per page (console, hosts, CSP)."""
    problems: dict[str, list[str]] = {}
    context = browser.new_context()
    for path in paths:
        page = context.new_page()
        page.add_init_script(CSP_PROBE)
        report = PageReport(page, "127.0.0.1")
        page.goto(base + path, wait_until="networkidle")
        found = [f"console: {e}" for e in report.errors]
        found += [f"request to another host: {u}" for u in report.foreign]
        found += [f"CSP violation: {v}" for v in page.evaluate("window.__cspViolations")]
        if found:
            problems[path] = found
        page.close()
    context.close()
    return problems


def axe_violations(
    browser: Browser, base: str, paths: list[str], **context_options
) -> tuple[dict[str, list[str]], int]:
    """Run axe-core on each page: (blocking violations per page, count of all violations)."""
    blocking: dict[str, list[str]] = {}
    total = 0
    context = browser.new_context(
        bypass_csp=True, **context_options
    )  # axe is injected as an inline script
    for path in paths:
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            "async () => (await axe.run(document)).violations.map("
            "v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
            " target: v.nodes[0].target.join(' ')}))"
        )
        total += sum(v["nodes"] for v in results)
        bad = [
            f"{v['id']} ({v['impact']}, {v['nodes']} nodes, e.g. {v['target']})"
            for v in results
            if v["impact"] in BLOCKING_IMPACTS
        ]
        if bad:
            blocking[path] = bad
        page.close()
    context.close()
    return blocking, total


# -----------------------------------------------------------------------------
# Every page
# -----------------------------------------------------------------------------


def test_every_page_loads_cleanly(browser, base_url, built_site):
    paths = page_paths(built_site)
    assert len(paths) > 20
    problems = check_pages(browser, base_url, paths)
    assert not problems, "\n".join(f"{p}: {m}" for p, ms in problems.items() for m in ms)


def test_accessibility_axe(browser, base_url, built_site):
    blocking, total = axe_violations(browser, base_url, page_paths(built_site))
    print(
        f"\naxe-core: {total} violation nodes in all (any impact); "
        f"{sum(len(v) for v in blocking.values())} serious or critical rules"
    )
    assert not blocking, "\n".join(f"{p}: {m}" for p, ms in blocking.items() for m in ms)


ONE_OF_EACH_KIND = [
    "",
    "essays/free-as-in-what/",
    "discussions/zuckerberg-on-the-dwarkesh-podcast/",
    "claims/guardrails-can-be-fine-tuned-away/",
    "claims/",
    "glossary/",
    "models/",
    "models/olmo-3/",
    "licences/llama-compare/",
    "definitions/open-source-ai/",
    "is-it-open/",
    "timeline/",
    "404.html",
]


@pytest.mark.parametrize("width", [375, 1280])
def test_accessibility_axe_in_the_dark_scheme(browser, base_url, width):
    """One page of each kind in the dark scheme, on a phone and a desktop (the run above is light)."""
    blocking, _ = axe_violations(
        browser,
        base_url,
        ONE_OF_EACH_KIND,
        color_scheme="dark",
        viewport={"width": width, "height": 900},
    )
    assert not blocking, "\n".join(f"{p}: {m}" for p, ms in blocking.items() for m in ms)


def test_no_horizontal_scroll_at_375px(browser, base_url, built_site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    wide = []
    for path in page_paths(built_site):
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            wide.append(f"{path}: {overflow}px too wide")
        page.close()
    context.close()
    assert not wide, "\n".join(wide)


# -----------------------------------------------------------------------------
# Interactions
# -----------------------------------------------------------------------------


def test_glossary_tooltip_and_click(browser, base_url):
    page, _ = load(browser, base_url + "essays/model-available-is-not-open-source/")
    term = page.locator("article a.glossary-term").first
    term_id, short = term.get_attribute("data-term"), term.get_attribute("data-tip")
    tooltip = "el => getComputedStyle(el, '::after').content"
    assert term.evaluate(tooltip) == "none"  # hidden until hovered
    term.scroll_into_view_if_needed()
    term.hover()
    assert term.evaluate(tooltip) == f'"{short}"' and len(short) > 10
    box = term.evaluate(
        "el => { const s = getComputedStyle(el, '::after');"
        " return [s.position, s.width, s.visibility]; }"
    )
    assert box[0] == "fixed" and box[2] == "visible" and float(box[1].rstrip("px")) > 50
    term.click()
    page.wait_for_url(re.compile(rf"/glossary/#{term_id}$"))
    page.wait_for_timeout(300)
    assert _in_view(page, f"#{term_id}")


def test_search_finds_gratis_in_glossary_and_essays(browser, base_url):
    page, _ = load(browser, base_url)
    query = page.locator("input[data-md-component='search-query']")
    query.click()
    page.keyboard.type("gratis", delay=30)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10000)
    page.wait_for_timeout(500)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    assert any("glossary/" in h for h in hrefs), hrefs
    assert any("essays/" in h for h in hrefs), hrefs


def _index_requests(page: Page) -> dict[str, list[str]]:
    """Requests for Pagefind's files and for Material's lunr index, as the page makes them."""
    found: dict[str, list[str]] = {"pagefind": [], "lunr": []}
    page.on(
        "request",
        lambda r: (
            ("/pagefind/" in r.url and found["pagefind"].append(r.url))
            or ("search_index.json" in r.url and found["lunr"].append(r.url))
        ),
    )
    return found


@pytest.mark.parametrize(
    "start",
    [
        "click the search button",
        "press the / shortcut",
        "press the s shortcut",
        "focus the search box",
    ],
)
def test_search_loads_only_when_a_reader_starts_a_search(browser, base_url, start):
    """Nothing of the search index is fetched with the page; the header box then searches with Pagefind."""
    width = 375 if start == "click the search button" else 1280  # the button is the phone's way in
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    requested = _index_requests(page)
    page.goto(base_url + "essays/free-as-in-what/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert requested == {"pagefind": [], "lunr": []}, (
        "the search index was fetched before any search"
    )
    query = page.locator("input[data-md-component='search-query']")
    if start == "click the search button":
        page.locator("label.md-header__button[for='__search']").click()
    elif start.startswith("press"):
        page.keyboard.press(start.split()[2])
    else:
        query.focus()
    page.keyboard.type("gratis", delay=30)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    assert any("ratis" in t for t in titles), titles
    assert any(u.endswith("/pagefind/pagefind.js") for u in requested["pagefind"]), requested
    assert requested["lunr"] == [], "Material's whole-site lunr index was fetched"
    fetched = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('/pagefind/')).reduce((n, e) => n + e.transferSize, 0)"
    )
    assert 0 < fetched < 300_000, fetched  # the budget for a first search
    context.close()


def test_shared_search_link_opens_the_box_with_results(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    requested = _index_requests(page)
    page.goto(base_url + "?q=gratis", wait_until="networkidle")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    assert page.locator("input[data-md-component='search-query']").input_value() == "gratis"
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    assert any("/glossary/" in h for h in hrefs), hrefs
    assert requested["lunr"] == [], requested
    context.close()


def test_search_index_has_the_facets_as_filters(browser, base_url):
    """Kind, tag, claim theme and model organisation are Pagefind filters, counted from the pages."""
    site = load_site(str(ROOT / "docs"))
    page, _ = load(browser, base_url)
    filters = page.evaluate(
        "async () => { const pf = await import(new URL('pagefind/pagefind.js', "
        "document.baseURI).href); await pf.options({baseUrl: new URL(document.baseURI)"
        ".pathname}); return await pf.filters(); }"
    )
    assert filters["kind"]["Essay"] == len(site.content_pages("essays"))
    assert filters["kind"]["Claim"] == len(site.claims)
    assert filters["kind"]["Model"] == len(site.models_by_id)
    assert filters["kind"]["Glossary"] >= len(site.glossary)
    organisations = {
        " ".join(m.organisation.text.replace(",", " ").split()) for m in site.models_by_id.values()
    }
    assert set(filters["organisation"]) == organisations - {""}
    themes = {str(p.meta.get("theme")) for p in site.claims.values()}
    assert set(filters["theme"]) == themes
    assert filters["tag"]
    page.context.close()


def _chunks_fetched(browser, url: str) -> tuple[set[str], list[str]]:
    """The index chunks a ?q= search fetches, and the results it shows."""
    context = browser.new_context()
    page = context.new_page()
    requested = _index_requests(page)
    page.goto(url, wait_until="networkidle")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    page.wait_for_timeout(300)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    context.close()
    return {u for u in requested["pagefind"] if u.endswith(".pf_index")}, hrefs


def test_search_leaves_out_stop_words_but_not_from_a_quoted_phrase(browser, base_url):
    """A query's "the" would fetch the index chunk that grows with every page: it is left out
    (same chunks, same results as without it), unless the query is a quoted phrase."""
    plain, plain_hrefs = _chunks_fetched(browser, base_url + "?q=four+freedoms")
    with_the, the_hrefs = _chunks_fetched(browser, base_url + "?q=The+four+freedoms")
    quoted, _ = _chunks_fetched(browser, base_url + "?q=%22the+four+freedoms%22")
    assert plain and with_the == plain, (plain, with_the)
    assert the_hrefs == plain_hrefs
    assert quoted > plain, "a quoted phrase searches every word, the included"


def test_search_results_show_titles_as_text_and_marks_only(browser, base_url):
    """Titles and excerpts come from the index; only <mark> survives as markup."""
    page, _ = load(browser, base_url + "?q=open+weights")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    tags = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('.md-search-result__article p *')]"
        ".map(e => e.tagName))]"
    )
    assert tags == ["MARK"], tags


def test_glossary_anchor_serves_the_entry_and_links_the_term_page(browser, base_url):
    """/glossary/#term still lands on the term's short entry; its link opens the whole entry on
    /glossary/<term>/; a competing definition's old anchor is still in view on the index."""
    page, report = load(
        browser, base_url + "glossary/#gratis", viewport={"width": 375, "height": 800}
    )
    page.wait_for_timeout(300)
    assert _in_view(page, "#gratis")
    entry = page.locator(".glossary-entry[data-term=gratis]")
    assert entry.locator(".glossary-short").inner_text().strip()
    entry.locator("a[href$='/glossary/gratis/']").click()
    page.wait_for_url(re.compile(r"/glossary/gratis/$"))
    assert "free as in beer" in page.locator("article .glossary-term-page").inner_text().lower()
    definition = "open-source-ai--osaid-1-0"
    page.goto(base_url + "glossary/#" + definition)
    page.wait_for_timeout(300)
    assert page.locator(f"[id='{definition}']").is_visible()
    assert not report.errors
    page.context.close()


def test_palette_toggle_persists(browser, base_url):
    page, _ = load(browser, base_url, color_scheme="light")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_timeout(200)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.reload(wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


# The state Material's bundle gives <html> (class js, js-focus-visible and
# data-js-focus-visible) is set in the head by theme/base.js: a change to <html>
# once the body is parsed restyles every element of the page.
HTML_CHANGES = """
window.__htmlChanges = [];
new MutationObserver(records => {
  for (const r of records) {
    const now = r.target.getAttribute(r.attributeName);
    if (r.target === document.documentElement && document.body && r.oldValue !== now) {
      window.__htmlChanges.push(r.attributeName + ": " + r.oldValue + " -> " + now);
    }
  }
}).observe(document, {attributes: true, attributeOldValue: true, subtree: true});
"""


def test_html_element_is_not_changed_after_the_body_starts(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(HTML_CHANGES)
    page.goto(base_url + "is-it-open/", wait_until="networkidle")
    assert page.evaluate("Array.isArray(window.__htmlChanges)")
    classes = page.evaluate("document.documentElement.className").split()
    assert "js" in classes and "no-js" not in classes and "js-focus-visible" in classes
    assert page.evaluate("window.__htmlChanges") == []
    context.close()


def _in_view(page: Page, selector: str) -> bool:
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return r.top >= 0 && r.top < window.innerHeight; }""",
        selector,
    )


@pytest.mark.parametrize(
    "target",
    [
        "glossary/#open-weights",
        "glossary/#gratis",
        "claims/weights-are-compiled-binary/",
        "essays/model-available-is-not-open-source/#claim-weights-are-compiled-binary",
        "essays/free-as-in-what/#cite-this-page",
        "models/#olmo",
        "glossary/#open-source-ai--osaid-1-0",
        "definitions/open-source-ai/#osaid-1-0",
        "is-it-open/#open-source-ai--olmo",
    ],
)
def test_deep_links_land_in_view(browser, base_url, target):
    page, _ = load(browser, base_url + target)
    page.wait_for_timeout(300)
    if "#" in target:
        assert _in_view(page, "#" + target.split("#")[1].replace(".", r"\."))
    else:
        assert page.locator("h1").first.is_visible()


# -----------------------------------------------------------------------------
# Competing definitions and verdicts (issue 16)
# -----------------------------------------------------------------------------

DEFINITION_PAGES = [
    "glossary/",
    "definitions/",
    "definitions/open-source-ai/",
    "is-it-open/",
    "disagreements/",
]
PHONE = {"width": 375, "height": 800}


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "375px"]
)
def test_definitions_and_verdicts_pass_axe(browser, base_url, viewport):
    blocking, _total = axe_violations(browser, base_url, DEFINITION_PAGES, viewport=viewport)
    assert not blocking, "\n".join(f"{p}: {m}" for p, ms in blocking.items() for m in ms)


def test_verdict_grid_reads_as_cards_on_a_phone(browser, base_url):
    """A term page's grid: at 375 px each model is a card, each verdict labelled with its definition."""
    page, _ = load(browser, base_url + "definitions/open-source-ai/", viewport=PHONE)
    cell = page.locator("table.verdicts td.verdict").first
    label = cell.get_attribute("data-label")
    assert (
        cell.evaluate("el => getComputedStyle(el, '::before').content") == f'"{label}"'
        and len(label) > 5
    )
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    widths = page.evaluate("""() => [...document.querySelectorAll('table.verdicts tr')]
        .map(r => r.getBoundingClientRect().right)""")
    assert widths and max(widths) <= 375
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    desktop, _ = load(
        browser, base_url + "definitions/open-source-ai/", viewport={"width": 1280, "height": 900}
    )
    cell = desktop.locator("table.verdicts td.verdict").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "table-cell"
    assert cell.evaluate("el => getComputedStyle(el, '::before').content") == "none"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_is_it_open_answers_in_one_screen(browser, base_url, scheme):
    """Headline counts in the first screen; the whole grid at 1280 px without a sideways scroll; short pages."""
    desktop, report = load(
        browser,
        base_url + "is-it-open/",
        viewport={"width": 1280, "height": 800},
        color_scheme=scheme,
    )
    first = desktop.locator(".answer-line__count").first
    assert (
        re.fullmatch(r"\d+ of \d+ meet.*", first.inner_text()) and first.bounding_box()["y"] < 800
    )
    scroll = desktop.evaluate("""() => { const box = document.querySelector('.answer-grid .table-scroll');
        return box.scrollWidth - box.clientWidth; }""")
    assert scroll <= 0, f"the grid scrolls sideways by {scroll} px at 1280"
    assert desktop.evaluate("document.documentElement.scrollHeight") <= 8000
    # every cell is a coloured block whose colour differs by verdict; the symbol is there too
    colours = desktop.evaluate("""() => Object.fromEntries(['meets', 'fails'].map(o => [o,
        getComputedStyle(document.querySelector('td.v--' + o + ' a')).backgroundColor]))""")
    assert colours["meets"] != colours["fails"] and "rgba(0, 0, 0, 0)" not in colours.values()
    assert desktop.locator("td.v--fails a").first.inner_text().strip() == "✘"
    assert not report.errors
    phone, _ = load(browser, base_url + "is-it-open/", viewport=PHONE, color_scheme=scheme)
    assert phone.evaluate("document.documentElement.scrollHeight") <= 20000
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def test_a_verdict_link_lands_on_its_cell_and_opens_its_account(browser, base_url):
    """#v-<term>--<definition>--<model> is in view and marked; its link opens the model page's row."""
    anchor = "v-open-source-ai--osaid-1-0--llama-2"
    page, _ = load(
        browser, base_url + f"is-it-open/#{anchor}", viewport={"width": 1280, "height": 800}
    )
    page.wait_for_timeout(300)
    assert _in_view(page, "#" + anchor)
    outline = page.evaluate(f"getComputedStyle(document.querySelector('#{anchor} a')).outlineStyle")
    assert outline == "solid"
    tip = page.locator(f"#{anchor} a").get_attribute("data-tip")
    assert tip.startswith("Llama 2 under OSI Open Source AI Definition 1.0: fails")
    page.locator(f"#{anchor} a").hover()
    shown = page.evaluate(
        f"getComputedStyle(document.querySelector('#{anchor} a'), '::after').content"
    )
    assert shown == f'"{tip}"'  # the stylesheet shows the reason on hover, no script needed
    page.locator(f"#{anchor} a").click()
    page.wait_for_url("**/models/llama-2/#v-open-source-ai--osaid-1-0")
    page.wait_for_timeout(300)
    assert _in_view(page, "#v-open-source-ai--osaid-1-0")
    row = page.locator("#v-open-source-ai--osaid-1-0")
    assert "fails" in row.inner_text() and row.locator("a[href*='#cell-']").count() >= 1


def test_the_grid_keeps_its_later_rows_closed_until_asked_for(browser, base_url):
    """The rows after the first ones wait in a closed <details> (nothing to style on a first
    load); a link to one of their cells opens it with the cell in view, and so does a filter."""
    page, report = load(browser, base_url + "is-it-open/", viewport={"width": 1280, "height": 800})
    more = page.locator("details.answer-more")
    assert more.count() == 1 and more.get_attribute("open") is None
    assert not page.locator("table.answer--more td.v").first.is_visible()
    anchor = page.locator("table.answer--more td.v").last.get_attribute("id")
    linked, _ = load(
        browser, base_url + f"is-it-open/#{anchor}", viewport={"width": 1280, "height": 800}
    )
    linked.wait_for_timeout(300)
    assert linked.locator("details.answer-more").get_attribute("open") is not None
    assert _in_view(linked, "#" + anchor)
    page.select_option(".answer-filter select[name=org]", index=1)
    assert more.get_attribute("open") is not None
    assert not report.errors


def test_the_grid_filters_by_organisation_and_keeps_it_in_the_address(browser, base_url):
    page, report = load(browser, base_url + "is-it-open/", viewport={"width": 1280, "height": 800})
    assert page.locator("[data-answer-tools]").is_visible()
    page.select_option(".answer-filter select[name=org]", "Meta")
    shown = page.locator("table.answer tbody tr:not([hidden])")
    assert shown.count() >= 5 and all(
        shown.nth(i).get_attribute("data-org") == "Meta" for i in range(shown.count())
    )
    assert "org=Meta" in page.url
    assert "of" in page.locator(".answer-count").inner_text()
    again, _ = load(browser, page.url, viewport={"width": 1280, "height": 800})
    assert again.locator("table.answer tbody tr:not([hidden])").count() == shown.count()
    assert not report.errors


def test_contested_term_tooltip_counts_its_definitions(browser, base_url):
    page, _ = load(browser, base_url + "essays/model-available-is-not-open-source/")
    term = page.locator("article a.glossary-term[data-term='open-source']").first
    term.scroll_into_view_if_needed()
    term.hover()
    shown = term.evaluate("el => getComputedStyle(el, '::after').content")
    assert re.search(r"\(\d+ competing definitions\)\"$", shown), shown


# -----------------------------------------------------------------------------
# The checks catch what they must: a deliberately broken page
# -----------------------------------------------------------------------------

BROKEN = (
    "<script>window.unhashed = 1;</script>"
    '<img src="https://example.com/tracker.png">'
    '<img src="../assets/logo.svg">'
)


def test_checks_catch_a_broken_page(browser, built_site, tmp_path):
    """An inline script outside the CSP, an image without alt, a request to another host."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page_file = site / "about" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(
        html.replace(
            '<article class="md-content__inner md-typeset">',
            '<article class="md-content__inner md-typeset">' + BROKEN,
            1,
        ),
        encoding="utf-8",
    )
    with serve(site) as url:
        problems = "\n".join(check_pages(browser, url, ["about/"]).get("about/", []))
        blocking, _ = axe_violations(browser, url, ["about/"])
    assert "CSP violation: script-src-elem inline" in problems
    assert "request to another host: https://example.com/tracker.png" in problems
    assert any(v.startswith("image-alt") for v in blocking.get("about/", []))


HOSTILE_PAGE = """---
title: Hostile fixture
description: Script in every form a contributor could try.
---

# Hostile fixture

<script>window.__pwned = (window.__pwned || []).concat("inline script");</script>

<img alt="x" src="missing.png" onerror="window.__pwned = (window.__pwned || []).concat('onerror')">

<svg onload="window.__pwned = (window.__pwned || []).concat('svg onload')"></svg>

<a id="js-link" href="javascript:window.__pwned=(window.__pwned||[]).concat('javascript link')">click</a>

<div onmouseover="window.__pwned = ['mouseover']" id="hover-me">hover</div>

## A heading whose id breaks out {#x"onfocus="window.__pwned=['heading-id']"autofocus="}

<script/type=application/json type="text/javascript">window.__pwned = (window.__pwned || []).concat("duplicate type");</script>

<svg><script type="application/json">window.__pwned = (window.__pwned || []).concat("svg script")</script></svg>

<div><!--><script>window.__pwned = (window.__pwned || []).concat("comment");</script>--></div>

<script type="application/json">window.__pwned = (window.__pwned || []).concat("json block")</script>
"""


def test_the_policy_alone_stops_contributed_script(tmp_path, browser):
    """With the checker and the output validation switched off, Chromium still runs none of the script."""
    site = copy_site(tmp_path / "repo")
    (site / "docs" / "hostile.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - debate\n", "  - debate:\n      check: false\n", 1)
    text = text.replace(
        "  - debate:\n      docs_dir: docs\n",
        "  - debate:\n      docs_dir: docs\n      validate: false\n",
        1,
    )
    text = text.replace("not_in_nav: |\n", "not_in_nav: |\n  /hostile.md\n", 1)
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "window.__pwned" in html  # the hostile markup really is on the page
    with serve(out) as url, as_published(browser, url) as (instance, published):
        context = instance.new_context()
        page = context.new_page()
        page.add_init_script(CSP_PROBE)
        page.goto(published + "hostile/")
        page.wait_for_timeout(500)
        page.hover("#hover-me")
        page.click("#js-link")
        page.wait_for_timeout(300)
        # Instant navigation away and back re-creates the content's scripts without their type.
        page.evaluate("() => { window.__sameDocument = true; }")
        page.locator("a.md-header__button.md-logo").first.click()
        page.wait_for_timeout(500)
        page.go_back()
        page.wait_for_timeout(800)
        page.locator("#hover-me").hover()
        same_document = page.evaluate("() => window.__sameDocument === true")
        pwned = page.evaluate("window.__pwned || []")
        violations = page.evaluate("window.__cspViolations")
        context.close()
    assert same_document, "instant navigation brought the page back"
    assert pwned == []
    assert any(v.startswith("script-src") for v in violations), violations


# -----------------------------------------------------------------------------
# The timeline's theme filter: CSS only, so it must work with JavaScript off
# -----------------------------------------------------------------------------


def _visible_events(page: Page) -> list[tuple[str, str]]:
    """(id, theme class) of every timeline event a reader can see."""
    found = []
    for event in page.locator(".timeline-event").all():
        if event.is_visible():
            theme = next(
                c for c in event.get_attribute("class").split() if c.startswith("timeline-event--")
            )
            found.append((event.get_attribute("id"), theme.removeprefix("timeline-event--")))
    return found


def test_timeline_filter_works_without_javascript(browser, base_url):
    events = load_site(str(ROOT / "docs")).timeline["events"]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "timeline/", wait_until="networkidle")
    assert len(_visible_events(page)) == len(events)
    page.locator("label[for=theme-law]").click()
    shown = _visible_events(page)
    assert [i for i, _ in shown] == [e["id"] for e in events if e["theme"] == "law"]
    years = [y for y in page.locator(".timeline-year").all() if y.is_visible()]
    assert len(years) == len({str(e["date"])[:4] for e in events if e["theme"] == "law"})
    page.locator("#theme-law").focus()
    page.keyboard.press(
        "ArrowRight"
    )  # a radio group: arrows move the choice, as for any reader on a keyboard
    assert {theme for _, theme in _visible_events(page)} == {"releases"}
    page.locator("label[for=theme-all]").click()
    assert len(_visible_events(page)) == len(events)
    context.close()


# -----------------------------------------------------------------------------
# Reading the openness matrix: filters, comparison, sticky headings, phone cards
# -----------------------------------------------------------------------------

# A word: letters and digits. Lines may break at spaces and after hyphens or
# slashes, as typesetting does, never inside a run of letters and digits.
BROKEN_WORDS = """root => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('thead, [hidden]')) continue;
    for (const match of node.data.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                              .map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""
VISIBLE_ROWS = (
    "() => Array.from(document.querySelectorAll('#matrix tbody tr')).filter(r => !r.hidden)"
)


def _open_tools(page: Page) -> None:
    for summary in page.locator("[data-models-tools] details > summary").all():
        summary.click()


def test_matrix_tools_are_hidden_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "models/")
    assert not page.locator("[data-models-tools]").is_visible()
    rows = page.locator("#matrix tbody tr")
    assert rows.count() > 15 and all(row.is_visible() for row in rows.all())
    context.close()


def test_matrix_filters_by_openness_licence_organisation_and_year(browser, base_url):
    page, report = load(browser, base_url + "models/")
    total = page.locator("#matrix tbody tr").count()
    assert page.locator(".models-count").inner_text() == f"Showing all {total} models."
    _open_tools(page)
    page.select_option(".models-filter select[name=weights]", "open")
    visible = page.evaluate(VISIBLE_ROWS + ".map(r => r.dataset.weights)")
    assert visible and set(visible) == {"open"} and len(visible) < total
    assert (
        page.locator(".models-count").inner_text() == f"Showing {len(visible)} of {total} models."
    )
    for name in ("family", "org", "year"):
        page.locator("form.models-filter button[type=reset]").click()
        page.wait_for_timeout(50)
        value = page.evaluate(
            f"() => document.querySelector('.models-filter select[name={name}]').options[1].value"
        )
        page.select_option(f".models-filter select[name={name}]", value)
        shown = page.evaluate(VISIBLE_ROWS + f".map(r => r.dataset.{name})")
        assert shown and set(shown) == {value}, name
    page.locator("form.models-filter button[type=reset]").click()
    page.wait_for_timeout(50)
    assert len(page.evaluate(VISIBLE_ROWS)) == total
    assert not report.errors


PUBLISHED_HOST = "free-as-in-what.github.io"  # site_url's host


@contextlib.contextmanager
def as_published(browser: Browser, base_url: str):
    """A browser that reaches the local server under site_url's own host and port.

    Material's instant navigation and previews follow only links its sitemap lists,
    comparing protocol, host and port; the sitemap names site_url, so a page served
    on 127.0.0.1:<port> would always load in full. Chromium maps the published host
    to the local server instead: the same files, at the address they are built for.
    """
    port = urlparse(base_url).port
    rules = f"--host-resolver-rules=MAP {PUBLISHED_HOST} 127.0.0.1:{port}"
    instance = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, rules])
    try:
        yield instance, f"http://{PUBLISHED_HOST}/{SITE_PREFIX}/"
    finally:
        instance.close()


def test_matrix_tools_and_sorting_work_after_instant_navigation(browser, base_url):
    """The matrix scripts load with the matrix page only, and still run when Material's
    instant navigation brings the page in without a full load; other pages load none."""
    with as_published(browser, base_url) as (instance, published):
        page = instance.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(published + "essays/", wait_until="networkidle")
        scripts = page.evaluate(
            "() => Array.from(document.scripts).map(s => s.src).filter(Boolean)"
        )
        assert not [
            s for s in scripts if s.endswith(("models.js", "tables.js", "tablesort.min.js"))
        ], scripts
        page.evaluate("() => { window.__sameDocument = true; }")
        page.locator("a.md-tabs__link", has_text="Models").first.click()
        page.wait_for_url("**/models/")
        page.locator("[data-models-tools]").wait_for(state="visible", timeout=5000)
        assert page.evaluate("() => window.__sameDocument") is True, (
            "a full load, not instant navigation"
        )
        # The scripts run one after another as instant navigation re-creates them: wait
        # for the sorter (tables.js marks the table) before a reader's click.
        page.locator("#matrix[data-sort-ready]").wait_for(state="attached", timeout=5000)
        header = page.locator("#matrix thead th").first
        header.click()
        page.wait_for_function(
            "() => document.querySelector('#matrix thead th').hasAttribute('aria-sort')",
            timeout=3000,
        )
        assert header.get_attribute("aria-sort") in ("ascending", "descending")
        assert not errors


def test_instant_navigation_runs_no_inline_script(browser, base_url):
    """Material's instant navigation re-creates every script of the page's container; with the theme's
    scripts as files and JSON-LD in the head, no page it brings in (nor a change of #fragment) asks the
    policy to run an inline script, and the theme's helpers (__md_scope, the palette) still work."""
    with as_published(browser, base_url) as (instance, published):
        page = instance.new_page()
        page.add_init_script(CSP_PROBE)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(published, wait_until="networkidle")
        page.evaluate("() => { window.__sameDocument = true; }")
        for tab in ("Essays", "Claims", "Glossary", "Models"):
            page.locator("a.md-tabs__link", has_text=tab).first.click()
            # One navigation at a time: under load a click made while the last page was still
            # being swapped in was lost (CI once ended on the glossary, not the matrix).
            page.wait_for_url(re.compile(rf"/{tab.lower()}/(#.*)?$"))
            # ... and for the page itself: the address can change before the new page is swapped
            # in, and a click on the last page's permalink then left it (CI, 5 December).
            page.wait_for_function(
                "tab => document.querySelector('.md-tabs__item--active a')"
                "?.textContent.trim() === tab",
                arg=tab,
            )
            page.wait_for_load_state("networkidle")
        page.locator("article a.headerlink").first.evaluate(
            "a => a.click()"
        )  # a change of #fragment
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__sameDocument") is True, (
            "a full load, not instant navigation"
        )
        assert page.evaluate("() => typeof __md_get === 'function' && __md_scope instanceof URL")
        assert (
            page.evaluate("() => document.querySelectorAll('script:not([src]):not([type])').length")
            == 0
        )
        assert page.evaluate("() => window.__cspViolations") == []
        assert not errors


def test_links_to_other_pages_preview_on_hover(browser, base_url, built_site):
    """Pointing at a link to another page shows that page's section (Material's
    previews); a link with its own tooltip or within the page shows no preview."""
    with as_published(browser, base_url) as (instance, published):
        page = instance.new_page(viewport={"width": 1280, "height": 900})
        page.goto(published + "claims/guardrails-can-be-fine-tuned-away/", wait_until="networkidle")
        link = page.locator("article a[data-preview][href*='#claim-guardrails']").first
        link.scroll_into_view_if_needed()
        link.hover()
        preview = page.locator(".md-tooltip2--active .md-tooltip2__inner")
        preview.wait_for(state="visible", timeout=5000)
        assert "guardrail" in preview.inner_text().lower()
        box = preview.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280
        assert (
            page.locator(
                "article a[data-preview][data-tip], article a.footnote-ref[data-preview]"
            ).count()
            == 0
        )
    html = (built_site / "essays" / "free-as-in-what" / "index.html").read_text(encoding="utf-8")
    marked = re.findall(r'<a data-preview="" href="([^"]*)"', html)
    assert marked and not [h for h in marked if h.startswith(("#", "http"))], marked


def test_two_models_compared_side_by_side(browser, base_url):
    page, report = load(browser, base_url + "models/")
    _open_tools(page)
    first, second = page.evaluate(
        "() => Array.from(document.querySelectorAll('#matrix tbody tr')).slice(0, 2).map(r => r.id)"
    )
    page.select_option(".models-compare select[name=a]", first)
    page.select_option(".models-compare select[name=b]", second)
    table = page.locator(".compare-result table.compare-table")
    heads = table.locator("thead th").all_inner_texts()
    names = [
        page.locator(f"#{first} th a").first.inner_text(),
        page.locator(f"#{second} th a").first.inner_text(),
    ]
    assert all(name in head for name, head in zip(names, heads[1:]))
    columns = page.locator("#matrix thead th").count()
    assert table.locator("tbody tr").count() == columns - 1
    assert page.url.endswith(f"?compare={first}%2C{second}") or page.url.endswith(
        f"?compare={first},{second}"
    )
    differs = table.locator("tbody tr.differs").count()
    assert 0 < differs < columns
    page.reload(wait_until="networkidle")  # a comparison is a link
    assert page.locator(".compare-result table.compare-table tbody tr").count() == columns - 1
    assert not report.errors


def test_matrix_headings_and_model_names_stay_in_view(browser, base_url):
    page, _ = load(browser, base_url + "models/", viewport={"width": 1280, "height": 800})
    box = page.locator(".models-matrix .table-scroll")
    box.scroll_into_view_if_needed()
    top = box.evaluate("el => el.getBoundingClientRect().top")
    box.evaluate("el => el.scrollTo(0, 500)")
    page.wait_for_timeout(100)
    head = page.locator("#matrix thead th").nth(4).evaluate("el => el.getBoundingClientRect().top")
    assert abs(head - top) <= 2
    left = box.evaluate("el => el.getBoundingClientRect().left")
    box.evaluate("el => el.scrollTo(400, 500)")
    page.wait_for_timeout(100)
    if box.evaluate("el => el.scrollLeft") > 0:
        name = (
            page.locator("#matrix tbody th[scope=row]")
            .nth(8)
            .evaluate("el => el.getBoundingClientRect().left")
        )
        assert abs(name - left) <= 2


def test_matrix_reads_as_cards_on_a_phone(browser, base_url):
    page, _ = load(browser, base_url + "models/", viewport={"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#matrix tbody tr')).display")
        == "grid"
    )
    label = page.evaluate(
        "getComputedStyle(document.querySelector('#matrix tbody td'), '::before').content"
    )
    assert label == '"Released"'
    broken = page.evaluate(BROKEN_WORDS, page.locator(".models-matrix").element_handle())
    assert not broken, broken
    probe = page.evaluate_handle(
        "() => { const d = document.createElement('p'); d.style.cssText = "
        "'width: 1em; word-break: break-all'; d.textContent = 'unbreakable words';"
        " document.querySelector('article').append(d); return d; }"
    )
    assert page.evaluate(BROKEN_WORDS, probe) == ["unbreakable", "words"]  # the check can fail
    sizes = page.evaluate(
        "() => Array.from(document.querySelectorAll('.time-figure svg text'))"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 11


@pytest.mark.parametrize(
    "path", ["models/llama-2/", "licences/llama-4/", "licences/llama-compare/"]
)
def test_model_and_licence_pages_read_on_a_phone(browser, base_url, path):
    page, _ = load(browser, base_url + path, viewport={"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    broken = page.evaluate(BROKEN_WORDS, page.locator("article").element_handle())
    assert not broken, broken


def test_matrix_tools_and_comparison_are_accessible(browser, base_url):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + "models/?compare=llama-2,pythia", wait_until="networkidle")
    _open_tools(page)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes[0].target.join(' '))"
    )
    assert page.locator(".compare-table").count() == 1
    assert not [r for r in results if "(serious)" in r or "(critical)" in r], results
    context.close()


def test_licence_clause_and_comparison_row_deep_links(browser, base_url):
    for target in (
        "licences/llama-4/#monthly-active-users",
        "licences/llama-compare/#llama-3-1--monthly-active-users",
    ):
        page, _ = load(browser, base_url + target)
        page.wait_for_timeout(300)
        assert _in_view(page, "#" + target.split("#")[1])


def test_llama_comparison_reads_as_a_table_on_a_desktop(browser, base_url):
    """Each clause is a table row in sentence case (a What's-new rule on .change once made
    the rows inline blocks of small capitals, one under another), no word broken inside."""
    page, report = load(
        browser, base_url + "licences/llama-compare/", viewport={"width": 1280, "height": 900}
    )
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('table.licence-compare tbody tr')).map(tr => {
        const style = getComputedStyle(tr);
        return [style.display, style.textTransform, tr.getBoundingClientRect().width,
                tr.closest('table').getBoundingClientRect().width];
    })""")
    assert len(rows) > 15
    for display, transform, width, table_width in rows:
        assert display == "table-row" and transform == "none", (display, transform)
        assert width >= table_width - 1, (width, table_width)
    widths = page.evaluate(
        "() => Array.from(document.querySelectorAll('table.licence-compare thead th'))"
        ".map(th => th.getBoundingClientRect().width)"
    )
    assert min(widths) > 60, widths
    # No word of the grid breaks inside (clause names, version names, section numbers).
    broken = page.evaluate(BROKEN_WORDS, page.locator("table.licence-compare").element_handle())
    assert not broken, broken
    assert not report.errors
    page.context.close()


def test_developer_names_stay_inside_their_row_heading(browser, base_url):
    """A developer's name wraps inside its model's heading cell instead of running over the
    next column (where it covered the licence link of RedPajama-INCITE's row)."""
    page, report = load(browser, base_url + "models/", viewport={"width": 1280, "height": 900})
    overflowing = """() => Array.from(document.querySelectorAll('#matrix tbody th[scope=row]')).filter(th => {
        const cell = th.getBoundingClientRect();
        return Array.from(th.querySelectorAll('a')).filter(a => !a.closest('details:not([open])'))
            .some(a => a.getBoundingClientRect().right > cell.right + 0.5);
    }).map(th => th.closest('tr').id)"""
    assert not page.evaluate(overflowing)
    # with every model's notes open, their evidence links stay inside the heading cell too
    page.evaluate(
        "() => document.querySelectorAll('#matrix details.row-notes').forEach(d => { d.open = true; })"
    )
    assert not page.evaluate(overflowing)
    assert not report.errors
    page.context.close()
