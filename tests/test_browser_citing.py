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
from conftest import ROOT
from test_browser import CHROMIUM, base_url, browser, load  # noqa: F401 - fixtures reused by name

from mkdocs_debate.data.site import load_site

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
CITED_PAGES = [
    "essays/free-as-in-what/",
    "discussions/zuckerberg-on-the-dwarkesh-podcast/",
    "claims/weights-are-compiled-binary/",
    "models/",
    "models/llama-3/",
    "licences/",
    "licences/llama-3/",
    "definitions/",
    "definitions/open-source/",
    "is-it-open/",
    "glossary/",
    "timeline/",
]


def shoot(page, name: str) -> None:
    out = os.environ.get("CITING_SCREENSHOTS")
    if out:
        pathlib.Path(out).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(pathlib.Path(out) / f"{name}.png"))


# -----------------------------------------------------------------------------
# Cite this page
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", CITED_PAGES)
def test_every_cited_page_copies_its_bibtex_and_says_so(browser, base_url, path):
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
    assert (
        plain.startswith("The editors. “")
        and base_url.split("/")[-2] in plain
        and "\n" not in plain
    )
    assert not report.errors and not report.foreign


def test_copy_buttons_answer_the_keyboard(browser, base_url):
    page, _ = load(browser, base_url + "timeline/", viewport=PHONE, **CLIPBOARD)
    button = page.get_by_role("button", name="Copy citation")
    button.focus()
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").startswith(
        "The editors. “Timeline of the debate”"
    )
    assert "Copied" in page.get_by_role("status").inner_text()
    button.scroll_into_view_if_needed()
    shoot(page, "cite-timeline-375")


def test_without_script_the_citation_is_plain_selectable_text(browser, base_url):
    page, _ = load(
        browser, base_url + "essays/free-as-in-what/", viewport=DESKTOP, java_script_enabled=False
    )
    block = page.locator("section.cite-this")
    assert block.locator("button").count() == 0
    assert (
        block.locator(".cite-this__text").inner_text().startswith("The editors. “Free as in what?”")
    )
    assert block.locator("pre.bibtex").is_visible()
    assert block.locator("pre.bibtex").evaluate("e => getComputedStyle(e).userSelect") != "none"


# -----------------------------------------------------------------------------
# Filters in the address
# -----------------------------------------------------------------------------

SHOWN_ROWS = (
    "() => [...document.querySelectorAll('#matrix tbody tr')].filter(r => !r.hidden).map(r => r.id)"
)


def test_matrix_filters_live_in_the_address(browser, base_url):
    page, report = load(browser, base_url + "models/?weights=open", viewport=DESKTOP)
    expected = page.evaluate(
        "() => [...document.querySelectorAll('#matrix tbody tr')]"
        ".filter(r => r.dataset.weights === 'open').map(r => r.id)"
    )
    total = page.locator("#matrix tbody tr").count()
    assert 0 < len(expected) < total
    assert page.evaluate(SHOWN_ROWS) == expected
    assert page.locator(".models-filter select[name=weights]").input_value() == "open"
    assert page.locator(".models-filter").is_visible()  # the box that holds the filters is open
    page.locator(".models-filter select[name='training-data']").select_option("open")
    assert "weights=open" in page.url and "training-data=open" in page.url
    narrowed = page.evaluate(SHOWN_ROWS)
    assert narrowed and len(narrowed) < len(expected)
    again, _ = load(browser, page.url, viewport=DESKTOP)  # the address is the view
    assert again.evaluate(SHOWN_ROWS) == narrowed
    assert f"Showing {len(narrowed)} of {total}" in again.locator(".models-count").inner_text()
    page.locator(".models-reset").click()
    page.wait_for_timeout(100)
    assert "weights=" not in page.url and "training-data=" not in page.url
    assert len(page.evaluate(SHOWN_ROWS)) == total
    assert not report.errors


def test_a_link_to_a_filter_that_does_not_exist_shows_everything(browser, base_url):
    page, report = load(browser, base_url + "models/?weights=%3Cb%3E&year=1066", viewport=DESKTOP)
    assert len(page.evaluate(SHOWN_ROWS)) == page.locator("#matrix tbody tr").count()
    assert not report.errors


VISIBLE_YEARS = """() => [...document.querySelectorAll('.timeline-years a')]
    .filter(a => a.getClientRects().length).map(a => a.textContent)"""
SHOWN_YEARS = """() => [...document.querySelectorAll('.timeline-year')]
    .filter(s => s.getClientRects().length).map(s => s.querySelector('h2').id.replace('year-', ''))"""


def test_the_timeline_theme_lives_in_the_address_and_the_year_index_follows_it(browser, base_url):
    page, report = load(browser, base_url + "timeline/?theme=law", viewport=DESKTOP)
    assert page.locator("#theme-law").is_checked()
    events = page.evaluate(
        "() => [...document.querySelectorAll('.timeline-event')]"
        ".filter(e => e.getClientRects().length).map(e => e.className)"
    )
    assert events and all("timeline-event--law" in e for e in events)
    all_years = page.locator(".timeline-years a").count()
    years = page.evaluate(VISIBLE_YEARS)
    assert years == page.evaluate(SHOWN_YEARS) and 0 < len(years) < all_years
    page.locator("label[for=theme-releases]").click()
    assert page.url.endswith("?theme=releases")
    assert page.evaluate(VISIBLE_YEARS) == page.evaluate(SHOWN_YEARS) != years
    page.locator("label[for=theme-all]").click()
    assert "theme=" not in page.url and len(page.evaluate(VISIBLE_YEARS)) == all_years
    assert not report.errors
    page.goto(base_url + "timeline/?theme=law")
    page.wait_for_load_state("networkidle")
    page.locator(".timeline-years").scroll_into_view_if_needed()
    shoot(page, "timeline-law-1280")


# -----------------------------------------------------------------------------
# Link marks on anchors that are no headings
# -----------------------------------------------------------------------------

OPACITY = "e => Number(getComputedStyle(e).opacity)"


@pytest.mark.parametrize(
    ("path", "anchored"),
    [
        ("definitions/open-source-ai/", "table.verdicts tbody tr[id]"),
        ("models/llama-2/", "table.model-verdicts__table tbody tr[id]"),
        ("timeline/", ".timeline-event[id]"),
    ],
)
def test_a_linkable_row_or_event_shows_its_link_on_hover_and_on_focus(
    browser,
    base_url,
    path,
    anchored,
):
    page, _ = load(browser, base_url + path, viewport=DESKTOP)
    first, second = page.locator(anchored).nth(3), page.locator(anchored).nth(5)
    for element in (first, second):
        anchor = element.get_attribute("id")
        mark = element.locator("a.permalink")  # instant navigation makes its href absolute
        assert mark.count() == 1 and mark.inner_text() == "#"
        assert mark.get_attribute("href").endswith("#" + anchor)
        assert mark.get_attribute("aria-label").startswith("Link to this ")
        element.scroll_into_view_if_needed()
        page.mouse.move(0, 0)
        page.wait_for_timeout(200)
        assert mark.evaluate(OPACITY) == 0
    first.hover()
    page.wait_for_timeout(250)
    assert first.locator("a.permalink").evaluate(OPACITY) == 1
    page.mouse.move(0, 0)
    second.locator("a.permalink").focus()  # the keyboard reaches it: a real link
    page.wait_for_timeout(250)
    assert second.locator("a.permalink").evaluate(OPACITY) == 1
    assert first.locator("a.permalink").evaluate(OPACITY) == 0
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url.endswith("#" + second.get_attribute("id"))


def test_licence_clauses_keep_their_heading_links(browser, base_url):
    page, _ = load(browser, base_url + "licences/llama-3/", viewport=DESKTOP)
    clause = page.locator("article h3[id]").nth(2)
    link = clause.locator("a.headerlink")
    link.focus()
    page.wait_for_timeout(250)
    assert link.evaluate(OPACITY) == 1 and link.get_attribute("href").endswith(
        "#" + clause.get_attribute("id")
    )


# -----------------------------------------------------------------------------
# Reading
# -----------------------------------------------------------------------------

VISIBLE_DIRECTIONS = """() => [...document.querySelectorAll('a')].filter(a => a.getClientRects().length
    && /^(Previous|Next)\\b/.test((a.getAttribute('aria-label') || a.textContent).trim()))
    .map(a => (a.getAttribute('aria-label') || a.textContent).trim().split(/[:\\s]/)[0])"""


@pytest.mark.parametrize("path", ["glossary/", "models/", "essays/free-as-in-what/"])
def test_a_page_on_the_reading_path_has_one_previous_next_pair(browser, base_url, path):
    page, _ = load(browser, base_url + path, viewport=DESKTOP)
    directions = page.evaluate(VISIBLE_DIRECTIONS)
    assert sorted(directions) == sorted(set(directions)), directions
    assert page.locator("nav.reading-path").is_visible()
    assert not page.locator(".md-footer__inner").is_visible()


def test_a_page_off_the_reading_path_keeps_the_theme_pair(browser, base_url):
    page, _ = load(browser, base_url + "claims/", viewport=DESKTOP)
    assert page.locator(".md-footer__inner").is_visible()
    assert page.locator("nav.reading-path").count() == 0


FIRST_SENTENCE = """() => {
    const paragraphs = [...document.querySelectorAll('article.md-content__inner > [data-pagefind-body] > p:not([class])')]
        .filter(p => p.textContent.trim() && !(p.firstElementChild && p.firstElementChild.tagName === 'EM'
                     && p.firstElementChild.textContent.length > p.textContent.trim().length / 2));
    const p = paragraphs[0];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const end = node.textContent.search(/[.?!][”’")]?(\\s|$)/);
        if (end >= 0) {
            const range = document.createRange();
            range.setStart(p, 0);
            range.setEnd(node, end + 1);
            return {text: range.toString(), bottom: range.getBoundingClientRect().bottom};
        }
    }
    return {text: p.textContent, bottom: p.getBoundingClientRect().bottom};
}"""


def essay_paths() -> list[str]:
    pages = load_site(str(ROOT / "docs")).pages.values()
    return sorted(p.src.removesuffix(".md") + "/" for p in pages if p.meta.get("kind") == "essay")


@pytest.mark.parametrize("path", essay_paths())
def test_the_first_phone_screen_of_an_essay_shows_a_sentence_of_it(browser, base_url, path):
    page, _ = load(browser, base_url + path, viewport=PHONE)
    sentence = page.evaluate(FIRST_SENTENCE)
    assert len(sentence["text"].split()) >= 4, sentence
    assert sentence["bottom"] <= PHONE["height"], (
        f"{path}: the first sentence ends {sentence['bottom']:.0f} px down"
    )


def test_the_home_title_leaves_no_blank_band_on_a_phone(browser, base_url):
    page, _ = load(browser, base_url, viewport=PHONE)
    title = page.evaluate("""() => { const h = document.querySelector('article h1');
        const next = h.nextElementSibling.getBoundingClientRect(); const box = h.getBoundingClientRect();
        return {height: box.height, line: parseFloat(getComputedStyle(h).lineHeight),
                gap: next.top - box.bottom, margin: parseFloat(getComputedStyle(h).marginBottom)}; }""")
    assert title["height"] < 1.5 * title["line"], title
    assert title["gap"] <= title["margin"] + 1, title


def test_glossary_short_definitions_are_not_bold(browser, base_url):
    page, _ = load(browser, base_url + "glossary/", viewport=DESKTOP)
    shorts = page.locator(".glossary-entry > p.glossary-short")
    assert shorts.count() == page.locator(".glossary-entry").count() > 50
    weights = shorts.evaluate_all("ps => ps.map(p => Number(getComputedStyle(p).fontWeight))")
    assert max(weights) < 600
    assert page.locator(".glossary-entry > p > strong:only-child").count() == 0


# -----------------------------------------------------------------------------
# Screenshots to look at
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("path", ["", "essays/free-as-in-what/", "models/llama-3/", "timeline/"])
def test_screenshots(browser, base_url, path, viewport, scheme):
    page, report = load(browser, base_url + path, viewport=viewport, color_scheme=scheme)
    assert not report.errors and not report.foreign
    name = f"{path.strip('/').replace('/', '-') or 'home'}-{viewport['width']}-{scheme}"
    shoot(page, name + "-top")
    block = page.locator("section.cite-this")
    if block.count():
        block.scroll_into_view_if_needed()
        shoot(page, name + "-cite")


def test_the_timeline_filter_and_year_index_work_without_script(browser, base_url):
    page, _ = load(browser, base_url + "timeline/", viewport=DESKTOP, java_script_enabled=False)
    every = page.locator(".timeline-years a").count()
    page.locator("label[for=theme-law]").click()
    assert page.evaluate(VISIBLE_YEARS) == page.evaluate(SHOWN_YEARS)
    assert 0 < len(page.evaluate(VISIBLE_YEARS)) < every
