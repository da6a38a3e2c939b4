"""The matrix, the licence comparison and the definitions read as tables (issue 25, item 4),
tested in Debian chromium at a desktop's 1280 px and a phone's 375 px, in both schemes.

What is measured is what a reader sees: where each word's letters fall (a word whose
letters lie on two lines is broken), the colours the browser computed, the height of the
page, and whether a cue is visible while a table hides columns.
"""

from __future__ import annotations

import os

import pytest
from conftest import ROOT
from test_browser import BROKEN_WORDS, CHROMIUM, base_url, browser, load  # noqa: F401 - fixtures reused by name

from mkdocs_debate.data.site import load_site

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian chromium (make system-deps)"
)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
# Page heights at 375 px before issue 25: /models/ 33,629 px (the matrix alone about 23,000 for 43
# models), /licences/llama-compare/ 28,564 px. The matrix grows with the models it rates: its budget
# is a model's, 300 px on average (13,000 px for 43 models; 242 px a model at 86).
MATRIX_PHONE_PER_MODEL = 300
COMPARE_PHONE_MAX = 6_000


def _dark(page) -> None:
    """The dark scheme, as the palette toggle sets it."""
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")


# -----------------------------------------------------------------------------
# The openness matrix
# -----------------------------------------------------------------------------


def test_no_word_of_the_matrix_breaks_inside_at_1280(browser, base_url):
    """Every column is at least as wide as its longest word ("Communit y" was split in the licence column)."""
    page, report = load(browser, base_url + "models/", viewport=DESKTOP)
    matrix = page.locator(".models-matrix").element_handle()
    assert not page.evaluate(BROKEN_WORDS, matrix)
    licences = page.evaluate("""() => Array.from(document.querySelectorAll('#matrix td[data-label="Weights licence"]'))
        .map(td => [td.getBoundingClientRect().width, td.scrollWidth <= td.clientWidth + 1])""")
    assert len(licences) > 40 and all(fits for _width, fits in licences)
    assert min(width for width, _fits in licences) > 90, licences
    assert page.evaluate(
        "() => { const box = document.querySelector('.models-matrix .table-scroll');"
        " return box.scrollWidth <= box.clientWidth + 1; }"
    ), "the matrix scrolls sideways at 1280 px"
    assert not report.errors
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matrix_cells_are_coloured_blocks(browser, base_url, scheme):
    """Each openness cell is a block of its level's colour holding its symbol and word; the block's
    text contrasts with it (4.5:1 or more) in both schemes."""
    page, _ = load(browser, base_url + "models/", viewport=DESKTOP)
    if scheme == "dark":
        _dark(page)
    blocks = page.evaluate("""() => Array.from(document.querySelectorAll('#matrix td.cell .cell-label')).map(label => {
        const style = getComputedStyle(label), cell = label.closest('td');
        const level = [...cell.classList].find(c => c.startsWith('cell--')).slice(6);
        const probe = document.createElement('span');
        probe.style.color = getComputedStyle(cell).getPropertyValue('--faiw-' + level);
        document.body.append(probe);
        const expected = getComputedStyle(probe).color;
        probe.remove();
        return [level, style.backgroundColor, expected, style.color, label.textContent.trim()];
    })""")
    assert len(blocks) > 40 * 7

    def luminance(rgb: str) -> float:
        values = [int(v) / 255 for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
        r, g, b = ((v / 12.92) if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for level, background, expected, colour, text in blocks:
        if level in ("open", "partial", "closed", "unknown"):
            assert background == expected, (level, background, expected)
        lighter, darker = sorted((luminance(background), luminance(colour)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (level, background, colour)
        assert text[0] in "●◐○?✔✘" and len(text) > 2, text  # a symbol and a word, not colour alone
    page.context.close()


def test_matrix_on_a_phone_is_compact_with_notes_to_tap(browser, base_url):
    """At 375 px a model is a small card: the six cells in one row of blocks, each under its short
    label; its notes open with a tap (no hover on a touch screen); the legend says so."""
    page, report = load(browser, base_url + "models/", viewport=PHONE, has_touch=True)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    height = page.evaluate(
        "document.querySelector('.models-matrix').getBoundingClientRect().height"
    )
    models = page.locator("#matrix tbody tr").count()
    assert height < MATRIX_PHONE_PER_MODEL * models, (
        f"the matrix is {height:.0f} px tall on a phone for {models} models"
    )
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('#matrix tbody tr')).map(tr => {
        const cells = Array.from(tr.querySelectorAll('td.dimension'));
        return [getComputedStyle(tr).display, new Set(cells.map(td => Math.round(td.getBoundingClientRect().top))).size,
                cells.map(td => getComputedStyle(td, '::before').content), tr.getBoundingClientRect().height];
    })""")
    assert len(rows) > 40
    for display, lines, labels, _height in rows:
        assert display == "grid" and lines == 1, (display, lines)
        assert labels == ['"Weights"', '"Use"', '"Code"', '"Data"', '"Docs"', '"Report"'], labels
    assert max(h for *_rest, h in rows) < 330, "a card is taller than it needs to be"
    assert not page.evaluate(BROKEN_WORDS, page.locator(".models-matrix").element_handle())
    legend = page.locator(".models-matrix .legend").inner_text()
    assert "tap" in legend and "hover" in legend
    notes = page.locator("#llama-3-1 details.row-notes")
    note = notes.locator("dd").first
    assert not note.is_visible()
    notes.locator("summary").tap()
    assert note.is_visible() and len(note.inner_text()) > 20
    box = note.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert not report.errors
    page.context.close()


# -----------------------------------------------------------------------------
# The Llama licences compared
# -----------------------------------------------------------------------------


def test_llama_comparison_is_one_grid_that_fits_a_desktop(browser, base_url):
    page, report = load(browser, base_url + "licences/llama-compare/", viewport=DESKTOP)
    assert page.locator("article table").count() == 1
    grid = page.evaluate("""() => { const t = document.querySelector('table.licence-compare'), box = t.parentElement;
        return [box.scrollWidth - box.clientWidth, t.tHead.rows[0].cells.length,
                Array.from(t.tBodies[0].rows).map(r => getComputedStyle(r).display)]; }""")
    overflow, columns, displays = grid
    assert overflow <= 1, f"the grid scrolls {overflow} px sideways at 1280 px"
    assert columns == 7 and len(displays) > 15 and set(displays) == {"table-row"}
    assert not page.evaluate(BROKEN_WORDS, page.locator("article").element_handle())
    assert "Definitions Definitions" not in page.locator("article").inner_text()
    assert not report.errors
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_llama_comparison_on_a_phone_scrolls_under_its_clause_names(browser, base_url, scheme):
    page, report = load(
        browser,
        base_url + "licences/llama-compare/#llama-3-1--monthly-active-users",
        viewport=PHONE,
    )
    if scheme == "dark":
        _dark(page)
    assert page.evaluate("document.documentElement.scrollHeight") < COMPARE_PHONE_MAX
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    box = page.locator(".licence-compare-scroll")
    box.evaluate("el => el.scrollTo(10000, 0)")
    page.wait_for_timeout(100)
    left = box.evaluate("el => el.getBoundingClientRect().left")
    name = page.locator("table.licence-compare tbody th[scope=row]").first
    assert abs(name.evaluate("el => el.getBoundingClientRect().left") - left) <= 1, (
        "the clause names scrolled away"
    )
    assert name.evaluate("el => getComputedStyle(el).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert not page.evaluate(BROKEN_WORDS, page.locator("article").element_handle())
    assert not report.errors
    page.context.close()


# -----------------------------------------------------------------------------
# Definitions side by side
# -----------------------------------------------------------------------------

CUE = """box => { const cue = box.querySelector('.scroll-cue'); if (!cue) return null;
    const r = cue.getBoundingClientRect(), b = box.getBoundingClientRect();
    return [getComputedStyle(cue).visibility, r.width > 50 && r.left >= b.left - 1 && r.right <= b.right + 1]; }"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_hidden_definitions_have_a_visible_cue(browser, base_url, viewport):
    """While definitions lie out of view to the right, a line says so (and a shadow marks the edge);
    at the far end, or where every column fits, the line is hidden."""
    page, _ = load(browser, base_url + "definitions/open-source-ai/", viewport=viewport)
    box = page.locator(".definitions-table").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth + 1"), (
        "11 definitions fit: nothing to test"
    )
    box.scroll_into_view_if_needed()
    assert box.evaluate(CUE) == ["visible", True]
    testable = sum(
        1 for d in load_site(str(ROOT / "docs")).term_definitions["open-source-ai"] if d.criteria
    )
    assert f"{testable} definitions side by side" in box.locator(".scroll-cue").inner_text()
    assert "gradient" in box.evaluate("el => getComputedStyle(el).backgroundImage")
    first = page.locator("table.definitions-compared tbody th[scope=row]").first
    left = box.evaluate("el => el.getBoundingClientRect().left")
    box.evaluate("el => el.scrollTo(el.scrollWidth, 0)")
    page.wait_for_timeout(150)
    assert box.evaluate(CUE)[0] == "hidden"
    assert abs(first.evaluate("el => el.getBoundingClientRect().left") - left) <= 1, (
        "the requirement column scrolled away"
    )
    page.context.close()
    if viewport is DESKTOP:
        fits, _ = load(
            browser, base_url + "definitions/preferred-form-for-modification/", viewport=viewport
        )
        other = fits.locator(".definitions-table").first
        assert other.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        assert other.evaluate(CUE) == ["hidden", True]
        fits.context.close()
