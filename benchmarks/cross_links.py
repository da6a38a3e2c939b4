#!/usr/bin/env python3
"""Benchmark: what our glossary cross-linker costs, against a bare build and the abbr recipe.

Usage: python benchmarks/cross_links.py [--pages 500] [--terms 300] [--rounds 3] [--nolinks]
       [--no-abbr] [--compare CHECKOUT]

What it measures: the wall-clock time of a strict MkDocs build (``python -m
mkdocs build --strict``, never ``-q``; MkDocs' own "built in" timer is shown
too) of one synthetic site in three variants, the median of each over
``--rounds`` rounds, and the ratios of those medians:

- **bare**: the same pages with no cross-linking at all. Its config is the real
  mkdocs.yml minus the ``debate`` extension and minus the
  hooks; the ``[[generate:…]]`` lines and the page furniture (citation blocks,
  claim backlinks) that the extension would produce are written into the
  Markdown beforehand, so every variant renders the same pages and the same
  generated lists.
- **ours**: the real config; our extension links the first mention of each term.
- **abbr**: bare plus the glossary recipe Material for MkDocs documents:
  Python-Markdown ``abbr`` and ``pymdownx.snippets`` with ``auto_append`` of a
  file of ``*[term]: short definition`` lines (one per term and alias).
- with ``--nolinks``, also **ours-nolinks**: the real config, every page with
  ``glossary_links: false``: what the extension and hooks cost without linking.
- with ``--compare CHECKOUT``, also **before**: the real config built with another
  checkout's engine (a copy of this environment with CHECKOUT installed, as
  ``build_growth.py --compare`` does), so a change to the engine is measured
  against the engine before it, in the same alternating rounds. The synthetic site
  is this checkout's, so its data must be valid for both engines.
- ``--no-abbr`` leaves out the abbr variant (Material's recipe is slow: minutes a
  build at a few hundred pages), for a quick before/after of our engine.

Rounds alternate the variants (and rotate their order), so a noisy machine's
drift spreads over all of them. It also measures the raw matching cost: the
time to scan the Markdown of every page for the T terms with our TermMatcher
(one Aho-Corasick pass) against one case-insensitive alternation regex.

The synthetic site: a copy of this site (real mkdocs.yml with its pruned
navigation and not_in_nav layout, real overrides and home, section index,
glossary, models and about pages), its essays, summaries and claims replaced
by P synthetic pages spread over those sections (valid front matter, ~600
words mentioning about 20 terms, some twice), and T generated entries with
short definitions and sources added to docs/_data/glossary.yml (the real
entries stay: the competing definitions, the timeline and the reading path
name them). The synthetic pages mention only the generated terms. The social
plugin is disabled in every variant.

Targets reported against: ours adds at most 5 % to bare; abbr at least 8× ours.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time

from build_growth import (  # the benchmark next to this one (its folder is on sys.path)
    ROOT,
    BuildResult,
    clean_up,
    copy_site,
    engine_python,
    entry_name,
    export,
    extension_options,
    glossary_names,
    load_note,
    median_or_none,
    read_config,
    read_yaml_file,
    run_build,
    synthetic_glossary,
    synthetic_page,
    without_social,
    write_config,
    write_yaml_file,
)

from mkdocs_debate.blocks import GENERATORS
from mkdocs_debate.blocks.furniture import furniture
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import load_site
from mkdocs_debate.matcher import TermMatcher
from mkdocs_debate.matcher import glossary_names as term_pairs
from mkdocs_debate.source import split_front_matter
from mkdocs_debate.syntax import GENERATE_RE

SECTIONS = (("essays", "essay", 0.4), ("discussions", "summary", 0.3), ("claims", "claim", 0.3))
EXTENSION = "debate"
ABBREVIATIONS = os.path.join("includes", "abbreviations.md")
TARGET_OURS_OVER_BARE = 1.05
TARGET_ABBR_OVER_OURS = 8.0

# -----------------------------------------------------------------------------
# The synthetic site and its variants
# -----------------------------------------------------------------------------


def make_site(root: str, pages: int, terms: int, seed: int = 3) -> list[dict]:
    """Copy the site to root, replace its content pages and glossary; return the glossary."""
    copy_site(ROOT, root)
    docs = os.path.join(root, "docs")
    generated = synthetic_glossary(terms, seed=seed)
    real = read_yaml_file(os.path.join(docs, "_data", "glossary.yml"), [])
    taken = {name.casefold() for name in glossary_names(real)} | {str(e["id"]) for e in real}
    generated = [
        entry
        for entry in generated
        if str(entry["id"]) not in taken
        and not {name.casefold() for name in glossary_names([entry])} & taken
    ]
    glossary = real + generated
    write_yaml_file(glossary, os.path.join(docs, "_data", "glossary.yml"))
    names = glossary_names(generated)
    tags = list(read_yaml_file(os.path.join(docs, "_data", "tags.yml"), {}))
    rng = random.Random(seed)
    removed: dict[str, str] = {}
    first_new: dict[str, str] = {}
    counts = _split(pages)
    for (section, kind, _), count in zip(SECTIONS, counts):
        folder = os.path.join(docs, section)
        for name in os.listdir(folder):
            if name.endswith(".md") and name != "index.md":
                os.remove(os.path.join(folder, name))
                removed[f"{section}/{name}"] = section
        for index in range(1, count + 1):
            name, text = synthetic_page(index, kind, rng, names, tags, mentions=20, repeats=6)
            first_new.setdefault(section, f"{section}/{name}")
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(text)
    _repoint_links(docs, removed, first_new)
    _forget_removed(docs, removed)
    export(root, None)  # the generated stubs of the new pages (year pages, term pages)
    return glossary


def _forget_removed(docs: str, removed: dict[str, str]) -> None:
    """Drop what the data files say of the removed pages: reading-path steps, events' claims."""
    data = os.path.join(docs, "_data")
    path = read_yaml_file(os.path.join(data, "path.yml"), {})
    if path.get("steps"):
        path["steps"] = [s for s in path["steps"] if s.get("page") not in removed]
        write_yaml_file(path, os.path.join(data, "path.yml"))
    claims = {os.path.splitext(os.path.basename(p))[0] for p in removed if p.startswith("claims/")}
    timeline = read_yaml_file(os.path.join(data, "timeline.yml"), {})
    for event in timeline.get("events") or []:
        if event.get("claims"):
            event["claims"] = [c for c in event["claims"] if c not in claims]
            if not event["claims"]:
                del event["claims"]
    write_yaml_file(timeline, os.path.join(data, "timeline.yml"))


def _split(pages: int) -> list[int]:
    """Pages per section, in SECTIONS' proportions, at least one each."""
    counts = [max(1, round(pages * share)) for _, _, share in SECTIONS]
    counts[0] += pages - sum(counts)
    if counts[0] < 1:
        raise SystemExit(f"--pages must be at least {len(SECTIONS)}")
    return counts


def _repoint_links(docs: str, removed: dict[str, str], first_new: dict[str, str]) -> None:
    """Point links of the kept pages at removed pages to a synthetic page of the same section."""
    for folder, _, files in os.walk(docs):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            src = os.path.relpath(path, docs).replace(os.sep, "/")
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            new = text
            for old, section in removed.items():
                if section not in first_new:
                    continue
                old_rel = os.path.relpath(old, os.path.dirname(src) or ".").replace(os.sep, "/")
                new_rel = os.path.relpath(first_new[section], os.path.dirname(src) or ".").replace(
                    os.sep, "/"
                )
                new = new.replace(f"]({old_rel}", f"]({new_rel}")
            if new != text:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(new)


def prerender_docs(root: str, config: dict, dest: str) -> None:
    """Copy docs/ to dest with generated blocks and furniture written into the Markdown."""
    docs = os.path.join(root, "docs")
    shutil.copytree(docs, dest)
    known = {field.name for field in dataclasses.fields(Settings)}
    options = {
        key: str(value)
        for key, value in extension_options(config, EXTENSION).items()
        if key in known
    }
    settings = Settings(**{**options, "docs_dir": docs})
    site = load_site(docs)
    for src, page in site.pages.items():
        path = os.path.join(dest, src)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        front, body, _ = split_front_matter(text)
        head = text[: len(text) - len(body)] if front is not None else ""
        lines: list[str] = []
        for line in body.splitlines():
            match = GENERATE_RE.match(line)
            if match:
                builder = GENERATORS[match.group(1)]
                lines += ["", *builder(site, src, settings).splitlines(), ""]
            else:
                lines.append(line)
        lines += ["", *furniture(site, page, settings).splitlines()]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(head + "\n".join(lines) + "\n")


def nolinks_docs(root: str, dest: str) -> None:
    """Copy docs/ to dest with ``glossary_links: false`` in every page's front matter."""
    docs = os.path.join(root, "docs")
    shutil.copytree(docs, dest)
    for folder, dirs, files in os.walk(dest):
        dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            text = re.sub(r"^glossary_links:.*\n", "", text, flags=re.MULTILINE)
            text = (
                text.replace("---\n", "---\nglossary_links: false\n", 1)
                if text.startswith("---\n")
                else f"---\nglossary_links: false\n---\n\n{text}"
            )
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)


def variant_configs(root: str, glossary: list[dict], nolinks: bool) -> dict[str, str]:
    """Write one config per variant into root; return {variant: config file name}."""
    config = without_social(read_config(os.path.join(root, "mkdocs.yml")))
    ours = dict(config)
    write_config(ours, os.path.join(root, "mkdocs.ours.yml"))

    prerender_docs(root, config, os.path.join(root, "docs-plain"))
    bare = {key: value for key, value in config.items() if key != "hooks"}
    bare["docs_dir"] = "docs-plain"
    # The prerendered pages hold the generated HTML, which the checker reads as a contributor's
    # (and refuses: page limits, raw markup): the plugin's checks are off there, its other work on.
    bare["plugins"] = [
        {"debate": {"check": False}} if entry_name(entry) == "debate" else entry
        for entry in config.get("plugins") or []
    ]
    bare["markdown_extensions"] = [
        e for e in config["markdown_extensions"] if entry_name(e) != EXTENSION
    ]
    write_config(bare, os.path.join(root, "mkdocs.bare.yml"))

    lines = []
    for entry in glossary:
        short = " ".join(str(entry.get("short", "")).split())
        for name in [entry["term"], *(entry.get("aliases") or [])]:
            lines.append(f"*[{name}]: {short}")
    os.makedirs(os.path.join(root, "includes"), exist_ok=True)
    with open(os.path.join(root, ABBREVIATIONS), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    abbr = dict(bare)
    extensions = list(bare["markdown_extensions"])
    if "abbr" not in [entry_name(e) for e in extensions]:
        extensions.insert(0, "abbr")
    extensions.append(
        {
            "pymdownx.snippets": {
                "base_path": [root],
                "check_paths": True,
                "auto_append": [ABBREVIATIONS],
            }
        }
    )
    abbr["markdown_extensions"] = extensions
    write_config(abbr, os.path.join(root, "mkdocs.abbr.yml"))
    files = {"bare": "mkdocs.bare.yml", "ours": "mkdocs.ours.yml", "abbr": "mkdocs.abbr.yml"}

    if nolinks:
        nolinks_docs(root, os.path.join(root, "docs-nolinks"))
        write_config(
            {**config, "docs_dir": "docs-nolinks"}, os.path.join(root, "mkdocs.nolinks.yml")
        )
        files["ours-nolinks"] = "mkdocs.nolinks.yml"
    return files


# -----------------------------------------------------------------------------
# Checks that the variants render the same pages, and that linking happened
# -----------------------------------------------------------------------------


def html_pages(out: str) -> set[str]:
    """Relative paths of the HTML files of a built site."""
    found = set()
    for folder, _, files in os.walk(out):
        found.update(
            os.path.relpath(os.path.join(folder, n), out) for n in files if n.endswith(".html")
        )
    return found


def count_in_pages(out: str, needle: str, under: tuple[str, ...]) -> int:
    """Occurrences of needle in the HTML pages under the given folders of a built site."""
    total = 0
    for page in html_pages(out):
        if page.startswith(under):
            with open(os.path.join(out, page), encoding="utf-8") as handle:
                total += handle.read().count(needle)
    return total


# -----------------------------------------------------------------------------
# Raw matching cost
# -----------------------------------------------------------------------------


def page_texts(docs: str) -> list[str]:
    """The Markdown of every page under docs (front matter included)."""
    texts = []
    for folder, dirs, files in os.walk(docs):
        dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
        for name in sorted(files):
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    texts.append(handle.read())
    return texts


def matching_cost(
    texts: list[str], glossary: list[dict], repeats: int
) -> dict[str, tuple[float, float, int]]:
    """{method: (median seconds to scan all texts, seconds to build, matches)} for both methods."""
    pairs = list(term_pairs(glossary))
    start = time.perf_counter()
    matcher = TermMatcher(pairs)
    matcher_build = time.perf_counter() - start
    names = sorted({name.strip() for name, _ in pairs if name.strip()}, key=len, reverse=True)
    start = time.perf_counter()
    regex = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    regex_build = time.perf_counter() - start

    def scan_matcher() -> int:
        """Matches of our TermMatcher in every text."""
        return sum(1 for text in texts for _ in matcher.find(text))

    def scan_regex() -> int:
        """Matches of the alternation regex in every text."""
        return sum(1 for text in texts for _ in regex.finditer(text))

    results = {}
    for label, scan, built in (
        ("TermMatcher (Aho-Corasick)", scan_matcher, matcher_build),
        ("alternation regex (re.I)", scan_regex, regex_build),
    ):
        times, found = [], 0
        for _ in range(repeats):
            start = time.perf_counter()
            found = scan()
            times.append(time.perf_counter() - start)
        results[label] = (statistics.median(times), built, found)
    return results


# -----------------------------------------------------------------------------
# Command line
# -----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    """'meets' or 'MISSES' for a target."""
    return "meets" if ok else "MISSES"


def main(argv: list[str] | None = None) -> int:
    """Build the variants in alternating rounds, time the matchers, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="synthetic pages (default 500)")
    parser.add_argument(
        "--terms", type=int, default=300, help="synthetic glossary terms (default 300)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="builds per variant; the median is kept"
    )
    parser.add_argument(
        "--nolinks",
        action="store_true",
        help="also build ours with glossary_links: false on every page",
    )
    parser.add_argument("--no-abbr", action="store_true", help="leave out the abbr variant")
    parser.add_argument(
        "--compare",
        metavar="CHECKOUT",
        help="also build ours with this checkout's engine (variant 'before')",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.pages < len(SECTIONS) or args.terms < 1:
        parser.error(f"--rounds and --terms must be at least 1, --pages at least {len(SECTIONS)}")

    load_before = os.getloadavg()[0]
    workdir = tempfile.mkdtemp(prefix="faiw-bench-links-")
    root = os.path.join(workdir, "site-src")
    print(f"Working in {workdir}")
    print("Social plugin DISABLED in every variant (social: enabled: false).")
    results: dict[str, list[BuildResult]] = {}
    try:
        glossary = make_site(root, args.pages, args.terms)
        files = variant_configs(root, glossary, args.nolinks)
        pythons: dict[str, str | None] = dict.fromkeys(files)
        if args.no_abbr:
            del files["abbr"], pythons["abbr"]
        if args.compare:
            files["before"] = files["ours"]
            pythons["before"] = engine_python(os.path.abspath(args.compare), workdir)
        variants = list(files)
        results = {variant: [] for variant in variants}
        print(
            f"Synthetic site: {args.pages} pages ({', '.join(f'{c} {s}' for (s, _, _), c in zip(SECTIONS, _split(args.pages)))}), "
            f"{args.terms} glossary terms ({len(glossary_names(glossary))} names with aliases)."
        )
        print(
            "bare/abbr: no debate_markdown extension and no hooks; generated blocks and furniture "
            "pre-rendered into their Markdown, so all variants render the same pages."
        )
        for round_number in range(args.rounds):
            shift = round_number % len(variants)
            for variant in variants[shift:] + variants[:shift]:
                result = run_build(
                    root, os.path.join(workdir, f"out-{variant}"), files[variant], pythons[variant]
                )
                results[variant].append(result)
                print(
                    f"round {round_number + 1}/{args.rounds}: {variant:<12} {result.wall:7.2f} s wall, "
                    f"{result.cpu:.2f} s CPU"
                    + (f", {result.reported:.2f} s by MkDocs' timer" if result.reported else "")
                    + f", {result.size / 1e6:.1f} MB",
                    flush=True,
                )

        outputs = {variant: os.path.join(workdir, f"out-{variant}") for variant in variants}
        page_sets = {variant: html_pages(out) for variant, out in outputs.items()}
        same = all(pages == page_sets["bare"] for pages in page_sets.values())
        content = ("essays/", "discussions/", "claims/")
        links = count_in_pages(outputs["ours"], 'class="glossary-term"', content)
        abbrs = count_in_pages(outputs["abbr"], "<abbr ", content) if "abbr" in outputs else 0
        texts = page_texts(os.path.join(root, "docs"))
        matching = matching_cost(texts, glossary, max(5, args.rounds))
    finally:
        clean_up(workdir, args.keep)

    print()
    print(
        "Same HTML pages in every variant: "
        + ("yes" if same else "NO: " + "; ".join(f"{v}: {len(p)}" for v, p in page_sets.items()))
    )
    print(
        f"Term links made by ours on content pages: {links}; <abbr> elements made by abbr: {abbrs}."
    )

    wall = {v: statistics.median(r.wall for r in results[v]) for v in variants}
    timer = {v: median_or_none([r.reported for r in results[v]]) for v in variants}
    cpu = {v: statistics.median(r.cpu for r in results[v]) for v in variants}
    print()
    print(
        f"## Build time per variant ({args.pages} pages, {args.terms} terms, "
        f"{args.rounds} alternating round{'s' if args.rounds != 1 else ''}, median)"
    )
    print()
    print(
        "| Variant | Build, median (s) | Min (s) | MkDocs timer, median (s) | CPU, median (s) "
        "| Output (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for variant in variants:
        reported = f"{timer[variant]:.2f}" if timer[variant] is not None else "n/a"
        print(
            f"| {variant} | {wall[variant]:.2f} | {min(r.wall for r in results[variant]):.2f} "
            f"| {reported} | {cpu[variant]:.2f} | {results[variant][-1].size / 1e6:.1f} |"
        )

    def ratio(a: str, b: str, times: dict) -> str:
        """times[a] / times[b] as '1.23×', or 'n/a'."""
        return f"{times[a] / times[b]:.2f}×" if times.get(a) and times.get(b) else "n/a"

    print()

    def check(
        a: str, b: str, times: dict, at_most: float | None = None, at_least: float | None = None
    ) -> str:
        """Whether times[a] / times[b] meets the target, or 'n/a'."""
        if not times.get(a) or not times.get(b):
            return "n/a"
        value = times[a] / times[b]
        return verdict(value <= at_most if at_most is not None else value >= at_least)

    print(
        "| Ratio of medians | Wall clock | MkDocs timer | Target | Result (wall) "
        "| Result (MkDocs timer) |"
    )
    print("|---|---:|---:|---|---|---|")
    print(
        f"| ours / bare | {ratio('ours', 'bare', wall)} | {ratio('ours', 'bare', timer)} "
        f"| ≤ {TARGET_OURS_OVER_BARE:.2f}× (adds ≤ 5 %) "
        f"| {check('ours', 'bare', wall, at_most=TARGET_OURS_OVER_BARE)} "
        f"| {check('ours', 'bare', timer, at_most=TARGET_OURS_OVER_BARE)} |"
    )
    if "before" in wall:
        print(
            f"| ours / before, CPU | {ratio('ours', 'before', cpu)} | | ≤ 1.00× (not slower) "
            f"| {check('ours', 'before', cpu, at_most=1.0)} | |"
        )
        print(
            f"| ours / before | {ratio('ours', 'before', wall)} "
            f"| {ratio('ours', 'before', timer)} | ≤ 1.00× (not slower) "
            f"| {check('ours', 'before', wall, at_most=1.0)} "
            f"| {check('ours', 'before', timer, at_most=1.0)} |"
        )
        print(
            f"| before / bare | {ratio('before', 'bare', wall)} "
            f"| {ratio('before', 'bare', timer)} | | | |"
        )
    print(f"| abbr / bare | {ratio('abbr', 'bare', wall)} | {ratio('abbr', 'bare', timer)} | | | |")
    print(
        f"| abbr / ours | {ratio('abbr', 'ours', wall)} | {ratio('abbr', 'ours', timer)} "
        f"| ≥ {TARGET_ABBR_OVER_OURS:.0f}× "
        f"| {check('abbr', 'ours', wall, at_least=TARGET_ABBR_OVER_OURS)} "
        f"| {check('abbr', 'ours', timer, at_least=TARGET_ABBR_OVER_OURS)} |"
    )
    if "ours-nolinks" in wall:
        print(
            f"| ours / ours-nolinks | {ratio('ours', 'ours-nolinks', wall)} "
            f"| {ratio('ours', 'ours-nolinks', timer)} | | | |"
        )
        print(
            f"| ours-nolinks / bare | {ratio('ours-nolinks', 'bare', wall)} "
            f"| {ratio('ours-nolinks', 'bare', timer)} | | | |"
        )
    print()
    print(
        "Wall clock includes starting Python and loading the config (a constant that dilutes "
        "ratios); MkDocs' timer covers the build itself. " + load_note(load_before)
    )

    print()
    print(
        f"## Raw matching cost: scan every page's Markdown for {args.terms} terms "
        f"(median of {max(5, args.rounds)}, {len(texts)} pages)"
    )
    print()
    print("| Method | Scan all pages (ms) | µs per page | Build matcher (ms) | Matches |")
    print("|---|---:|---:|---:|---:|")
    for label, (seconds, built, found) in matching.items():
        print(
            f"| {label} | {1000 * seconds:.1f} | {1e6 * seconds / len(texts):.0f} "
            f"| {1000 * built:.2f} | {found} |"
        )
    (ours_scan, _, _), (regex_scan, _, _) = matching.values()
    print()
    print(f"The regex takes {regex_scan / ours_scan:.1f}× the TermMatcher's time.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
