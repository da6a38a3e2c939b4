#!/usr/bin/env python3
"""Benchmark: how build cost, page weight and search cost grow with the number of essays.

Usage: python benchmarks/build_growth.py [--sizes 0 500 2000 10000] [--rounds 1] [--compare CHECKOUT]

For each size N, a strict MkDocs build (``python -m mkdocs build --strict``, never
``-q``) of this site plus N synthetic essays, as one child process waited for with
``os.wait4``: its CPU time (user + system, the Pagefind step included), wall time
and peak memory (``ru_maxrss``), then Pagefind's own peak and CPU, indexing the built pages again
alone (the build's peak is the larger of the two). Then, from the built site: the number of files,
the largest HTML page, the glossary index and the essays index (gzip), and what a
reader's first search fetches: Material's whole lunr index against Pagefind's
loader, entry, WebAssembly, one index chunk and ten result fragments.

``--compare CHECKOUT`` builds another checkout too (say a worktree of an older
commit) with its own engine (a copy of this environment with CHECKOUT installed in
it, editable and without dependencies); the two alternate which builds first from
round to round and the table gives the CPU ratio.

How: the site (mkdocs.yml, docs/, overrides/, .social/) is copied into one
temporary folder per size, and N essays are written into its docs/essays/ exactly
as contributors write them (front matter that passes debate-check, about 600
words of varied filler that mentions glossary terms and cites its source); then
the checkout's debate-export writes the stubs they call for (year pages). The
social plugin is disabled in the copies: rendering thousands of cards would
dominate the build and measure cairo, not us.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any

import cbor2
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
    """One build: wall-clock seconds, MkDocs' own timer, CPU seconds and peak memory of the child, output bytes."""

    wall: float
    reported: float | None
    size: int
    cpu: float = 0.0  # user + system seconds of the build process and the processes it waited for
    peak_mb: float = 0.0  # the largest resident set among them (ru_maxrss), in MB


def run_build(
    root: str,
    out: str,
    config_file: str = "mkdocs.yml",
    python: str | None = None,
    strict: bool = True,
) -> BuildResult:
    """Strict build (unless strict=False) of the site at root into out; raises with MkDocs' log on failure.

    The build runs as one child process, waited for with os.wait4: its rusage gives
    the CPU time and the peak memory of that build alone. ``python``: the interpreter
    of another checkout's environment (engine_python), to measure its engine.
    """
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, **test_tools.BUILD_ENV}
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        child = subprocess.Popen(
            [
                python or sys.executable,
                "-m",
                "mkdocs",
                "build",
                *(["--strict"] if strict else []),
                "-d",
                str(out),
                "-f",
                config_file,
            ],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        log.seek(0)
        text = log.read()
    if child.returncode != 0:
        raise RuntimeError(f"build failed in {root} ({config_file}):\n{text}")
    found = BUILT_IN.search(text)
    return BuildResult(
        wall,
        float(found.group(1)) if found else None,
        dir_size(out),
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
    )


def indexer_cost(site: str) -> tuple[float, float]:
    """(peak memory in MB, CPU seconds) of Pagefind indexing a built site on its own; zeros
    if the site has no index.

    The build's peak is the largest of the build process and Pagefind, which it waits for;
    indexing the same pages again, alone, says which of the two it is.
    """
    if not os.path.isdir(os.path.join(site, "pagefind")):
        return 0.0, 0.0
    binary = os.path.join(ROOT, "node_modules", ".bin", "pagefind")
    with tempfile.TemporaryDirectory() as output:
        child = subprocess.Popen(
            [binary, "--site", site, "--output-path", output, "--silent"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"Pagefind failed on {site}")
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


# -----------------------------------------------------------------------------
# What a reader fetches
# -----------------------------------------------------------------------------


def gz(path: str) -> int:
    """Bytes of a file gzipped (level 6, as a web server would send it)."""
    with open(path, "rb") as handle:
        return len(gzip.compress(handle.read(), 6))


SEARCH_SCRIPT = os.path.join("assets", "javascripts", "search-pagefind.js")  # in a built site


def stop_words(site: str) -> set[str]:
    """The words a built site's search script leaves out of a query (its STOP_WORDS list; none
    if the script has no such list, as before it had one)."""
    path = os.path.join(site, SEARCH_SCRIPT)
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as handle:
        listed = re.search(r"STOP_WORDS = \[([^\]]*)\]", handle.read())
    return set(re.findall(r'"([^"]+)"', listed.group(1))) if listed else set()


def searchable_chunks(site: str) -> list[int]:
    """Bytes of each index chunk a query can fetch: the chunks holding a word besides stop words.

    A chunk (gzip: a 12-byte signature, then CBOR) lists its words first; Pagefind fetches the
    chunk whose range holds a query's word, and the site's search script never asks for a stop
    word, so a chunk of stop words alone (at 2,000 essays, "the": the largest) is never fetched.
    """
    stops = stop_words(site)
    sizes = []
    for path in glob.glob(os.path.join(site, "pagefind", "index", "*.pf_index")):
        with open(path, "rb") as handle:
            data = gzip.decompress(handle.read())
        words = [entry[0] for entry in cbor2.loads(data[data.index(b"pagefind_dcd") + 12 :])[0]]
        if any(word not in stops for word in words):
            sizes.append(os.path.getsize(path))
    return sizes


@dataclass
class Weights:
    """Bytes a reader fetches, from one built site (gzip where a server would compress)."""

    largest_page: tuple[str, int]  # (path, gzip bytes) of the largest HTML page
    glossary: int  # gzip bytes of the glossary index
    index_page: int  # gzip bytes of the essays index
    lunr: int  # gzip bytes of Material's lunr index (search/search_index.json), 0 if absent
    pagefind_first: (
        int  # Pagefind's entry files + wasm + the median index chunk + the median fragment x 10
    )
    pagefind_worst: int  # the same with the largest chunk a query fetches and the largest fragments
    files: int  # files in the built site


def weights(site: str) -> Weights:
    """Measure a built site."""
    pages = [
        p
        for p in glob.glob(os.path.join(site, "**", "*.html"), recursive=True)
        if "pagefind" not in p
    ]
    sizes = {p: gz(p) for p in pages}
    largest = max(sizes, key=sizes.get)
    lunr_file = os.path.join(site, "search", "search_index.json")
    lunr = gz(lunr_file) if os.path.exists(lunr_file) else 0
    first = worst = 0
    pf = os.path.join(site, "pagefind")
    if os.path.isdir(pf):
        # Fixed cost of any first search: the loader, the entry, the wasm and the metadata
        # (Pagefind's own files are already gzipped; pagefind.js is served gzipped).
        fixed = gz(os.path.join(pf, "pagefind.js")) + os.path.getsize(
            os.path.join(pf, "pagefind-entry.json")
        )
        fixed += (
            gz(os.path.join(pf, "pagefind-worker.js"))
            if os.path.exists(os.path.join(pf, "pagefind-worker.js"))
            else 0
        )
        fixed += sum(
            os.path.getsize(p) for p in sorted(glob.glob(os.path.join(pf, "wasm.*.pagefind")))[:1]
        )
        fixed += sum(os.path.getsize(p) for p in glob.glob(os.path.join(pf, "pagefind.*.pf_meta")))
        chunks = sorted(searchable_chunks(site))
        fragments = sorted(
            os.path.getsize(p) for p in glob.glob(os.path.join(pf, "fragment", "*.pf_fragment"))
        )
        shown = min(10, len(fragments))
        first = (
            fixed
            + (median(chunks) if chunks else 0)
            + shown * (median(fragments) if fragments else 0)
        )
        worst = fixed + (chunks[-1] if chunks else 0) + sum(fragments[-shown:]) if shown else fixed
    files = sum(len(f) for _, _, f in os.walk(site))
    return Weights(
        (os.path.relpath(largest, site), sizes[largest]),
        sizes.get(os.path.join(site, "glossary", "index.html"), 0),
        sizes.get(os.path.join(site, "essays", "index.html"), 0),
        lunr,
        int(first),
        int(worst),
        files,
    )


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
    theme: str = "definitions-and-licences",
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
        meta = {
            "title": title,
            "claim": f"Synthetic claim {index} about {topic}.",
            "theme": theme,  # a claim's theme (themes.yml) is required
            **meta,
        }
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


def engine_python(checkout: str, workdir: str) -> str:
    """A Python whose mkdocs-debate is the checkout's own: a copy of this environment (the same
    pinned dependencies) with the checkout installed into it, editable and without dependencies,
    as `make install` installs the engine."""
    env_dir = os.path.join(workdir, "before-venv")
    shutil.copytree(sys.prefix, env_dir, symlinks=True)
    python = os.path.join(env_dir, "bin", "python")
    done = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
        + ["--no-build-isolation", "-e", checkout],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"installing {checkout} failed:\n{done.stdout}{done.stderr}")
    return python


def export(root: str, python: str | None) -> None:
    """Run the checkout's debate-export in a copy: the generated stubs (year pages, ...) of its essays."""
    env = {**os.environ, **test_tools.BUILD_ENV}
    done = subprocess.run(
        [
            python or sys.executable,
            "-m",
            "mkdocs_debate.commands.export",
            "--config",
            os.path.join(root, "mkdocs.yml"),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"debate-export failed in {root}:\n{done.stdout}{done.stderr}")


def prepare(source: str, root: str, size: int, python: str | None) -> int:
    """A copy of the checkout at source with size synthetic essays, social cards off; its page count."""
    copy_site(source, root)
    write_config(
        without_social(read_config(os.path.join(root, "mkdocs.yml"))),
        os.path.join(root, "mkdocs.yml"),
    )
    terms, _ = glossary_terms_for(root)
    add_essays(root, size, terms)
    export(root, python)
    return count_pages(os.path.join(root, "docs"))


def kb(value: float) -> str:
    return f"{value / 1000:,.0f}"


def main(argv: list[str] | None = None) -> int:
    """Build the site at each size, alternating sizes (and checkouts) across rounds, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[0, 500, 2000, 10000],
        help="numbers of synthetic essays to add (default: 0 500 2000 10000)",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="builds per size and checkout; medians are kept"
    )
    parser.add_argument(
        "--compare",
        metavar="CHECKOUT",
        help="another checkout (e.g. a worktree of an older commit), built with its own engine "
        "(installed into a copy of this environment) in alternating rounds: the 'before' column",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.rounds < 1 or any(size < 0 for size in args.sizes):
        parser.error("--rounds must be at least 1 and sizes at least 0")
    sizes = sorted(set(args.sizes))
    load_before = os.getloadavg()[0]
    workdir = tempfile.mkdtemp(prefix="faiw-bench-build-")
    print(f"Working in {workdir}")
    variants: dict[str, tuple[str, str | None]] = {"after": (ROOT, None)}
    if args.compare:
        before = os.path.abspath(args.compare)
        variants = {"before": (before, engine_python(before, workdir)), **variants}
    print("Social plugin DISABLED in the benchmark copies (social: enabled: false).")
    results: dict[tuple[str, int], list[BuildResult]] = {
        (v, n): [] for v in variants for n in sizes
    }
    measured: dict[tuple[str, int], Weights] = {}
    indexer: dict[tuple[str, int], tuple[float, float]] = {}  # Pagefind alone: MB, CPU s
    pages: dict[tuple[str, int], int] = {}
    ratios: dict[int, list[float]] = {n: [] for n in sizes}
    try:
        for variant, (source, python) in variants.items():
            for size in sizes:
                pages[variant, size] = prepare(
                    source, os.path.join(workdir, f"{variant}-{size}"), size, python
                )
        for round_number in range(args.rounds):
            names = list(variants)
            if round_number % 2:
                names.reverse()  # alternate which checkout builds first
            for size in sizes[round_number % len(sizes) :] + sizes[: round_number % len(sizes)]:
                cpu = {}
                for variant in names:
                    root = os.path.join(workdir, f"{variant}-{size}")
                    result = run_build(
                        root, os.path.join(root, "site"), python=variants[variant][1]
                    )
                    results[variant, size].append(result)
                    measured[variant, size] = weights(os.path.join(root, "site"))
                    indexer[variant, size] = indexer_cost(os.path.join(root, "site"))
                    cpu[variant] = result.cpu
                    print(
                        f"round {round_number + 1}/{args.rounds}: {variant:>6} {size:>6} essays "
                        f"({pages[variant, size]} pages): {result.cpu:7.1f} s CPU, {result.wall:7.1f} s wall, "
                        f"peak {result.peak_mb:,.0f} MB",
                        flush=True,
                    )
                if len(cpu) == 2:
                    ratios[size].append(cpu["after"] / cpu["before"])
    finally:
        clean_up(workdir, args.keep)

    print()
    print(
        f"## Build and reader costs ({args.rounds} round{'s' if args.rounds != 1 else ''}, median; "
        "social cards off; strict build; sizes in KB = 1,000 bytes, gzip)"
    )
    print()
    print(
        "| Checkout | Essays added | Pages | Files | Build CPU (s) | Wall (s) | Peak memory (MB) "
        "| Pagefind alone: peak (MB), CPU (s) "
        "| Largest page (KB) | Glossary index (KB) | Essays index (KB) | Lunr index (KB) "
        "| Pagefind first search (KB) | Pagefind worst first search (KB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        for variant in variants:
            runs = results[variant, size]
            w = measured[variant, size]
            print(
                f"| {variant} | {size:,} | {pages[variant, size]:,} | {w.files:,} "
                f"| {median([r.cpu for r in runs]):.1f} | {median([r.wall for r in runs]):.1f} "
                f"| {max(r.peak_mb for r in runs):,.0f} "
                f"| {indexer[variant, size][0]:,.0f}, {indexer[variant, size][1]:.1f} "
                f"| {kb(w.largest_page[1])} ({w.largest_page[0]}) "
                f"| {kb(w.glossary)} | {kb(w.index_page)} | {kb(w.lunr) if w.lunr else '–'} "
                f"| {kb(w.pagefind_first) if w.pagefind_first else '–'} "
                f"| {kb(w.pagefind_worst) if w.pagefind_worst else '–'} |"
            )
    if any(ratios.values()):
        print()
        print(
            "Build CPU, after / before (median of the per-round ratios; the two checkouts alternate "
            "which builds first): "
            + "; ".join(f"{size:,} essays {median(r):.2f}×" for size, r in ratios.items() if r)
        )
    print()
    print(
        "Pagefind first search: pagefind.js and its worker (gzip), the entry, the WebAssembly and the "
        "metadata, one index chunk of median size and ten result fragments of median size (Pagefind "
        "stores them gzipped); worst: the largest chunk a query can fetch (one holding a word besides "
        "the search script's stop words) and the ten largest fragments. Lunr: Material's "
        "whole index, which its search fetches and parses on the first query. "
        + load_note(load_before)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
