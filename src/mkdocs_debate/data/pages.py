"""Pages: the Markdown files of docs/, with their front matter and line numbers."""

from __future__ import annotations

import dataclasses
import os
import posixpath

from mkdocs_debate.data.yaml_lines import DataError, LineDict, load_yaml
from mkdocs_debate.problems import Finding
from mkdocs_debate.source import FRONT_MATTER_START, split_front_matter

CONTENT_SECTIONS = frozenset({"essays", "discussions"})
CLAIM_SECTION = "claims"


@dataclasses.dataclass
class Page:
    """A Markdown file of docs/: its front matter and body, with line numbers."""

    src: str  # path relative to docs/, with forward slashes
    path: str  # path to show a contributor (relative to the repository)
    meta: LineDict
    body: str
    body_line: int  # line of the file on which the body starts
    error: Finding | None = None  # (line, message) when front matter cannot be parsed
    front: str = ""  # the front matter's text as written (comments included); it starts on line 2

    @property
    def section(self) -> str:
        """First folder of the page ('essays', 'claims', ...) or ''."""
        return self.src.split("/")[0] if "/" in self.src else ""

    @property
    def slug(self) -> str:
        """File name without .md: the page's permanent id (read for every link: no pathlib)."""
        return posixpath.splitext(posixpath.basename(self.src))[0]

    @property
    def is_index(self) -> bool:
        return self.slug == "index"

    @property
    def is_content(self) -> bool:
        """An essay or a summary (not an index)."""
        return self.section in CONTENT_SECTIONS and not self.is_index

    @property
    def is_claim(self) -> bool:
        return self.section == CLAIM_SECTION and not self.is_index

    @property
    def is_article(self) -> bool:
        """An essay, a summary or a claim: a signed, dated, citable page (not an index)."""
        return self.is_content or self.is_claim

    @property
    def author_ids(self) -> list[str]:
        """The ids its front matter's `authors` lists (authors.yml), or none."""
        found = self.meta.get("authors")
        return [str(a) for a in found] if isinstance(found, list) else []

    @property
    def hidden(self) -> tuple[str, ...]:
        """What its front matter's `hide` hides of the theme (toc, footer, ...)."""
        found = self.meta.get("hide")
        return tuple(str(h) for h in found) if isinstance(found, list) else ()

    @property
    def revisions(self) -> list[LineDict]:
        """Its front matter's revision notes ({date, note}), as written."""
        found = self.meta.get("revisions")
        return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []

    @property
    def is_draft(self) -> bool:
        """Whether the page says draft: true: checked, but kept out of the built site until cleared."""
        return self.meta.get("draft") is True

    @property
    def links_terms(self) -> bool:
        """Whether the cross-linker may link glossary terms on this page."""
        return self.meta.get("glossary_links", True) is not False


def read_page(docs_dir: str, src: str, display_root: str | None = None) -> Page:
    """Read one page; a front matter syntax error is kept on the Page, not raised."""
    full = os.path.join(docs_dir, src)
    shown = os.path.relpath(full, display_root) if display_root else full
    with open(full, "rb") as handle:
        raw = handle.read()
    text, error = _decode(raw)
    front, body, body_line = split_front_matter(text)
    meta = LineDict()
    if error is None and front is None and FRONT_MATTER_START.match(text):
        error = Finding(
            1, "front matter opened with '---' is never closed: end it with a line '---'"
        )
    if error is None and front is not None:
        try:
            parsed = load_yaml(front, shown, offset=1)
            if isinstance(parsed, LineDict):
                meta = parsed
            elif parsed is not None:
                error = Finding(2, "front matter must be a mapping of keys to values")
        except DataError as problem:
            error = Finding(*problem.problems[0][1:])
    return Page(src.replace(os.sep, "/"), shown, meta, body, body_line, error, front or "")


def _decode(raw: bytes) -> tuple[str, Finding | None]:
    """The file's text, and the one problem that stops it being read as a page."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace"), Finding(
            1, "the file starts with a byte-order mark: save it as UTF-8 without BOM"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return raw.decode("utf-8", "replace"), Finding(
            line, f"the file must be UTF-8 text: byte {raw[error.start]:#04x} cannot be decoded"
        )
    if "\x00" in text:
        return text, Finding(
            text[: text.index("\x00")].count("\n") + 1, "the file must be text: it holds a NUL byte"
        )
    return text, None


def markdown_sources(docs_dir: str) -> list[str]:
    """Every Markdown file under docs/ that becomes a page, sorted."""
    found = []
    for root, dirs, files in os.walk(docs_dir):
        rel_root = os.path.relpath(root, docs_dir)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(".md"):
                rel = name if rel_root == "." else f"{rel_root}/{name}"
                found.append(rel.replace(os.sep, "/"))
    return found
