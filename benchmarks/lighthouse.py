"""Benchmark: Lighthouse scores and page weight, our site against a bare Material site.

Run it with ``make benchmark-lighthouse`` (or ``.venv/bin/python
benchmarks/lighthouse.py``). It is a measurement for developers, not a
test: it always prints its table, and it fails only when a build or every
Lighthouse run fails.

What it does, in one run:

1. Builds our site into a temporary folder, and a bare Material for MkDocs site
   next to it: a minimal mkdocs.yml (site_name, theme material with
   ``font: false``) and one page holding the text of
   docs/essays/free-as-in-what.md without front matter, footnotes or our
   ``[[term:…]]``/``[[claim:…]]`` syntax, so that the comparison is like for
   like: same words, with and without everything we add.
2. Serves each on 127.0.0.1, on a free port, from a small threaded HTTP server
   that gzips text responses when the client accepts gzip, as GitHub Pages
   does (also its 301 to the trailing slash, its 404.html, and its
   ``Cache-Control: max-age=600``). The servers stop by themselves at the end.
3. Runs Lighthouse (node_modules/.bin/lighthouse, Debian's chromium) on our
   home page, one essay, the glossary and the models matrix, and on the bare
   page, with the mobile (default) and the desktop presets; each run is
   bounded by ``--timeout`` seconds.
4. Prints a Markdown table (scores, transferred bytes, the essay's weight
   against the bare page), the targets next to them, the key performance
   metrics, and every failing accessibility, best-practices and SEO audit with
   the elements it names, so that a developer can fix them.

``--rounds N`` repeats every run N times and reports medians; ``--pages`` and
``--presets`` limit what is measured; ``--reports DIR`` keeps the JSON reports.
Scores depend on the machine's load: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import pathlib
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AUDITED = ("accessibility", "best-practices", "seo")  # failing audits listed for these
ESSAY_SOURCE = ROOT / "docs" / "essays" / "free-as-in-what.md"
SEARCH_INDEX = "/search/search_index.json"  # Material fetches it at load; ours only when a reader starts a search

# name -> (site, path). "bare" is the bare Material site; the others are ours.
PAGES = {
    "home": ("ours", "/"),
    "essay": ("ours", "/essays/free-as-in-what/"),
    "summary": ("ours", "/discussions/zuckerberg-on-the-dwarkesh-podcast/"),
    "claim": ("ours", "/claims/guardrails-can-be-fine-tuned-away/"),
    "glossary": ("ours", "/glossary/"),
    "models": ("ours", "/models/"),
    "model-page": ("ours", "/models/olmo-3/"),
    "is-it-open": ("ours", "/is-it-open/"),
    "timeline": ("ours", "/timeline/"),
    "bare": ("bare", "/"),
}
PRESETS = ("mobile", "desktop")

# Targets. Performance is held to its target on mobile, the harder preset.
TARGET_PERFORMANCE_MOBILE = 98
TARGET_SCORE = 100  # accessibility, best practices, SEO
TARGET_ESSAY_EXTRA_KB = 15.0

BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
GZIP_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/manifest+json",
)
METRICS = (  # audit id, column title, unit
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "Speed index", "ms"),
)


# --------------------------------------------------------------------------- builds


def build(config_dir: pathlib.Path, out: pathlib.Path, extra_env: dict[str, str]) -> None:
    """`mkdocs build` of the project in config_dir into out; exit with its log on failure."""
    env = {**os.environ, **BUILD_ENV, **extra_env}
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out)]
    started = time.monotonic()
    result = subprocess.run(command, cwd=config_dir, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(
            f"benchmark_lighthouse: the build in {config_dir} failed "
            f"(exit {result.returncode}); if others are editing content, retry in a minute"
        )
    print(
        f"built {config_dir.name if config_dir != ROOT else 'our site'} "
        f"in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )


def bare_essay_markdown(source: pathlib.Path = ESSAY_SOURCE) -> str:
    """The essay's text as plain Markdown: no front matter, footnotes or our syntax."""
    text = source.read_text(encoding="utf-8")
    title = "Free as in what?"
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if match:
        found = re.search(r'^title:\s*"?(.*?)"?\s*$', match.group(1), re.M)
        title = found.group(1) if found else title
        text = text[match.end() :]
    text = re.sub(r"^\[\^[^\]]+\]:.*\n?", "", text, flags=re.M)  # footnote definitions
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote references
    text = re.sub(r"\s*\[\[claim:[^\]]+\]\]", "", text)  # claim badges
    text = re.sub(
        r"\[\[term:([^\]|]+)(?:\|([^\]]+))?\]\]",
        lambda m: m.group(2) or m.group(1).replace("-", " "),
        text,
    )
    text = re.sub(r"^\s*\[\[generate:[^\]]+\]\]\s*$", "", text, flags=re.M)
    return f"# {title}\n\n{text.strip()}\n"


def make_bare_project(folder: pathlib.Path) -> pathlib.Path:
    """A minimal Material project in folder: one page with the essay's text."""
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Bare Material\ntheme:\n  name: material\n  font: false\n", encoding="utf-8"
    )
    (folder / "docs" / "index.md").write_text(bare_essay_markdown(), encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- server


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip, 301 to slash, 404.html."""

    protocol_version = "HTTP/1.1"
    root: pathlib.Path
    cache: dict[tuple[str, bool], tuple[int, str, bytes, bool]]
    lock: threading.Lock

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.respond(send_body=False)

    def do_GET(self) -> None:
        self.respond(send_body=True)

    def resolve(self, url_path: str) -> tuple[int, pathlib.Path | None, str | None]:
        """(status, file, redirect location) for a URL path."""
        path = urllib.parse.unquote(url_path)
        target = (self.root / path.lstrip("/")).resolve()
        if target != self.root and self.root not in target.parents:
            return 404, self.root / "404.html", None
        if target.is_dir():
            if not path.endswith("/"):
                return 301, None, path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, self.root / "404.html", None

    def respond(self, send_body: bool) -> None:
        url = urllib.parse.urlsplit(self.path)
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        status, file, location = self.resolve(url.path)
        if location is not None:
            self.send_response(301)
            self.send_header("Location", location + (f"?{url.query}" if url.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        key = (str(file), gzip_ok)
        with self.lock:
            cached = self.cache.get(key)
        if cached is None:
            body = file.read_bytes() if file is not None and file.is_file() else b"Not found"
            ctype = mimetypes.guess_type(str(file))[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                ctype += "; charset=utf-8"
            compressed = gzip_ok and ctype.startswith(GZIP_TYPES)
            if compressed:
                body = gzip.compress(body, compresslevel=6, mtime=0)
            cached = (status, ctype, body, compressed)
            with self.lock:
                self.cache[key] = cached
        status, ctype, body, compressed = cached
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


@contextmanager
def serve(root: pathlib.Path) -> Iterator[str]:
    """Serve root on 127.0.0.1 on a free port; yield the base URL; stop at exit."""
    handler = type(
        "Handler", (PagesHandler,), {"root": root.resolve(), "cache": {}, "lock": threading.Lock()}
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --------------------------------------------------------------------------- lighthouse


@dataclass
class Run:
    """One Lighthouse run's numbers, or its error."""

    page: str
    preset: str
    scores: dict[str, float | None] = field(default_factory=dict)
    kb: float | None = None
    metrics: dict[str, float | None] = field(default_factory=dict)
    failing: dict[str, list[dict]] = field(default_factory=dict)  # category -> audits
    resources: dict[str, float] = field(default_factory=dict)  # label -> KB transferred
    benchmark_index: float | None = None  # Lighthouse's measure of this machine's speed
    version: str = ""  # of Lighthouse
    error: str | None = None


def lighthouse(url: str, preset: str, out: pathlib.Path, timeout: float) -> dict | str:
    """Run Lighthouse once; the parsed report, or an error message."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME}
    # A session of its own, so that a timeout ends Lighthouse and its Chromium together.
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return f"timed out after {timeout:.0f} s"
    if process.returncode != 0 or not out.is_file():
        tail = " ".join(output.strip().splitlines()[-3:])
        return f"lighthouse exit {process.returncode}: {tail[:300]}"
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
    return report


def failing_items(audit: dict, limit: int = 5) -> list[str]:
    """Up to limit distinct problems an audit names: an example element, the reason, a count."""
    details = audit.get("details") or {}
    groups: dict[str, list[str]] = {}  # reason -> elements or URLs
    for item in details.get("items") or []:
        node = item.get("node") if isinstance(item, dict) else None
        if isinstance(node, dict):
            where = node.get("selector") or node.get("snippet") or "?"
            lines = (node.get("explanation") or "").splitlines()
            reason = lines[1].strip() if len(lines) > 1 else (lines[0].strip() if lines else "")
        elif isinstance(item, dict):
            where = str(
                item.get("url")
                or item.get("source")
                or item.get("description")
                or item.get("value")
                or ""
            )
            reason = ""
        else:
            where, reason = str(item), ""
        groups.setdefault(re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1", reason), []).append(
            re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1", where)
        )
    found = []
    for reason, wheres in list(groups.items())[:limit]:
        count = f" ({len(wheres)} elements, e.g. this one)" if len(wheres) > 1 else ""
        found.append(f"`{wheres[0][:160]}`{count}" + (f": {reason[:240]}" if reason else ""))
    if len(groups) > limit:
        found.append(f"… and {len(groups) - limit} more distinct problems")
    return found


def resource_label(url: str, page_url: str) -> str:
    """A resource's path, the same for both sites; the page's own HTML by name."""
    if url.startswith("data:"):
        return "data: URIs"
    if url.split("#")[0] == page_url:
        return "(the page's HTML)"
    parts = urllib.parse.urlsplit(url)
    return parts.path if parts.hostname == "127.0.0.1" else f"{parts.hostname}{parts.path}"


def summarise(page: str, preset: str, report: dict) -> Run:
    run = Run(page, preset)
    categories, audits = report["categories"], report["audits"]
    for name in CATEGORIES:
        score = categories.get(name, {}).get("score")
        run.scores[name] = None if score is None else round(score * 100)
    weight = audits.get("total-byte-weight", {}).get("numericValue")
    run.kb = None if weight is None else weight / 1024
    for audit_id, _title, _unit in METRICS:
        run.metrics[audit_id] = audits.get(audit_id, {}).get("numericValue")
    run.benchmark_index = (report.get("environment") or {}).get("benchmarkIndex")
    run.version = report.get("lighthouseVersion") or ""
    page_url = report.get("finalDisplayedUrl") or report.get("requestedUrl") or ""
    requests = ((audits.get("network-requests") or {}).get("details") or {}).get("items") or []
    for request in requests:
        label = resource_label(request.get("url", ""), page_url)
        run.resources[label] = (
            run.resources.get(label, 0.0) + (request.get("transferSize") or 0) / 1024
        )
    for name in AUDITED:
        for ref in categories.get(name, {}).get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if (
                score is None
                or score >= 1
                or audit.get("scoreDisplayMode") in ("notApplicable", "informative", "manual")
            ):
                continue
            run.failing.setdefault(name, []).append(
                {
                    "id": ref["id"],
                    "title": audit.get("title", ref["id"]),
                    "weight": ref.get("weight", 0),
                    "display": audit.get("displayValue") or "",
                    "items": failing_items(audit),
                }
            )
    return run


# --------------------------------------------------------------------------- report


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def score_cell(value: float | None, target: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" + (mark(value >= target) if target is not None else "")


def target_for(page: str, preset: str, category: str) -> float | None:
    if page == "bare":
        return None  # the baseline, not ours to fix
    if category == "performance":
        return TARGET_PERFORMANCE_MOBILE if preset == "mobile" else None
    return TARGET_SCORE


def report(
    runs: list[Run], pages: list[str], presets: list[str], rounds: int, urls: dict[str, str]
) -> str:
    lines = [
        f"Lighthouse {', '.join(sorted({r.version for r in runs if r.version})) or lighthouse_version()}"
        f" · {chromium_version()} · rounds: {rounds}{' (medians)' if rounds > 1 else ''} · "
        f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} CPUs",
        "",
        f"Targets: performance ≥ {TARGET_PERFORMANCE_MOBILE} (mobile), accessibility "
        f"{TARGET_SCORE}, best practices {TARGET_SCORE}, SEO {TARGET_SCORE}; essay ≤ "
        f"{TARGET_ESSAY_EXTRA_KB:.0f} KB heavier than the bare page, search index aside. ✓ met, ✗ missed; "
        "the bare page is the baseline and has no targets.",
        "",
        "| page | preset | performance | accessibility | best practices | SEO | KB (transfer) "
        "| of which search index | vs bare |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    table: dict[tuple[str, str], dict] = {}
    for page in pages:
        for preset in presets:
            mine = [r for r in runs if r.page == page and r.preset == preset and r.error is None]
            errors = [r.error for r in runs if r.page == page and r.preset == preset and r.error]
            table[page, preset] = {
                "scores": {c: median([r.scores.get(c) for r in mine]) for c in CATEGORIES},
                "kb": median([r.kb for r in mine]),
                "index_kb": median([r.resources.get(SEARCH_INDEX) for r in mine]),
                "bench": median([r.benchmark_index for r in mine]),
                "metrics": {m: median([r.metrics.get(m) for r in mine]) for m, _, _ in METRICS},
                "ok": len(mine),
                "errors": errors,
            }
    for page in pages:
        for preset in presets:
            row = table[page, preset]
            label = f"{page} `{PAGES[page][1]}`" + (" (bare Material)" if page == "bare" else "")
            if not row["ok"]:
                lines.append(
                    f"| {label} | {preset} | failed: {'; '.join(row['errors'])[:200]} | | | | | | |"
                )
                continue
            cells = [score_cell(row["scores"][c], target_for(page, preset, c)) for c in CATEGORIES]
            kb = row["kb"]
            extra = ""
            bare = table.get(("bare", preset))
            if page == "essay" and bare and bare["kb"] is not None and kb is not None:
                # The target sets the search index aside: the bare page fetches its index on
                # every load, ours on a reader's first search, so the total flatters us.
                delta = kb - bare["kb"]
                aside = (kb - (row["index_kb"] or 0.0)) - (bare["kb"] - (bare["index_kb"] or 0.0))
                extra = (
                    f"{delta:+.1f} KB; search index aside {aside:+.1f} KB"
                    f"{mark(aside <= TARGET_ESSAY_EXTRA_KB)}"
                )
            elif page != "bare" and bare and bare["kb"] is not None and kb is not None:
                extra = f"{kb - bare['kb']:+.1f} KB"
            index_kb = row["index_kb"]
            lines.append(
                f"| {label} | {preset} | {' | '.join(cells)} | "
                f"{'—' if kb is None else f'{kb:.1f}'} | "
                f"{'—' if index_kb is None else f'{index_kb:.1f}'} | {extra} |"
            )
    lines += weight_breakdown(runs, pages, presets)
    lines += [
        "",
        "Performance metrics (medians; simulated throttling; a lower benchmark index "
        "means a busier or slower machine, and lower scores):",
        "",
        "| page | preset | " + " | ".join(t for _, t, _ in METRICS) + " | benchmark index |",
        "| --- | --- | " + " | ".join("---:" for _ in METRICS) + " | ---: |",
    ]
    for page in pages:
        for preset in presets:
            row = table[page, preset]
            if not row["ok"]:
                continue
            cells = []
            for audit_id, _title, unit in METRICS:
                value = row["metrics"][audit_id]
                cells.append(
                    "—"
                    if value is None
                    else (f"{value:.0f} ms" if unit == "ms" else f"{value:.3f}")
                )
            bench = row["bench"]
            lines.append(
                f"| {page} | {preset} | {' | '.join(cells)} | "
                f"{'—' if bench is None else f'{bench:.0f}'} |"
            )

    lines += ["", "Failing audits (score < 1) in accessibility, best practices and SEO:", ""]
    any_failing = False
    for page in pages:
        mine = [r for r in runs if r.page == page and r.error is None]
        found: dict[tuple[str, str], dict] = {}
        for run in mine:
            for category, audits in run.failing.items():
                for audit in audits:
                    entry = found.setdefault(
                        (category, audit["id"]), {**audit, "presets": set(), "runs": 0}
                    )
                    entry["presets"].add(run.preset)
                    entry["runs"] += 1
        if not found:
            continue
        any_failing = True
        lines.append(
            f"- **{page}** {urls.get(page, '')}" + (" (baseline)" if page == "bare" else "")
        )
        for (category, audit_id), audit in sorted(found.items()):
            where = "/".join(p for p in presets if p in audit["presets"])
            note = "" if audit["weight"] else " (weight 0: does not lower the score)"
            display = f" — {audit['display']}" if audit["display"] else ""
            lines.append(
                f"  - {category}: `{audit_id}` {audit['title']}{display} "
                f"[{where}; {audit['runs']}/{len(mine)} runs]{note}"
            )
            lines += [f"    - {item}" for item in audit["items"]]
    if not any_failing:
        lines.append("None.")
    errors = [r for r in runs if r.error]
    if errors:
        lines += ["", "Runs that failed:", ""]
        lines += [f"- {r.page} {r.preset}: {r.error}" for r in errors]
    return "\n".join(lines) + "\n"


def weight_breakdown(runs: list[Run], pages: list[str], presets: list[str]) -> list[str]:
    """Where the essay's extra bytes come from: transfer per resource against the bare page."""
    if "essay" not in pages or "bare" not in pages:
        return []
    preset = presets[0]
    essay = [r for r in runs if r.page == "essay" and r.preset == preset and r.error is None]
    bare = [r for r in runs if r.page == "bare" and r.preset == preset and r.error is None]
    if not essay or not bare:
        return []
    labels = sorted({label for r in essay + bare for label in r.resources})
    rows = []
    for label in labels:
        ours = median([r.resources.get(label, 0.0) for r in essay]) or 0.0
        theirs = median([r.resources.get(label, 0.0) for r in bare]) or 0.0
        if abs(ours - theirs) >= 0.05:
            rows.append((ours - theirs, label, ours, theirs))
    rows.sort(key=lambda row: -abs(row[0]))
    lines = [
        "",
        f"Essay against bare page, KB transferred per resource ({preset}; differences ≥ 0.05 KB):",
        "",
        "| resource | essay | bare | difference |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| `{label}` | {ours:.1f} | {theirs:.1f} | {delta:+.1f} |"
        for delta, label, ours, theirs in rows
    ]
    total = sum(row[0] for row in rows)
    index = sum(row[0] for row in rows if row[1] == SEARCH_INDEX)
    lines.append(f"| total | | | {total:+.1f} (without the search index: {total - index:+.1f}) |")
    return lines


def lighthouse_version() -> str:
    try:
        package = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())
        return package["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def chromium_version() -> str:
    try:
        out = subprocess.run(
            [CHROME, "--version"], capture_output=True, text=True, timeout=30
        ).stdout
        return out.strip() or CHROME
    except (OSError, subprocess.SubprocessError):
        return CHROME


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="runs of each page and preset; medians are reported"
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=list(PAGES),
        default=list(PAGES),
        help="pages to measure (default: all); the essay's weight is compared "
        "with the bare page's only when both are measured",
    )
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS))
    parser.add_argument(
        "--timeout", type=float, default=240.0, help="seconds allowed to one Lighthouse run"
    )
    parser.add_argument("--reports", type=pathlib.Path, help="keep the JSON reports in this folder")
    parser.add_argument(
        "--from-reports",
        type=pathlib.Path,
        metavar="DIR",
        help="measure nothing: print the tables again from JSON reports kept with --reports",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.from_reports:
        return reprint(args.from_reports, args.pages, args.presets)
    if not LIGHTHOUSE.exists():
        sys.exit(
            "benchmark_lighthouse: node_modules/.bin/lighthouse is missing: run `make install`"
        )
    if not pathlib.Path(CHROME).exists():
        sys.exit(
            f"benchmark_lighthouse: no Chromium at {CHROME}: run `make system-deps` or set CHROME_PATH"
        )
    pages = list(dict.fromkeys(args.pages))
    presets = list(dict.fromkeys(args.presets))
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        tmp_path = pathlib.Path(tmp)
        sites: dict[str, pathlib.Path] = {}
        if any(PAGES[p][0] == "ours" for p in pages):
            sites["ours"] = tmp_path / "ours"
            build(ROOT, sites["ours"], {})
        if "bare" in pages:
            project = make_bare_project(tmp_path / "bare-project")
            sites["bare"] = tmp_path / "bare"
            build(project, sites["bare"], {})

        runs: list[Run] = []
        urls: dict[str, str] = {}
        with serve_all(sites) as bases:
            total = args.rounds * len(pages) * len(presets)
            done = 0
            for round_ in range(1, args.rounds + 1):
                for page in pages:
                    site, path = PAGES[page]
                    url = bases[site] + path
                    urls[page] = path
                    for preset in presets:
                        done += 1
                        out = tmp_path / f"{page}-{preset}-{round_}.json"
                        started = time.monotonic()
                        result = lighthouse(url, preset, out, args.timeout)
                        took = time.monotonic() - started
                        if isinstance(result, str):
                            runs.append(Run(page, preset, error=result))
                            status = f"failed: {result}"
                        else:
                            run = summarise(page, preset, result)
                            runs.append(run)
                            status = " ".join(f"{c}={run.scores[c]}" for c in CATEGORIES)
                            if args.reports:
                                shutil.copy(out, args.reports / out.name)
                        print(
                            f"[{done}/{total}] {page} {preset} round {round_}: {status} "
                            f"({took:.0f} s)",
                            file=sys.stderr,
                            flush=True,
                        )

    print(report(runs, pages, presets, args.rounds, urls), end="")
    return 1 if runs and all(r.error for r in runs) else 0


def reprint(folder: pathlib.Path, pages: list[str], presets: list[str]) -> int:
    """The tables again, from the reports a run kept (named PAGE-PRESET-ROUND.json)."""
    runs: list[Run] = []
    rounds = 0
    for path in sorted(folder.glob("*.json")):
        match = re.fullmatch(r"(\w+)-(mobile|desktop)-(\d+)\.json", path.name)
        if not match or match.group(1) not in pages or match.group(2) not in presets:
            continue
        rounds = max(rounds, int(match.group(3)))
        runs.append(
            summarise(match.group(1), match.group(2), json.loads(path.read_text(encoding="utf-8")))
        )
    if not runs:
        sys.exit(f"benchmark_lighthouse: no reports named PAGE-PRESET-ROUND.json in {folder}")
    measured = [p for p in pages if any(r.page == p for r in runs)]
    print(report(runs, measured, presets, rounds, {p: PAGES[p][1] for p in measured}), end="")
    return 0


@contextmanager
def serve_all(sites: dict[str, pathlib.Path]) -> Iterator[dict[str, str]]:
    """Serve every built site at once; yield name -> base URL."""
    if not sites:
        yield {}
        return
    name, root = next(iter(sites.items()))
    rest = {k: v for k, v in sites.items() if k != name}
    with serve(root) as base, serve_all(rest) as others:
        yield {name: base, **others}


if __name__ == "__main__":
    sys.exit(main())
