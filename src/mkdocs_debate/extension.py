"""Python-Markdown extension: glossary cross-links, claim references, generated pages.

Registered as the Markdown extension ``debate`` (entry point
``markdown.extensions``), so ``mkdocs.yml`` lists it by that short name and it
runs under MkDocs and under Zensical alike. What it does on every page:

- **Cross-links glossary terms.** The first mention of each term (its name, an
  alias or a plural written in the glossary; case-insensitive, whole words,
  longest match first) becomes a link to its glossary entry with the short
  definition as tooltip. A treeprocessor does it on the element tree and never
  touches code, links, headings, image alt text, attributes, raw HTML,
  footnotes, or the term's own glossary entry. Front matter
  ``glossary_links: false`` opts a page out.
- **Leaves titles of works alone.** ``*Title*{.work}`` (emphasis with the
  class ``work``, written with ``attr_list``) becomes ``<cite class="work">``:
  neither glossary terms nor model names are linked inside it, and the first
  mention outside it is linked instead. A title written with its quotation
  marks inside (``*“Post title”*{.work}``) is set upright, others in italics.
- **Separates neighbouring footnote markers.** A footnote reference directly
  after another gets the class ``footnote-ref--next`` (the stylesheet draws a
  comma before it), so "¹⁰¹¹" reads as footnotes 10 and 11.
- **A table of contents for phones.** On a page with at least three sections
  (the toc extension's headings, two levels deep), a collapsible "Contents"
  (``<details class="phone-toc">``) is put before the first section heading;
  the stylesheet shows it only where Material hides its own table of
  contents. Not on the home page, nor on a page with ``hide: [toc]``.
- **Links model names.** In essays, summaries and claims, the first mention of
  a matrix model (its ``name`` or one of its ``aliases`` in models.yml) links
  to its page, with the same rules and a tooltip of its openness.
- **Explicit references** (see ``mkdocs_debate.syntax``). ``[[term:ID|text]]``
  forces a link to a term, ``[[term:ID#DEFINITION]]`` to one of its competing
  definitions; ``[[claim:ID|for]]`` links a claim and makes its
  block linkable as ``#claim-ID``, numbered in document order. An unknown id is
  an error naming file and line.
- **Generated blocks.** A line ``[[generate:NAME]]`` is replaced by Markdown
  built from the sources of truth (``mkdocs_debate.blocks``).
- **Hover previews.** In essays, summaries and claims, links to other pages of
  the site are marked for Material's previews (``data-preview``), except links
  that have a tooltip.
- **Footnotes as a reader meets them.** Where the footnotes extension numbers
  by reference (``USE_DEFINITION_ORDER: false``), markers are renumbered in
  document order, and an article's notes come right after its text under a
  "Notes" heading (``#notes``), before the page furniture.
- **Links to anchors that are no headings.** A table row or cell with an id
  (verdicts) and a timeline event get a ``#`` link to themselves, shown on
  hover and focus as a heading's ¶ is.
- **Page furniture.** Claim pages get their backlinks; essays, summaries and
  claims get a "Cite this page" block with their revision history, and so do
  the pages drawn from the data, dated by the newest date they show.

Options: ``docs_dir`` (default ``docs``), ``site_url``, ``repo_url``,
``site_name``, ``glossary_page``, ``models_page``, ``cite_key_prefix`` and
``page``. The page being rendered is read from the Markdown instance itself
(MkDocs' ``relpath`` treeprocessor, Zensical's ``rendering_context``); the
``page`` option names it where neither exists (tests). When none is known, the
extension fails rather than guess.

The processors live in ``mkdocs_debate.processors``, one module per stage.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown

from mkdocs_debate.data.config import Settings
from mkdocs_debate.processors.context import (
    DebateContext,
    MarkupReferenceError,
    UnknownPageError,
    UnsafeMarkupError,
)
from mkdocs_debate.processors.crosslink import CrossLinkTreeprocessor
from mkdocs_debate.processors.generate import GeneratePreprocessor
from mkdocs_debate.processors.output import (
    FigurePostprocessor,
    PreviewTreeprocessor,
    SafetyPostprocessor,
    TreeDoneTreeprocessor,
)
from mkdocs_debate.processors.references import ReferenceInlineProcessor
from mkdocs_debate.processors.toc import (
    FootnoteOrderTreeprocessor,
    PermalinkTreeprocessor,
    PhoneTocTreeprocessor,
    SearchTitleTreeprocessor,
)


class DebateExtension(Extension):
    """Registers the processors; one instance per Markdown instance."""

    def __init__(self, **kwargs: Any):
        defaults = Settings()
        self.config = {
            "docs_dir": [defaults.docs_dir, "Folder of the Markdown sources"],
            "site_url": ["", "Published site URL, for citations and JSON-LD"],
            "repo_url": ["", "Repository URL, for history and correction links"],
            "site_name": ["", "The site's name, for citations"],
            "glossary_page": [defaults.glossary_page, "Source path of the glossary page"],
            "models_page": [defaults.models_page, "Source path of the openness matrix page"],
            "cite_key_prefix": [defaults.cite_key_prefix, "Prefix of BibTeX keys"],
            "page": ["", "Path of the page inside docs_dir, where no build tells it (tests)"],
            "validate": [
                True,
                "Check the rendered HTML (switch off only to test the CSP on its own)",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        options = self.getConfigs()
        page = str(options.pop("page") or "")
        validate = bool(options.pop("validate"))
        settings = Settings(**{key: str(value) for key, value in options.items()})
        self.context = DebateContext(md, settings, page)
        # md_in_html wraps a <caption> of a markdown="1" table in <p>: as a block it stays raw and valid.
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")
        # Before html_block (20) so generated <div markdown> blocks are parsed.
        md.preprocessors.register(GeneratePreprocessor(md, self.context), "debate_generate", 25)
        # Before links (160), so [[...]] is never read as a reference link.
        md.inlinePatterns.register(ReferenceInlineProcessor(md, self.context), "debate_refs", 175)
        # After inline (20) and attr_list (8); before toc (5) and MkDocs' relpath (0).
        md.treeprocessors.register(CrossLinkTreeprocessor(md, self.context), "debate_crosslink", 7)
        # After toc (5), which names and numbers the headings; before MkDocs' relpath (0).
        md.treeprocessors.register(PhoneTocTreeprocessor(md, self.context), "debate_phone_toc", 4)
        # After toc (5), which gives the h1 its ¶.
        md.treeprocessors.register(SearchTitleTreeprocessor(md), "debate_search_title", 3.9)
        # After the cross-links and toc (5), before MkDocs rewrites .md links (relpath, 0).
        md.treeprocessors.register(PreviewTreeprocessor(md, self.context), "debate_preview", 2)
        # After inline (20), which fills the rows and events with their text.
        md.treeprocessors.register(PermalinkTreeprocessor(md), "debate_permalinks", 19.8)
        # After inline (20), which makes the footnote markers; before the footnotes extension
        # reorders its notes (footnote-reorder, 19) by the order this corrects.
        md.treeprocessors.register(FootnoteOrderTreeprocessor(md), "debate_footnote_order", 19.5)
        # After raw HTML is restored (30) and footnotes (25): what the reader would get.
        md.treeprocessors.register(
            TreeDoneTreeprocessor(md, self.context), "debate_tree_done", -100
        )
        if validate:
            md.postprocessors.register(SafetyPostprocessor(md, self.context), "debate_safety", 5)
        # After the check (5): the figures were checked on their own (safety.FigureStash).
        md.postprocessors.register(FigurePostprocessor(md, self.context), "debate_figures", 4)

    def reset(self) -> None:
        self.context.reset()


def makeExtension(**kwargs: Any) -> DebateExtension:  # noqa: N802 - Python-Markdown's name
    return DebateExtension(**kwargs)


__all__ = [
    "DebateExtension",
    "MarkupReferenceError",
    "UnknownPageError",
    "UnsafeMarkupError",
    "makeExtension",
]
