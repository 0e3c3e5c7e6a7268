"""The STEEP impact × likelihood matrix as a server-rendered SVG (no script, no style attribute).

The page's Content-Security-Policy forbids inline scripts and style attributes, so colours are
SVG presentation attributes and every text is escaped. Each factor is a numbered dot that
matches its rank in the list beside the chart; hovering shows its title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.translation import gettext as _

from microcred.strategy.steep import band, score

CELL = 72
LEFT = 64
TOP = 16
BOTTOM = 56
FILL = {"low": "#e7f5ec", "medium": "#fff1c2", "high": "#fbd5d5"}
DOT = {"opportunity": "#1a6b34", "threat": "#a3211a"}


@dataclass(frozen=True)
class Dot:
    number: int
    impact: int
    likelihood: int
    orientation: str
    title: str


def _cells() -> list[str]:
    parts = []
    for impact in range(1, 6):
        for likelihood in range(1, 6):
            x = LEFT + (likelihood - 1) * CELL
            y = TOP + (5 - impact) * CELL
            fill = FILL[band(score(impact, likelihood))]
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{fill}" '
                'stroke="#8a96a3" stroke-width="1"/>'
            )
    return parts


def _axes() -> list[str]:
    parts = []
    for n in range(1, 6):
        cx = LEFT + (n - 0.5) * CELL
        cy = TOP + (5.5 - n) * CELL
        parts.append(f'<text x="{cx}" y="{TOP + 5 * CELL + 18}" text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{LEFT - 12}" y="{cy + 5}" text-anchor="end">{n}</text>')
    middle_x = LEFT + 2.5 * CELL
    middle_y = TOP + 2.5 * CELL
    parts.append(
        f'<text x="{middle_x}" y="{TOP + 5 * CELL + 44}" text-anchor="middle" '
        f'font-weight="bold">{escape(_("Likelihood"))}</text>'
    )
    parts.append(
        f'<text x="18" y="{middle_y}" text-anchor="middle" font-weight="bold" '
        f'transform="rotate(-90 18 {middle_y})">{escape(_("Impact"))}</text>'
    )
    return parts


def _dots(dots: Sequence[Dot]) -> list[str]:
    by_cell: dict[tuple[int, int], list[Dot]] = defaultdict(list)
    for dot in dots:
        by_cell[(dot.impact, dot.likelihood)].append(dot)
    parts = []
    for (impact, likelihood), group in by_cell.items():
        for index, dot in enumerate(group[:9]):
            x = LEFT + (likelihood - 1) * CELL + 14 + (index % 3) * 22
            y = TOP + (5 - impact) * CELL + 14 + (index // 3) * 22
            colour = DOT.get(dot.orientation, "#333333")
            parts.append(
                f'<g class="steep-dot"><title>{dot.number}. {escape(dot.title)}</title>'
                f'<circle cx="{x}" cy="{y}" r="10" fill="{colour}"/>'
                f'<text x="{x}" y="{y + 4}" text-anchor="middle" fill="#ffffff" '
                f'font-size="11">{dot.number}</text></g>'
            )
    return parts


def matrix_svg(dots: Sequence[Dot]) -> str:
    """The whole chart; ``dots`` carry the rank numbers shown in the ranked list."""
    width = LEFT + 5 * CELL + 8
    height = TOP + 5 * CELL + BOTTOM
    label = escape(_("STEEP matrix: impact against likelihood"))
    body = "".join(_cells() + _axes() + _dots(dots))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="steep-matrix" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="13" fill="#1b1f24" aria-label="{label}">'
        f"<title>{label}</title>{body}</svg>"
    )
