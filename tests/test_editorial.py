"""Editorial rules that a machine can check: own words, sources, front matter."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import ROOT

from mkdocs_debate.data.site import load_site

CHECK_OVERLAP = ROOT.parent / "shared" / "tools" / "check-overlap"
SITE = load_site(str(ROOT / "docs"))
WRITTEN = [p for p in SITE.pages.values() if p.is_content or p.is_claim]


@pytest.mark.skipif(
    not CHECK_OVERLAP.exists(), reason="../shared/tools/check-overlap is not beside the project"
)
def test_no_sentence_copied_from_the_source_material():
    result = subprocess.run(
        [str(CHECK_OVERLAP), str(ROOT)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, "copied runs of words:\n" + result.stdout + result.stderr


def test_five_pages_from_the_seeds():
    essays = {p.slug for p in WRITTEN if p.section == "essays"}
    summaries = {p.slug for p in WRITTEN if p.section == "discussions"}
    assert {"model-available-is-not-open-source", "free-as-in-what"} <= essays
    assert {
        "open-source-ai-isnt-open-source-comments",
        "hacker-news-open-source-ai-is-the-path-forward",
        "zuckerberg-on-the-dwarkesh-podcast",
    } <= summaries


@pytest.mark.parametrize("page", WRITTEN, ids=lambda p: p.src)
def test_every_page_cites_its_sources_inline(page):
    """Each listed source is cited in the text, and each cited URL is listed (https only)."""
    listed = {s["url"] for s in page.meta["sources"]}
    assert all(url.startswith("https://") for url in listed)
    footnotes = re.findall(r"^\[\^[^\]]+\]:.*$", page.body, re.MULTILINE)
    assert footnotes, "no footnote cites a source"
    cited = {u.rstrip(".,;)") for f in footnotes for u in re.findall(r"https?://[^\s)>\]]+", f)}
    assert cited <= listed, f"cited but not listed: {sorted(cited - listed)}"
    assert listed <= cited | {page.meta.get("based_on", {}).get("url")}, (
        f"listed but never cited: {sorted(listed - cited)}"
    )


@pytest.mark.parametrize(
    "page", [p for p in WRITTEN if p.is_content and "based_on" in p.meta], ids=lambda p: p.src
)
def test_pages_say_what_they_are_based_on(page):
    """A page written from one source (based_on is optional) says so at the top."""
    based_on = page.meta["based_on"]
    assert based_on["title"]
    assert "Based on" in page.body.split("\n\n", 2)[0] + page.body.split("\n\n", 2)[1]


@pytest.mark.parametrize(
    "page,low,high",
    [
        ("essays/model-available-is-not-open-source.md", 1500, 2600),
        (
            "essays/free-as-in-what.md",
            1500,
            2700,
        ),  # the 2026-11-24 revision added its links to the new essays
        ("essays/what-the-ai-act-counts-as-open.md", 1500, 2600),
        ("essays/permissive-weights-are-not-enough.md", 1500, 2600),
        ("essays/open-weights-and-misuse.md", 1500, 2600),
        ("discussions/open-source-ai-isnt-open-source-comments.md", 1000, 2100),
        ("discussions/zuckerberg-on-the-dwarkesh-podcast.md", 1000, 2100),
        ("discussions/hacker-news-open-source-ai-is-the-path-forward.md", 600, 1300),
    ],
)
def test_lengths_fit_the_brief(page, low, high):
    body = re.sub(r"^\[\^[^\]]+\]:.*$", "", SITE.pages[page].body, flags=re.MULTILINE)
    words = len(re.findall(r"[A-Za-z0-9’']+", re.sub(r"\[\[[^\]]*\]\]|\]\([^)]*\)", " ", body)))
    assert low <= words <= high, f"{page}: {words} words"


@pytest.mark.parametrize(
    "claim", sorted(SITE.claims.values(), key=lambda p: p.src), ids=lambda p: p.slug
)
def test_every_claim_has_both_sides_sourced(claim):
    """'The case for' and 'The case against' each cite at least one source (a footnote reference)."""
    sections = re.split(r"^## ", claim.body, flags=re.MULTILINE)
    for side in ("The case for", "The case against"):
        text = next((s for s in sections if s.startswith(side)), "")
        assert re.search(r"\[\^[^\]]+\](?!:)", text), f"{claim.path}: '{side}' cites no source"
