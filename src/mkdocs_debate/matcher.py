"""Find glossary terms in text: one Aho-Corasick pass, whatever the number of terms.

The matcher is shared by the Markdown extension (which links the first mention
of each term on a page) and by the site scan (which lists, for each term, the
pages that mention it), so both agree on what counts as a mention:

- case-insensitive, on whole words only ("gratis" never inside "gratisware");
- aliases and plural forms are written out in the glossary, not guessed;
- the longest match wins ("open source AI" before "open source").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick

from mkdocs_debate.data.matrix import Model
from mkdocs_debate.data.site import Site, site_index, term_names
from mkdocs_debate.source import WORK_TITLE, iter_code_free_lines, mask_code_spans

# What the site scan removes from a Markdown line (after blanking code spans)
# before matching, mirroring the elements the tree walk skips: links and images,
# autolinks, raw HTML tags, attribute lists, footnote and explicit references,
# titles of works (*Title*{.work}, which the extension renders as <cite>).
_SKIPPED_INLINE = re.compile(
    WORK_TITLE.pattern + "|"
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)"  # [link](url), ![alt](src)
    r"|!?\[[^\]]*\]\[[^\]]*\]"  # [link][ref]
    r"|\[\[[^\]]*\]\]"  # [[term:x]], [[claim:x]]
    r"|\[\^[^\]]*\]"  # footnote reference
    r"|<[^>]*>"  # raw HTML and autolinks
    r"|\{[:#.][^}]*\}"  # attribute list
)
_SKIPPED_LINE = re.compile(r"^\s*(#|\[\^[^\]]+\]:|!!!|\?\?\?|\[[^\]]+\]:\s)")
_WORD_CHAR = re.compile(
    r"[\w-]"
)  # a hyphen joins words: "non-free software" holds no "free software"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class TermMatcher:
    """Maps every term and alias of a glossary to its id, and finds them in text."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        self.automaton = ahocorasick.Automaton()
        self.names: dict[str, str] = {}
        for name, term_id in names:
            key = _fold(name.strip())
            if key:
                self.names[key] = term_id
                self.automaton.add_word(key, (len(key), term_id))
        if self.names:
            self.automaton.make_automaton()

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, term id) of every whole-word match, longest first."""
        if not self.names or not text:
            return
        folded = _fold(text)
        urls = (
            [match.span() for match in _URL.finditer(text)]
            if "/" in text or "www." in folded
            else []
        )
        for end, (length, term_id) in self.automaton.iter_long(folded):
            start, stop = end - length + 1, end + 1
            if not (_is_word_boundary(text, start - 1) and _is_word_boundary(text, stop)):
                continue
            if any(url_start <= start < url_end for url_start, url_end in urls):
                continue  # part of a bare URL
            yield start, stop, term_id

    def lookup(self, name: str) -> str | None:
        """The id of a term given by id, name or alias, or None."""
        return self.names.get(_fold(name.strip()))

    def mentions(self, markdown: str) -> set[str]:
        """Term ids mentioned in Markdown, outside what the linker skips."""
        found: set[str] = set()
        for _, line in iter_code_free_lines(markdown):
            if _SKIPPED_LINE.match(line):
                continue
            found.update(
                term for _, _, term in self.find(_SKIPPED_INLINE.sub(" ", mask_code_spans(line)))
            )
        return found


def _fold(text: str) -> str:
    """Lower-case text without changing its length (so offsets stay valid)."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_word_boundary(text: str, index: int) -> bool:
    """True when text[index] is outside text or is neither a word character nor a hyphen.

    Nor is a point that continues a version number: 3.5, and also 3.x or 2.5b.
    "Llama 3.x" names a family of versions, not the model called "Llama 3".
    """
    if index < 0 or index >= len(text):
        return True
    if (
        text[index] == "."
        and 0 < index < len(text) - 1
        and text[index - 1].isdigit()
        and text[index + 1].isalnum()
    ):
        return False
    return not _WORD_CHAR.match(text[index])


MODEL_PREFIX = "model:"  # ids of matrix models among the matcher's names, apart from term ids


def model_names(models: Iterable[Model]) -> Iterator[tuple[str, str]]:
    """(name, 'model:ID') for every matrix model's name and aliases."""
    for model in models:
        for name in (model.name, *model.aliases):
            yield name, f"{MODEL_PREFIX}{model.id}"


def glossary_names(glossary: list[dict]) -> Iterator[tuple[str, str]]:
    """(name, id) for every term, its id, and its aliases."""
    for entry in glossary:
        term_id = str(entry.get("id", ""))
        for name in term_names(entry):
            yield name, term_id


def matcher_for(glossary: list[dict], models: Iterable[Model] = ()) -> TermMatcher:
    """The matcher of a glossary and of matrix model names (build it once: see site_matcher).

    Model names come first, so that a glossary name wins should both use one.
    """
    return TermMatcher((*model_names(models), *glossary_names(glossary)))


@site_index
def site_matcher(site: Site) -> TermMatcher:
    """The site's matcher of glossary terms and model names, built once per Site (O(1) per page)."""
    return matcher_for(site.glossary, site.matrix)


@site_index
def glossary_matcher(site: Site) -> TermMatcher:
    """The site's matcher of glossary terms alone (to name a term by an alias)."""
    return matcher_for(site.glossary)
