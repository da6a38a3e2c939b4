#!/usr/bin/env python3
"""Validate the site's content and tell a contributor exactly what is wrong.

Usage: python scripts/check_content.py [--docs-dir docs] [FILE ...]

Checks every page's front matter against the schema (required fields, types,
ISO dates, known authors and tags, description length, sources with title and
https URL), file names, unique slugs and titles, explicit term and claim
references, the safety of contributed Markdown (no scripts, frames, forms,
event handlers, javascript:/data: URLs or style attributes; images need alt
text), and the glossary and models data files.

Prints ``path:line: message`` for every problem, then a count, and exits 1 if
there is any. With ``GITHUB_ACTIONS=true`` it also prints ``::error``
annotations so problems show on the pull request's diff. The MkDocs build runs
the same rules (scripts/mkdocs_glue.py), so a bad page fails the build too.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from typing import Any, Iterator

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from scripts.site_data import (  # noqa: E402
    CELL_VALUES, DIMENSIONS, KINDS, SLUG, DataError, LineDict, Page, Site, iso_date,
    iter_code_free_lines, load_site,
)

Problem = tuple[int, str]

MAX_DESCRIPTION = 160
MAX_SHORT_DEFINITION = 200
CONTENT_FIELDS = frozenset({"title", "description", "date", "authors", "kind", "tags", "sources"})
CLAIM_FIELDS = CONTENT_FIELDS | {"claim"}
OPTIONAL_FIELDS = frozenset({"updated", "based_on", "corrections", "glossary_links", "old_ids",
                             "hide", "social", "search", "status"})
PAGE_FIELDS = frozenset({"title", "description"})
SOURCE_FIELDS = frozenset({"title", "url", "author", "date"})
CLAIM_SECTIONS = ("## The case for", "## The case against")
UNSAFE_TAGS = frozenset({"script", "iframe", "object", "embed", "form", "frame", "frameset",
                         "base", "meta", "link", "style"})
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.DOTALL)
EVENT_ATTRIBUTE = re.compile(r"""(?:^|\s)(on[a-z]+)\s*=""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""(?:^|\s)style\s*=""", re.IGNORECASE)
BAD_URL = re.compile(r"""(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*)"""
                     r"""((?:javascript|data|vbscript)\s*:)""", re.IGNORECASE)
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:(["'])(.*?)\1|([^\s"'>]+))""", re.IGNORECASE | re.DOTALL)
ATTRIBUTE_LIST = re.compile(r"\{:?\s*([^}]*)\}")
URL_IN_TEXT = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)|<(https?://[^>\s]+)>")
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
SOURCE_LINK = re.compile(r"https://[^\s)>\]]+")


# -----------------------------------------------------------------------------
# Rules on one page: each yields (line, message); the docstring is the rule
# -----------------------------------------------------------------------------


def rule_front_matter_parses(site: Site, page: Page) -> Iterator[Problem]:
    """Front matter must be valid YAML between two '---' lines."""
    if page.error:
        yield page.error


def rule_file_name(site: Site, page: Page) -> Iterator[Problem]:
    """File names must be kebab-case: lower-case letters, digits and hyphens."""
    if page.slug not in ("index", "404") and not SLUG.match(page.slug):
        yield 1, (f"file name must be kebab-case (lower-case words joined by '-'): "
                  f"{page.slug + '.md'!r}")


def rule_required_fields(site: Site, page: Page) -> Iterator[Problem]:
    """Each kind of page has required front matter fields and no unknown ones."""
    if page.error:
        return
    required = CLAIM_FIELDS if page.is_claim else CONTENT_FIELDS if page.is_content else PAGE_FIELDS
    for field in sorted(required - set(page.meta)):
        yield page.meta.line, f"missing required front matter field {field!r}"
    allowed = required | OPTIONAL_FIELDS
    for field in page.meta:
        if field not in allowed and (page.is_content or page.is_claim):
            yield page.meta.line_of(field), (f"unknown front matter field {field!r}; allowed: "
                                             + ", ".join(sorted(allowed)))


def rule_field_types(site: Site, page: Page) -> Iterator[Problem]:
    """Titles and descriptions are non-empty text without straight double quotes; descriptions fit in 160 characters."""
    meta = page.meta
    for field in ("title", "description", "claim"):
        if field in meta and (not isinstance(meta[field], str) or not meta[field].strip()):
            yield meta.line_of(field), f"{field} must be non-empty text: {meta[field]!r}"
    for field in ("title", "description"):
        if isinstance(meta.get(field), str) and '"' in meta[field]:
            # The theme and the social plugin copy these into HTML attributes unescaped.
            yield meta.line_of(field), (f'{field} must not contain straight double quotes (\"): '
                                        f"use “curly quotes”: {meta[field]!r}")
    description = meta.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        yield meta.line_of("description"), (f"description must be at most {MAX_DESCRIPTION} "
                                            f"characters (it has {len(description)})")
    if "glossary_links" in meta and not isinstance(meta["glossary_links"], bool):
        yield meta.line_of("glossary_links"), (
            f"glossary_links must be true or false: {meta['glossary_links']!r}")


def rule_dates(site: Site, page: Page) -> Iterator[Problem]:
    """date and updated must be ISO dates (YYYY-MM-DD); updated not before date."""
    meta = page.meta
    for field in ("date", "updated"):
        if field in meta and iso_date(meta[field]) is None:
            yield meta.line_of(field), f"{field} must be an ISO date (YYYY-MM-DD): {str(meta[field])!r}"
    start, end = iso_date(meta.get("date")), iso_date(meta.get("updated"))
    if start and end and end < start:
        yield meta.line_of("updated"), f"updated ({end}) must not be before date ({start})"


def rule_kind(site: Site, page: Page) -> Iterator[Problem]:
    """kind must match the folder: essays/ essay, discussions/ summary, claims/ claim."""
    if "kind" not in page.meta or not (page.is_content or page.is_claim):
        return
    expected = KINDS[page.section]
    if page.meta["kind"] != expected:
        yield page.meta.line_of("kind"), (f"kind must be {expected!r} for a page in "
                                          f"{page.section}/: {page.meta['kind']!r}")


def rule_authors(site: Site, page: Page) -> Iterator[Problem]:
    """authors must be a non-empty list of ids from docs/_data/authors.yml."""
    if "authors" not in page.meta:
        return
    authors = page.meta["authors"]
    line = page.meta.line_of("authors")
    if not isinstance(authors, list) or not authors:
        yield line, f"authors must be a list of author ids, e.g. [editors]: {authors!r}"
        return
    for author in authors:
        if not isinstance(author, str):
            yield line, f"an author must be an id from docs/_data/authors.yml: {author!r}"
        elif author not in site.authors:
            yield line, (f"unknown author {author!r}; known authors: "
                         + ", ".join(sorted(site.authors)) + " (docs/_data/authors.yml)")


def rule_tags(site: Site, page: Page) -> Iterator[Problem]:
    """tags must be a non-empty list of ids from docs/_data/tags.yml."""
    if "tags" not in page.meta:
        return
    tags = page.meta["tags"]
    line = page.meta.line_of("tags")
    if not isinstance(tags, list) or not tags:
        yield line, f"tags must be a non-empty list: {tags!r}"
        return
    for tag in tags:
        if not isinstance(tag, str):
            yield line, f"a tag must be an id from docs/_data/tags.yml: {tag!r}"
        elif tag not in site.tags:
            yield line, f"unknown tag {tag!r}; allowed: " + ", ".join(sorted(site.tags))


def rule_sources(site: Site, page: Page) -> Iterator[Problem]:
    """sources must list each source with a title and an https url."""
    if "sources" not in page.meta:
        return
    sources = page.meta["sources"]
    if not isinstance(sources, list) or not sources:
        yield page.meta.line_of("sources"), "sources must be a non-empty list of {title, url}"
        return
    for source in sources:
        yield from _source_problems(source, page.meta.line_of("sources"))


def _source_problems(source: Any, fallback_line: int, required_url: bool = True) -> Iterator[Problem]:
    if not isinstance(source, LineDict):
        yield fallback_line, f"a source must be a mapping with title and url: {source!r}"
        return
    for field in ("title", "url") if required_url else ("title",):
        if not source.get(field):
            yield source.line, f"source is missing its {field!r}"
    url = source.get("url")
    if url and not (isinstance(url, str) and url.startswith("https://")):
        yield source.line_of("url"), f"source url must start with https://: {url!r}"
    if "date" in source and iso_date(source["date"]) is None and not PARTIAL_DATE.match(str(source["date"])):
        yield source.line_of("date"), (f"source date must be an ISO date (YYYY-MM-DD, or YYYY-MM "
                                       f"or YYYY when only that is known): {source['date']!r}")
    for field in source:
        if field not in SOURCE_FIELDS:
            yield source.line_of(field), (f"unknown source field {field!r}; allowed: "
                                          + ", ".join(sorted(SOURCE_FIELDS)))


def rule_based_on(site: Site, page: Page) -> Iterator[Problem]:
    """based_on, where given, names the original with a title (url https, date ISO)."""
    if "based_on" in page.meta:
        yield from _source_problems(page.meta["based_on"], page.meta.line_of("based_on"),
                                    required_url=False)


def rule_corrections(site: Site, page: Page) -> Iterator[Problem]:
    """corrections must be a list of {date, note}."""
    corrections = page.meta.get("corrections")
    if corrections is None:
        return
    if not isinstance(corrections, list):
        yield page.meta.line_of("corrections"), "corrections must be a list of {date, note}"
        return
    for item in corrections:
        if not isinstance(item, LineDict) or iso_date(item.get("date")) is None or not item.get("note"):
            line = item.line if isinstance(item, LineDict) else page.meta.line_of("corrections")
            yield line, "a correction needs an ISO date (YYYY-MM-DD) and a note"


def rule_cites_sources(site: Site, page: Page) -> Iterator[Problem]:
    """Essays, summaries and claims cite at least one listed source in the text."""
    if not (page.is_content or page.is_claim) or not isinstance(page.meta.get("sources"), list):
        return
    listed = {s.get("url") for s in page.meta["sources"] if isinstance(s, dict)}
    cited = set(SOURCE_LINK.findall(page.body))
    if listed and not (listed & {u.rstrip(".,;") for u in cited}):
        yield page.body_line, "the text must cite at least one of the page's sources (a footnote with its URL)"
    for number, line in iter_code_free_lines(page.body):
        for match in URL_IN_TEXT.finditer(line):
            url = match.group(1) or match.group(2)
            if url.startswith("http://"):
                yield number + page.body_line - 1, f"links must use https: {url!r}"


def rule_claim_sections(site: Site, page: Page) -> Iterator[Problem]:
    """A claim page states both sides: '## The case for' and '## The case against'."""
    if not page.is_claim:
        return
    headings = {line.strip() for line in page.body.splitlines()}
    for section in CLAIM_SECTIONS:
        if section not in headings:
            yield page.body_line, f"a claim page needs a section {section!r}"


def rule_safe_markdown(site: Site, page: Page) -> Iterator[Problem]:
    """No script, frame, object, embed or form; no on* handlers, javascript:/data: URLs or style attributes."""
    text = _code_free_text(page.body)
    line_at = lambda offset: text.count("\n", 0, offset) + page.body_line  # noqa: E731
    for match in TAG.finditer(text):
        name, attributes, where = match.group(2).lower(), match.group(3), line_at(match.start())
        if name in UNSAFE_TAGS and not match.group(1):
            yield where, f"raw <{name}> is not allowed in contributed Markdown"
        yield from ((where, m) for m in _attribute_problems(attributes))
        alt = HTML_ALT.search(attributes)
        if name == "img" and not (alt and (alt.group(2) or alt.group(3) or "").strip()):
            yield where, "images must have alt text: <img alt=\"what the image shows\">"
    for match in ATTRIBUTE_LIST.finditer(text):
        yield from ((line_at(match.start()), m) for m in _attribute_problems(match.group(1)))
    for number, line in enumerate(text.splitlines(), page.body_line):
        decoded = re.sub(r"[\t\r\n\x00-\x1f]", "", html.unescape(line))
        for match in BAD_URL.finditer(decoded):
            yield number, f"{match.group(1).rstrip(': ').lower()}: URLs are not allowed"
        for match in MD_IMAGE.finditer(line):
            if not match.group(1).strip():
                yield number, "images must have alt text: ![what the image shows](path)"


def _code_free_text(body: str) -> str:
    """The body with fenced code blanked and code spans removed, lines kept in place."""
    kept = dict(iter_code_free_lines(body))
    lines = [re.sub(r"`+[^`]*`+", "", kept.get(n, "")) for n in range(1, len(body.splitlines()) + 1)]
    return "\n".join(lines)


def _attribute_problems(attributes: str) -> Iterator[str]:
    event = EVENT_ATTRIBUTE.search(attributes)
    if event:
        yield f"event handler attribute {event.group(1)!r} is not allowed"
    if STYLE_ATTRIBUTE.search(attributes):
        yield "style attributes are not allowed: use the site's stylesheet"


def rule_references(site: Site, page: Page) -> Iterator[Problem]:
    """[[term:ID]] and [[claim:ID|side]] must name a known term or claim."""
    from scripts.debate_markdown import reference_problems  # noqa: PLC0415 - heavy import
    yield from reference_problems(site, page)


PAGE_RULES = (
    rule_front_matter_parses, rule_file_name, rule_required_fields, rule_field_types,
    rule_dates, rule_kind, rule_authors, rule_tags, rule_sources, rule_based_on,
    rule_corrections, rule_cites_sources, rule_claim_sections, rule_safe_markdown,
    rule_references,
)


def page_problems(site: Site, page: Page) -> list[Problem]:
    """Every (line, message) of one page, in line order."""
    found = [problem for rule in PAGE_RULES for problem in rule(site, page)]
    return sorted(set(found), key=lambda p: (p[0], p[1]))


# -----------------------------------------------------------------------------
# Rules across pages and on the data files
# -----------------------------------------------------------------------------


def site_problems(site: Site) -> Iterator[tuple[str, int, str]]:
    """Slugs and titles are unique across essays, summaries and claims."""
    seen_slugs: dict[str, Page] = {}
    seen_titles: dict[str, Page] = {}
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if not (page.is_content or page.is_claim):
            continue
        other = seen_slugs.setdefault(page.slug, page)
        if other is not page and page.section != other.section and not page.is_claim:
            yield page.path, 1, f"slug {page.slug!r} is already used by {other.path}"
        title = str(page.meta.get("title", "")).strip().lower()
        if title:
            other = seen_titles.setdefault(title, page)
            if other is not page:
                yield page.path, page.meta.line_of("title"), (
                    f"title {page.meta['title']!r} is already used by {other.path}")


def glossary_problems(site: Site) -> Iterator[tuple[str, int, str]]:
    """Glossary entries: unique ids and names, short ≤ 200 chars, related ids exist, https sources."""
    path = os.path.relpath(site.data_path("glossary.yml"), os.path.dirname(site.docs_dir))
    entries = site.glossary
    if not isinstance(entries, list):
        yield path, 1, "the glossary must be a list of entries"
        return
    ids = {str(e.get("id")) for e in entries if isinstance(e, dict)}
    names: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield path, 1, f"a glossary entry must be a mapping: {entry!r}"
            continue
        for field in ("id", "term", "short", "definition", "sources"):
            if not entry.get(field):
                yield path, entry.line, f"glossary entry is missing {field!r}"
        term_id = str(entry.get("id", ""))
        if term_id and not SLUG.match(term_id):
            yield path, entry.line_of("id"), f"term id must be kebab-case: {term_id!r}"
        if len(str(entry.get("short", ""))) > MAX_SHORT_DEFINITION:
            yield path, entry.line_of("short"), (
                f"short definition of {term_id!r} must be at most {MAX_SHORT_DEFINITION} characters "
                f"(it has {len(str(entry['short']))})")
        for name in [entry.get("term", ""), *(entry.get("aliases") or [])]:
            key = str(name).strip().lower()
            if key in names and names[key] != term_id:
                yield path, entry.line_of("aliases"), (
                    f"name {name!r} of {term_id!r} is already used by {names[key]!r}")
            names[key] = term_id
        for related in entry.get("related") or []:
            if related not in ids:
                yield path, entry.line_of("related"), f"related term {related!r} of {term_id!r} does not exist"
        for source in entry.get("sources") or []:
            for line, message in _source_problems(source, entry.line_of("sources")):
                yield path, line, message
    seen: set[str] = set()
    for entry in entries:
        if isinstance(entry, LineDict):
            term_id = str(entry.get("id"))
            if term_id in seen:
                yield path, entry.line_of("id"), f"duplicate term id {term_id!r}"
            seen.add(term_id)


def models_problems(site: Site) -> Iterator[tuple[str, int, str]]:
    """Models: unique ids, known dimensions and values, an https source for every known cell."""
    path = os.path.relpath(site.data_path("models.yml"), os.path.dirname(site.docs_dir))
    models = site.models.get("models") if isinstance(site.models, dict) else None
    if not isinstance(models, list):
        yield path, 1, "models.yml must have a list under 'models'"
        return
    seen: set[str] = set()
    for model in models:
        if not isinstance(model, LineDict):
            yield path, 1, f"a model must be a mapping: {model!r}"
            continue
        model_id = str(model.get("id", ""))
        if not SLUG.match(model_id):
            yield path, model.line_of("id"), f"model id must be kebab-case: {model_id!r}"
        if model_id in seen:
            yield path, model.line_of("id"), f"duplicate model {model_id!r}"
        seen.add(model_id)
        for field in ("name", "organisation", "released", "licence", "osi_approved", "checked", "openness"):
            if field not in model:
                yield path, model.line, f"model {model_id!r} is missing {field!r}"
        for field in ("organisation", "released", "licence", "osi_approved"):
            fact = model.get(field)
            if field in model and not (isinstance(fact, LineDict) and "value" in fact
                                       and str(fact.get("source", "")).startswith("https://")):
                yield path, model.line_of(field), (
                    f"{field} of {model_id!r} needs a value and an https source")
        if "checked" in model and iso_date(model["checked"]) is None:
            yield path, model.line_of("checked"), f"checked must be an ISO date (YYYY-MM-DD): {model['checked']!r}"
        openness = model.get("openness")
        if not isinstance(openness, LineDict):
            continue
        for dimension in openness:
            if dimension not in DIMENSIONS:
                yield path, openness.line_of(dimension), (
                    f"unknown dimension {dimension!r} in {model_id!r}; known: " + ", ".join(DIMENSIONS))
        for dimension in DIMENSIONS:
            cell = openness.get(dimension)
            if not isinstance(cell, LineDict):
                yield path, openness.line, f"model {model_id!r} is missing dimension {dimension!r}"
                continue
            value = cell.get("value")
            if value not in CELL_VALUES:
                yield path, cell.line_of("value"), (
                    f"value of {model_id}.{dimension} must be one of "
                    + ", ".join(sorted(CELL_VALUES)) + f": {value!r}")
            elif value != "unknown" and not str(cell.get("source", "")).startswith("https://"):
                yield path, cell.line, (f"{model_id}.{dimension} is {value!r} and needs an https "
                                        "source (or the value 'unknown')")


def data_problems(site: Site) -> list[str]:
    """Every problem of the data files and of cross-page rules, as 'path:line: message'."""
    found = [*site_problems(site), *glossary_problems(site), *models_problems(site)]
    return [f"{path}:{line}: {message}" for path, line, message in found]


def all_problems(site: Site, only: set[str] | None = None) -> list[str]:
    """Every problem of the site (or of the pages named in only) as 'path:line: message'."""
    problems = []
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if only is None or os.path.abspath(os.path.join(site.docs_dir, page.src)) in only:
            problems += [f"{page.path}:{line}: {message}" for line, message in page_problems(site, page)]
    return problems + data_problems(site)


# -----------------------------------------------------------------------------
# Command line
# -----------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    """Escape a GitHub workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a GitHub workflow command's property value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-dir", default="docs")
    parser.add_argument("files", nargs="*", help="only these pages (data files are always checked)")
    args = parser.parse_args(argv)
    try:
        site = load_site(args.docs_dir)
    except DataError as error:
        problems = error.problems
    else:
        only = {os.path.abspath(f) for f in args.files if f.endswith(".md")} or None
        problems = all_problems(site, only)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            path, line, message = problem.split(":", 2)
            print(f"::error file={_escape_property(path)},line={line}::{_escape_data(message.strip())}")
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found" if count else "content OK: no problems found")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
