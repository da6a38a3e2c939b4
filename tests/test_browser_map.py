"""The argument map and the data previews, in Debian chromium (issue 28).

Reuses the built site (conftest.py) and the server and accessibility check of
test_browser.py. Screenshots of the map, phone and desktop, light and dark, go to
$MAP_SCREENSHOTS when it is set (to look at them).
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import ROOT
from test_browser import CHROMIUM, axe_violations, base_url, browser  # noqa: F401 - fixtures reused by name
from util import screenshot

from mkdocs_debate.data.site import load_site

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)

SITE = load_site(str(ROOT / "docs"))
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
ESSAY = (
    "essays/can-anyone-rebuild-a-model/"  # a claim reference, a model link, a definition reference
)


def _screenshot(page, name: str) -> None:
    screenshot(page, "MAP_SCREENSHOTS", name)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_draws_every_claim_with_edges_told_apart_by_more_than_colour(
    browser, base_url, viewport, scheme
):
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}claims/map/", wait_until="networkidle")
    assert errors == []  # Material's instant navigation and the SVG links get along
    svg = page.locator("figure.amap-figure svg.amap")
    assert svg.is_visible()
    assert page.locator("svg.amap a.amap-node").count() == len(SITE.claims)
    # Dash pattern and head shape differ per kind, not only the colour.
    styles = page.evaluate(
        """() => Object.fromEntries(['supports', 'attacks', 'qualifies'].map(k => {
             const g = document.querySelector('svg.amap g.amap-edge--' + k);
             const path = getComputedStyle(g.querySelector('path'));
             const head = getComputedStyle(g.querySelector('polygon'));
             return [k, [path.strokeDasharray, path.stroke, head.fill,
                         g.querySelector('polygon').getAttribute('points').split(' ').length]];
           }))"""
    )
    dashes = {kind: s[0] for kind, s in styles.items()}
    assert len(set(dashes.values())) == 3, dashes
    # Heads: a filled triangle, a filled bar, a hollow diamond.
    assert [styles[k][3] for k in ("supports", "attacks", "qualifies")] == [3, 4, 4]
    assert styles["supports"][2] == styles["supports"][1]
    assert styles["attacks"][2] == styles["attacks"][1]
    assert styles["qualifies"][2] != styles["qualifies"][1]  # hollow: the page's background
    assert len({s[1] for s in styles.values()}) == 3  # and a colour each
    # The words stay legible: at least 10 CSS pixels on screen, on a phone too (the figure
    # scrolls there rather than shrinking).
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('svg.amap a.amap-node text')].map(t =>
             t.getBoundingClientRect().height / Math.max(1, t.querySelectorAll('tspan').length))"""
    )
    assert min(sizes) >= 10, min(sizes)
    region = page.locator(".amap-scroll")
    box = region.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"] + 1
    if viewport == "phone":
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # scrolls sideways
    # Text list beside the figure: every claim that makes a relation, with its notes.
    assert page.locator(".amap-claim").count() >= len(SITE.claims) - 1
    region.scroll_into_view_if_needed()
    _screenshot(page, f"map-{viewport}-{scheme}")
    # A box is a link to its claim.
    first = page.locator("svg.amap a.amap-node").first
    claim = first.get_attribute("id").removeprefix("map-")
    first.scroll_into_view_if_needed()
    first.click()
    page.wait_for_url(re.compile(rf"/claims/{claim}/$"))
    assert page.locator("div.claim-neighbourhood").is_visible()
    # And by keyboard: a box takes the focus and Enter follows it.
    page.go_back()
    page.wait_for_url(re.compile(r"/claims/map/$"))
    page.locator("svg.amap a.amap-node").nth(1).focus()
    target = page.locator("svg.amap a.amap-node").nth(1).get_attribute("id").removeprefix("map-")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/claims/{target}/$"))
    assert errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_and_neighbourhoods_pass_axe(browser, base_url, scheme):
    blocking, _ = axe_violations(
        browser,
        base_url,
        ["claims/map/", "claims/weights-are-compiled-binary/", "claims/"],
        color_scheme=scheme,
    )
    assert not blocking, "\n".join(f"{p}: {m}" for p, ms in blocking.items() for m in ms)


def test_previews_show_data_on_hover_with_no_request(browser, base_url):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(base_url + ESSAY, wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    tooltip = "el => getComputedStyle(el, '::after').content"
    found = {}
    for name, selector, pattern in (
        ("claim", "article a.claim-ref", r"Claim: .+ (Argued|argued) (for|against) in \d+ place"),
        ("model", "article a.model-ref", r"on our openness matrix\. Weights downloadable: \w+"),
        ("definition", "article a[data-definition]", r"\d+ of \d+ models of our matrix meet it"),
    ):
        link = page.locator(selector).first
        assert link.evaluate(tooltip) == "none"  # hidden until pointed at
        link.scroll_into_view_if_needed()
        link.hover()
        content = link.evaluate(tooltip)
        assert re.search(pattern, content), (name, content)
        found[name] = content
    page.wait_for_timeout(500)
    assert requests == [], requests  # the data was on the page
    context.close()
