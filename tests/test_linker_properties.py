"""Property test of the cross-linker: random documents built from the pieces that trip linkers up.

Glossary terms in every case, code spans, raw inline HTML, links, headings,
footnotes, bare URLs and hyphenated compounds. Whatever the document, linking
changes no visible text and never puts a link inside a link, code, a summary,
a URL or a word.
"""

from __future__ import annotations

import re

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from util import GOLDEN_DOCS

from mkdocs_debate import test_tools

TERMS = ["gratis", "Gratis", "open source", "open source AI", "open weights", "open-weight models"]
PIECES = st.one_of(
    st.sampled_from(TERMS),
    st.sampled_from(TERMS).map(lambda t: f"`{t}`"),
    st.sampled_from(TERMS).map(lambda t: f"<code>{t}</code>"),
    st.sampled_from(TERMS).map(lambda t: f"<kbd>{t}</kbd>"),
    st.sampled_from(TERMS).map(lambda t: f'<a href="https://example.org">{t}</a>'),
    st.sampled_from(TERMS).map(lambda t: f"[{t}](https://example.org/x)"),
    st.sampled_from(TERMS).map(lambda t: f"https://example.org/{t.replace(' ', '-')}"),
    st.sampled_from(TERMS).map(lambda t: f"non-{t}"),
    st.sampled_from(TERMS).map(lambda t: f"{t}-like"),
    st.sampled_from(TERMS).map(lambda t: f"<cite>{t}</cite>"),
    st.sampled_from(["and", "the", "is", "not", ",", ".", "(", ")", "free", "open"]),
)
BLOCKS = st.one_of(
    st.lists(PIECES, min_size=1, max_size=12).map(" ".join),
    st.sampled_from(TERMS).map(lambda t: f"## {t} heading"),
    st.sampled_from(TERMS).map(
        lambda t: f"<details><summary>{t}</summary>\n\n{t} inside\n</details>"
    ),
    st.sampled_from(TERMS).map(lambda t: f"```\n{t} in a fence\n```"),
    st.sampled_from(TERMS).map(lambda t: f"A note.[^n]\n\n[^n]: {t} in a footnote."),
)
DOCUMENTS = st.lists(BLOCKS, min_size=1, max_size=6).map("\n\n".join)
EXTENSIONS = test_tools.GOLDEN_EXTENSIONS


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text()).strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_linking_changes_no_text_and_nests_nothing(document):
    linked = test_tools.render(document, GOLDEN_DOCS, page="random.md")
    plain = markdown.Markdown(extensions=EXTENSIONS).convert(document)
    assert visible_text(linked) == visible_text(plain)
    soup = BeautifulSoup(linked, "html.parser")
    for link in soup.find_all("a", class_="glossary-term"):
        assert (
            link.find_parent(
                ["a", "code", "pre", "kbd", "samp", "summary", "cite", "h1", "h2", "h3"]
            )
            is None
        ), document
        before = link.previous_sibling if isinstance(link.previous_sibling, str) else ""
        after = link.next_sibling if isinstance(link.next_sibling, str) else ""
        assert not re.search(r"[\w-]$", before) and not re.match(r"[\w-]", after), document
        assert not re.search(r"https?://\S*$", before), document
    for link in soup.find_all("a"):
        assert link.find_parent("a") is None, document
