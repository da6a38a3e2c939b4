#!/usr/bin/env python3
"""Benchmark: how build time and output size grow with the number of essays.

Usage: python benchmarks/build_growth.py --sizes 100 500 2000 [--rounds 3]

What it measures: for each size N, the wall-clock time of a strict MkDocs build
(``python -m mkdocs build --strict``, never ``-q``) of this site plus N
synthetic essays, the median over ``--rounds`` rounds, the size of the built
site in MB (10^6 bytes), and the cost per added essay, so that linear growth
(a constant marginal cost per essay) is visible at a glance.

How: the site (mkdocs.yml, docs/, overrides/, .social/) is copied
into one temporary folder per size, and N essays are written into its
docs/essays/ exactly as contributors write them: front matter that passes
debate-check (title, description of at most 160 characters, date,
authors [editors], kind essay, tags from docs/_data/tags.yml, sources with an
https URL) and a body of about 600 words of varied filler that mentions
glossary terms and cites its source in a footnote. A row for N = 0 (the site
as it is) is the baseline the per-essay cost is measured from. Rounds
alternate between the sizes, so drift in a noisy machine's speed spreads over
all of them instead of favouring one.

The social plugin is disabled in the copies (its config gets ``enabled:
false``): rendering 2,000 social cards would dominate the build and measure
cairo, not us. If the site's glossary has too few terms to mention, a
synthetic glossary is written into the copies; both facts are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any

import yaml

from mkdocs_debate import test_tools

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")
MIN_GLOSSARY_TERMS = 10

# -----------------------------------------------------------------------------
# mkdocs.yml copies: YAML that keeps !!python/name and !ENV tags as written
# -----------------------------------------------------------------------------


class Tagged:
    """A YAML node with a tag PyYAML's safe loader does not know, kept verbatim."""

    def __init__(self, tag: str, value: Any):
        """Keep the tag and the constructed value."""
        self.tag, self.value = tag, value


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that keeps unknown tags (``!!python/name:…``, ``!ENV``) as Tagged."""


class _ConfigDumper(yaml.SafeDumper):
    """SafeDumper that writes Tagged nodes back with their tag."""


def _construct_tagged(loader: yaml.SafeLoader, tag: str, node: yaml.Node) -> Tagged:
    """Build a Tagged from any node whose tag the safe loader does not know."""
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    """Write a Tagged back as the node it was read from."""
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigLoader.add_multi_constructor("", _construct_tagged)
_ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_config(path: str) -> dict:
    """mkdocs.yml as plain data (anchors resolved, custom tags kept)."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass


def write_config(config: dict, path: str) -> None:
    """Write a config read by read_config back to a file MkDocs can load."""
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(
            config, handle, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=1000
        )


def entry_name(entry: Any) -> str:
    """Name of a plugin or extension entry, written as 'name' or {'name': options}."""
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def without_social(config: dict) -> dict:
    """The config with the social plugin's ``enabled`` set to false."""
    plugins = []
    for entry in config.get("plugins") or []:
        if entry_name(entry) == "social":
            options = dict((entry.get("social") if isinstance(entry, dict) else None) or {})
            options["enabled"] = False
            entry = {"social": options}
        plugins.append(entry)
    return {**config, "plugins": plugins}


def extension_options(config: dict, name: str) -> dict:
    """The options of one markdown extension in a config ({} if it has none)."""
    for entry in config.get("markdown_extensions") or []:
        if entry_name(entry) == name:
            return dict(entry[name] or {}) if isinstance(entry, dict) else {}
    return {}


# -----------------------------------------------------------------------------
# Copies of the site
# -----------------------------------------------------------------------------


def copy_site(source: str, dest: str, extra: tuple[str, ...] = ()) -> None:
    """Copy the parts of the site a build reads into dest."""
    test_tools.copy_site(source, dest, test_tools.SITE_PARTS + extra)


def read_yaml_file(path: str, default: Any) -> Any:
    """A YAML data file, or default when it is missing or empty."""
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return default if data is None else data


def write_yaml_file(data: Any, path: str) -> None:
    """Write plain data as YAML."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(data, handle, sort_keys=False, allow_unicode=True, width=1000)


def dir_size(path: str) -> int:
    """Total size in bytes of the files under path."""
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, name)) for name in files)
    return total


@dataclass
class BuildResult:
    """One build: wall-clock seconds, MkDocs' own timer, output bytes."""

    wall: float
    reported: float | None
    size: int


def run_build(root: str, out: str, config_file: str = "mkdocs.yml") -> BuildResult:
    """Strict build of the site at root into out; raises with MkDocs' log on failure."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    done = test_tools.build_site(root, out, "-f", config_file)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"build failed in {root} ({config_file}):\n{done.stdout}{done.stderr}")
    found = BUILT_IN.search(done.stderr + done.stdout)
    return BuildResult(wall, float(found.group(1)) if found else None, dir_size(out))


def median(values: list[float]) -> float:
    """Median of a non-empty list."""
    return statistics.median(values)


def median_or_none(values: list[float | None]) -> float | None:
    """Median of the values that are not None, or None."""
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def load_note(before: float) -> str:
    """A sentence giving the 1-minute load average before and now, and the core count."""
    return (
        f"Load average (1 min) {before:.2f} before, {os.getloadavg()[0]:.2f} after, on "
        f"{os.cpu_count()} cores: a load above the core count means noisy timings."
    )


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """(slope, R²) of the least-squares line through the points."""
    fit = statistics.linear_regression(xs, ys)
    mean = statistics.fmean(ys)
    total = sum((y - mean) ** 2 for y in ys)
    residual = sum((y - (fit.slope * x + fit.intercept)) ** 2 for x, y in zip(xs, ys))
    return fit.slope, (1 - residual / total) if total else 1.0


# -----------------------------------------------------------------------------
# Synthetic content
# -----------------------------------------------------------------------------

ADJECTIVES = (
    "open",
    "closed",
    "federated",
    "permissive",
    "gated",
    "reproducible",
    "auditable",
    "distilled",
    "quantised",
    "sovereign",
    "public",
    "private",
    "copyleft",
    "sparse",
    "curated",
    "synthetic",
    "licensed",
    "documented",
    "derived",
    "upstream",
    "downstream",
    "commercial",
    "academic",
    "community",
    "frontier",
    "aligned",
    "instruction",
    "multilingual",
    "benchmark",
    "provenance",
)
NOUNS = (
    "weights",
    "corpus",
    "checkpoint",
    "licence",
    "dataset",
    "tokenizer",
    "pipeline",
    "adapter",
    "model card",
    "compute",
    "release",
    "fork",
    "recipe",
    "evaluation",
    "red team",
    "registry",
    "mirror",
    "snapshot",
    "audit",
    "watermark",
    "embedding",
    "inference",
    "fine-tune",
    "merge",
    "governance",
    "charter",
    "manifest",
    "ledger",
    "sandbox",
    "commons",
)
SUBJECTS = (
    "The licence",
    "A model release",
    "The training corpus",
    "Every contributor",
    "The foundation",
    "A downstream developer",
    "The community",
    "A regulator",
    "The research team",
    "An independent auditor",
    "The vendor",
    "A small lab",
    "The maintainer",
    "One critic",
    "Each defender of the release",
    "The press release",
    "The model card",
    "A university group",
)
VERBS = (
    "documents",
    "restricts",
    "questions",
    "depends on",
    "reshapes",
    "undermines",
    "clarifies",
    "inherits",
    "publishes",
    "ignores",
    "rewards",
    "complicates",
    "tests",
    "narrows",
    "widens",
    "borrows from",
    "argues against",
    "quietly assumes",
)
OBJECTS = (
    "the weights",
    "its evaluation results",
    "the fine-tuning recipe",
    "the data pipeline",
    "what users may build",
    "the old free software bargain",
    "the cost of retraining",
    "the right to study the system",
    "the terms of redistribution",
    "a reproducible build",
    "the incentives of the largest labs",
    "the line between use and modification",
    "the promise made at launch",
    "the history of the word",
    "every derived model",
)
CLAUSES = (
    "because nobody outside can rebuild it",
    "while the data stays private",
    "long after the release",
    "as the debates of 2024 showed",
    "in ways few readers notice",
    "even when the code is public",
    "unless the terms change",
    "for better or worse",
    "at a cost that keeps rising",
    "without saying so plainly",
    "in the fine print",
    "and the argument turns on that",
    "which matters more than it seems",
)
TERM_SENTENCES = (
    "Here {term} matters more than the headline suggests.",
    "Critics read {term} differently, and not without reason.",
    "The question of {term} is where the argument turns.",
    "Nobody disputes that {term} exists; the dispute is over what it demands.",
    "Much depends on what one means by {term}.",
    "Talk of {term} often hides a narrower claim.",
    "A release can honour {term} in letter and miss it in spirit.",
)
HEADINGS = (
    "What is at stake",
    "The argument",
    "An objection",
    "A reply",
    "Where this leaves us",
    "The history",
    "The licence terms",
    "The data question",
    "What changes in practice",
    "A closer look",
    "The other side",
    "Why it matters",
)
SOURCE_PUBLISHERS = (
    "Open Source Initiative",
    "Free Software Foundation",
    "a research lab",
    "a standards body",
    "an independent journalist",
)


def synthetic_glossary(count: int, seed: int = 7) -> list[dict]:
    """count glossary entries with unique names, short definitions and https sources."""
    rng = random.Random(seed)
    names = [f"{adjective} {noun}" for adjective in ADJECTIVES for noun in NOUNS]
    extra = 0
    while len(names) < count:
        extra += 1
        names += [f"{name} {extra}" for name in names[: count - len(names)]]
    rng.shuffle(names)
    entries, used = [], set()
    for index, name in enumerate(names[:count]):
        term_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        entry = {
            "id": term_id,
            "term": name,
            "short": f"Synthetic term {index + 1}: what {name} means in the open source AI debate.",
            "definition": (
                f"{name[0].upper() + name[1:]} is a synthetic glossary entry generated "
                "for benchmarking. " + " ".join(_sentence(rng) for _ in range(3))
            ),
            "sources": [{"title": f"On {name}", "url": f"https://example.org/glossary/{term_id}"}],
        }
        plural = name + "s"
        if not name.endswith(("s", "e", "1", "2", "3")) and plural not in used and index % 3 == 0:
            entry["aliases"] = [plural]
            used.add(plural)
        used.add(name)
        entries.append(entry)
    return entries


def glossary_names(glossary: list[dict]) -> list[str]:
    """Every term and alias of a glossary, as written."""
    names = []
    for entry in glossary:
        names += [str(entry.get("term", ""))] + [str(a) for a in entry.get("aliases") or []]
    return [name for name in names if name.strip()]


def _sentence(rng: random.Random) -> str:
    """One filler sentence built from the word banks."""
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}."
    )


def filler_body(
    rng: random.Random,
    terms: list[str],
    source: tuple[str, str],
    words: int = 600,
    per_paragraph: int = 1,
) -> str:
    """About `words` words of Markdown in sections, mentioning terms, with a cited footnote."""
    mentions = list(terms)
    rng.shuffle(mentions)
    parts: list[str] = []
    count = 0
    headings = rng.sample(HEADINGS, len(HEADINGS))
    section = 0
    while count < words:
        if section:
            parts.append(f"## {headings[section % len(headings)]}")
        paragraphs = 2 if section % 3 else 3
        for paragraph in range(paragraphs):
            sentences = [_sentence(rng) for _ in range(rng.randint(3, 5))]
            for _ in range(per_paragraph):
                if mentions:
                    sentences.insert(
                        rng.randrange(len(sentences) + 1),
                        rng.choice(TERM_SENTENCES).format(term=mentions.pop()),
                    )
            text = " ".join(sentences)
            if section == 0 and paragraph == 0:
                text += "[^source]"
            parts.append(text)
            count += len(text.split())
        if section % 3 == 1:
            items = [_sentence(rng) for _ in range(3)]
            if mentions:
                items[1] = f"On {mentions.pop()}: {items[1][0].lower()}{items[1][1:]}"
            parts.append("\n".join(f"- {item}" for item in items))
            count += sum(len(item.split()) for item in items)
        section += 1
    title, url = source
    parts.append(f"[^source]: {rng.choice(SOURCE_PUBLISHERS)}, [{title}]({url}).")
    return "\n\n".join(parts) + "\n"


def synthetic_page(
    index: int,
    kind: str,
    rng: random.Random,
    terms: list[str],
    tags: list[str],
    prefix: str = "synthetic",
    mentions: int = 12,
    repeats: int = 0,
) -> tuple[str, str]:
    """(file name, Markdown) of one synthetic essay, summary or claim that passes the checker."""
    slug = f"{prefix}-{kind}-{index:05d}"
    topic = (rng.choice(terms) if terms else rng.choice(NOUNS)).replace('"', "")
    title = f"Synthetic {kind} {index:05d}: on {topic}"
    description = (
        f"A synthetic {kind} for benchmarking the build, about {topic} and what "
        "it means for open source AI."
    )[:160]
    year, day = 2019 + index % 7, 1 + index % 28
    source = (f"Source for {slug}", f"https://example.org/sources/{slug}")
    meta = {
        "title": title,
        "description": description,
        "date": dt.date(year, 1 + index % 12, day),
        "authors": ["editors"],
        "kind": kind,
        "tags": rng.sample(tags, min(len(tags), rng.randint(1, 3))),
        "sources": [{"title": source[0], "url": source[1]}],
    }
    if kind == "claim":
        meta = {"title": title, "claim": f"Synthetic claim {index} about {topic}.", **meta}
    mentioned = rng.sample(terms, min(len(terms), mentions)) if terms else []
    mentioned += [rng.choice(mentioned) for _ in range(repeats)] if mentioned else []
    body = filler_body(rng, mentioned, source, per_paragraph=1 + (len(mentioned) > 14))
    if kind == "claim":
        half = body.index("\n\n## ") if "\n\n## " in body else len(body) // 2
        body = (
            "## The case for\n\n"
            + body[:half].strip()
            + "\n\n## The case against\n\n"
            + re.sub(r"^## .*\n\n", "", body[half:].strip(), count=1)
            + "\n"
        )
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"{slug}.md", f"---\n{front}---\n\n{body}"


def glossary_terms_for(site_root: str, rng_seed: int = 11) -> tuple[list[str], bool]:
    """Names to mention (real glossary if it has enough terms); True if synthetic ones were written."""
    path = os.path.join(site_root, "docs", "_data", "glossary.yml")
    glossary = read_yaml_file(path, [])
    if isinstance(glossary, list) and len(glossary) >= MIN_GLOSSARY_TERMS:
        return glossary_names(glossary), False
    glossary = synthetic_glossary(40, seed=rng_seed)
    write_yaml_file(glossary, path)
    return glossary_names(glossary), True


def add_essays(site_root: str, count: int, terms: list[str], seed: int = 1) -> None:
    """Write count synthetic essays into site_root/docs/essays/."""
    tags = list(read_yaml_file(os.path.join(site_root, "docs", "_data", "tags.yml"), {}))
    rng = random.Random(seed)
    folder = os.path.join(site_root, "docs", "essays")
    for index in range(1, count + 1):
        name, text = synthetic_page(index, "essay", rng, terms, tags, prefix="bench")
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)


def clean_up(workdir: str, keep: bool) -> None:
    """Remove a benchmark's temporary folder, or say where it was kept."""
    if keep:
        print(f"Kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


def count_pages(docs_dir: str) -> int:
    """Markdown pages under docs_dir (outside _data and _templates)."""
    total = 0
    for _root, dirs, files in os.walk(docs_dir):
        dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
        total += sum(1 for name in files if name.endswith(".md"))
    return total


# -----------------------------------------------------------------------------
# Command line
# -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Build the site at each size, alternating sizes across rounds, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[100, 500, 2000],
        help="numbers of synthetic essays to add (default: 100 500 2000)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="builds per size; the median is kept")
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the N = 0 build (per-essay cost is then t/N)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.rounds < 1 or any(size < 0 for size in args.sizes):
        parser.error("--rounds must be at least 1 and sizes at least 0")
    sizes = sorted(set(args.sizes) | (set() if args.no_baseline else {0}))

    load_before = os.getloadavg()[0]
    workdir = tempfile.mkdtemp(prefix="faiw-bench-build-")
    print(f"Working in {workdir}")
    print(
        "Social plugin DISABLED in the benchmark copies (social: enabled: false): "
        "cards for thousands of pages would dominate the build."
    )
    results: dict[int, list[BuildResult]] = {size: [] for size in sizes}
    pages: dict[int, int] = {}
    try:
        synthetic_glossary_used = False
        for size in sizes:
            root = os.path.join(workdir, f"n{size}")
            copy_site(ROOT, root)
            write_config(
                without_social(read_config(os.path.join(root, "mkdocs.yml"))),
                os.path.join(root, "mkdocs.yml"),
            )
            terms, synthetic = glossary_terms_for(root)
            synthetic_glossary_used |= synthetic
            add_essays(root, size, terms)
            pages[size] = count_pages(os.path.join(root, "docs"))
        if synthetic_glossary_used:
            print(
                f"docs/_data/glossary.yml has fewer than {MIN_GLOSSARY_TERMS} terms: the copies "
                "use a synthetic glossary of 40 terms so the essays have terms to link."
            )
        for round_number in range(args.rounds):
            order = sizes[round_number % len(sizes) :] + sizes[: round_number % len(sizes)]
            for size in order:
                root = os.path.join(workdir, f"n{size}")
                result = run_build(root, os.path.join(root, "site"))
                results[size].append(result)
                print(
                    f"round {round_number + 1}/{args.rounds}: {size:>5} essays "
                    f"({pages[size]} pages) built in {result.wall:6.2f} s wall"
                    + (f", {result.reported:.2f} s by MkDocs' timer" if result.reported else "")
                    + f", {result.size / 1e6:.1f} MB",
                    flush=True,
                )
    finally:
        clean_up(workdir, args.keep)

    print()
    print(
        f"## Build time and size ({args.rounds} round{'s' if args.rounds != 1 else ''}, "
        "median; social plugin disabled; strict build)"
    )
    print()
    print(
        "| Synthetic essays | Pages | Build, median (s) | MkDocs timer, median (s) | Output (MB) "
        "| ms per page (total) | ms per added essay | ms per added essay (MkDocs timer) "
        "| MB per added essay |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    wall = {size: median([r.wall for r in results[size]]) for size in sizes}
    timer = {size: median_or_none([r.reported for r in results[size]]) for size in sizes}
    size_mb = {size: results[size][-1].size / 1e6 for size in sizes}
    for size in sizes:
        reported = f"{timer[size]:.2f}" if timer[size] is not None else "n/a"
        if size == 0:
            marginal = marginal_timer = extra_mb = "baseline"
        else:
            base = (
                {"wall": 0.0, "timer": 0.0, "mb": 0.0}
                if args.no_baseline
                else {"wall": wall[0], "timer": timer[0], "mb": size_mb[0]}
            )
            marginal = f"{1000 * (wall[size] - base['wall']) / size:.1f}"
            marginal_timer = (
                "n/a"
                if timer[size] is None or base["timer"] is None
                else f"{1000 * (timer[size] - base['timer']) / size:.1f}"
            )
            extra_mb = f"{(size_mb[size] - base['mb']) / size:.4f}"
        print(
            f"| {size} | {pages[size]} | {wall[size]:.2f} | {reported} | {size_mb[size]:.1f} "
            f"| {1000 * wall[size] / pages[size]:.1f} | {marginal} | {marginal_timer} | {extra_mb} |"
        )
    print()
    if len(sizes) >= 3:
        for label, times in (("wall clock", wall), ("MkDocs timer", timer)):
            if all(value is not None for value in times.values()):
                slope, r_squared = linear_fit(sizes, [times[size] for size in sizes])
                print(
                    f"Least-squares fit over all sizes ({label}): {1000 * slope:.1f} ms per essay, "
                    f"R² = {r_squared:.3f} (close to 1: linear growth)."
                )
    print(
        "Linear growth shows as a roughly constant 'ms per added essay' across rows "
        + (
            "(t/N: no baseline build)."
            if args.no_baseline
            else "(measured from the N = 0 build of the site as it is)."
        )
    )
    print(
        "Wall clock includes starting Python and loading the config; MkDocs' timer covers "
        "the build itself. " + load_note(load_before)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
