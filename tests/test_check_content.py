"""The content checker, tested like python/peps' check-peps: exact (line, message) pairs.

tests/fixtures/content/docs/ is a small valid site (data files, one good essay,
summary and claim). Each page of tests/fixtures/content/bad/ breaks exactly one
rule (the first line of its front matter says which) and is checked on its own,
as if it had been added to that site, so that every expected list is exact.
many-problems.md breaks many rules at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_debate.checker import all_problems, draft_notes, pages_touched
from mkdocs_debate.checker.links import link_findings
from mkdocs_debate.checker.page_rules import page_findings, rule_footnotes
from mkdocs_debate.checker.render import Renderer
from mkdocs_debate.checker.rules import site_problems
from mkdocs_debate.commands.scaffold import preview_url
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.pages import Page, read_page
from mkdocs_debate.data.site import KINDS, load_site
from mkdocs_debate.data.yaml_lines import LineDict, load_yaml
from mkdocs_debate.problems import Finding
from mkdocs_debate.source import split_front_matter

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "content"
GOOD_DOCS = FIXTURES / "docs"
BAD = FIXTURES / "bad"
MANY = "essays/many-problems.md"

ALLOWED_FIELDS = (
    "authors, based_on, corrections, date, description, draft, glossary_links, hide, kind, "
    "old_ids, revisions, search, social, sources, tags, title, updated"
)
ONE_PROBLEM: dict[str, list[Finding]] = {
    # front matter
    "essays/broken-yaml.md": [
        (4, "invalid YAML: did not find expected key (check quotes, colons and indentation)")
    ],
    "essays/front-matter-not-mapping.md": [(2, "front matter must be a mapping of keys to values")],
    "essays/missing-title.md": [(3, "missing required front matter field 'title'")],
    "claims/missing-claim-field.md": [(3, "missing required front matter field 'claim'")],
    "claims/missing-theme.md": [(3, "missing required front matter field 'theme'")],
    "claims/unknown-theme.md": [
        (
            9,
            "unknown theme 'open-washing'; known themes: definitions, safety (docs/_data/themes.yml)",
        )
    ],
    "claims/theme-not-text.md": [
        (
            9,
            "theme must be one theme id, not ['definitions', 'safety']; "
            "known themes: definitions, safety (docs/_data/themes.yml)",
        )
    ],
    "essays/unknown-field.md": [
        (5, f"unknown front matter field 'subtitle'; allowed: {ALLOWED_FIELDS}")
    ],
    "essays/empty-description.md": [(4, "description must be non-empty text: ''")],
    "essays/description-too-long.md": [
        (4, "description must be at most 160 characters (it has 170)")
    ],
    "essays/straight-apostrophe.md": [
        (
            3,
            "title must use curly apostrophes and single quotes (’ ‘), not straight ('): "
            '"Fixture: the licence\'s reach"',
        )
    ],
    "essays/glossary-links-not-boolean.md": [(9, "glossary_links must be true or false: 'no'")],
    "essays/date-not-iso.md": [(5, "date must be an ISO date (YYYY-MM-DD): '1 Jan 2024'")],
    "essays/updated-before-date.md": [
        (6, "updated (2024-01-01) must not be before date (2024-01-15)")
    ],
    "essays/kind-mismatch.md": [(7, "kind must be 'essay' for a page in essays/: 'summary'")],
    "discussions/kind-mismatch-summary.md": [
        (7, "kind must be 'summary' for a page in discussions/: 'essay'")
    ],
    "essays/unknown-author.md": [
        (6, "unknown author 'jane-doe'; known authors: editors (docs/_data/authors.yml)")
    ],
    "essays/authors-not-a-list.md": [
        (6, "authors must be a list of author ids, e.g. [editors]: 'editors'")
    ],
    "essays/unknown-tag.md": [
        (8, "unknown tag 'open-washing'; allowed: definitions, licensing, safety")
    ],
    "essays/correction-without-note.md": [
        (13, "a correction needs an ISO date (YYYY-MM-DD) and a note")
    ],
    # a revision in the future: updated must be its date and must not be in the future
    "essays/revision-in-future.md": [(6, "updated must not be in the future: 2999-01-01")],
    "essays/revision-note-markup.md": [
        (15, "revision note must be plain text (no <, >, [ or ]): 'Fixed the <b>bold</b> claim.'")
    ],
    "essays/updated-not-latest-revision.md": [
        (6, "updated must be the date of the latest revision (2024-03-01): '2024-02-01'")
    ],
    # sources
    "essays/http-source-url.md": [
        (13, "source url must start with https://: 'http://www.gnu.org/licenses/copyleft.html'")
    ],
    "essays/source-without-title.md": [(12, "source is missing its 'title'")],
    "essays/source-date-not-iso.md": [
        (
            12,
            "source date must be an ISO date (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known): "
            "'June 2024'",
        )
    ],
    "essays/unknown-source-field.md": [
        (12, "unknown source field 'publisher'; allowed: author, date, title, url")
    ],
    "essays/based-on-without-title.md": [(10, "source is missing its 'title'")],
    "essays/no-source-cited.md": [
        (13, "the text must cite at least one of the page's sources (a footnote with its URL)")
    ],
    "essays/http-link.md": [
        (16, "links must use https: 'http://www.gnu.org/licenses/copyleft.html'")
    ],
    # names and structure
    "essays/Not_Kebab.md": [
        (1, "file name must be kebab-case (lower-case words joined by '-'): 'Not_Kebab.md'")
    ],
    "essays/duplicate-title.md": [
        (3, "title 'Weights Are Source' is already used by docs/claims/weights-are-source.md")
    ],
    "essays/good-summary.md": [
        (1, "slug 'good-summary' is already used by docs/discussions/good-summary.md")
    ],
    # the argument map: relations and evidence (checker/argument_rules.py)
    "claims/relation-unknown-claim.md": [
        (
            15,
            "claim of relation 1 of relations names no claim: 'weights-are-binary' "
            "(a claim's id is its file name under docs/claims/, without .md)",
        )
    ],
    "claims/relation-to-itself.md": [
        (
            15,
            "relation 1 of relations: a claim cannot relate to itself "
            "(supports relation-to-itself)",
        )
    ],
    "claims/relation-without-note.md": [
        (
            15,
            "note of relation 1 of relations must say why, in plain text "
            "(a relation or evidence without a note is refused)",
        )
    ],
    "claims/relation-repeated.md": [
        (16, "relation 2 of relations repeats relation 1 (attacks weights-are-source)")
    ],
    "claims/relation-bad-type.md": [
        (
            15,
            "type of relation 1 of relations must be one of supports, attacks, qualifies: 'refutes'",
        )
    ],
    "claims/relation-supports-and-attacks.md": [
        (
            16,
            "relation 2 of relations: this claim both supports and attacks "
            "'weights-are-source' (relation 1); say which, or use qualifies",
        )
    ],
    "claims/relations-not-a-list.md": [
        (14, "relations must be a list, one {type: …, claim: …, note: “…”} per line")
    ],
    "claims/evidence-unknown-model.md": [
        (
            15,
            "evidence 1 of rests_on: 'llama-9.weights' names no model of the matrix: "
            "'llama-9' (see docs/_data/models.yml)",
        )
    ],
    "claims/evidence-bad-form.md": [
        (
            15,
            "ref of evidence 1 of rests_on must name evidence in one of the forms "
            "MODEL.DIMENSION (e.g. llama-3-1.use_restrictions); TERM#DEFINITION "
            "(e.g. open-source-ai#osaid-1-0); TERM#DEFINITION/MODEL "
            "(e.g. open-source-ai#osaid-1-0/llama-3-1); licence:LICENCE#CLAUSE "
            "(e.g. licence:llama-3-1#grant); event:EVENT (e.g. event:osaid-1-0): "
            "'Llama 3.1 weights'",
        )
    ],
    "claims/missing-case-against.md": [(15, "a claim page needs a section '## The case against'")],
    # safe Markdown
    "essays/raw-script.md": [(16, "<script> is not allowed (only JSON data blocks): <script>")],
    "essays/raw-iframe.md": [
        (
            16,
            '<iframe> is not allowed: <iframe src="https://www.youtube-nocookie.com/embed/fixture">',
        )
    ],
    "essays/raw-object.md": [
        (16, '<object> is not allowed: <object data="raw-object/chart.svg" type="image/svg+xml">')
    ],
    "essays/raw-embed.md": [(16, '<embed> is not allowed: <embed src="raw-embed/chart.svg">')],
    "essays/raw-form.md": [
        (
            16,
            'a <button> needs type="button" or type="reset" (any other submits a form): None: <button>',
        ),
        (
            16,
            "attribute 'action' is not allowed on <form>: <form action=\"https://example.org/subscribe\">",
        ),
    ],
    "essays/event-handler.md": [
        (16, "attribute 'onclick' is not allowed on <span>: <span onclick=\"track()\">")
    ],
    "essays/javascript-link.md": [
        (16, 'javascript: URLs are not allowed (href of <a>): <a href="javascript:alert(1)">')
    ],
    "essays/data-url.md": [
        (
            16,
            'data: URLs are not allowed (src of <img>): <img alt="A red dot" src="data:image/png;base64,iVBORw0KGgo=" />',
        )
    ],
    "essays/style-attribute.md": [
        (16, "attribute 'style' is not allowed on <span>: <span style=\"color: red\">")
    ],
    "essays/markdown-image-without-alt.md": [
        (
            16,
            'images must have alt text: ![what the image shows](path) or <img alt="…">: <img alt="" src="markdown-image-without-alt/chart.png" />',
        )
    ],
    "essays/html-image-without-alt.md": [
        (
            16,
            'images must have alt text: ![what the image shows](path) or <img alt="…">: <img src="html-image-without-alt/chart.png">',
        )
    ],
    "essays/html-image-empty-alt.md": [
        (
            16,
            'images must have alt text: ![what the image shows](path) or <img alt="…">: <img src="html-image-empty-alt/chart.png" alt=" ">',
        )
    ],
    # references
    "essays/unknown-term.md": [
        (
            16,
            "unknown glossary term 'open-washing' in [[term:open-washing]]: "
            "add it to docs/_data/glossary.yml or use a known id",
        )
    ],
    "essays/unknown-claim.md": [
        (
            16,
            "unknown claim 'weights-are-binary' in [[claim:weights-are-binary|for]]: "
            "claims are the files of docs/claims/ (without .md)",
        )
    ],
    "essays/bad-claim-side.md": [(16, "claim side must be 'for' or 'against': 'maybe'")],
    "essays/multiline-event-handler.md": [
        (17, "attribute 'onclick' is not allowed on <span>: <span\n  onclick=\"track()\">")
    ],
    "essays/attribute-list-event-handler.md": [
        (
            16,
            'attribute \'onclick\' is not allowed on <a>: <a href="https://opensource.org/osd" onclick="track()">',
        )
    ],
    "essays/reference-javascript-link.md": [
        (18, 'javascript: URLs are not allowed (href of <a>): <a href="javascript:alert(1)">')
    ],
    "essays/entity-javascript-link.md": [
        (16, 'javascript: URLs are not allowed (href of <a>): <a href="java&#x73;cript:alert(1)">')
    ],
    "essays/impossible-date.md": [(5, "date must be an ISO date (YYYY-MM-DD): '2024-13-45'")],
    # footnotes, placeholders and drafts
    # links and sources the strict build would refuse without a line, or only a test would catch
    "essays/dead-internal-link.md": [
        (13, "link to 'no-such-essay.md': 'essays/no-such-essay.md' does not exist in docs/")
    ],
    "essays/dead-anchor.md": [
        (
            15,
            "link to 'good-essay.md#no-such-section': 'essays/good-essay.md' has no anchor '#no-such-section'",
        )
    ],
    "essays/footnote-url-not-in-sources.md": [
        (
            16,
            "footnote [^unlisted] cites 'https://example.org/unlisted', which is not under sources: "
            "list it there (title and url), with exactly this URL",
        )
    ],
    "essays/undefined-footnote.md": [
        (
            16,
            "footnote [^OSD] has no definition: add a line '[^OSD]: …' (labels are case-sensitive)",
        )
    ],
    "essays/unused-footnote.md": [
        (
            16,
            "footnote [^spare] is defined but never referenced: cite it with [^spare] in the text, "
            "or delete the definition",
        )
    ],
    "essays/todo-left.md": [
        (
            16,
            "replace this TODO with a closing heading (a page may hold TODOs only while it has draft: true)",
        )
    ],
    "essays/draft-not-boolean.md": [(12, "draft must be true or false: 'yes'")],
}

# What the checker should report but does not yet: each is xfail(strict) so that the
# test fails, as a reminder to move it to ONE_PROBLEM, once the checker catches it.

MANY_PROBLEMS: list[Finding] = [
    (3, "title must be non-empty text: ''"),
    (4, "description must be at most 160 characters (it has 208)"),
    (5, "date must be an ISO date (YYYY-MM-DD): '2024/01/15'"),
    (6, "unknown author 'ghost-writer'; known authors: editors (docs/_data/authors.yml)"),
    (7, "kind must be 'essay' for a page in essays/: 'summary'"),
    (8, "tags must be a non-empty list: []"),
    (
        9,
        "unknown front matter field 'colour'; allowed: authors, based_on, corrections, date, description, draft, glossary_links, hide, kind, old_ids, revisions, search, social, sources, tags, title, updated",
    ),
    (12, "source url must start with https://: 'http://example.org/plain'"),
    (13, "source is missing its 'title'"),
    (14, "unknown source field 'publisher'; allowed: author, date, title, url"),
    (16, "a correction needs an ISO date (YYYY-MM-DD) and a note"),
    (18, "the text must cite at least one of the page's sources (a footnote with its URL)"),
    (19, "links must use https: 'http://example.org/plain'"),
    (
        21,
        '<script> is not allowed (only JSON data blocks): <script src="https://example.org/tracker.js">',
    ),
    (
        21,
        "attribute 'src' is not allowed on <script>: <script src=\"https://example.org/tracker.js\">",
    ),
    (
        22,
        'attribute \'onerror\' is not allowed on <img>: <img src="many-problems/photo.jpg" onerror="steal()">',
    ),
    (
        22,
        'images must have alt text: ![what the image shows](path) or <img alt="…">: <img src="many-problems/photo.jpg" onerror="steal()">',
    ),
    (23, "claim side must be 'for' or 'against': 'maybe'"),
    (23, 'javascript: URLs are not allowed (href of <a>): <a href="javascript:void(0)">'),
    (
        23,
        "unknown claim 'no-such-claim' in [[claim:no-such-claim|maybe]]: claims are the files of docs/claims/ (without .md)",
    ),
    (
        23,
        "unknown glossary term 'open-washing' in [[term:open-washing]]: add it to docs/_data/glossary.yml or use a known id",
    ),
    (
        24,
        'images must have alt text: ![what the image shows](path) or <img alt="…">: <img alt="" src="many-problems/chart.png" />',
    ),
    (25, "attribute 'style' is not allowed on <p>: <p style=\"font-size: 3em\">"),
]


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def fixture_problems(src: str) -> list[Finding]:
    """Every (line, message) of one bad page, checked as if added to the good fixture site.

    The page is also rendered as the build renders it (the checker's command does the same).
    """
    site = load_site(str(GOOD_DOCS))
    page = read_page(str(BAD), src, str(FIXTURES))
    site = dataclasses.replace(site, pages={**site.pages, src: page})
    rendered: list[Finding] = []
    if page.error is None:
        with tempfile.TemporaryDirectory() as tmp:
            docs = pathlib.Path(tmp) / "docs"
            shutil.copytree(GOOD_DOCS, docs)
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(BAD / src, docs / src)
            settings = dataclasses.replace(
                settings_from_config(str(ROOT / "mkdocs.yml")), docs_dir=str(docs)
            )
            renderer = Renderer.from_config(str(ROOT / "mkdocs.yml"), settings)
            rendered = renderer.findings(page) + link_findings(site, page, renderer, {})
    across = list(site_problems(site))
    elsewhere = [problem for problem in across if problem.path != page.path]
    assert not elsewhere, f"{src} made another page fail instead of itself: {elsewhere}"
    return sorted(
        set(
            page_findings(site, page)
            + rendered
            + [Finding(line, message) for _, line, message in across]
        )
    )


def run_checker(*args: str, cwd: pathlib.Path, github: bool = False) -> subprocess.CompletedProcess:
    """The checker's command line, as CI runs it (GITHUB_ACTIONS set only when asked)."""
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.checker", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def site_with_bad_pages(tmp_path: pathlib.Path, *sources: str) -> pathlib.Path:
    """A copy of the good fixture site, as tmp_path/docs, with some bad pages added."""
    docs = tmp_path / "docs"
    shutil.copytree(GOOD_DOCS, docs)
    for src in sources:
        shutil.copy(BAD / src, docs / src)
    return docs


def scaffold(docs: pathlib.Path, title: str) -> subprocess.CompletedProcess:
    """Run the essay scaffold against a docs folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.scaffold", "--docs-dir", str(docs), title],
        cwd=docs.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


# -----------------------------------------------------------------------------
# Rules, one fixture at a time
# -----------------------------------------------------------------------------


def test_every_bad_fixture_is_tested():
    on_disk = {path.relative_to(BAD).as_posix() for path in BAD.rglob("*.md")}
    assert on_disk == set(ONE_PROBLEM) | {MANY}
    assert all(len(expected) >= 1 for expected in ONE_PROBLEM.values())


@pytest.mark.parametrize("src", sorted(ONE_PROBLEM))
def test_bad_page_has_exactly_its_problem(src):
    assert fixture_problems(src) == ONE_PROBLEM[src]


def test_many_problems_are_all_reported_in_line_order():
    assert fixture_problems(MANY) == MANY_PROBLEMS


@pytest.mark.parametrize("src", sorted(load_site(str(GOOD_DOCS)).pages))
def test_good_page_has_no_problems(src):
    site = load_site(str(GOOD_DOCS))
    assert page_findings(site, site.pages[src]) == []


def test_good_fixture_site_has_no_problems():
    assert all_problems(load_site(str(GOOD_DOCS))) == []


def test_real_docs_have_no_problems():
    problems = all_problems(load_site(str(ROOT / "docs")))
    assert not problems, "\n".join(map(str, problems))


# -----------------------------------------------------------------------------
# Command line
# -----------------------------------------------------------------------------


def test_cli_passes_a_good_site():
    result = run_checker("--docs-dir", str(GOOD_DOCS), cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, "content OK: no problems found\n")


def test_cli_prints_path_line_message_and_a_count(tmp_path):
    docs = site_with_bad_pages(tmp_path, "essays/unknown-tag.md", "essays/raw-script.md")
    result = run_checker("--docs-dir", str(docs), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/essays/raw-script.md:16: <script> is not allowed (only JSON data blocks): <script>",
        "docs/essays/unknown-tag.md:8: unknown tag 'open-washing'; allowed: definitions, licensing, safety",
        "2 problems found",
    ]


def test_cli_fails_on_what_the_strict_build_and_the_sources_test_would_refuse(tmp_path):
    """A dead link, a dead anchor and an unlisted footnote URL fail debate-check with path:line, not 'content OK'."""
    docs = site_with_bad_pages(
        tmp_path,
        "essays/dead-internal-link.md",
        "essays/dead-anchor.md",
        "essays/footnote-url-not-in-sources.md",
    )
    result = run_checker("--docs-dir", str(docs), cwd=tmp_path)
    assert result.returncode == 1
    expected = [
        f"docs/{src}:{line}: {message}"
        for src in (
            "essays/dead-anchor.md",
            "essays/dead-internal-link.md",
            "essays/footnote-url-not-in-sources.md",
        )
        for line, message in ONE_PROBLEM[src]
    ]
    assert result.stdout.splitlines() == [*expected, "3 problems found"]


def test_cli_checks_only_the_pages_named(tmp_path):
    site_with_bad_pages(tmp_path, "essays/unknown-tag.md", "essays/raw-script.md")
    result = run_checker("--docs-dir", "docs", "docs/essays/raw-script.md", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            "docs/essays/raw-script.md:16: <script> is not allowed (only JSON data blocks): <script>",
            "1 problem found",
        ],
    )


def _essay(title: str, body: str) -> str:
    return (
        f'---\ntitle: "{title}"\ndescription: "A fixture essay for the checker of changed files."\n'
        "date: 2024-03-01\nauthors: [editors]\nkind: essay\ntags: [definitions]\n"
        "sources:\n  - title: The Open Source Definition\n    url: https://opensource.org/osd\n---\n\n"
        f"{body}\n\nAs the definition says.[^osd]\n\n"
        "[^osd]: [The Open Source Definition](https://opensource.org/osd).\n"
    )


def test_cli_checks_a_changed_page_and_the_pages_that_link_to_it(tmp_path):
    """debate-check PATH: the changed page, every page whose link a change to it breaks (a
    heading renamed, so an anchor gone), and the rules across files; an unrelated page's own
    problems stay out (a whole-site run reports them all)."""
    docs = site_with_bad_pages(tmp_path, "essays/unknown-tag.md")
    essays = docs / "essays"
    (essays / "changed.md").write_text(
        _essay("A changed essay", "## A renamed section\n\nText."), encoding="utf-8"
    )
    (essays / "linking.md").write_text(
        _essay("A linking essay", "See [the section](changed.md#the-old-section)."),
        encoding="utf-8",
    )
    (essays / "taken.md").write_text(
        _essay("A good essay", "A title the good essay already has."), encoding="utf-8"
    )
    dead_anchor = "docs/essays/linking.md:13: "
    result = run_checker("--docs-dir", "docs", "docs/essays/changed.md", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and lines[-1] == "1 problem found", result.stdout
    assert lines[0].startswith(dead_anchor) and "the-old-section" in lines[0], lines
    # The page that took a title is checked with the rule across files that it breaks.
    result = run_checker("--docs-dir", "docs", "docs/essays/taken.md", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "docs/essays/taken.md:2: title 'A good essay' is already used by docs/essays/good-essay.md",
        "1 problem found",
    ]
    # A whole-site run reports the unrelated page's problem, the dead anchor and the title.
    everything = run_checker("--docs-dir", "docs", cwd=tmp_path).stdout
    assert "docs/essays/unknown-tag.md:8:" in everything and dead_anchor in everything
    assert "docs/essays/taken.md:2:" in everything


def test_changed_files_choose_the_pages_to_check(tmp_path):
    """A changed page and the pages that name it; an image and the pages that show it; a data
    file or mkdocs.yml means the whole site; files outside docs/ no page."""
    docs = site_with_bad_pages(tmp_path)
    site = load_site(str(docs))
    good = str(docs / "essays" / "good-essay.md")
    claim = str(docs / "claims" / "weights-are-source.md")
    summary = str(docs / "discussions" / "good-summary.md")
    assert pages_touched(site, [claim]) == {claim, good, summary}  # both refer to the claim
    assert pages_touched(site, [str(docs / "essays" / "good-essay" / "chart.png")]) == {good}
    assert pages_touched(site, [str(docs / "essays" / "gone.md")]) == {
        str(docs / "essays" / "gone.md")
    }
    assert pages_touched(site, [str(docs / "_data" / "glossary.yml")]) is None
    assert pages_touched(site, [str(tmp_path / "mkdocs.yml")]) is None
    assert pages_touched(site, [str(tmp_path / "src" / "engine.py")]) == set()


def test_cli_adds_github_annotations(tmp_path):
    docs = site_with_bad_pages(tmp_path, "essays/unknown-tag.md")
    result = run_checker("--docs-dir", str(docs), cwd=tmp_path, github=True)
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            "docs/essays/unknown-tag.md:8: unknown tag 'open-washing'; allowed: definitions, licensing, safety",
            "::error file=docs/essays/unknown-tag.md,line=8::"
            "unknown tag 'open-washing'; allowed: definitions, licensing, safety",
            "1 problem found",
        ],
    )


# -----------------------------------------------------------------------------
# The essay template and its scaffold
# -----------------------------------------------------------------------------


def test_template_hints_list_every_tag_and_kind():
    front, _, _ = split_front_matter(
        (ROOT / "docs" / "_templates" / "essay.md").read_text(encoding="utf-8")
    )
    tags = load_site(str(ROOT / "docs")).tags
    hint = re.search(r"^tags: .*one or more of ([^>]*)>", front, re.MULTILINE)
    assert hint and hint.group(1).split(" | ") == list(tags)
    kinds = re.search(r"^kind: essay +# (.*)$", front, re.MULTILINE)
    assert kinds and [part.split()[0] for part in kinds.group(1).split(" | ")] == list(
        KINDS.values()
    )
    assert isinstance(load_yaml(front, "docs/_templates/essay.md"), dict)


SCAFFOLD_SLUG = "why-open-isnt-enough-ca-depend"
SCAFFOLD_PATH = f"docs/essays/{SCAFFOLD_SLUG}.md"
SCAFFOLD_TODO_LINES = [
    4,
    8,
    10,
    11,
    22,
    24,
    26,
    28,
    30,
    32,
    34,
    36,
]  # once the line draft: true is deleted


def scaffolded_site(
    tmp_path: pathlib.Path, config: str | None = None
) -> tuple[pathlib.Path, subprocess.CompletedProcess]:
    """A copy of the real docs with an essay scaffolded into it (and a mkdocs.yml beside it, if given)."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copy(
        ROOT / "reviewed-files.yml", tmp_path
    )  # the site's own files under docs/ (stylesheet, exports)
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return docs, scaffold(docs, 'Why "open" isn’t enough: Ça dépend')


def test_scaffolded_essay_is_a_draft_that_passes_the_checker(tmp_path):
    docs, result = scaffolded_site(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Created {SCAFFOLD_PATH} as a draft (draft: true)")
    site = load_site(str(docs))
    assert f"essays/{SCAFFOLD_SLUG}.md" not in site.pages  # so no list, backlink or export sees it
    page = site.drafts[f"essays/{SCAFFOLD_SLUG}.md"]
    assert page.meta["title"] == "Why “open” isn’t enough: Ça dépend"
    assert page.meta["date"] == dt.date.today()
    assert page_findings(site, page) == []
    assert [problem for problem in site_problems(site) if problem.path == page.path] == []
    text = (docs / page.src).read_text(encoding="utf-8")
    assert "<REQUIRED" not in text and "TODO" in page.body
    todo_lines = [
        line if line < 14 else line + 1 for line in SCAFFOLD_TODO_LINES
    ]  # draft: true is line 14
    assert draft_notes(site) == [
        f"{SCAFFOLD_PATH}: draft (draft: true), not published: 12 TODOs left, on lines "
        + ", ".join(map(str, todo_lines))
    ]
    result = run_checker("--docs-dir", "docs", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines()[-1]) == (
        0,
        "content OK: no problems found",
    )


def test_scaffold_todos_fail_the_checker_once_draft_is_deleted(tmp_path):
    docs, _ = scaffolded_site(tmp_path)
    essay = docs / "essays" / f"{SCAFFOLD_SLUG}.md"
    lines = essay.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[13].startswith("draft: true")
    essay.write_text("".join(lines[:13] + lines[14:]), encoding="utf-8")
    site = load_site(str(docs))
    findings = page_findings(site, site.pages[f"essays/{SCAFFOLD_SLUG}.md"])
    assert [line for line, _ in findings] == SCAFFOLD_TODO_LINES
    assert findings[0] == (
        4,
        "replace this TODO with what the essay argues, in one or two sentences of at most "
        "160 characters (a page may hold TODOs only while it has draft: true)",
    )
    assert findings[4] == (
        22,
        "replace this TODO with an opening paragraph of two to four sentences: the question "
        "the essay takes up and the ans… (a page may hold TODOs only while it has draft: true)",
    )
    result = run_checker("--docs-dir", "docs", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{SCAFFOLD_PATH}:4: " + findings[0][1]
    assert result.stdout.splitlines()[-1] == "12 problems found"


@pytest.mark.parametrize(
    "site_url,expected",
    [
        (None, "http://127.0.0.1:8000/essays/"),  # no mkdocs.yml beside docs/: the server's root
        ("https://example.org/", "http://127.0.0.1:8000/essays/"),
        ("https://tea.example.org/fork/debate/", "http://127.0.0.1:8000/fork/debate/essays/"),
    ],
)
def test_scaffold_prints_the_preview_address_below_site_urls_path(tmp_path, site_url, expected):
    config = None if site_url is None else f"site_name: Fork\nsite_url: {site_url}\n"
    _, result = scaffolded_site(tmp_path, config)
    assert f"make serve   preview at {expected}{SCAFFOLD_SLUG}/\n" in result.stdout


def test_scaffold_reads_the_real_sites_base_path():
    assert (
        preview_url(str(ROOT / "mkdocs.yml"), "x")
        == "http://127.0.0.1:8000/free-as-in-what/essays/x/"
    )


# -----------------------------------------------------------------------------
# Drafts
# -----------------------------------------------------------------------------


def test_a_draft_may_hold_todos_but_meets_every_other_rule(tmp_path):
    docs = site_with_bad_pages(tmp_path, "essays/todo-left.md", "essays/unknown-tag.md")
    for name in ("todo-left.md", "unknown-tag.md"):
        page = docs / "essays" / name
        page.write_text(
            page.read_text(encoding="utf-8").replace("kind: essay\n", "kind: essay\ndraft: true\n"),
            encoding="utf-8",
        )
    result = run_checker("--docs-dir", "docs", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            "docs/essays/unknown-tag.md:9: unknown tag 'open-washing'; allowed: definitions, licensing, safety",
            "docs/essays/todo-left.md: draft (draft: true), not published: 1 TODO left, on line 17",
            "docs/essays/unknown-tag.md: draft (draft: true), not published: no TODO left; delete draft: true to publish it",
            "1 problem found",
        ],
    )


def test_draft_false_publishes_the_page(tmp_path):
    docs = site_with_bad_pages(tmp_path, "essays/todo-left.md")
    page = docs / "essays" / "todo-left.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("kind: essay\n", "kind: essay\ndraft: false\n"),
        encoding="utf-8",
    )
    site = load_site(str(docs))
    assert "essays/todo-left.md" in site.pages and not site.drafts
    assert [line for line, _ in page_findings(site, site.pages["essays/todo-left.md"])] == [17]


# -----------------------------------------------------------------------------
# Footnotes: the rule agrees with what Python-Markdown renders
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,undefined",
    [
        ("Text.[^a]\n\n[^a]: Note.", []),
        ("Text.[^Note]\n\n[^note]: Note.", ["Note"]),  # labels are case-sensitive
        ("Text.[^a b]\n\n[^a b]: Note.", []),  # spaces inside a label are part of it
        ("Text.[^ a]\n\n[^a]: Note.", [" a"]),
        ("Text.[^a] and `[^b]`.\n\n[^a]: Note.", []),  # code is not a reference
        ("Text.[^a]\n\n```\n[^b]\n```\n\n[^a]: Note.", []),
        ("Text.[^a]\n\n```\n[^a]: In code.\n```", ["a"]),  # a definition in code defines nothing
        ("Text.[^a][^b]\n\n[^a]: Note.", ["b"]),
    ],
)
def test_undefined_footnote_rule_matches_the_rendering(body, undefined):
    page = Page("essays/x.md", "docs/essays/x.md", LineDict(), body, 1)
    flagged = sorted(
        re.match(r"footnote \[\^(.*?)\] has no", message).group(1)
        for _, message in rule_footnotes(None, page)
        if "has no definition" in message
    )
    soup = BeautifulSoup(
        markdown.markdown(body, extensions=["footnotes", "fenced_code"]), "html.parser"
    )
    for code in soup.find_all(["code", "pre"]):
        code.decompose()
    printed = sorted(re.findall(r"(?<!\\)\[\^([^\]]*)\]", soup.get_text()))
    assert flagged == printed == sorted(undefined)


def test_an_escaped_footnote_bracket_is_text_the_writer_meant():
    page = Page("essays/x.md", "docs/essays/x.md", LineDict(), "Write \\[^id] for a footnote.", 1)
    assert list(rule_footnotes(None, page)) == []
    assert "Write [^id] for a footnote." in markdown.markdown(page.body, extensions=["footnotes"])


def test_scaffold_refuses_to_overwrite(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copy(
        ROOT / "reviewed-files.yml", tmp_path
    )  # the site's own files under docs/ (stylesheet, exports)
    assert scaffold(docs, "A title used twice").returncode == 0
    essay = docs / "essays" / "a-title-used-twice.md"
    essay.write_text("the writer's draft", encoding="utf-8")
    result = scaffold(docs, "A title, used twice!")
    assert result.returncode == 1
    assert "docs/essays/a-title-used-twice.md already exists" in result.stderr
    assert essay.read_text(encoding="utf-8") == "the writer's draft"


@pytest.mark.parametrize(
    "path", sorted((ROOT / "docs" / "_data").glob("*.yml")), ids=lambda p: p.name
)
def test_data_files_read_the_same_with_and_without_libyaml(path):
    """The site reads YAML with libyaml; pure PyYAML (a contributor's script,
    another tool) must read the same values. The two disagree on a `?` inside an
    unquoted URL in a flow mapping: libyaml takes it, pure PyYAML refuses it."""
    text = path.read_text(encoding="utf-8")
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml.safe_load(text) == yaml.load(text, Loader=fast)  # noqa: S506 (a SafeLoader)
