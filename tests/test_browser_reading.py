"""What a careful reader sees (issue 17), in Debian chromium: separated footnote
markers, the phone table of contents, the reading path's links.

Uses the site built once per session (conftest.py) and test_browser.py's server
and browser fixtures. Screenshots of an essay at 375 px and 1280 px, light and
dark, are written to $READING_SCREENSHOTS when it is set, to be looked at.
"""

from __future__ import annotations

import os
import pathlib

import pytest
from test_browser import CHROMIUM, base_url, browser, load  # noqa: F401 - fixtures reused by name

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)

ESSAY = "essays/model-available-is-not-open-source/"
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def test_neighbouring_footnote_markers_do_not_touch(browser, base_url):
    page, _ = load(browser, base_url + "essays/free-as-in-what/", viewport=DESKTOP)
    pairs = page.evaluate("""() => [...document.querySelectorAll('sup.footnote-ref--next')].map(sup => {
        const before = sup.previousElementSibling.querySelector('a').getBoundingClientRect();
        const after = sup.querySelector('a').getBoundingClientRect();
        return {gap: after.left - before.right, sameLine: Math.abs(after.top - before.top) < 2,
                separator: getComputedStyle(sup, '::before').content};
    })""")
    assert pairs, "the essay has neighbouring footnote markers"
    for pair in pairs:
        assert pair["separator"] == '","'
        if pair["sameLine"]:
            assert pair["gap"] >= 2, pair


def test_phone_contents_opens_and_its_links_go_to_their_sections(browser, base_url):
    page, report = load(browser, base_url + ESSAY, viewport=PHONE)
    contents = page.locator("article details.phone-toc")
    assert contents.is_visible()
    assert not page.locator("article details.phone-toc ul").first.is_visible()
    contents.locator("summary").click()
    link = contents.locator("a").nth(2)
    assert link.is_visible()
    target = link.get_attribute("href").split("#")[1]  # instant navigation makes it absolute
    link.click()
    page.wait_for_timeout(300)
    assert page.url.endswith("#" + target)
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target)
    assert 0 <= top < PHONE["height"] / 2
    assert not report.errors and not report.foreign


def test_phone_contents_is_hidden_on_a_desktop(browser, base_url):
    page, _ = load(browser, base_url + ESSAY, viewport=DESKTOP)
    assert page.locator("article details.phone-toc").count() == 1
    assert not page.locator("article details.phone-toc").is_visible()
    assert page.locator(
        ".md-sidebar--secondary .md-nav__link"
    ).first.is_visible()  # Material's own TOC


def test_reading_path_links_lead_to_the_next_step(browser, base_url):
    page, _ = load(browser, base_url, viewport=PHONE)
    page.locator("#start-here ~ .reading-path-list a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("essays/free-as-in-what/")
    nav = page.locator("nav.reading-path")
    assert nav.is_visible() and "step 1 of" in nav.inner_text()
    assert page.locator("nav.reading-path .reading-path__previous").count() == 0
    nav.locator(".reading-path__next").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("glossary/")
    assert "step 2 of" in page.locator("nav.reading-path").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_screenshots_of_an_essay(browser, base_url, viewport, scheme):
    out = os.environ.get("READING_SCREENSHOTS")
    page, report = load(browser, base_url + ESSAY, viewport=viewport, color_scheme=scheme)
    if viewport is PHONE:
        page.locator("article details.phone-toc summary").click()
    assert not report.errors
    if out:
        folder = pathlib.Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"essay-{viewport['width']}-{scheme}"
        page.screenshot(path=str(folder / f"{name}-top.png"))
        page.locator("nav.reading-path").scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -200)")
        page.screenshot(path=str(folder / f"{name}-path.png"))
