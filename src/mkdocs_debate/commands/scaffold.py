"""debate-new-essay: scaffold a new essay from docs/_templates/essay.md.

Usage: debate-new-essay [--docs-dir docs] [--config mkdocs.yml] "Title of the essay"
(or: make new-essay TITLE="Title of the essay")

Writes docs/essays/<slug>.md, the slug being the title in lower-case ASCII
words joined by '-'. Title and today's date are filled in; every other
<REQUIRED: hint> of the template becomes a visible TODO. The essay starts with
``draft: true`` (from the template): it builds and previews under ``make
serve`` at once, but stays out of the built site, its lists and the feed. The
checker reports each TODO of a page without ``draft: true``, so deleting that
line is the last step, once ``make check`` lists no TODO. Never overwrites a
file: an essay's file name is its permanent URL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
import urllib.parse

from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.site import DATA_DIR
from mkdocs_debate.data.yaml_lines import load_yaml
from mkdocs_debate.source import FRONT_MATTER

TEMPLATE = os.path.join("_templates", "essay.md")
PLACEHOLDER = re.compile(r"<(REQUIRED|OPTIONAL): ([^<>]*)>")
FIELD_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[a-z_]+):")
PLACEHOLDER_URL = "https://example.org/TODO"  # the template's footnote cites the same URL
HEADER = (
    "# Replace every TODO (`make check` lists those left), then delete `draft: true` "
    "to publish (see CONTRIBUTING.md)."
)
PREVIEW_ROOT = "http://127.0.0.1:8000"  # where `make serve` listens (Makefile)


def slugify(title: str) -> str:
    """The file name for a title: lower-case ASCII words joined by '-'."""
    text = re.sub(r"['\u2019]", "", title)  # "isn't" -> "isnt", not "isn-t"
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def curly_quotes(text: str) -> str:
    """Straight double quotes as typographic ones (the checker rejects straight ones in titles)."""
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text).replace('"', "\u201d")


def front_matter_values(title: str, today: dt.date, first_tag: str) -> dict[str, tuple[str, bool]]:
    """Value for each REQUIRED field of the template, and whether it is still a TODO."""
    return {
        "title": (json.dumps(curly_quotes(title), ensure_ascii=False), False),
        "date": (today.isoformat(), False),
        "description": ('"TODO"', True),
        "tags": (f"[{first_tag}]", True),
        "sources.title": ('"TODO"', True),
        "sources.url": (PLACEHOLDER_URL, True),
    }


def fill_front_matter(front: str, values: dict[str, tuple[str, bool]]) -> str:
    """The template's front matter with its header comment swapped and each placeholder filled."""
    lines = front.splitlines()
    first_field = next((i for i, line in enumerate(lines) if FIELD_LINE.match(line)), len(lines))
    out, parent = [HEADER], ""
    for line in lines[first_field:]:
        field = FIELD_LINE.match(line)
        if field and not field.group("indent"):
            parent = field.group("key")
        out.append(fill_line(line, field, parent, values))
    return "\n".join(out) + "\n"


def fill_line(
    line: str, field: re.Match | None, parent: str, values: dict[str, tuple[str, bool]]
) -> str:
    """A front matter line: a REQUIRED placeholder becomes a value, an OPTIONAL one a comment."""
    placeholder = PLACEHOLDER.search(line) if field else None
    if not placeholder:
        return line
    indent, key = field.group("indent"), field.group("key")
    need, hint = placeholder.groups()
    if need == "OPTIONAL":
        return f"{' ' * len(indent)}# {key} (optional): {hint}"
    name = f"{parent}.{key}" if indent else key
    if name not in values:
        raise SystemExit(f"{TEMPLATE}: no scaffold value for the placeholder of {name!r}")
    value, todo = values[name]
    return f"{indent}{key}: {value}" + (f"  # TODO: {hint}" if todo else "")


def fill_body(body: str) -> str:
    """The template's body with each placeholder shown as a TODO on the page."""
    return PLACEHOLDER.sub(lambda m: f"TODO: {m.group(2)}", body)


def scaffold(template_text: str, title: str, today: dt.date, first_tag: str) -> str:
    """The text of a new essay from the template."""
    match = FRONT_MATTER.match(template_text)
    if not match:
        raise SystemExit(f"{TEMPLATE}: the template has no front matter")
    front = fill_front_matter(match.group(1) or "", front_matter_values(title, today, first_tag))
    return f"---\n{front}---\n{fill_body(template_text[match.end() :])}"


def default_tag(docs_dir: str) -> str:
    """The first tag of docs/_data/tags.yml, a valid stand-in until the writer picks."""
    path = os.path.join(docs_dir, DATA_DIR, "tags.yml")
    with open(path, encoding="utf-8") as handle:
        tags = load_yaml(handle.read(), path)
    return next(iter(tags))


def preview_url(config_file: str, slug: str) -> str:
    """Where `make serve` shows the essay: below the path of site_url, as MkDocs serves it."""
    site_url = settings_from_config(config_file).site_url if os.path.exists(config_file) else ""
    base = urllib.parse.urlsplit(site_url).path.strip("/")
    return f"{PREVIEW_ROOT}/{base + '/' if base else ''}essays/{slug}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title", help='the essay\'s title, e.g. "Free as in what?"')
    parser.add_argument("--docs-dir", default="docs")
    parser.add_argument("--config", help="the site's mkdocs.yml (default: beside the docs folder)")
    args = parser.parse_args(argv)
    config = args.config or os.path.join(
        os.path.dirname(os.path.abspath(args.docs_dir)), "mkdocs.yml"
    )
    slug = slugify(args.title)
    if not slug:
        print(
            f"error: the title must contain letters or digits: {args.title!r}\n"
            'usage: make new-essay TITLE="Your title"',
            file=sys.stderr,
        )
        return 2
    path = os.path.join(args.docs_dir, "essays", f"{slug}.md")
    shown = os.path.relpath(path)
    if os.path.exists(path):
        print(
            f"error: {shown} already exists; file names are permanent URLs, so choose "
            "another title (or edit that file)",
            file=sys.stderr,
        )
        return 1
    with open(os.path.join(args.docs_dir, TEMPLATE), encoding="utf-8") as handle:
        text = scaffold(handle.read(), args.title, dt.date.today(), default_tag(args.docs_dir))
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    print(
        f"Created {shown} as a draft (draft: true): it previews under make serve, "
        "but is not published.\n\n"
        "Next:\n"
        f"  1. Replace every TODO in {shown}; the comments list the allowed values.\n"
        "  2. make check   every problem as path:line: message, and the TODOs a draft still holds\n"
        f"  3. make serve   preview at {preview_url(config, slug)}\n"
        "  4. once make check lists no TODO: delete the line draft: true,\n"
        "     make manifest (records the new URL and anchors), make test,\n"
        "     then open a pull request (CONTRIBUTING.md)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
