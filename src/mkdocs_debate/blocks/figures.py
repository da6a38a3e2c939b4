"""Pictures of the data, drawn at build time as inline SVG: no chart library, no request.

- ``count_bar``: a stacked bar of counts (the "Is it open?" headline).
- ``stacked_figure``: a bar per row split by value (the home page's field at a
  glance: how many models are open, partial, closed or unknown per dimension).
- ``scatter_figure``: points by date and value (the matrix page's openness over
  time, a circle for an OSI-approved licence, a square for any other).
- ``timeline_figure`` (the timeline page): the events on a time axis, a lane per theme,
  each dot named by its event's date and title.

Each figure is a ``<figure>`` with a caption; its SVG has ``role="img"``, a title and
a description; the data behind it is on the page as text (a table under "The data
behind this figure", or the list the figure sits above). Geometry along the x axis
is in percent and text in CSS pixels, so a figure fills any width and its words stay
legible on a phone. Colours come from the stylesheet's classes (the CSP allows no
inline style), so the light and dark schemes both apply; a shape or a symbol tells
the same as each colour.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from mkdocs_debate.blocks.common import esc
from mkdocs_debate.data.site import iso_date

VALUE_ORDER = ("open", "partial", "closed", "unknown")
VALUE_SYMBOLS = {"open": "●", "partial": "◐", "closed": "○", "unknown": "?"}


def _pct(value: float) -> str:
    return f"{value:.2f}%"


def count_bar(segments: list[tuple[str, int]], total: int) -> str:
    """A stacked bar, one segment per (class, count), drawn to the width it is given.

    Decorative (``aria-hidden``): the counts it draws are written beside it as text.
    """
    x, rects = 0, []
    for name, count in segments:
        if count:
            rects.append(
                f'<rect class="seg seg--{esc(name)}" x="{x}" y="0" width="{count}" height="1"></rect>'
            )
            x += count
    return (
        f'<svg class="count-bar" viewBox="0 0 {max(total, 1)} 1" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{"".join(rects)}</svg>'
    )


def _svg(figure_id: str, height: int, title: str, description: str, body: str) -> str:
    """An accessible SVG: role img, named by its title and described by its description."""
    return (
        f'<svg class="plot" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{figure_id}-title {figure_id}-desc" focusable="false">'
        f'<title id="{figure_id}-title">{esc(title)}</title><desc id="{figure_id}-desc">{esc(description)}</desc>'
        f"{body}</svg>"
    )


def _data_table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    """The data behind a figure, folded under it (cells are Markdown spans: links are rewritten)."""
    header = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join(
        '<tr markdown="1">'
        + "".join(
            (
                f'<th scope="row" markdown="span">{r[0]}</th>'
                if i == 0
                else f'<td markdown="span">{cell}</td>'
            )
            for i, cell in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return (
        '<details class="figure-data" markdown="1"><summary>The data behind this figure</summary>\n'
        f'<div class="table-scroll" markdown="1"><table markdown="1"><caption>{esc(caption)}</caption>'
        f'<thead><tr>{header}</tr></thead><tbody markdown="1">{body}</tbody></table></div>\n</details>'
    )


# -----------------------------------------------------------------------------
# Stacked bars: how many of the models are open, partial, closed, unknown
# -----------------------------------------------------------------------------


def stacked_figure(
    figure_id: str,
    title: str,
    rows: list[tuple[str, dict[str, int]]],
    total: int,
    caption: str,
    description: str,
) -> str:
    """A bar per row (a label above it, "N open of M" at its end), each split by value, with its data."""
    row_height, label_gap = 46, 16
    body, table = [], []
    for index, (label, tally) in enumerate(rows):
        top = index * row_height
        body.append(
            f'<text class="plot-label" x="0" y="{top + 13}">{esc(label)}</text>'
            f'<text class="plot-value" x="100%" y="{top + 13}" text-anchor="end">'
            f"{tally.get('open', 0)} open of {total}</text>"
        )
        x = 0.0
        for value in VALUE_ORDER:
            if tally.get(value):
                width = 100 * tally[value] / total
                body.append(
                    f'<rect class="seg seg--{value}" x="{_pct(x)}" y="{top + label_gap + 4}" '
                    f'width="{_pct(width)}" height="18"><title>{tally[value]} {value}</title></rect>'
                )
                if width >= 6:
                    body.append(
                        f'<text class="seg-label seg-label--{value}" x="{_pct(x + width / 2)}" '
                        f'y="{top + label_gap + 17}" text-anchor="middle" aria-hidden="true">'
                        f"{VALUE_SYMBOLS[value]} {tally[value]}</text>"
                    )
                x += width
        table.append([esc(label)] + [str(tally.get(v, 0)) for v in VALUE_ORDER])
    legend = " ".join(
        f'<span class="plot-key plot-key--{v}"><span aria-hidden="true">{VALUE_SYMBOLS[v]}</span> {v}</span>'
        for v in VALUE_ORDER
    )
    return (
        f'<figure class="plot-figure {figure_id}-figure no-terms" markdown="1">\n'
        + _svg(figure_id, len(rows) * row_height, title, description, "".join(body))
        + f'\n<figcaption markdown="span">{caption} {legend}.</figcaption>\n'
        + _data_table(f"{title}: models by value (of {total})", ["", *VALUE_ORDER], table)
        + "\n</figure>"
    )


# -----------------------------------------------------------------------------
# A scatter over time: openness by release date
# -----------------------------------------------------------------------------

PLOT_LEFT, PLOT_RIGHT = 6.0, 98.0  # percent of the width the x axis spans
PLOT_TOP, PLOT_HEIGHT = 12, 220  # pixels


@dataclasses.dataclass(frozen=True)
class Point:
    """One model on the openness-over-time figure."""

    day: dt.date
    value: float  # the openness score
    approved: bool  # whether its licence is OSI-approved: a circle, else a square
    name: str  # plain text
    cell: str  # the table's first cell: Markdown (the model's name, linked)


def month_date(value: object) -> dt.date | None:
    """A date from an ISO date, or "YYYY-MM" (placed on the 1st), or "YYYY" (placed mid-year)."""
    found = iso_date(value)
    if found:
        return found
    text = str(value or "")
    try:
        return (
            dt.date(int(text[:4]), int(text[5:7]), 1)
            if len(text) >= 7
            else dt.date(int(text[:4]), 7, 1)
        )
    except ValueError:
        return None


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = max((end - start).days, 1)
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (day - start).days / span


def _year_axis(start: dt.date, end: dt.date, top: int, bottom: int) -> str:
    """A vertical rule and a label at each new year between start and end."""
    marks = []
    for year in range(start.year + 1, end.year + 1):
        x = _pct(_x(dt.date(year, 1, 1), start, end))
        # A label at the right edge ends there rather than running past it.
        anchor = "end" if _x(dt.date(year, 1, 1), start, end) > PLOT_RIGHT - 3 else "middle"
        marks.append(
            f'<line class="plot-grid" x1="{x}" x2="{x}" y1="{top}" y2="{bottom}"></line>'
            f'<text class="plot-tick" x="{x}" y="{bottom + 16}" text-anchor="{anchor}">{year}</text>'
        )
    return "".join(marks)


def scatter_figure(points: list[Point], top_value: int, caption: str) -> str:
    """Points by date (x) and value (y, 0 to top_value in halves), with their data under the figure."""
    if not points:
        return ""
    points = sorted(points, key=lambda p: (p.day, p.name))
    start = dt.date(points[0].day.year, 1, 1)
    end = dt.date(points[-1].day.year + 1, 1, 1)
    bottom = PLOT_TOP + PLOT_HEIGHT
    body = [_year_axis(start, end, PLOT_TOP - 8, bottom)]
    for step in range(top_value + 1):
        y = bottom - PLOT_HEIGHT * step / top_value
        body.append(
            f'<line class="plot-grid" x1="{_pct(PLOT_LEFT)}" x2="{_pct(PLOT_RIGHT)}" y1="{y:.1f}" y2="{y:.1f}"></line>'
            f'<text class="plot-tick" x="0" y="{y + 4:.1f}">{step}</text>'
        )
    seen: dict[tuple[int, float], int] = {}
    for point in points:
        # Points of one month and value sit side by side, not on top of each other.
        slot = (point.day.year * 12 + point.day.month, point.value)
        nudge = seen.get(slot, 0)
        seen[slot] = nudge + 1
        x = _pct(_x(point.day, start, end) + 0.9 * nudge)
        y = bottom - PLOT_HEIGHT * point.value / top_value
        tip = (
            f"<title>{esc(point.name)}: {point.value:g} of {top_value}, released {point.day:%B %Y}, licence "
            f"{'OSI-approved' if point.approved else 'not OSI-approved'}</title>"
        )
        if point.approved:
            body.append(
                f'<circle class="dot dot--approved" cx="{x}" cy="{y:.1f}" r="5.5">{tip}</circle>'
            )
        else:
            body.append(
                f'<g transform="translate(-5 -5)"><rect class="dot dot--other" x="{x}" y="{y:.1f}" '
                f'width="10" height="10">{tip}</rect></g>'
            )
    body.append(
        f'<text class="plot-axis-label" x="{_pct(PLOT_LEFT)}" y="{PLOT_TOP - 2}">openness score</text>'
    )
    approved = sum(1 for p in points if p.approved)
    description = (
        f"{len(points)} models released from {points[0].day:%B %Y} to {points[-1].day:%B %Y}, each placed "
        f"by release date and openness score (0 to {top_value}); {approved} ship under an OSI-approved "
        "licence (circles), the others are squares. The table under the figure lists them all."
    )
    rows = [
        [p.cell, f"{p.day:%Y-%m}", f"{p.value:g}", "yes" if p.approved else "no"] for p in points
    ]
    return (
        '<figure class="plot-figure time-figure no-terms" markdown="1">\n'
        + _svg("over-time", bottom + 24, "Openness over time", description, "".join(body))
        + f"\n<figcaption>{caption} "
        '<span class="plot-key plot-key--approved"><span aria-hidden="true">●</span> OSI-approved licence</span> '
        '<span class="plot-key plot-key--other"><span aria-hidden="true">■</span> other licence</span>. '
        "Point at a mark for its model.</figcaption>\n"
        + _data_table(
            "Every model by release date and openness score",
            ["Model", "Released", "Score", "OSI-approved licence"],
            rows,
        )
        + "\n</figure>"
    )


# -----------------------------------------------------------------------------
# The timeline: events on an axis, a lane per theme
# -----------------------------------------------------------------------------

LANE_HEIGHT, AXIS_TOP = 34, 6
TIMELINE_FROM_YEAR = 2023  # the debate over model openness; earlier events are listed, not drawn


def timeline_figure(found: list[dict], themes: dict[str, str]) -> str:
    """The events since 2023 as dots on a time axis, one lane per theme, each dot named by its event's date and title."""
    drawn = [(day, e) for e in found if (day := _event_day(e)) and day.year >= TIMELINE_FROM_YEAR]
    if not drawn:
        return ""
    start = dt.date(TIMELINE_FROM_YEAR, 1, 1)
    end = dt.date(max(d for d, _ in drawn).year + 1, 1, 1)
    bottom = AXIS_TOP + LANE_HEIGHT * len(themes)
    body = [_year_axis(start, end, AXIS_TOP, bottom)]
    lanes = {theme: index for index, theme in enumerate(themes)}
    for theme, index in lanes.items():
        y = AXIS_TOP + LANE_HEIGHT * index
        body.append(
            f'<line class="plot-lane" x1="{_pct(PLOT_LEFT)}" x2="{_pct(PLOT_RIGHT)}" '
            f'y1="{y + LANE_HEIGHT / 2:.1f}" y2="{y + LANE_HEIGHT / 2:.1f}"></line>'
            f'<text class="plot-label" x="0" y="{y + 11}">{esc(themes[theme])}</text>'
        )
    for day, event in drawn:
        index = lanes.get(str(event.get("theme")))
        if index is None:
            continue
        y = AXIS_TOP + LANE_HEIGHT * index + LANE_HEIGHT / 2 + 4
        # No link on a dot: Material's instant navigation rewrites every <a>'s href, which an SVG
        # link does not allow (an exception on each page view); the list below links each event.
        body.append(
            f'<circle class="dot dot--{esc(event.get("theme"))}" data-event="{esc(event["id"])}" '
            f'cx="{_pct(_x(day, start, end))}" cy="{y:.1f}" r="5"><title>{esc(str(event.get("date")))}: '
            f"{esc(event.get('title', ''))}</title></circle>"
        )
    earlier = len(found) - len(drawn)
    per_theme = ", ".join(
        f"{sum(1 for _d, e in drawn if e.get('theme') == t)} {label.lower()}"
        for t, label in themes.items()
    )
    description = (
        f"{len(drawn)} events from {TIMELINE_FROM_YEAR} to {max(d for d, _ in drawn):%B %Y} on a time axis, "
        f"one lane per theme: {per_theme}. Every event is listed under the figure."
    )
    earlier_note = (
        f" The {earlier} events before {TIMELINE_FROM_YEAR} are in the list only."
        if earlier
        else ""
    )
    return (
        '<figure class="plot-figure timeline-figure no-terms">'
        + _svg(
            "timeline-plot",
            bottom + 24,
            "The debate since 2023, by theme",
            description,
            "".join(body),
        )
        + f"<figcaption>The debate since {TIMELINE_FROM_YEAR}: each dot an event of the list below, in its "
        f"theme’s lane; point at a dot for its date and title.{earlier_note}"
        "</figcaption></figure>"
    )


def _event_day(event: dict) -> dt.date | None:
    """An event's date, a month or year alone placed at its middle."""
    parts = str(event.get("date", "")).split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 15)
        return dt.date(int(parts[0]), 7, 1)
    except ValueError:
        return None
