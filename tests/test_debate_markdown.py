"""The debate Markdown extension beyond the golden pairs (tests/test_golden.py): errors, options, pages."""

from __future__ import annotations

import markdown
import pytest
from util import GOLDEN_DOCS, render

from mkdocs_debate.extension import DebateExtension, UnknownPageError
from mkdocs_debate.syntax import numbered_claim_references

pytestmark = pytest.mark.golden


def test_unknown_term_names_file_and_line():
    with pytest.raises(ValueError) as error:
        render("x\n\nA [[term:no-such-term]] ref.")
    assert str(error.value).startswith("docs/sample.md:6: unknown glossary term 'no-such-term'")


def test_unknown_claim_is_an_error():
    with pytest.raises(ValueError, match="unknown claim 'nope'"):
        render("[[claim:nope]]")


def test_bad_claim_side_is_an_error():
    with pytest.raises(ValueError, match="claim side must be 'for' or 'against'"):
        render("[[claim:weights-are-binary|maybe]]")


def test_links_are_relative_to_the_page():
    html = render("gratis", page="essays/cited.md")
    assert 'href="../glossary.md#gratis"' in html


def test_term_is_not_linked_in_its_own_glossary_entry():
    html = render("[[generate:glossary]]", page="glossary.md")
    entry = html.split('data-term="gratis"', 1)[1].split("</div>", 1)[0]
    assert "glossary-term" not in entry.split('class="used-in')[0]
    assert 'id="gratis"' in html and 'id="letter-g"' in html


def test_citation_block_on_essays():
    html = render("Text.", page="essays/cited.md")
    assert "15 January 2026; last revised 1 February 2026" in html
    assert "url    = {https://example.org/essays/cited/}" in html
    assert "https://github.com/example/site/commits/main/docs/essays/cited.md" in html
    assert "Fixed a date." in html


def test_no_citation_block_on_plain_pages():
    assert "Cite this page" not in render("Text.")


def test_unknown_generated_block_is_an_error():
    with pytest.raises(ValueError, match="unknown generated block 'nope'"):
        render("[[generate:nope]]")


def test_generated_block_inside_code_stays_literal():
    html = render("```\n[[generate:glossary]]\n```")
    assert "[[generate:glossary]]" in html and 'id="letter-g"' not in html


def test_claim_anchors_are_numbered_in_document_order():
    """A list item before a paragraph: the list item's block is the first anchor, as the backlinks count."""
    source = (
        "- Weights are a binary. [[claim:weights-are-binary|for]]\n\n"
        "Weights are not a binary. [[claim:weights-are-binary|against]]"
    )
    html = render(source)
    first, second = (
        html.index('id="claim-weights-are-binary"'),
        html.index('id="claim-weights-are-binary-2"'),
    )
    assert first < second
    assert html[first - 4 : first] == "<li " and "claim-ref--for" in html[first:second]
    # The backlinks read the same numbering from the source.
    assert [(ref.extra, anchor) for ref, anchor in numbered_claim_references(source)] == [
        ("for", "claim-weights-are-binary"),
        ("against", "claim-weights-are-binary-2"),
    ]


def test_the_page_must_be_known():
    """Outside MkDocs and Zensical, without a page option, the extension fails instead of guessing."""
    md = markdown.Markdown(extensions=[DebateExtension(docs_dir=str(GOLDEN_DOCS))])
    with pytest.raises(UnknownPageError, match="cannot tell which page it renders"):
        md.convert("gratis")


def test_links_to_other_pages_are_marked_for_previews():
    html = render(
        "See [the other essay](other.md), [a section](other.md#why), [here](#top), "
        "[outside](https://example.org/), [mail](mailto:a@b.c) and gratis.[^n]\n\n[^n]: A note.",
        page="essays/cited.md",
    )
    assert '<a data-preview="" href="other.md">' in html
    assert '<a data-preview="" href="other.md#why">' in html
    for unmarked in ('href="#top"', 'href="https://example.org/"', 'href="mailto:a@b.c"'):
        assert f"<a {unmarked}>" in html, unmarked
    assert (
        html.count("data-preview") == 2
    )  # not the term link (it has a tooltip), not the footnote links


def test_reference_pages_mark_no_previews():
    assert "data-preview" not in render("See [the essay](essays/cited.md).", page="glossary.md")
