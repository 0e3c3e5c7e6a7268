"""Shorten a certificate's content, step by step, until it fits on one page.

A certificate is one page: it is pinned on a wall, attached to an application, handed
over at a ceremony. A micro-credential may still carry thirty outcomes and twenty skills,
and a title of two lines in both languages. The first step only tightens the type; each
later one keeps fewer list items and shorter texts, and says what it left out ("… and 22
more"); the signed credential, one scan of the QR code away, keeps everything.
``render_certificate_pdf`` tries the steps in order and keeps the first that fits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred.wallet.documents.content import CertificateContent, Row


@dataclass(frozen=True, slots=True)
class Step:
    """How much of the content one attempt keeps."""

    items: int | None  # list items per element (None: all)
    text: int | None  # characters of a long text (None: all)
    title: int | None  # characters of the title
    compact: bool = True  # smaller type and spacing


STEPS = (
    Step(items=None, text=None, title=None, compact=False),
    Step(items=None, text=None, title=None),
    Step(items=8, text=400, title=200),
    Step(items=5, text=240, title=140),
    Step(items=3, text=140, title=100),
    Step(items=2, text=80, title=80),
)


def shortened(content: CertificateContent, step: Step) -> tuple[CertificateContent, bool]:
    """``content`` as ``step`` keeps it, and whether anything was left out."""
    rows = tuple(_row(row, step) for row in content.rows)
    short = replace(
        content,
        title=_cut(content.title, step.title),
        description=_cut(content.description, step.text) if content.description else None,
        rows=rows,
    )
    return short, short != content


def _row(row: Row, step: Step) -> Row:
    values = tuple(_cut(value, step.text) for value in row.values)
    if step.items is None or len(values) <= step.items:
        return replace(row, values=values)
    left = len(values) - step.items
    more = ngettext("… and %(count)d more", "… and %(count)d more", left) % {"count": left}
    return replace(row, values=(*values[: step.items], more))


def _cut(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def shortened_note() -> str:
    return _(
        "Shortened to fit one page: the online record at the address above lists every "
        "element in full."
    )
