"""Content Security Policy: ``script-src 'self'`` alone, and no inline script to allow.

The policy is written in the theme (``overrides/partials/csp.html``), first in
every page's head, so every build of the site carries it, Zensical's too. It
allows scripts only as files of the site: no hash, nonce or
``'unsafe-inline'``, so nothing a template prints, escaped or not, can become a
trusted script. Material's own inline scripts are files
(``overrides/partials/javascripts/``). What the MkDocs build adds (from the
plugin):

- ``page_problems`` fails a page whose output holds an executable inline
  script (anything but a JSON data block) or lacks the policy exactly as
  ``POLICY`` spells it;
- ``with_csp`` gives the policy to the HTML files no theme template writes
  (redirect stubs) and drops their inline script (the meta refresh redirects);
- ``without_csp`` takes it out under ``mkdocs serve``, whose live-reload
  script is inline.

Search needs no exception: Pagefind compiles its WebAssembly
(``pagefind/wasm.*.pagefind``) in its dedicated worker
(``pagefind/pagefind-worker.js``, a file of the site, allowed by
``worker-src 'self'``). A policy given by a ``<meta>`` tag governs the page,
not a worker the page starts from a URL of its own origin: the worker's policy
comes from its own response headers, and GitHub Pages sends none. A host that
sends a Content-Security-Policy header must allow ``'wasm-unsafe-eval'`` for
that one file (the README's deploying section). A browser test runs a search
under this exact policy.

Styles come only from the site's files: no ``'unsafe-inline'`` (Material sets
styles through the CSSOM, which a policy does not restrict).
"""

from __future__ import annotations

import re

DATA_TYPES = frozenset({"application/json", "application/ld+json"})
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
META_TAG = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
META = re.compile(r"<meta\s[^>]*http-equiv=[\"']?Content-Security-Policy[^>]*>", re.IGNORECASE)
SCRIPT = re.compile(
    r"<script(?=[\s/>])(?P<attrs>[^>]*)>(?P<body>.*?)(?:</script\s*>|\Z)", re.DOTALL | re.IGNORECASE
)
ATTRIBUTE = re.compile(r"""(?P<name>[^\s/=>"']+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s>]+))?""")


def _attributes(text: str) -> list[tuple[str, str]]:
    return [
        (m.group("name").lower(), (m.group("value") or "").strip("\"'"))
        for m in ATTRIBUTE.finditer(text)
    ]


def executable_scripts(html: str) -> list[str]:
    """The inline script elements a browser would run (conservative: when in doubt, counted).

    A script element is data only with one ``type`` attribute naming a JSON
    type; it is a file when it has a ``src``; anything else (no type, another
    type, a type given twice) is an executable inline script.
    """
    found = []
    for match in SCRIPT.finditer(html):
        attrs = _attributes(match.group("attrs"))
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            found.append(match.group(0))
        elif "src" in names:
            continue
        elif dict(attrs).get("type", "").strip().lower() not in DATA_TYPES:
            found.append(match.group(0))
    return found


def page_problems(html: str) -> list[str]:
    """Why a built page breaks the rule "script-src 'self' alone, no inline script" (empty when it keeps it)."""
    problems = [
        f"an executable inline script: {script[:80]!r}" for script in executable_scripts(html)
    ]
    policies = META.findall(html)
    if policies != [META_TAG]:
        problems.append(f"the page must carry exactly one policy, {META_TAG!r}: found {policies!r}")
    return problems


def with_csp(html: str) -> str:
    """The page with the policy first in its head and its executable inline scripts removed (redirect stubs)."""
    for script in executable_scripts(html):
        html = html.replace(script, "", 1)
    html = META.sub("", html)
    return re.sub(r"<head>", lambda m: m.group(0) + META_TAG, html, count=1)


def without_csp(html: str) -> str:
    """The page without its policy: `mkdocs serve` injects an inline live-reload script."""
    return META.sub("", html)
