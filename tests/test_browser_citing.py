"""Citing, linking and reading (issue 25), in Debian chromium: copy buttons for
"Cite this page", filters kept in the address, link marks on hover and focus,
one previous/next pair, an essay's first phone screen, the timeline's year index.

Uses the site built once per session (conftest.py) and test_browser.py's server
and browser fixtures. Screenshots are written to $CITING_SCREENSHOTS when it is
set, to be looked at.
"""

from __future__ import annotations

import os
import pathlib

import pytest
from test_browser import CHROMIUM, base_url, browser, load  # noqa: F401 - fixtures reused by name

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)")

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
CITED_PAGES = ["essays/free-as-in-what/", "discussions/zuckerberg-on-the-dwarkesh-podcast/",
               "claims/weights-are-compiled-binary/", "models/", "models/llama-3/", "licences/",
               "licences/llama-3/", "definitions/", "definitions/open-source/", "is-it-open/", "glossary/",
               "timeline/"]


def shoot(page, name: str) -> None:
    out = os.environ.get("CITING_SCREENSHOTS")
    if out:
        pathlib.Path(out).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(pathlib.Path(out) / f"{name}.png"))


# -----------------------------------------------------------------------------
# Cite this page
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", CITED_PAGES)
def test_every_cited_page_copies_its_bibtex_and_says_so(browser, base_url, path):  # noqa: F811
    page, report = load(browser, base_url + path, viewport=DESKTOP, **CLIPBOARD)
    block = page.locator("section.cite-this")
    bibtex = block.locator("pre.bibtex").inner_text().strip()
    assert bibtex.startswith("@online{")
    copy = block.get_by_role("button", name="Copy BibTeX")
    copy.scroll_into_view_if_needed()
    copy.click()
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").strip() == bibtex
    status = block.get_by_role("status")
    assert "Copied" in status.inner_text() and status.get_attribute("aria-live") == "polite"
    block.get_by_role("button", name="Copy citation").click()
    page.wait_for_timeout(200)
    plain = page.evaluate("navigator.clipboard.readText()")
    assert plain.startswith("The editors. “") and base_url.split("/")[-2] in plain and "\n" not in plain
    assert not report.errors and not report.foreign


def test_copy_buttons_answer_the_keyboard(browser, base_url):  # noqa: F811
    page, _ = load(browser, base_url + "timeline/", viewport=PHONE, **CLIPBOARD)
    button = page.get_by_role("button", name="Copy citation")
    button.focus()
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").startswith("The editors. “Timeline of the debate”")
    assert "Copied" in page.get_by_role("status").inner_text()
    button.scroll_into_view_if_needed()
    shoot(page, "cite-timeline-375")


def test_without_script_the_citation_is_plain_selectable_text(browser, base_url):  # noqa: F811
    page, _ = load(browser, base_url + "essays/free-as-in-what/", viewport=DESKTOP, java_script_enabled=False)
    block = page.locator("section.cite-this")
    assert block.locator("button").count() == 0
    assert block.locator(".cite-this__text").inner_text().startswith("The editors. “Free as in what?”")
    assert block.locator("pre.bibtex").is_visible()
    assert block.locator("pre.bibtex").evaluate("e => getComputedStyle(e).userSelect") != "none"
