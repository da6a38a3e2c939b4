"""mkdocs-debate: a glossary, claim and openness-matrix engine for MkDocs sites.

The package is layered: each module imports only from the layers above its
own. The one list of the layers, with each module's job, is the table in
README.md ("What lives where"); tests/test_layers.py reads it and fails on an
import that climbs it or on a module it does not list.

``test_tools`` (like ``markdown.test_tools``) helps tests and benchmarks build
a site or render Markdown the way the site does.
"""
