"""Small helpers shared by the chart builders.

Charts go into HTML under a strict CSP and into WeasyPrint PDFs, so they use only
presentation attributes (fill, stroke, font-size), never ``style``; every piece of text
is XML-escaped because labels come from users (STEEP factor names, ids).
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "DejaVu Sans, Arial, sans-serif"


def text(value: str) -> str:
    return escape(value)


def attr(value: str) -> str:
    """A quoted attribute value, escaped (including quotes)."""
    return quoteattr(value)


def num(x: float) -> str:
    """Fixed, short number formatting so output is byte-for-byte deterministic."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def check_finite(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return value


def open_svg(
    width: float, height: float, prefix: str, title: str, desc: str, css_class: str = "chart"
) -> list[str]:
    """The opening tag with an accessible name and description (role=img)."""
    return [
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" role="img" class={attr(css_class)} '
        f"aria-labelledby={attr(f'{prefix}-title {prefix}-desc')} "
        f"font-family={attr(FONT)}>",
        f"<title id={attr(prefix + '-title')}>{text(title)}</title>",
        f"<desc id={attr(prefix + '-desc')}>{text(desc)}</desc>",
    ]


def wrap(label: str, width: int) -> list[str]:
    """Greedy word wrap: SVG text does not wrap by itself."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def tag(name: str, body: str | None = None, **attrs: str | float) -> str:
    """One element; ``stroke_width`` → ``stroke-width``, ``class_`` → ``class``; values escaped.

    ``body`` is inserted as is: pass it through :func:`text` (or build it from tags).
    """
    parts = [name]
    for key, value in attrs.items():
        shown = num(value) if isinstance(value, int | float) else value
        parts.append(f"{key.rstrip('_').replace('_', '-')}={attr(shown)}")
    head = " ".join(parts)
    return f"<{head}/>" if body is None else f"<{head}>{body}</{name}>"
