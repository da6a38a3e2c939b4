"""One rule, one message: the checker and the build tell a bad reference the same words.

Each message lives once (``mkdocs_debate.syntax``); this renders each bad
reference through the extension and checks the same page with the checker, and
the two must report the same message at the same line.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from mkdocs_debate.checker.body_rules import rule_generated_blocks, rule_references
from mkdocs_debate.data.pages import read_page
from mkdocs_debate.data.site import load_site
from mkdocs_debate.extension import MarkupReferenceError, UnsafeMarkupError
from mkdocs_debate.test_tools import render

FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "content" / "docs"
BAD = {
    "unknown term": "Text with [[term:no-such-term]] in it.",
    "unknown claim": "Text with [[claim:no-such-claim|for]] in it.",
    "bad side": "Text with [[claim:weights-are-source|maybe]] in it.",
    "claim with #": "Text with [[claim:weights-are-source#x]] in it.",
    "unknown block": "[[generate:no-such-block]]",
    "unknown definition": "Text with [[term:open-weights#no-such-definition]] in it.",
}


@pytest.mark.parametrize("body", BAD.values(), ids=BAD.keys())
def test_the_checker_and_the_build_say_the_same_words(tmp_path, body):
    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    for data in (FIXTURE_DOCS / "_data").iterdir():
        (docs / "_data" / data.name).write_bytes(data.read_bytes())
    (docs / "claims").mkdir()
    claim = FIXTURE_DOCS / "claims" / "weights-are-source.md"
    (docs / "claims" / claim.name).write_bytes(claim.read_bytes())
    (docs / "sample.md").write_text(body + "\n", encoding="utf-8")
    site = load_site(str(docs))
    page = read_page(str(docs), "sample.md")
    checked = {f[1] for rule in (rule_references, rule_generated_blocks) for f in rule(site, page)}
    with pytest.raises((MarkupReferenceError, UnsafeMarkupError)) as raised:
        render(body, docs)
    error = raised.value
    built = (
        {error.problem.message}
        if isinstance(error, MarkupReferenceError)
        else {p.message for p in error.problems}
    )
    assert checked == built
