"""Shapes ranked STEEP factors into what the STEEP page and the report show: the numbered
rows and the one impact × likelihood matrix, its texts in the active language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from microcred.strategy.canvas.document import KINDS
from microcred.strategy.charts import MatrixLabels, MatrixPoint, matrix_svg
from microcred.strategy.models import SteepFactor, Strategy


def matrix_labels() -> MatrixLabels:
    return MatrixLabels(
        title=_("STEEP matrix: impact against likelihood"),
        x_axis=_("Likelihood"),
        y_axis=_("Impact"),
        bands=(_("Low"), _("Medium"), _("High")),
        opportunity=_("Opportunity"),
        threat=_("Threat"),
    )


def factor_matrix(factors: Sequence[dict[str, Any]], id_prefix: str = "matrix") -> SafeString:
    """The matrix of ranked factor dicts (``steep.work.factor_dict``), dots numbered by rank.

    Empty when there is no factor: an empty grid tells the reader nothing.
    """
    points = [
        MatrixPoint(str(n), f["impact"], f["likelihood"], f["orientation"], f["title"])
        for n, f in enumerate(factors, start=1)
    ]
    if not points:
        return mark_safe("")
    svg = matrix_svg(points, labels=matrix_labels(), id_prefix=id_prefix)
    return mark_safe(svg)  # noqa: S308 -- matrix_svg escapes every text it draws


def factor_rows(factors: list[SteepFactor], strategy: Strategy) -> list[dict[str, Any]]:
    """Ranked factors with where each went on the canvas (if the item still exists)."""
    canvas = strategy.canvas
    rows = []
    for number, factor in enumerate(factors, start=1):
        sent = ""
        if factor.sent_item and any(
            i["id"] == factor.sent_item for i in canvas.get(factor.sent_kind, [])
        ):
            sent = str(KINDS[factor.sent_kind].label)
        rows.append({"number": number, "factor": factor, "sent": sent})
    return rows
