"""Rules on one page: each yields (line, message); its docstring is the rule.

Like python/peps' check-peps: allowed values are constants, every rule is a
small generator, and messages say what must hold and quote the bad value.
The rules on the Markdown body live in body_rules.py; PAGE_RULES runs both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from mkdocs_debate.checker.argument_rules import ARGUMENT_FIELDS, ARGUMENT_RULES
from mkdocs_debate.checker.body_rules import (
    rule_claim_sections,
    rule_draft,
    rule_flat_sections,
    rule_footnote_sources,
    rule_footnotes,
    rule_generated_blocks,
    rule_placeholders,
    rule_plain_text,
    rule_references,
    rule_well_formed_references,
)
from mkdocs_debate.checker.field_rules import FIELD_RULES
from mkdocs_debate.checker.fields import (
    CLAIM_FIELDS,
    CONTENT_FIELDS,
    MAX_DESCRIPTION,
    OPTIONAL_FIELDS,
    PAGE_FIELDS,
    SOURCE_LINK,
    URL_IN_TEXT,
    source_findings,
)
from mkdocs_debate.checker.limit_rules import LIMIT_RULES
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import KINDS, SLUG, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding
from mkdocs_debate.source import iter_code_free_lines


def rule_front_matter_parses(site: Site, page: Page) -> Iterator[Finding]:
    """Front matter must be valid YAML between two '---' lines."""
    if page.error:
        yield page.error


def rule_file_name(site: Site, page: Page) -> Iterator[Finding]:
    """File names must be kebab-case: lower-case letters, digits and hyphens."""
    if page.slug not in ("index", "404") and not SLUG.match(page.slug):
        yield (
            1,
            (
                f"file name must be kebab-case (lower-case words joined by '-'): "
                f"{page.slug + '.md'!r}"
            ),
        )


def rule_required_fields(site: Site, page: Page) -> Iterator[Finding]:
    """Each kind of page has required front matter fields and no unknown ones."""
    if page.error:
        return
    required = CLAIM_FIELDS if page.is_claim else CONTENT_FIELDS if page.is_content else PAGE_FIELDS
    for field in sorted(required - set(page.meta)):
        yield page.meta.line, f"missing required front matter field {field!r}"
    allowed = required | OPTIONAL_FIELDS | (ARGUMENT_FIELDS if page.is_claim else frozenset())
    for field in page.meta:
        if field not in allowed and page.is_article:
            yield (
                page.meta.line_of(field),
                (f"unknown front matter field {field!r}; allowed: " + ", ".join(sorted(allowed))),
            )


def rule_field_types(site: Site, page: Page) -> Iterator[Finding]:
    """Titles and descriptions are non-empty text without straight double quotes; descriptions fit in 160 characters."""
    meta = page.meta
    for field in ("title", "description", "claim"):
        if field in meta and (not isinstance(meta[field], str) or not meta[field].strip()):
            yield meta.line_of(field), f"{field} must be non-empty text: {meta[field]!r}"
    for field in ("title", "description"):
        if isinstance(meta.get(field), str) and '"' in meta[field]:
            # The theme and the social plugin copy these into HTML attributes unescaped.
            yield (
                meta.line_of(field),
                (
                    f'{field} must not contain straight double quotes ("): '
                    f"use “curly quotes”: {meta[field]!r}"
                ),
            )
    description = meta.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        yield (
            meta.line_of("description"),
            (
                f"description must be at most {MAX_DESCRIPTION} "
                f"characters (it has {len(description)})"
            ),
        )
    if "glossary_links" in meta and not isinstance(meta["glossary_links"], bool):
        yield (
            meta.line_of("glossary_links"),
            (f"glossary_links must be true or false: {meta['glossary_links']!r}"),
        )


def rule_curly_apostrophes(site: Site, page: Page) -> Iterator[Finding]:
    """Titles, descriptions and claims use curly apostrophes (’): they reach heads, cards and lists as they are."""
    for field in ("title", "description", "claim"):
        value = page.meta.get(field)
        if isinstance(value, str) and "'" in value:
            yield (
                page.meta.line_of(field),
                (
                    f"{field} must use curly apostrophes and single quotes (’ ‘), "
                    f"not straight ('): {value!r}"
                ),
            )


def rule_dates(site: Site, page: Page) -> Iterator[Finding]:
    """date and updated must be ISO dates (YYYY-MM-DD); updated not before date."""
    meta = page.meta
    for field in ("date", "updated"):
        if field in meta and iso_date(meta[field]) is None:
            yield (
                meta.line_of(field),
                f"{field} must be an ISO date (YYYY-MM-DD): {str(meta[field])!r}",
            )
    start, end = iso_date(meta.get("date")), iso_date(meta.get("updated"))
    if start and end and end < start:
        yield meta.line_of("updated"), f"updated ({end}) must not be before date ({start})"


def rule_kind(site: Site, page: Page) -> Iterator[Finding]:
    """kind must match the folder: essays/ essay, discussions/ summary, claims/ claim."""
    if "kind" not in page.meta or not page.is_article:
        return
    expected = KINDS[page.section]
    if page.meta["kind"] != expected:
        yield (
            page.meta.line_of("kind"),
            (f"kind must be {expected!r} for a page in {page.section}/: {page.meta['kind']!r}"),
        )


def rule_authors(site: Site, page: Page) -> Iterator[Finding]:
    """authors must be a non-empty list of ids from docs/_data/authors.yml."""
    yield from _registry_ids(
        page,
        "authors",
        site.authors,
        lambda value: f"authors must be a list of author ids, e.g. [editors]: {value!r}",
        lambda item: f"an author must be an id from docs/_data/authors.yml: {item!r}",
        lambda item: (
            f"unknown author {item!r}; known authors: "
            + ", ".join(sorted(site.authors))
            + " (docs/_data/authors.yml)"
        ),
    )


def rule_tags(site: Site, page: Page) -> Iterator[Finding]:
    """tags must be a non-empty list of ids from docs/_data/tags.yml."""
    yield from _registry_ids(
        page,
        "tags",
        site.tags,
        lambda value: f"tags must be a non-empty list: {value!r}",
        lambda item: f"a tag must be an id from docs/_data/tags.yml: {item!r}",
        lambda item: f"unknown tag {item!r}; allowed: " + ", ".join(sorted(site.tags)),
    )


def _registry_ids(
    page: Page,
    field: str,
    registry: dict,
    not_a_list: Callable[[object], str],
    not_text: Callable[[object], str],
    unknown: Callable[[str], str],
) -> Iterator[Finding]:
    """A front matter field that lists ids of a registry (authors, tags)."""
    if field not in page.meta:
        return
    value, line = page.meta[field], page.meta.line_of(field)
    if not isinstance(value, list) or not value:
        yield Finding(line, not_a_list(value))
        return
    for item in value:
        if not isinstance(item, str):
            yield Finding(line, not_text(item))
        elif item not in registry:
            yield Finding(line, unknown(item))


def rule_sources(site: Site, page: Page) -> Iterator[Finding]:
    """sources must list each source with a title and an https url."""
    if "sources" not in page.meta:
        return
    sources = page.meta["sources"]
    if not isinstance(sources, list) or not sources:
        yield page.meta.line_of("sources"), "sources must be a non-empty list of {title, url}"
        return
    for source in sources:
        yield from source_findings(source, page.meta.line_of("sources"))


def rule_based_on(site: Site, page: Page) -> Iterator[Finding]:
    """based_on, where given, names the original with a title (url https, date ISO)."""
    if "based_on" in page.meta:
        yield from source_findings(
            page.meta["based_on"], page.meta.line_of("based_on"), required_url=False
        )


def rule_corrections(site: Site, page: Page) -> Iterator[Finding]:
    """corrections must be a list of {date, note}."""
    corrections = page.meta.get("corrections")
    if corrections is None:
        return
    if not isinstance(corrections, list):
        yield page.meta.line_of("corrections"), "corrections must be a list of {date, note}"
        return
    for item in corrections:
        if (
            not isinstance(item, LineDict)
            or iso_date(item.get("date")) is None
            or not item.get("note")
        ):
            line = item.line if isinstance(item, LineDict) else page.meta.line_of("corrections")
            yield line, "a correction needs an ISO date (YYYY-MM-DD) and a note"


def rule_revisions(site: Site, page: Page) -> Iterator[Finding]:
    """revisions must be a list of {date, note}; updated must be the latest revision's date."""
    revisions = page.meta.get("revisions")
    if revisions is None:
        return
    line = page.meta.line_of("revisions")
    if not isinstance(revisions, list) or not revisions:
        yield Finding(line, "revisions must be a list of {date, note}")
        return
    dates = []
    for item in revisions:
        if (
            not isinstance(item, LineDict)
            or iso_date(item.get("date")) is None
            or not isinstance(item.get("note"), str)
            or not item["note"].strip()
        ):
            yield Finding(
                item.line if isinstance(item, LineDict) else line,
                "a revision needs an ISO date (YYYY-MM-DD) and a note",
            )
            continue
        dates.append(iso_date(item["date"]))
    updated = iso_date(page.meta.get("updated"))
    if dates and updated != max(dates):
        yield Finding(
            page.meta.line_of("updated"),
            f"updated must be the date of the latest revision ({max(dates)}): {str(page.meta.get('updated'))!r}",
        )


def rule_cites_sources(site: Site, page: Page) -> Iterator[Finding]:
    """Essays, summaries and claims cite at least one listed source in the text."""
    if not page.is_article or not isinstance(page.meta.get("sources"), list):
        return
    listed = {s.get("url") for s in page.meta["sources"] if isinstance(s, dict)}
    cited = set(SOURCE_LINK.findall(page.body))
    if listed and not (listed & {u.rstrip(".,;") for u in cited}):
        yield (
            page.body_line,
            "the text must cite at least one of the page's sources (a footnote with its URL)",
        )
    for number, line in iter_code_free_lines(page.body):
        for match in URL_IN_TEXT.finditer(line):
            url = match.group(1) or match.group(2)
            if url.startswith("http://"):
                yield number + page.body_line - 1, f"links must use https: {url!r}"


def rule_claim_theme(site: Site, page: Page) -> Iterator[Finding]:
    """A claim's theme is one id from docs/_data/themes.yml (the claims index groups claims by it)."""
    if not page.is_claim or "theme" not in page.meta:
        return
    theme = page.meta["theme"]
    if not isinstance(theme, str) or theme not in site.themes:
        known = ", ".join(site.themes) or "none"
        what = "unknown theme" if isinstance(theme, str) else "theme must be one theme id, not"
        yield Finding(
            page.meta.line_of("theme"),
            f"{what} {theme!r}; known themes: {known} (docs/_data/themes.yml)",
        )


def rule_not_in_the_future(site: Site, page: Page) -> Iterator[Finding]:
    """date and updated are not later than today."""
    today = dt.date.today()
    for field in ("date", "updated"):
        day = iso_date(page.meta.get(field))
        if day and day > today:
            yield Finding(
                page.meta.line_of(field), f"{field} must not be in the future: {day.isoformat()}"
            )


def rule_social(site: Site, page: Page) -> Iterator[Finding]:
    """social may only switch the page's card off ({cards: false}): other settings download fonts."""
    social = page.meta.get("social")
    if social is not None and social != {"cards": False}:
        yield Finding(
            page.meta.line_of("social"), f"social may only be {{cards: false}}: {social!r}"
        )


PAGE_RULES = (
    rule_front_matter_parses,
    rule_file_name,
    rule_required_fields,
    rule_field_types,
    rule_curly_apostrophes,
    rule_dates,
    rule_kind,
    rule_authors,
    rule_tags,
    rule_sources,
    rule_based_on,
    rule_corrections,
    rule_revisions,
    rule_cites_sources,
    rule_claim_sections,
    rule_claim_theme,
    rule_references,
    rule_flat_sections,
    rule_plain_text,
    rule_not_in_the_future,
    rule_social,
    rule_generated_blocks,
    rule_well_formed_references,
    rule_placeholders,
    rule_draft,
    rule_footnotes,
    rule_footnote_sources,
    *ARGUMENT_RULES,
)


def page_findings(site: Site, page: Page) -> list[Finding]:
    """Every (line, message) of one page, in line order."""
    limits = [Finding(*finding) for rule in LIMIT_RULES for finding in rule(site, page)]
    if limits:
        return sorted(
            set(limits)
        )  # past a limit, no other rule reads the page: each must stay bounded
    found = {
        Finding(*finding) for rule in (*PAGE_RULES, *FIELD_RULES) for finding in rule(site, page)
    }
    return sorted(found)
