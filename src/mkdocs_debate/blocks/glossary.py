"""The glossary page, generated from docs/_data/glossary.yml."""

from __future__ import annotations

import json

from mkdocs_debate.blocks.common import esc, link, plain
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import Site
from mkdocs_debate.verdicts import definition_anchor

SHOWN_SPELLINGS = 2  # aliases shown before the rest fold into "N other spellings"
GLOSSARY_DIR = "glossary"  # a page per term, glossary/<term>.md (blocks/glossary_terms.py)


def term_src(term_id: str) -> str:
    """Source path of a term's page."""
    return f"{GLOSSARY_DIR}/{term_id}.md"


def glossary_page(site: Site, src: str, settings: Settings) -> str:
    """The whole glossary: a letter index, one entry per term, JSON-LD."""
    entries = sorted(site.glossary, key=lambda e: str(e.get("term", "")).lower())
    letters: dict[str, list[dict]] = {}
    for entry in entries:
        first = str(entry.get("term", "?"))[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(entry)
    index = " · ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters)
    out = [
        f'<nav class="glossary-letters no-terms" aria-label="Letters" markdown>{index}</nav>',
        "",
        defined_term_set(entries, settings),
        "",
    ]
    for letter, group in letters.items():
        out += [f"## {letter} {{#letter-{letter.lower()}}}", ""]
        for entry in group:
            term_id = str(entry["id"])
            for old in entry.get("old_ids") or []:
                out.append(f'<span id="{esc(old)}"></span>')
            out += [
                f"### {plain(entry['term'])} {{#{term_id}}}",
                "",
                f'<div class="glossary-entry" data-term="{esc(term_id)}" markdown>',
                "",
                # The short definition leads the entry in plain weight: set all in bold, every
                # entry of the page shouted and none stood out.
                f'<p class="glossary-short" markdown>{plain(str(entry.get("short", "")).strip())}</p>',
                "",
                # The whole entry is on the term's own page (blocks/glossary_terms.py): the index
                # stays the same size however many essays use the term.
                '<p class="glossary-full no-terms" markdown>[Full entry: '
                + ("the dispute, " if entry.get("contested") else "")
                + "explanation, sources, related terms, where it is used]"
                + f"({link(src, term_src(term_id))})"
                + definition_anchors(site, src, term_id)
                + "</p>",
                "",
                "</div>",
                "",
            ]
    return "\n".join(out)


def definition_anchors(site: Site, src: str, term_id: str) -> str:
    """' · Competing definitions: A, B' each at its permanent anchor <term>--<definition>, linked to the term's page."""
    definitions = site.term_definitions.get(term_id) or []
    if not definitions:
        return ""
    items = []
    for definition in definitions:
        anchor = definition_anchor(term_id, definition.id)
        items.append(
            f'<span id="{esc(anchor)}" data-definition="{esc(definition.id)}">[{plain(definition.name)}]'
            f"({link(src, term_src(term_id), anchor)})</span>"
        )
    return f"<br>{len(definitions)} competing definitions: " + " · ".join(items)


def curly(text: str) -> str:
    """plain() text with its apostrophes curly: plain() hides them from smarty as character references."""
    return text.replace("&#39;", "’")


def other_spellings(aliases: list) -> list[str]:
    """'Also:' with the first SHOWN_SPELLINGS aliases; any others folded into 'N other spellings'."""
    if not aliases:
        return []
    shown = ", ".join(esc(a) for a in aliases[:SHOWN_SPELLINGS])
    rest = aliases[SHOWN_SPELLINGS:]
    if not rest:
        return [f'<p class="glossary-also no-terms"><em>Also:</em> {shown}</p>', ""]
    noun = "spelling" if len(rest) == 1 else "spellings"
    return [
        f'<details class="glossary-also no-terms"><summary><em>Also:</em> {shown} '
        f"and {len(rest)} other {noun}</summary>{', '.join(esc(a) for a in rest)}</details>",
        "",
    ]


def defined_term_set(entries: list[dict], settings: Settings) -> str:
    """schema.org DefinedTermSet JSON-LD for the glossary (a data block: no CSP hash needed)."""
    url = settings.published_url(settings.glossary_page)
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": url,
        "name": f"{settings.site_name} glossary",
        "url": url,
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": f"{url}#{e['id']}",
                "termCode": str(e["id"]),
                "name": str(e["term"]),
                "alternateName": [str(a) for a in e.get("aliases") or []],
                "description": str(e.get("short", "")).strip(),
                "url": f"{url}#{e['id']}",
                "inDefinedTermSet": url,
            }
            for e in entries
        ],
    }
    # "</" must not appear inside a script element.
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'
