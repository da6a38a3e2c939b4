"""Content Security Policy for a built page: only the theme's own scripts run.

``with_csp(html, content)`` allows by hash only the inline scripts of the
theme's output, that is the page with its rendered content (``content``, the
HTML that Markdown produced from the contributor's page) taken out. A script
inside the content is never allowed: ``content_scripts`` finds it so the
build can fail, and the policy blocks it if anything lets it through. JSON
data blocks (``application/json``, ``application/ld+json``) are not executed
and need no hash. Styles come only from the site's files: no
``'unsafe-inline'`` (Material sets styles through the CSSOM, which a policy
does not restrict). Called from the plugin.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json")
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")
META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def executable_scripts(html: str) -> list[str]:
    """Bodies of the inline scripts of an HTML text that a browser would run."""
    bodies = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs):
            continue
        kind = re.search(r"""\stype\s*=\s*["']?([^"'\s>]+)""", attrs)
        if kind and kind.group(1).lower() in DATA_TYPES:
            continue
        bodies.append(match.group("body"))
    return bodies


def script_hashes(bodies: list[str]) -> list[str]:
    """CSP source expressions for script bodies."""
    return sorted({f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"
                   for body in bodies})


def content_scripts(content: str | None) -> list[str]:
    """Executable inline scripts inside a page's rendered content (there must be none)."""
    return executable_scripts(content or "")


def with_csp(html: str, content: str | None = None) -> str:
    """The page with a Content-Security-Policy meta element first in its head.

    Only scripts of the theme's output are allowed: the page minus its content.
    """
    theme_output = html.replace(content, "", 1) if content else html
    policy = POLICY.format(hashes=" ".join(script_hashes(executable_scripts(theme_output))))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    html = META.sub("", html)
    return re.sub(r"<head>", lambda m: m.group(0) + meta, html, count=1)
