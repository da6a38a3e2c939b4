"""mkdocs-debate: a glossary, claim and openness-matrix engine for MkDocs sites.

The package is layered; each layer imports only from the layers above it in
this list, never from a later one:

1. ``source``     Markdown source text: front matter, fences, code spans.
2. ``syntax``     the reference syntax (``[[term:…]]``, ``[[claim:…]]``,
                  ``[[generate:…]]``) and claim anchor numbering.
3. ``data``       the sources of truth: configuration, YAML with line
                  numbers, pages, the whole site (cached).
4. ``matcher``    finds glossary terms in text (one Aho-Corasick pass).
5. ``usage``      site-wide indexes: which pages use which term or claim.
6. ``blocks``     Markdown generated from the data (lists, glossary, models,
                  page furniture).
7. ``extension``  the Python-Markdown extension (runs under MkDocs and Zensical).
8. ``checker``    the content checker: rules yielding problems, a command.
9. ``csp``, ``plugin``  MkDocs-only glue: Content Security Policy, the plugin.
10. ``commands``  console scripts: exports, URL manifest, essay scaffold.

``test_tools`` (like ``markdown.test_tools``) helps tests and benchmarks build
a site or render Markdown the way the site does.
"""
