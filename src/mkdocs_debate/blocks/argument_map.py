"""The argument map drawn: /claims/map/ (``[[generate:argument-map]]``).

Every claim grouped by theme, laid out by Graphviz's ``dot`` (``-Tjson``: the
boxes' places and the edges' splines; no layout script in the browser) and
drawn here as SVG, every value escaped, so nothing Graphviz prints reaches the
page. Each box links its claim; each kind of relation differs in dash and head
as well as colour; every relation and piece of evidence is listed as text
beside the figure (``blocks/argument.py`` says each item once).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import textwrap

from mkdocs_debate.blocks.argument import (
    OUTGOING,
    edges,
    evidence_item,
    relation_item,
)
from mkdocs_debate.blocks.common import esc, link, page_url, plain, title_of
from mkdocs_debate.data.argument import RELATION_TYPES
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import Site, site_index

WRAP = 21  # characters per line of a box's title
LINE = 15.0  # points per line of text in a box
PAD = 10.0  # points of padding above and below a box's text
BOX_WIDTH = 2.0  # inches (Graphviz's unit): 144 points
DOT = "dot"


class GraphvizMissingError(RuntimeError):
    """Graphviz's dot is not installed."""


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WRAP) or [text]


def _quote(text: str) -> str:
    """A Graphviz string: quotes and backslashes escaped (theme names are plain text already)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot_source(site: Site) -> str:
    """The map as a Graphviz graph: a cluster per theme, a fixed-size box per claim, an edge per relation."""
    ids = {claim_id: f"c{n}" for n, claim_id in enumerate(site.arguments)}
    lines = [
        "digraph map {",
        '  graph [rankdir=TB, newrank=true, nodesep=0.15, ranksep=0.45, fontsize=13, fontname="Helvetica", labeljust=l];',
        '  node [shape=box, fixedsize=true, label=""];',
    ]
    by_theme: dict[str, list[str]] = {}
    for claim_id, page in site.claims.items():
        by_theme.setdefault(str(page.meta.get("theme", "")), []).append(claim_id)
    for n, (theme_id, claims) in enumerate(sorted(by_theme.items())):
        name = str(site.themes.get(theme_id, {}).get("name", theme_id or "Other claims"))
        lines.append(f"  subgraph cluster_{n} {{ label={_quote(name)};")
        for claim_id in sorted(claims):
            height = (len(_wrap(title_of(site.claims[claim_id]))) * LINE + 2 * PAD) / 72
            lines.append(f"    {ids[claim_id]} [width={BOX_WIDTH}, height={height:.3f}];")
        lines.append("  }")
    for edge in edges(site):
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]};")
    return "\n".join([*lines, "}"]) + "\n"


@site_index
def layout(site: Site) -> dict:
    """Graphviz's layout of the map (``dot -Tjson``), computed once per build."""
    if shutil.which(DOT) is None:
        raise GraphvizMissingError(
            "the argument map (/claims/map/) is laid out by Graphviz's dot, which is not "
            "installed: apt-get install graphviz (make system-deps does it)"
        )
    done = subprocess.run(
        [DOT, "-Tjson"],
        input=dot_source(site),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Graphviz could not lay out the argument map: {done.stderr.strip()}")
    return json.loads(done.stdout)


def map_figure(site: Site, src: str) -> str:
    """The drawn map: theme boxes, claim boxes (each a link to its claim), relations as edges."""
    graph = layout(site)
    _, _, width, height = (float(v) for v in graph["bb"].split(","))
    names = {f"c{n}": claim_id for n, claim_id in enumerate(site.arguments)}

    def y(value: float) -> float:
        return height - value

    parts: list[str] = []
    objects = graph.get("objects", [])
    for cluster in (o for o in objects if str(o.get("name", "")).startswith("cluster_")):
        x0, y0, x1, y1 = (float(v) for v in cluster["bb"].split(","))
        lx, ly = (float(v) for v in cluster["lp"].split(","))
        parts.append(
            f'<rect class="amap-theme" x="{x0:.1f}" y="{y(y1):.1f}" width="{x1 - x0:.1f}" '
            f'height="{y1 - y0:.1f}" rx="6"></rect>'
            f'<text class="amap-theme__name" x="{x0 + 8:.1f}" y="{y(ly) + 4:.1f}">{esc(cluster.get("label", ""))}</text>'
        )
    by_gvid = {o["_gvid"]: o for o in objects}
    for edge in graph.get("edges", []):
        source, target = names[by_gvid[edge["tail"]]["name"]], names[by_gvid[edge["head"]]["name"]]
        kind = next(
            (e.type for e in edges(site) if e.source == source and e.target == target), "supports"
        )
        parts.append(_edge(edge["pos"], kind, y))
    for node in (o for o in objects if o.get("name") in names):
        claim_id = names[node["name"]]
        page = site.claims[claim_id]
        cx, cy = (float(v) for v in node["pos"].split(","))
        w, h = float(node["width"]) * 72, float(node["height"]) * 72
        lines = _wrap(title_of(page))
        top = y(cy) - (len(lines) - 1) * LINE / 2 + 4
        text = "".join(
            f'<tspan x="{cx:.1f}" y="{top + i * LINE:.1f}">{esc(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<a xlink:href="{esc(page_url(src, page.src))}" class="amap-node" id="map-{esc(claim_id)}">'
            f'<rect x="{cx - w / 2:.1f}" y="{y(cy) - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" rx="4"></rect>'
            f'<text x="{cx:.1f}" y="{top:.1f}" text-anchor="middle">{text}</text></a>'
        )
    return (
        f'<svg class="amap" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="group" aria-labelledby="amap-caption" focusable="false">'
        + "".join(parts)
        + "</svg>"
    )


def _edge(pos: str, kind: str, y) -> str:
    """One relation: Graphviz's B-spline as a path, an arrowhead drawn as a polygon (no markers)."""
    end = None
    points = pos.split()
    if points and points[0].startswith("e,"):
        end = tuple(float(v) for v in points[0][2:].split(","))
        points = points[1:]
    spline = [(float(a), y(float(b))) for a, b in (p.split(",")[:2] for p in points)]
    d = f"M{spline[0][0]:.1f},{spline[0][1]:.1f}"
    for i in range(1, len(spline) - 2, 3):
        (ax, ay), (bx, by), (cx, cy) = spline[i : i + 3]
        d += f" C{ax:.1f},{ay:.1f} {bx:.1f},{by:.1f} {cx:.1f},{cy:.1f}"
    last = spline[-1]
    tip = (end[0], y(end[1])) if end else last
    if end:
        d += f" L{tip[0]:.1f},{tip[1]:.1f}"
    before = spline[-1] if end else spline[-2]
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
    return (
        f'<g class="amap-edge amap-edge--{kind}"><path d="{d}"></path>{_head(kind, tip, angle)}</g>'
    )


def _head(kind: str, tip: tuple[float, float], angle: float) -> str:
    """The arrowhead: a filled triangle (supports), a bar (attacks), an open diamond (qualifies)."""

    def at(back: float, side: float) -> str:
        x = tip[0] - back * math.cos(angle) - side * math.sin(angle)
        yy = tip[1] - back * math.sin(angle) + side * math.cos(angle)
        return f"{x:.1f},{yy:.1f}"

    if kind == "attacks":
        return f'<polygon class="amap-head" points="{at(0, -7)} {at(0, 7)} {at(3, 7)} {at(3, -7)}"></polygon>'
    if kind == "qualifies":
        return f'<polygon class="amap-head amap-head--open" points="{at(0, 0)} {at(6, -5)} {at(12, 0)} {at(6, 5)}"></polygon>'
    return f'<polygon class="amap-head" points="{at(0, 0)} {at(10, -5)} {at(10, 5)}"></polygon>'


def map_page(site: Site, src: str, settings: Settings) -> str:
    """/claims/map/: the figure, its legend, and every relation and piece of evidence as text."""
    out = [
        '<figure class="amap-figure no-terms" markdown>',
        '<div class="amap-scroll" tabindex="0" role="region" aria-label="The argument map, drawn (scrolls sideways)">',
        map_figure(site, src),
        "</div>",
        '<figcaption id="amap-caption" markdown>',
        f"Every claim, grouped by theme, and the {len(edges(site))} relations between them. "
        "An arrow runs from a claim to the claim it bears on. Each box links to its claim. "
        "The same relations are listed as text below.",
        "</figcaption>",
        "</figure>",
        "",
        '<ul class="amap-legend no-terms">',
        *(
            f'<li><svg class="amap-key" viewBox="0 0 44 16" width="44" height="16" aria-hidden="true" focusable="false">'
            f'<g class="amap-edge amap-edge--{kind}"><path d="M2,8 L40,8"></path>'
            f"{_head(kind, (42.0, 8.0), 0.0)}</g></svg> "
            f"<strong>{OUTGOING[kind].lower()}</strong> ({_legend_words(kind)})</li>"
            for kind in RELATION_TYPES
        ),
        "</ul>",
        "",
    ]
    out += [
        "## Every relation, as text {#relations}",
        "",
        "Grouped by the claim that makes it; each claim’s page lists its relations both ways.",
        "",
    ]
    for claim_id, page in sorted(site.claims.items(), key=lambda item: title_of(item[1])):
        argument = site.arguments.get(claim_id)
        mine = [e for e in edges(site) if e.source == claim_id]
        evidence = argument.rests_on if argument else ()
        if not mine and not evidence:
            continue
        out += [
            '<div class="amap-claim no-terms" markdown>',
            "",
            f"### {plain(title_of(page))} {{#{esc(claim_id)}}}",
            "",
        ]
        out += [f"[The claim’s page]({link(src, page.src)})", ""]
        out += [relation_item(site, src, OUTGOING[e.type], e.target, e) for e in mine]
        if mine:
            out.append("")
        if evidence:
            out += ["Rests on:", ""]
            out += [evidence_item(site, src, settings, ev) for ev in evidence]
            out.append("")
        out += ["</div>", ""]
    return "\n".join(out)


def _legend_words(kind: str) -> str:
    return {
        "supports": "solid line, filled arrowhead, marked +",
        "attacks": "dashed line, bar at the end, marked −",
        "qualifies": "dotted line, open diamond, marked ~",
    }[kind]
