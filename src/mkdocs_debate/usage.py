"""Site-wide indexes: which pages use which glossary term and which claim.

Computed once per loaded site (one scan of docs/ with the same matcher and the
same skip rules as the extension) and kept on the Site object (site_index). Each claim
reference also carries an excerpt: the sentence it marks, as plain text read
from the Markdown source (no Markdown is run).
"""

from __future__ import annotations

import dataclasses
import html
import re

from mkdocs_debate.data.definitions import Definition
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, site_index
from mkdocs_debate.matcher import glossary_matcher, site_matcher
from mkdocs_debate.source import FENCE, mask_code_spans
from mkdocs_debate.syntax import REFERENCE_RE, iter_references, numbered_claim_references

SECTION_HEADING = re.compile(r"#{2,3}\s")
ATTRIBUTE_LIST_END = re.compile(r"\s*\{[^}]*\}\s*$")


@dataclasses.dataclass(frozen=True)
class ClaimUse:
    """One reference to a claim: where it stands and which side it argues."""

    page: Page
    side: str | None
    anchor: str
    heading: str
    excerpt: str = ""  # the sentence the reference marks, plain text (not escaped)


def find_term(site: Site, ref: str) -> dict | None:
    """The glossary entry named by an id, a term or an alias, or None."""
    if ref in site.terms:
        return site.terms[ref]
    term_id = glossary_matcher(site).lookup(ref)
    return site.terms.get(term_id) if term_id else None


def term_usage(site: Site, glossary_page: str = "glossary.md") -> dict[str, list[Page]]:
    """Term id -> pages that mention it outside code, links and headings (the glossary aside)."""
    mentions = _term_mentions(site)
    if glossary_page not in _mentioning(site):
        return mentions
    return {
        term_id: kept
        for term_id, pages in mentions.items()
        if (kept := [page for page in pages if page.src != glossary_page])
    }


@site_index
def _term_mentions(site: Site) -> dict[str, list[Page]]:
    """Term id -> pages that mention it, the glossary's own pages (glossary/) aside."""
    matcher = site_matcher(site)  # as the extension does: model names too
    usage: dict[str, list[Page]] = {}
    for page in sorted(site.pages.values(), key=lambda p: str(p.meta.get("title", p.src))):
        if page.section == "glossary" or not page.links_terms:
            continue
        found = matcher.mentions(page.body)
        for reference in iter_references(page.body, page.body_line):
            entry = find_term(site, reference.target) if reference.kind == "term" else None
            if entry is not None:
                found.add(str(entry["id"]))
        for term_id in found:
            usage.setdefault(term_id, []).append(page)
    return usage


@site_index
def _mentioning(site: Site) -> frozenset[str]:
    """The pages (by source path) that mention a term."""
    return frozenset(page.src for pages in _term_mentions(site).values() for page in pages)


@site_index
def claim_usage(site: Site) -> dict[str, list[ClaimUse]]:
    """Claim id -> every reference to it, with the anchor the extension gives its block."""
    usage: dict[str, list[ClaimUse]] = {}
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if page.is_claim:
            continue
        lines = page.body.splitlines()
        on_line: dict[int, int] = {}
        for reference, anchor in numbered_claim_references(page.body, page.body_line):
            index = reference.line - page.body_line
            heading = next(
                (
                    ATTRIBUTE_LIST_END.sub("", line.lstrip("#").strip())
                    for line in reversed(lines[: index + 1])
                    if SECTION_HEADING.match(line)
                ),
                "",
            )
            on_line[index] = on_line.get(index, -1) + 1
            excerpt = claim_excerpt(site, lines, index, on_line[index])
            usage.setdefault(reference.target, []).append(
                ClaimUse(page, reference.extra or None, anchor, heading, excerpt)
            )
    return usage


def term_tip(site: Site, entry: dict) -> str:
    """A term's tooltip: its short definition, and how many definitions compete where several do."""
    short = str(entry.get("short", "")).strip()
    count = len(site.term_definitions.get(str(entry.get("id")), []))
    return f"{short} ({count} competing definitions)" if count > 1 else short


def find_definition(site: Site, term_id: str, definition_id: str) -> Definition | None:
    """One of a term's competing definitions by its id, or None."""
    return next((d for d in site.term_definitions.get(term_id, []) if d.id == definition_id), None)


# -----------------------------------------------------------------------------
# Excerpts: the sentence a claim reference marks, as plain text
# -----------------------------------------------------------------------------

EXCERPT_LENGTH = 200
SHORT_SENTENCE = 60  # a marked sentence shorter than this takes the one before it too
MARK = "\x00"  # where the reference stood, while the paragraph is reduced to plain text
OTHER = "\x01"  # where another claim reference stood
BLOCK_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?")
LIST_ITEM = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+")
NOT_PARAGRAPH = re.compile(
    r"^\s*(?:#{1,6}\s|\[\^[^\]]+\]:|\||<|\{|!!!|\?\?\?|-{3,}\s*$|\*{3,}\s*$)"
)
# Markdown reduced to its text, in this order: a parenthesis of links only is a citation and goes.
MARKUP = (
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\(\s*(?:\[[^\]]*\]\([^)]*\)[\s,;]*)+\)"), ""),  # (citation links only)
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<[^>]*>"), ""),  # inline HTML tags
    (re.compile(r"\{\s*:?\s*[#.][^}]*\}"), ""),  # attribute lists
    (re.compile(r"`+([^`]*)`+"), r"\1"),  # code spans
    (re.compile(r"(\*\*|__|~~|==)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong, strike, mark
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~^])"), r"\1"),  # backslash escapes
)
SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’)\]]*$")
ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "etc",
        "cf",
        "v",
        "vs",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "no",
        "inc",
        "ltd",
        "co",
        "approx",
        "fig",
        "p",
        "pp",
        "ch",
        "sec",
        "art",
        "u.s",
    }
)


def claim_excerpt(site: Site, lines: list[str], index: int, nth: int = 0) -> str:
    """The sentence marked by the nth claim reference on lines[index], as plain text of at most ~200 characters.

    A reference after the end of a sentence (as at the end of a paragraph)
    marks the sentence before it; one inside a sentence marks that sentence.
    """
    first, last = _paragraph_bounds(lines, index)
    text = " ".join(
        _reference_text(site, BLOCK_PREFIX.sub("", line, count=1), nth if number == index else -1)
        for number, line in enumerate(lines[first : last + 1], first)
    )
    before, _, after = _plain(text).partition(MARK)
    own = before.rpartition(OTHER)[2]  # what an earlier reference marks is not this one's
    before = (own if own.strip() else before).replace(OTHER, "").strip()
    after = after.replace(OTHER, "").strip()
    if not before or (ENDS_A_SENTENCE.search(before) and not _starts_lower(after)):
        sentence = _last_sentence(before) if before else _first_sentence(after)
    else:
        sentence = f"{_last_sentence(before)} {_first_sentence(after)}".strip()
    start = before.rfind(sentence) if sentence and before.endswith(sentence) else -1
    while (
        start > 0 and len(sentence) < SHORT_SENTENCE
    ):  # "A duty binds everyone." says little alone
        start = before.rfind(_last_sentence(before[:start].rstrip()), 0, start)
        sentence = before[start:]
    return shorten(sentence)


def shorten(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """text, or its first words within limit characters followed by '…'."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[: limit - 1]
    return cut.rstrip(" ,;:—–-") + "…"


def _paragraph_bounds(lines: list[str], index: int) -> tuple[int, int]:
    """First and last line of the paragraph (or list item) holding lines[index]."""

    def inside(number: int) -> bool:
        line = lines[number]
        return (
            bool(line.strip()) and not NOT_PARAGRAPH.match(line) and not FENCE.match(line.lstrip())
        )

    first = index
    while first > 0 and inside(first - 1) and not LIST_ITEM.match(lines[first]):
        first -= 1
    last = index
    while last + 1 < len(lines) and inside(last + 1) and not LIST_ITEM.match(lines[last + 1]):
        last += 1
    return first, last


def _reference_text(site: Site, line: str, nth: int) -> str:
    """A line with references as text: terms as their words, the nth claim reference as MARK, others as OTHER."""
    masked = mask_code_spans(line)
    out, cursor, claims = [], 0, -1
    for match in REFERENCE_RE.finditer(masked):
        out.append(line[cursor : match.start()])
        cursor = match.end()
        if match.group("kind") == "claim":
            claims += 1
            out.append(MARK if claims == nth else OTHER)
            continue
        words = (match.group("extra") or "").strip()
        if not words:
            entry = find_term(site, match.group("target").strip())
            words = (
                str(entry.get("term", match.group("target")))
                if entry
                else match.group("target").strip()
            )
        out.append(words)
    return "".join(out) + line[cursor:]


OPENS_A_QUOTE = re.compile(r"(^|(?<=[\s(\[{—–/-]))([\"'])")


def curl_quotes(text: str) -> str:
    """Straight quotes of plain text made typographic, as the smarty extension does for prose.

    A quote at the start or after a space or an opening bracket opens (“ ‘); any
    other closes (” ’), which also makes the apostrophe of "Meta's" a ’.
    """
    text = OPENS_A_QUOTE.sub(lambda m: "“" if m.group(2) == '"' else "‘", text)
    return text.replace('"', "”").replace("'", "’")


def _plain(text: str) -> str:
    """Markdown inline markup reduced to its words, HTML entities decoded, quotes curled, spaces tidied."""
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    text = curl_quotes(html.unescape(text))
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" +([,.;:!?)\]”’])", r"\1", text)


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence's end (not after abbreviations or initials)."""
    ends = []
    for match in SENTENCE_END.finditer(text):
        word = re.search(r"(\S+)$", text[: match.start()])
        token = (word.group(1) if word else "").lstrip('(“"‘').lower()
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        ends.append(match.end())
    return ends


def _last_sentence(text: str) -> str:
    ends = [end for end in _sentence_ends(text) if end < len(text.rstrip())]
    return text[ends[-1] :].strip() if ends else text.strip()


def _first_sentence(text: str) -> str:
    ends = _sentence_ends(text)
    return text[: ends[0]].strip() if ends else text.strip()


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()
