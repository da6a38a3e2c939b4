"""Content Security Policy for a built page: scripts only from the site itself.

``with_csp(html)`` hashes every inline script the page carries (Material's
small bootstrap scripts; their text differs per page depth, so hashes are
computed per page) and inserts a CSP ``<meta>`` as the first element of
``<head>``. JSON data blocks (``application/json``, ``application/ld+json``)
are not executed, so they need no hash. Called from the plugin.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json")
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for every executable inline script of a page."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs):
            continue
        kind = re.search(r"""\stype\s*=\s*["']?([^"'\s>]+)""", attrs)
        if kind and kind.group(1).lower() in DATA_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def with_csp(html: str) -> str:
    """The page with a Content-Security-Policy meta element first in its head."""
    policy = POLICY.format(hashes=" ".join(inline_script_hashes(html)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return re.sub(r"<head>", lambda m: m.group(0) + meta, html, count=1)
