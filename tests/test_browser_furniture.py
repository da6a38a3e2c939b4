"""Page furniture a reader sees, tested in Debian chromium: tooltips that stay on
screen, the 404 page's search and links, the print stylesheet.

A tooltip is the ``::after`` of its link, which no DOM API measures; the
DevTools protocol does (``DOM.getBoxModel`` of the pseudo-element), so the
tests measure the box the browser actually lays out.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page
from test_browser import CHROMIUM, axe_violations, base_url, browser, load  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)

VIEWPORTS = [(375, 740), (1280, 800)]
TIP_PAGES = ["essays/model-available-is-not-open-source/", "models/"]

# The one-line [data-tip] elements at the far left and far right of the page.
EDGE_LINKS = """
() => {
  const one = [...document.querySelectorAll('article [data-tip]')]
    .filter(el => el.getClientRects().length === 1 && el.getClientRects()[0].width > 0);
  const right = el => el.getClientRects()[0].right, left = el => el.getClientRects()[0].left;
  const pick = (cmp) => one.reduce((a, b) => cmp(a, b) ? a : b);
  const mark = (el, name) => el.setAttribute('data-probe-edge', name);
  mark(pick((a, b) => left(a) <= left(b)), 'left');
  mark(pick((a, b) => right(a) >= right(b)), 'right');
}
"""


def tip_box(page: Page, selector: str) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of the ::after box of the element matching selector, as laid out."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node_id = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        node = cdp.send("DOM.describeNode", {"nodeId": node_id})["node"]
        for pseudo in node.get("pseudoElements", []):
            if pseudo.get("pseudoType") == "after":
                quad = cdp.send("DOM.getBoxModel", {"backendNodeId": pseudo["backendNodeId"]})[
                    "model"
                ]["border"]
                return min(quad[0::2]), min(quad[1::2]), max(quad[0::2]), max(quad[1::2])
        return None
    finally:
        cdp.detach()


def hover_at(page: Page, selector: str, where: str) -> None:
    """Scroll the element to the top or the bottom of the window, then put the mouse on it."""
    page.evaluate(
        """([sel, where]) => {
      const r = document.querySelector(sel).getClientRects()[0];
      const target = where === 'bottom' ? innerHeight - r.height - 8 : innerHeight / 3;
      window.scrollBy(0, r.top - target);
    }""",
        [selector, where],
    )
    page.wait_for_timeout(100)
    rect = page.evaluate(
        "sel => { const r = document.querySelector(sel).getClientRects()[0];"
        " return [r.left + r.width / 2, r.top + r.height / 2]; }",
        selector,
    )
    page.mouse.move(0, 0)
    page.mouse.move(*rect)
    page.wait_for_timeout(50)


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
@pytest.mark.parametrize("path", TIP_PAGES)
def test_tooltips_stay_inside_the_window(browser, base_url, path, width, height):
    """Links at the left and right edges (a matrix cell in the last column), near the middle and the foot."""
    page, _ = load(browser, base_url + path, viewport={"width": width, "height": height})
    page.evaluate(EDGE_LINKS)
    outside = []
    for edge in ("left", "right"):
        selector = f"[data-probe-edge='{edge}']"
        for where in ("middle", "bottom"):
            hover_at(page, selector, where)
            box = tip_box(page, selector)
            assert box is not None, f"no tooltip for the {edge} link of {path}"
            left, top, right, bottom = box
            assert right - left > 50 and bottom - top > 10, box
            if left < 0 or top < 0 or right > width or bottom > height:
                outside.append(f"{edge} link, {where}: tip at {[round(v) for v in box]}")
    page.context.close()
    assert not outside, f"{path} at {width}px: " + "; ".join(outside)


def test_a_matrix_cell_tip_is_not_clipped_by_its_table(browser, base_url):
    """The last column's note is drawn over the page, not cut by the table's scrolling box."""
    page, _ = load(browser, base_url + "models/", viewport={"width": 1280, "height": 800})
    page.evaluate(
        "() => { const cells = [...document.querySelectorAll('td[data-tip]')];"
        " cells.reduce((a, b) => a.getBoundingClientRect().right >= b.getBoundingClientRect().right"
        " ? a : b).setAttribute('data-probe-edge', 'cell'); }"
    )
    hover_at(page, "[data-probe-edge='cell']", "middle")
    box = tip_box(page, "[data-probe-edge='cell']")
    cell_right = page.evaluate(
        "() => document.querySelector(\"[data-probe-edge='cell']\").getBoundingClientRect().right"
    )
    page.context.close()
    assert box is not None and box[2] <= 1280 and box[0] >= 0, box
    assert box[2] <= cell_right + 1, "the tip of the last column should open leftwards"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_contested_reads_as_disputed_not_settled(browser, base_url, scheme):
    """The "Contested" box is orange, not the green of Material's question type, in both schemes."""
    page, _ = load(browser, base_url + "glossary/open-source-ai/", color_scheme=scheme)
    colour = page.locator(".admonition.contested").first.evaluate(
        "el => getComputedStyle(el).borderLeftColor.match(/\\d+/g).slice(0, 3).map(Number)"
    )
    page.context.close()
    red, green, blue = colour
    assert red > green > blue, f"Contested is drawn in rgb{tuple(colour)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_furniture_passes_axe(browser, base_url, scheme):
    """The glossary, a contested term's page (folded spellings, Contested) and the 404 page: no serious violation."""
    blocking, _ = axe_violations(
        browser,
        base_url,
        ["glossary/", "glossary/open-source-ai/", "404.html"],
        color_scheme=scheme,
    )
    assert not blocking, blocking


# -----------------------------------------------------------------------------
# The 404 page
# -----------------------------------------------------------------------------


def test_404_searches_and_links_onwards(browser, base_url):
    """An unknown address: a search that opens Material's search with the query, links, a report link."""
    # GitHub Pages answers an unknown address with 404.html; the test server does not, so load it.
    page, report = load(browser, base_url + "404.html")
    article = page.locator("article")
    for name in ("Home", "Essays", "Glossary", "Claims", "Model openness matrix"):
        assert article.get_by_role("link", name=name, exact=True).count() == 1, name
    assert "template=correction.yml" in article.get_by_role(
        "link", name="Report this broken link"
    ).get_attribute("href")
    page.get_by_label("Search the site").fill("gratis")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/free-as-in-what/\?q=gratis$|/free-as-in-what/$"))
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    assert page.locator("input[data-md-component='search-query']").input_value() == "gratis"
    assert not report.errors and not report.foreign, (report.errors, report.foreign)
    page.context.close()


# -----------------------------------------------------------------------------
# Print
# -----------------------------------------------------------------------------


def test_print_shows_the_article_its_address_date_and_footnotes(browser, base_url, tmp_path):
    page, _ = load(browser, base_url + "essays/model-available-is-not-open-source/")
    page.emulate_media(media="print")
    assert (
        not page.locator(".md-header").is_visible()
        and not page.locator(".md-sidebar--primary").is_visible()
    )
    assert (
        not page.locator(".md-footer").is_visible()
        and not page.locator(".page-foot").count()
        or not page.locator(".page-foot").first.is_visible()
    )
    line = page.locator(".page-print-line")
    assert line.is_visible()
    assert (
        "https://free-as-in-what.github.io/free-as-in-what/essays/model-available-is-not-open-source/"
        in line.inner_text()
    )
    assert re.search(r"(published|revised) \d{4}-\d{2}-\d{2}", line.inner_text()), line.inner_text()
    assert page.locator(".footnote").is_visible()
    external = page.locator("article .footnote a[href^='https://']").first
    shown = external.evaluate("el => getComputedStyle(el, '::after').content")
    assert external.get_attribute("href") in shown, shown
    page.pdf(path=str(tmp_path / "essay.pdf"))
    assert (tmp_path / "essay.pdf").stat().st_size > 10_000
    page.emulate_media(media="screen")
    assert not line.is_visible() and page.locator(".md-header").is_visible()
    page.context.close()
