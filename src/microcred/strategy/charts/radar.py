"""Radar (spider) chart of readiness per dimension, optionally over a previous assessment."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from microcred.strategy.charts.svg import attr, check_finite, num, open_svg, tag, text, wrap

CURRENT_COLOUR = "#1d4ed8"
PREVIOUS_COLOUR = "#6b7280"
GRID_COLOUR = "#d1d5db"
LINE = 13  # text line height in px
SIDE_MARGIN = 100


@dataclass(frozen=True)
class RadarLabels:
    """Texts in the caller's language; the chart itself knows no language."""

    title: str = "Readiness by dimension"
    current: str = "Current assessment"
    previous: str = "Previous assessment"


def _point(
    cx: float, cy: float, radius: float, index: int, count: int, value: float
) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = radius * value / 100.0
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _polygon(points: Sequence[tuple[float, float]], **attrs: str) -> str:
    coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    extra = " ".join(f"{k.replace('_', '-')}={attr(v)}" for k, v in attrs.items())
    return f'<polygon points="{coords}" {extra}/>'


def _values(values: Sequence[float], count: int, what: str) -> list[float]:
    if len(values) != count:
        raise ValueError(f"{what}: expected {count} values, got {len(values)}")
    return [min(100.0, max(0.0, check_finite(float(v), what))) for v in values]


def _label(cx: float, cy: float, radius: float, i: int, n: int, name: str, value: float) -> str:
    """Axis name (wrapped) and score, placed just outside the 100 ring, away from the centre."""
    x, y = _point(cx, cy, radius + 14, i, n, 100)
    anchor = "middle" if abs(x - cx) < 1 else ("start" if x > cx else "end")
    lines = [*wrap(name, 18), num(value)]
    if y < cy - 1:
        top = y - (len(lines) - 1) * LINE
    elif y > cy + 1:
        top = y + 8
    else:
        top = y - (len(lines) - 1) * LINE / 2 + 4
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(top + k * LINE)}">{text(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" font-size="11" fill="#111827">{spans}</text>'


def radar_svg(
    axes: Sequence[tuple[str, float]],
    *,
    previous: Sequence[float] | None = None,
    size: int = 420,
    labels: RadarLabels = RadarLabels(),
    id_prefix: str = "radar",
) -> str:
    """An SVG radar chart: one axis per (name, 0–100 score); values outside 0–100 are clamped."""
    n = len(axes)
    if n < 3:
        raise ValueError("a radar chart needs at least 3 axes")
    current = _values([v for _, v in axes], n, "axes")
    width = size + SIDE_MARGIN  # room for long axis names left and right
    cx, cy = width / 2, size / 2 - 10
    radius = size * 0.3
    desc = "; ".join(f"{name}: {num(v)}" for (name, _), v in zip(axes, current, strict=True))
    if previous is not None:
        prev = _values(previous, n, "previous")
        desc += " — " + labels.previous + ": " + ", ".join(num(v) for v in prev)
    out = open_svg(width, size, id_prefix, labels.title, desc)
    out.append('<g class="radar-grid">')
    for ring in (25, 50, 75, 100):
        ring_pts = [_point(cx, cy, radius, i, n, ring) for i in range(n)]
        out.append(_polygon(ring_pts, fill="none", stroke=GRID_COLOUR, stroke_width="1"))
    for i in range(n):
        x, y = _point(cx, cy, radius, i, n, 100)
        out.append(tag("line", x1=cx, y1=cy, x2=x, y2=y, stroke=GRID_COLOUR))
    out.append("</g>")
    if previous is not None:
        prev_pts = [_point(cx, cy, radius, i, n, v) for i, v in enumerate(prev)]
        out.append(
            _polygon(
                prev_pts,
                **{"class": "radar-previous"},
                fill="none",
                stroke=PREVIOUS_COLOUR,
                stroke_width="2",
                stroke_dasharray="5 4",
            )
        )
    cur_pts = [_point(cx, cy, radius, i, n, v) for i, v in enumerate(current)]
    out.append(
        _polygon(
            cur_pts,
            **{"class": "radar-current"},
            fill=CURRENT_COLOUR,
            fill_opacity="0.2",
            stroke=CURRENT_COLOUR,
            stroke_width="2",
        )
    )
    out += [
        f'<circle cx="{num(x)}" cy="{num(y)}" r="3" fill="{CURRENT_COLOUR}"/>' for x, y in cur_pts
    ]
    out += [_label(cx, cy, radius, i, n, name, current[i]) for i, (name, _) in enumerate(axes)]
    out += _legend(width, size, labels, previous is not None)
    out.append("</svg>")
    return "".join(out)


def _legend(width: float, size: int, labels: RadarLabels, with_previous: bool) -> list[str]:
    y = size - 14
    out = [
        tag("rect", x=10, y=y - 9, width=14, height=10, fill=CURRENT_COLOUR, fill_opacity=0.4),
        tag("text", text(labels.current), x=30, y=y, font_size=11, fill="#111827"),
    ]
    if with_previous:
        x = width / 2
        out += [
            f'<line x1="{num(x)}" y1="{num(y - 4)}" x2="{num(x + 14)}" y2="{num(y - 4)}" '
            f'stroke="{PREVIOUS_COLOUR}" stroke-width="2" stroke-dasharray="5 4"/>',
            tag("text", text(labels.previous), x=x + 20, y=y, font_size=11, fill="#111827"),
        ]
    return out
