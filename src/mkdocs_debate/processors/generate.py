"""The preprocessor: ``[[generate:NAME]]`` lines replaced by generated Markdown, page furniture appended."""

from __future__ import annotations

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from mkdocs_debate.blocks import GENERATORS
from mkdocs_debate.blocks.furniture import furniture, page_header
from mkdocs_debate.processors.context import (
    FOOTNOTE_DEFINITION,
    NOTES_ANCHOR,
    NOTES_TITLE,
    DebateContext,
)
from mkdocs_debate.source import iter_code_free_lines
from mkdocs_debate.syntax import GENERATE_RE, unknown_block


class GeneratePreprocessor(Preprocessor):
    """Replaces ``[[generate:NAME]]`` lines and appends page furniture."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context

    def run(self, lines: list[str]) -> list[str]:
        self.context.reset()
        self.context.source_lines = list(lines)
        site, src, settings = self.context.site, self.context.src, self.context.settings
        output: list[str] = []
        outside_code = dict(iter_code_free_lines("\n".join(lines)))
        for number, line in enumerate(lines, 1):
            match = GENERATE_RE.match(line) if number in outside_code else None
            if not match:
                output.append(line)
                continue
            builder = GENERATORS.get(match.group(1))
            if builder is None:
                raise self.context.error(
                    unknown_block(match.group(1), GENERATORS),
                    line.strip(),
                )
            lift = self.context.figures.lift
            output.extend(["", *lift(builder(site, src, settings)).splitlines(), ""])
        page = site.all_pages.get(src)
        if page is not None:
            header = self.context.figures.lift(page_header(site, page, settings))
            output = [*header.splitlines(), "", *output] if header else output
            if page.is_article:
                output.extend(notes_heading(self.md, lines, outside_code))
            output.extend(
                ["", *self.context.figures.lift(furniture(site, page, settings)).splitlines()]
            )
        return output


def notes_heading(md: Markdown, lines: list[str], outside_code: dict[int, str]) -> list[str]:
    """A "Notes" heading and the footnotes extension's place marker, for a page with footnotes.

    Without the marker the footnotes extension puts the notes at the very end,
    after the page furniture (citation, reading path); with it they come right
    after the text, under a heading of their own (``#notes``, in the contents).
    """
    marker = next(
        (
            str(ext.getConfig("PLACE_MARKER"))
            for ext in md.registeredExtensions
            if type(ext).__name__ == "FootnoteExtension"
        ),
        "",
    )
    if not marker or any(marker in line for line in lines):
        return []
    if not any(FOOTNOTE_DEFINITION.match(outside_code[number]) for number in outside_code):
        return []
    return ["", f"## {NOTES_TITLE} {{#{NOTES_ANCHOR}}}", "", marker, ""]
