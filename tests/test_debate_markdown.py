"""Golden tests of the debate Markdown extension: Markdown in, HTML out."""

from __future__ import annotations

import markdown
import pytest
from util import GOLDEN_DOCS, check_markdown, render

from mkdocs_debate.extension import DebateExtension, UnknownPageError
from mkdocs_debate.syntax import numbered_claim_references

GRATIS = '<a class="glossary-term" data-term="gratis" data-tip="At no monetary cost." href="glossary.md#gratis">'
OPEN_SOURCE = (
    '<a class="glossary-term" data-term="open-source" '
    'data-tip="Software whose licence meets the Open Source Definition." href="glossary.md#open-source">'
)
OSAI = (
    '<a class="glossary-term" data-term="open-source-ai" '
    'data-tip="An AI system released under terms meeting the OSAID." href="glossary.md#open-source-ai">'
)


def test_first_mention_only():
    check_markdown(
        "Open source is old. Open source again.",
        f"<p>{OPEN_SOURCE}Open source</a> is old. Open source again.</p>",
    )


def test_longest_match_wins():
    check_markdown(
        "Open source AI is not open source.",
        f"<p>{OSAI}Open source AI</a> is not {OPEN_SOURCE}open source</a>.</p>",
    )


def test_whole_words_only():
    check_markdown("Gratisware is not gratis.", f"<p>Gratisware is not {GRATIS}gratis</a>.</p>")


def test_aliases_and_plurals():
    check_markdown(
        "Two open-weight models.",
        '<p>Two <a class="glossary-term" data-term="open-weights" '
        'data-tip="Model parameters anyone can download." href="glossary.md#open-weights">open-weight models</a>.</p>',
    )


def test_code_is_never_linked():
    check_markdown(
        "`gratis` and\n\n```\ngratis\n```\n\nthen gratis.",
        f"""
        <p><code>gratis</code> and</p>
        <div class="highlight"><pre><span></span><code>gratis
        </code></pre></div>
        <p>then {GRATIS}gratis</a>.</p>""",
    )


def test_existing_links_are_not_touched():
    check_markdown(
        "[gratis](https://example.org) then gratis.",
        f'<p><a href="https://example.org">gratis</a> then {GRATIS}gratis</a>.</p>',
    )


def test_headings_are_not_linked():
    check_markdown("## Gratis\n\ngratis", f'<h2 id="gratis">Gratis</h2>\n<p>{GRATIS}gratis</a></p>')


def test_image_alt_text_is_not_linked():
    check_markdown(
        "![gratis](x.png) gratis", f'<p><img alt="gratis" src="x.png" /> {GRATIS}gratis</a></p>'
    )


def test_raw_html_and_attributes_are_not_touched():
    check_markdown(
        '<div title="gratis">gratis</div>\n\nGratis.',
        f'<div title="gratis">gratis</div>\n\n<p>{GRATIS}Gratis</a>.</p>',
    )


def test_page_can_opt_out():
    check_markdown("Open source here.", "<p>Open source here.</p>", page="opted-out.md")


def test_forced_term_link_counts_as_first_mention():
    check_markdown(
        "Free [[term:gratis|of charge]] and gratis.",
        f"<p>Free {GRATIS}of charge</a> and gratis.</p>",
    )


def test_forced_term_by_alias():
    check_markdown(
        "[[term:open-weight model]]",
        '<p><a class="glossary-term" data-term="open-weights" '
        'data-tip="Model parameters anyone can download." href="glossary.md#open-weights">open-weight model</a></p>',
    )


def test_unknown_term_names_file_and_line():
    with pytest.raises(ValueError) as error:
        render("x\n\nA [[term:no-such-term]] ref.")
    assert str(error.value).startswith("docs/sample.md:6: unknown glossary term 'no-such-term'")


def test_claim_reference_anchors_its_paragraph():
    check_markdown(
        "Weights are a binary. [[claim:weights-are-binary|for]]",
        '<p id="claim-weights-are-binary">Weights are a binary. <a class="claim-ref claim-ref--for" '
        'data-claim="weights-are-binary" '
        'data-tip="Claim: Model weights are the compiled binary of a model." href="claims/weights-are-binary.md">'
        '<span class="claim-ref__side">Argues for</span> Weights are the binary</a></p>',
    )


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
