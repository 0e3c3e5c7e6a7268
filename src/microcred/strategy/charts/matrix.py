"""Impact × likelihood matrix (5 × 5) for STEEP factors, cells shaded by score band.

The one drawing of the matrix, for the STEEP page and the report alike. The bands are the
STEEP rule's own (``steep.scoring.band``: a threat in the "high" band becomes a high risk on
the canvas), so the colour a team sees is the level the factor will carry.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from microcred.strategy.charts.svg import num, open_svg, tag, text
from microcred.strategy.steep.scoring import band as steep_band

# fill colour per band of ``steep.scoring.band``, in the order of ``MatrixLabels.bands``
BANDS: tuple[tuple[str, str], ...] = (
    ("low", "#dcfce7"),
    ("medium", "#fef9c3"),
    ("high", "#fecaca"),
)
KIND_COLOUR = {"opportunity": "#15803d", "threat": "#b91c1c", None: "#1f2937"}
CELL = 64
LEFT, TOP = 56, 16


@dataclass(frozen=True)
class MatrixPoint:
    """One factor: ``label`` is a short id drawn on the chart, ``title`` its full name (tooltip)."""

    label: str
    impact: int
    likelihood: int
    kind: Literal["opportunity", "threat"] | None = None
    title: str = ""


@dataclass(frozen=True)
class MatrixLabels:
    title: str = "Impact × likelihood"
    x_axis: str = "Likelihood"
    y_axis: str = "Impact"
    bands: tuple[str, str, str] = ("Low", "Medium", "High")
    opportunity: str = "Opportunity"
    threat: str = "Threat"


def band(score: int) -> int:
    """Index into ``BANDS`` of impact × likelihood (1–25), by the STEEP rule."""
    name = steep_band(score)
    return next(i for i, (key, _) in enumerate(BANDS) if key == name)


def _check(p: MatrixPoint) -> None:
    for what, v in (("impact", p.impact), ("likelihood", p.likelihood)):
        if not (isinstance(v, int) and 1 <= v <= 5):
            raise ValueError(f"{p.label}: {what} must be an integer 1–5, got {v!r}")


def _cells(labels: MatrixLabels) -> list[str]:
    out = []
    for impact in range(1, 6):
        for likelihood in range(1, 6):
            x = LEFT + (likelihood - 1) * CELL
            y = TOP + (5 - impact) * CELL
            fill = BANDS[band(impact * likelihood)][1]
            name = labels.bands[band(impact * likelihood)]
            tip = tag("title", text(f"{name} ({impact * likelihood})"))
            out.append(
                tag("rect", tip, x=x, y=y, width=CELL, height=CELL, fill=fill, stroke="#ffffff")
            )
    return out


def _axes(labels: MatrixLabels) -> list[str]:
    bottom = TOP + 5 * CELL
    out = [
        f'<text x="{LEFT + k * CELL + CELL // 2}" y="{bottom + 16}" text-anchor="middle" '
        f'font-size="11" fill="#374151">{k + 1}</text>'
        for k in range(5)
    ]
    out += [
        f'<text x="{LEFT - 10}" y="{TOP + (5 - k - 1) * CELL + CELL // 2 + 4}" text-anchor="end" '
        f'font-size="11" fill="#374151">{k + 1}</text>'
        for k in range(5)
    ]
    mid_y = TOP + 5 * CELL / 2
    out.append(
        f'<text x="{LEFT + 5 * CELL / 2}" y="{bottom + 34}" text-anchor="middle" font-size="12" '
        f'fill="#111827">{text(labels.x_axis)}</text>'
    )
    out.append(
        f'<text x="16" y="{num(mid_y)}" text-anchor="middle" font-size="12" fill="#111827" '
        f'transform="rotate(-90 16 {num(mid_y)})">{text(labels.y_axis)}</text>'
    )
    return out


def _points(points: Sequence[MatrixPoint]) -> list[str]:
    """Several factors in one cell are spread on a small grid inside it, in input order."""
    by_cell: dict[tuple[int, int], list[MatrixPoint]] = {}
    for p in points:
        by_cell.setdefault((p.impact, p.likelihood), []).append(p)
    out = []
    for (impact, likelihood), members in by_cell.items():
        side = math.ceil(math.sqrt(len(members)))
        step = CELL / side
        for k, p in enumerate(members):
            x = LEFT + (likelihood - 1) * CELL + step * (k % side) + step / 2
            y = TOP + (5 - impact) * CELL + step * (k // side) + step / 2
            colour = KIND_COLOUR[p.kind]
            tip = p.title or p.label
            body = (
                tag("title", text(tip))
                + tag("circle", cx=x, cy=y, r=min(11.0, step / 2 - 1), fill=colour)
                + tag(
                    "text",
                    text(p.label),
                    x=x,
                    y=y + 3.5,
                    text_anchor="middle",
                    font_size=9,
                    fill="#ffffff",
                )
            )
            out.append(tag("g", body, class_="matrix-point"))
    return out


def _legend(labels: MatrixLabels, y: float) -> list[str]:
    out = []
    x = float(LEFT)
    for (_, fill), name in zip(BANDS, labels.bands, strict=True):
        out.append(tag("rect", x=x, y=y - 9, width=12, height=12, fill=fill, stroke="#9ca3af"))
        out.append(tag("text", text(name), x=x + 16, y=y + 1, font_size=10, fill="#111827"))
        x += 16 + 7 * len(name) + 14
    y2 = y + 18
    x = float(LEFT)
    for kind, name in (("opportunity", labels.opportunity), ("threat", labels.threat)):
        out.append(
            f'<circle cx="{num(x + 6)}" cy="{num(y2 - 3)}" r="6" fill="{KIND_COLOUR[kind]}"/>'
        )
        out.append(tag("text", text(name), x=x + 16, y=y2 + 1, font_size=10, fill="#111827"))
        x += 16 + 7 * len(name) + 14
    return out


def matrix_svg(
    points: Sequence[MatrixPoint],
    *,
    labels: MatrixLabels = MatrixLabels(),
    id_prefix: str = "matrix",
) -> str:
    """An SVG 5 × 5 grid, likelihood across, impact up; one labelled dot per point."""
    for p in points:
        _check(p)
    width = LEFT + 5 * CELL + 16
    height = TOP + 5 * CELL + 82
    desc = "; ".join(
        f"{p.label}{' — ' + p.title if p.title else ''}: "
        f"{labels.y_axis} {p.impact}, {labels.x_axis} {p.likelihood}"
        for p in points
    )
    out = open_svg(width, height, id_prefix, labels.title, desc or labels.title, "steep-matrix")
    out += _cells(labels)
    out += _axes(labels)
    out += _points(points)
    out += _legend(labels, TOP + 5 * CELL + 56)
    out.append("</svg>")
    return "".join(out)
