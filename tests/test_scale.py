"""Pages that stay the same size as essays multiply: section indexes, claim backlinks, their complete lists."""

from __future__ import annotations

import re

from conftest import copy_site

from mkdocs_debate.blocks.archive import INDEX_SHOWN, archive_page, essays_list
from mkdocs_debate.blocks.claims import BACKLINKS_SHOWN, claim_backlinks, claim_uses_page
from mkdocs_debate.commands.export import stubs
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import load_site
from mkdocs_debate.usage import claim_usage

CLAIM = "exact-reproduction-is-impossible"


def _grown_site(tmp_path, copies: int):
    """The real docs plus `copies` essays, dated over two years, each arguing CLAIM for."""
    root = copy_site(tmp_path / "repo")
    essays = root / "docs" / "essays"
    text = (essays / "free-as-in-what.md").read_text(encoding="utf-8")
    for n in range(copies):
        year = 2024 + n % 2
        body = re.sub(
            r"^date: .*$", f"date: {year}-0{1 + n % 9}-1{n % 10}", text, count=1, flags=re.M
        )
        body = body.replace("title:", f"title: Copy {n:02d} of", 1)
        body += f"\n\nA sentence that argues it. [[claim:{CLAIM}|for]]\n"
        (essays / f"copy-{n:02d}.md").write_text(body, encoding="utf-8")
    docs = str(root / "docs")
    return load_site(docs), Settings(docs_dir=docs)


def test_essays_index_is_bounded_and_every_essay_is_on_its_year_page(tmp_path):
    site, settings = _grown_site(tmp_path, INDEX_SHOWN + 5)
    essays = site.content_pages("essays")
    assert len(essays) > INDEX_SHOWN
    index = essays_list(site, "essays/index.md", settings)
    assert 0 < index.count("<li><strong><a href=") <= INDEX_SHOWN
    assert f"The {INDEX_SHOWN} newest of {len(essays)}" in index
    years = re.findall(r"\[(\d{4})\]\(\.\./archive/essays/(\d{4})\.md\) \((\d+)\)", index)
    assert {y for y, _, _ in years} >= {"2024", "2025", "2026"}
    assert sum(int(n) for _, _, n in years) == len(essays)
    listed = 0
    wanted = stubs(site, settings)
    for year, _, count in years:
        assert f"archive/essays/{year}.md" in wanted  # debate-export writes the year's page
        page = archive_page(site, f"archive/essays/{year}.md", settings)
        listed += page.count("<li><strong><a href=")
        assert page.count("<li><strong><a href=") == int(count), year
    assert listed == len(essays)


def test_claim_backlinks_are_capped_and_the_complete_list_has_every_place(tmp_path):
    site, settings = _grown_site(tmp_path, BACKLINKS_SHOWN + 4)
    uses = claim_usage(site)[CLAIM]
    claim = site.claims[CLAIM]
    shown = claim_backlinks(site, claim)
    assert shown.count("\n- [") <= 2 * BACKLINKS_SHOWN + 1  # at most BACKLINKS_SHOWN per side
    assert (
        f"[All {len(uses)} places that refer to this claim](../archive/claims/{CLAIM}.md)" in shown
    )
    complete = claim_uses_page(site, f"archive/claims/{CLAIM}.md", settings)
    assert complete.count("\n- [") == len(uses)
    assert f"archive/claims/{CLAIM}.md" in stubs(site, settings)


def test_the_real_claims_show_every_place_while_they_are_few():
    """No link to a complete list where the claim's page already shows every place."""
    site = load_site("docs")
    for slug, page in site.claims.items():
        text = claim_backlinks(site, page)
        sides = [
            use.side if use.side in ("for", "against") else None
            for use in claim_usage(site).get(slug, [])
        ]
        many = any(sides.count(side) > BACKLINKS_SHOWN for side in set(sides))
        assert ("places that refer to this claim](" in text) == many, slug
