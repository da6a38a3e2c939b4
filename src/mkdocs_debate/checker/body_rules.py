"""Rules on a page's Markdown body: claim sections, references, generated blocks, placeholders,
footnotes. Each yields (line, message); its docstring is the rule (page_rules runs them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown.extensions.footnotes import RE_REFERENCE, FootnoteBlockProcessor

from mkdocs_debate.blocks import GENERATORS
from mkdocs_debate.checker.fields import (
    CLAIM_SECTIONS,
    SOURCE_LINK,
)
from mkdocs_debate.data.argument import MAP_PAGE
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import KINDS, Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding
from mkdocs_debate.source import PLAIN_TEXT_MARKUP, iter_code_free_lines, mask_code_spans
from mkdocs_debate.syntax import (
    CLAIM_SIDES,
    GENERATE_RE,
    Reference,
    bad_claim_side,
    claim_takes_no_definition,
    iter_references,
    malformed_references,
    unknown_block,
    unknown_claim,
    unknown_definition,
    unknown_term,
)
from mkdocs_debate.usage import find_definition, find_term


def rule_claim_sections(site: Site, page: Page) -> Iterator[Finding]:
    """A claim page states both sides: '## The case for' and '## The case against'."""
    if not page.is_claim:
        return
    headings = {line.strip() for line in page.body.splitlines()}
    for section in CLAIM_SECTIONS:
        if section not in headings:
            yield page.body_line, f"a claim page needs a section {section!r}"


def rule_references(site: Site, page: Page) -> Iterator[Finding]:
    """[[term:ID]] and [[claim:ID|side]] must name a known term or claim."""
    for reference in iter_references(page.body, page.body_line):
        if reference.kind == "term" and find_term(site, reference.target) is None:
            yield Finding(
                reference.line,
                unknown_term(reference.target, reference.text),
            )
        if reference.definition is not None:
            yield from _definition_reference_findings(site, reference)
        if reference.kind == "claim" and reference.target not in site.claims:
            yield Finding(
                reference.line,
                unknown_claim(reference.target, reference.text),
            )
        if (
            reference.kind == "claim"
            and reference.extra is not None
            and reference.extra not in CLAIM_SIDES
        ):
            yield Finding(reference.line, bad_claim_side(reference.extra))


def rule_flat_sections(site: Site, page: Page) -> Iterator[Finding]:
    """Essays, summaries and claims are files directly in their folder (essays/<slug>.md); the argument map aside."""
    if page.section in KINDS and page.src.count("/") > 1 and page.src != MAP_PAGE:
        yield Finding(
            1,
            f"pages of {page.section}/ must be files directly in it ({page.section}/<slug>.md), "
            f"not in a subfolder: {page.src!r}",
        )


def rule_plain_text(site: Site, page: Page) -> Iterator[Finding]:
    """Titles, descriptions, claims and notes are plain text: no HTML and no Markdown links."""
    fields = [
        (page.meta.line_of(f), f, page.meta.get(f)) for f in ("title", "description", "claim")
    ]
    for field in ("corrections", "revisions"):
        items = page.meta.get(field)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, LineDict):
                fields.append((item.line_of("note"), f"{field[:-1]} note", item.get("note")))
    for line, name, value in fields:
        if isinstance(value, str) and PLAIN_TEXT_MARKUP.search(value):
            yield Finding(line, f"{name} must be plain text (no <, >, [ or ]): {value!r}")


def rule_generated_blocks(site: Site, page: Page) -> Iterator[Finding]:
    """[[generate:NAME]] names a known generated block."""
    for number, line in iter_code_free_lines(page.body):
        match = GENERATE_RE.match(line)
        if match and match.group(1) not in GENERATORS:
            yield Finding(
                number + page.body_line - 1,
                unknown_block(match.group(1), GENERATORS),
            )


def rule_well_formed_references(site: Site, page: Page) -> Iterator[Finding]:
    """Every [[ outside code opens a whole reference: [[term:ID]], [[term:ID|text]], [[claim:ID|side]]."""
    for number, text in malformed_references(page.body):
        yield Finding(
            number + page.body_line - 1,
            f"malformed reference {text!r}: write [[term:ID]], "
            "[[term:ID|text]] or [[claim:ID|for]] (or put it in `code`)",
        )


def _definition_reference_findings(site: Site, reference: Reference) -> Iterator[Finding]:
    """[[term:ID#DEFINITION]] must name one of the term's competing definitions."""
    entry = find_term(site, reference.target) if reference.kind == "term" else None
    if reference.kind == "claim":
        yield Finding(reference.line, claim_takes_no_definition(reference.text))
    elif (
        entry is not None
        and find_definition(site, str(entry["id"]), reference.definition or "") is None
    ):
        known = [d.id for d in site.term_definitions.get(str(entry["id"]), [])]
        yield Finding(
            reference.line,
            unknown_definition(str(entry["id"]), reference.definition or "", reference.text, known),
        )


TODO = re.compile(r"\bTODO\b")
TODO_HINT = re.compile(r"\bTODO:\s*(?P<hint>.*)")  # the scaffold's "TODO: what to write here"
MAX_HINT = 90  # characters of a TODO's hint quoted in the message
FRONT_MATTER_LINE = 2  # the front matter's first line in the file, after '---'


def placeholder_findings(page: Page) -> Iterator[Finding]:
    """Every TODO the scaffold left: in front matter values and their comments, and in text outside code.

    Whole-line comments of the front matter are guidance (the scaffold's header), not placeholders.
    """
    lines = [
        (number + FRONT_MATTER_LINE - 1, line)
        for number, line in enumerate(page.front.splitlines(), 1)
        if not line.lstrip().startswith("#")
    ]
    lines += [
        (number + page.body_line - 1, mask_code_spans(line))
        for number, line in iter_code_free_lines(page.body)
    ]
    for number, line in lines:
        if TODO.search(line):
            hint_match = TODO_HINT.search(line)
            hint = hint_match.group("hint").strip().strip('"') if hint_match else ""
            hint = hint if len(hint) <= MAX_HINT else hint[:MAX_HINT].rstrip() + "…"
            yield Finding(
                number,
                "replace this TODO"
                + (f" with {hint}" if hint else "")
                + " (a page may hold TODOs only while it has draft: true)",
            )


def rule_placeholders(site: Site, page: Page) -> Iterator[Finding]:
    """No TODO is left outside code, unless the page is a draft (draft: true keeps it unpublished)."""
    if not page.is_draft:
        yield from placeholder_findings(page)


def rule_draft(site: Site, page: Page) -> Iterator[Finding]:
    """draft, where given, is true or false."""
    if "draft" in page.meta and not isinstance(page.meta["draft"], bool):
        yield Finding(
            page.meta.line_of("draft"), f"draft must be true or false: {page.meta['draft']!r}"
        )


def rule_footnotes(site: Site, page: Page) -> Iterator[Finding]:
    """Every footnote reference [^id] outside code has a definition [^id]: and every definition is referenced.

    Labels match as Python-Markdown's footnotes extension matches them: exactly,
    case and spaces included. An undefined reference would print as literal
    text; an unreferenced definition as a footnote nothing points to.
    """
    references: dict[str, int] = {}
    definitions: dict[str, int] = {}
    for number, line in iter_code_free_lines(page.body):
        line, number = mask_code_spans(line), number + page.body_line - 1
        definition = FootnoteBlockProcessor.RE.match(line.lstrip())
        if definition:
            definitions.setdefault(definition.group(1), number)
        for match in RE_REFERENCE.finditer(line):
            if not line[: match.start()].endswith(
                "\\"
            ):  # \[^x] is an escaped bracket, not a reference
                references.setdefault(match.group(1), number)
    for label, number in references.items():
        if label not in definitions:
            yield Finding(
                number,
                f"footnote [^{label}] has no definition: add a line '[^{label}]: …' "
                "(labels are case-sensitive)",
            )
    for label, number in definitions.items():
        if label not in references:
            yield Finding(
                number,
                f"footnote [^{label}] is defined but never referenced: "
                f"cite it with [^{label}] in the text, or delete the definition",
            )


def rule_footnote_sources(site: Site, page: Page) -> Iterator[Finding]:
    """Every URL a footnote of an essay, summary or claim cites is listed under sources, exactly as written."""
    if not page.is_article or not isinstance(page.meta.get("sources"), list):
        return
    listed = {s.get("url") for s in page.meta["sources"] if isinstance(s, dict)}
    for number, line in iter_code_free_lines(page.body):
        definition = FootnoteBlockProcessor.RE.match(mask_code_spans(line).lstrip())
        for url in SOURCE_LINK.findall(mask_code_spans(line)) if definition else []:
            url = url.rstrip(".,;)")
            if url not in listed:
                yield Finding(
                    number + page.body_line - 1,
                    f"footnote [^{definition.group(1)}] cites {url!r}, which is not under sources: "
                    "list it there (title and url), with exactly this URL",
                )
