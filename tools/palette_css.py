"""Write Material's palette stylesheet less one rule, as a theme override.

Usage: .venv/bin/python tools/palette_css.py [--check]

Material's palette component runs on every page load: it sets
``data-md-color-switching`` on ``<body>``, sets the scheme, reads a computed
colour for the theme-color meta tag, and removes the attribute a frame later.
Its stylesheet holds a rule keyed on that attribute for every element
(``[data-md-color-switching] *``, no transitions while the colours switch),
so each change restyles the whole page: twice per load, about a quarter of a
second of a phone's main thread on the grid page (/is-it-open/, a thousand
cells), measured with Chromium's CPU throttled four times.

The override (``overrides/assets/stylesheets/palette.<hash>.min.css``, the
same name as Material's file, so the theme serves ours) is Material's file
without that rule: switching the scheme by hand now lets the colours fade
instead of jumping. ``--check`` fails when the override is missing or stale
(another Material version: run this script again and review the diff);
``tests/test_package.py`` runs it.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import material

ROOT = pathlib.Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides" / "assets" / "stylesheets"
RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
HEADER = (
    "/* Material for MkDocs' {name} (MIT licence), less the rule on [data-md-color-switching],"
    " which restyled every element twice per page load: tools/palette_css.py writes this file. */\n"
)


def source() -> pathlib.Path:
    """Material's palette stylesheet, as installed."""
    folder = pathlib.Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    found = sorted(folder.glob("palette.*.min.css"))
    if len(found) != 1:
        raise SystemExit(f"expected one palette.*.min.css in {folder}, found {len(found)}")
    return found[0]


def expected() -> tuple[pathlib.Path, str]:
    """Where the override goes and what it holds."""
    original = source()
    text = original.read_text(encoding="utf-8")
    if RULE not in text:
        raise SystemExit(f"{original}: the rule to drop is gone (a new Material?): review RULE")
    return OVERRIDES / original.name, HEADER.format(name=original.name) + text.replace(RULE, "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the override is stale")
    args = parser.parse_args(argv)
    target, text = expected()
    stale = sorted(p for p in OVERRIDES.glob("palette.*.min.css") if p != target)
    if args.check:
        problems = [f"{p.relative_to(ROOT)}: for another Material version" for p in stale]
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            problems.append(f"{target.relative_to(ROOT)}: missing or stale")
        for problem in problems:
            print(f"{problem} (run tools/palette_css.py)", file=sys.stderr)
        return 1 if problems else 0
    for path in stale:
        path.unlink()
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
