"""The glossary page, generated from docs/_data/glossary.yml."""

from __future__ import annotations

import json

from mkdocs_debate.blocks.common import esc, link, plain, title_of
from mkdocs_debate.blocks.definitions import glossary_definitions
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import Site
from mkdocs_debate.usage import term_usage

SHOWN_SPELLINGS = 2  # aliases shown before the rest fold into "N other spellings"


def glossary_page(site: Site, src: str, settings: Settings) -> str:
    """The whole glossary: a letter index, one entry per term, JSON-LD."""
    entries = sorted(site.glossary, key=lambda e: str(e.get("term", "")).lower())
    usage = term_usage(site, settings.glossary_page)
    by_id = {str(e.get("id")): e for e in entries}
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
                # The full entry folds under the short definition: a closed <details> is not
                # laid out, which keeps the long glossary quick on a phone. A link to the
                # entry opens it (glossary.js); Material opens it for print and find-in-page.
                '<details class="glossary-more" markdown>',
                "<summary>Full entry: "
                + ("the dispute, " if entry.get("contested") else "")
                + "explanation, sources, related terms</summary>",
                "",
                str(entry.get("definition", "")).strip(),
                "",
            ]
            out += other_spellings(entry.get("aliases") or [])
            if entry.get("contested"):
                # The "contested" class colours it as disputed (extra.css), not the question type's green.
                out += ['!!! question contested "Contested"', ""]
                out += ["    " + line for line in str(entry["contested"]).strip().splitlines()] + [
                    ""
                ]
            out += glossary_definitions(site, src, settings, term_id)
            related = [r for r in entry.get("related") or [] if r in by_id]
            if related:
                out += [
                    '<p class="no-terms" markdown>**Related:** '
                    + ", ".join(f"[{plain(by_id[r]['term'])}](#{r})" for r in related)
                    + "</p>",
                    "",
                ]
            sources = "; ".join(
                f"[{curly(plain(s.get('title', s.get('url'))))}](<{s.get('url')}>)"
                for s in entry.get("sources") or []
            )
            out += [f'<p class="no-terms" markdown>**Sources:** {sources}</p>', ""]
            pages = usage.get(term_id, [])
            if pages:  # a term no page uses yet says nothing rather than "no page yet"
                used = ", ".join(f"[{plain(title_of(p))}]({link(src, p.src)})" for p in pages)
                out += [f'<p class="used-in no-terms" markdown>**Used in:** {used}</p>', ""]
            out += ["</details>", "", "</div>", ""]
    return "\n".join(out)


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
