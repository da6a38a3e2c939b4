"""Claim pages and the claims index, in Debian chromium: what a reader sees under the title and on the index.

Reuses the built site (conftest.py) and the server and accessibility check of
test_browser.py. Screenshots of a claim page and the index, light and dark, at
390 px and 1280 px, go to $CLAIMS_SCREENSHOTS when it is set (to look at them).
"""

from __future__ import annotations

import os

import pytest
from conftest import ROOT
from test_browser import CHROMIUM, axe_violations, base_url, browser  # noqa: F401 - fixtures reused by name
from util import screenshot

from mkdocs_debate.blocks.claims import count_sentence, side_counts
from mkdocs_debate.data.site import load_site
from mkdocs_debate.usage import claim_usage

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)

SITE = load_site(str(ROOT / "docs"))
CLAIM = "open-source-requires-open-data"  # argued on both sides, in several places
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _screenshot(page, name: str) -> None:
    screenshot(page, "CLAIMS_SCREENSHOTS", name)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_claim_page_shows_the_statement_and_counts_under_the_title(
    browser, base_url, viewport, scheme
):
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{base_url}claims/{CLAIM}/", wait_until="networkidle")
    title = page.locator("article h1")
    statement = page.locator("article figure.claim-statement")
    assert statement.locator("blockquote").inner_text().strip() == SITE.claims[CLAIM].meta["claim"]
    counts = count_sentence(*side_counts(claim_usage(SITE)[CLAIM]))
    assert counts.startswith("Argued for in ") and ", against in " in counts
    caption = statement.locator("figcaption")
    assert caption.is_visible() and counts in caption.inner_text()
    # Right under the title, above the first section, and readable (not a hidden or zero-size block).
    title_box, statement_box = title.bounding_box(), statement.bounding_box()
    first_section = page.locator("article h2").first.bounding_box()
    assert title_box["y"] < statement_box["y"] < first_section["y"]
    assert statement_box["x"] + statement_box["width"] <= VIEWPORTS[viewport]["width"]
    size = statement.locator("blockquote").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body = (
        page.locator("article p").nth(1).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    )
    assert size > body  # set apart, not a paragraph like the others
    # The count leads to the backlinks, each of which quotes its sentence.
    caption.locator("a").first.click()
    page.wait_for_function("location.hash === '#where-this-claim-appears'")
    excerpts = page.locator(".claim-backlinks q.claim-backlinks__excerpt")
    assert excerpts.count() == len(claim_usage(SITE)[CLAIM])
    assert excerpts.first.is_visible() and len(excerpts.first.inner_text()) > 20
    page.goto(f"{base_url}claims/{CLAIM}/", wait_until="networkidle")
    _screenshot(page, f"claim-{viewport}-{scheme}")
    context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_claims_index_shows_theme_groups(browser, base_url, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{base_url}claims/", wait_until="networkidle")
    headings = page.locator("article .claim-themes h2")
    assert [h.strip().rstrip("¶") for h in headings.all_inner_texts()] == [
        t["name"] for t in SITE.themes.values()
    ]
    for theme_id, theme in SITE.themes.items():
        group = page.locator(f"#{theme_id} + p + ul > li")
        expected = sorted(p.slug for p in SITE.claims.values() if p.meta["theme"] == theme_id)
        hrefs = [
            href.rstrip("/").rsplit("/", 1)[
                -1
            ]  # Material's instant navigation makes links absolute
            for href in group.locator("strong a").evaluate_all(
                "as => as.map(a => a.getAttribute('href'))"
            )
        ]
        assert sorted(hrefs) == expected, theme["name"]
    # A theme's anchor is a link a debater can share: it scrolls its heading into view.
    last = list(SITE.themes)[-1]
    page.goto(f"{base_url}claims/#{last}", wait_until="networkidle")
    assert page.locator(f"#{last}").is_visible()
    box = page.locator(f"#{last}").bounding_box()
    assert 0 <= box["y"] < VIEWPORTS[viewport]["height"]
    page.goto(f"{base_url}claims/", wait_until="networkidle")
    _screenshot(page, f"index-{viewport}")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_claim_pages_pass_axe(browser, base_url, scheme):
    blocking, _ = axe_violations(
        browser,
        base_url,
        ["claims/", f"claims/{CLAIM}/", "claims/openness-is-a-spectrum/"],
        color_scheme=scheme,
    )
    assert not blocking, "\n".join(f"{p}: {m}" for p, ms in blocking.items() for m in ms)
