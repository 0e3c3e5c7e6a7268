"""The strategy report: canvas, STEEP, readiness and recommendations, as HTML or PDF.

One context serves both the page and the PDF, built in the report's language (the URL's).
The PDF is rendered offline (``microcred.infra.pdf``): nothing but ``data:`` URIs and this
app's own static folder, so nothing the team typed (a source URL, say) makes the renderer
reach the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from microcred.infra.pdf import svg_data_uri, write_pdf
from microcred.strategy import services
from microcred.strategy.canvas.amounts import format_amount
from microcred.strategy.canvas.document import BLOCKS, FieldSpec, item_title, kinds_of
from microcred.strategy.canvas.metrics import live_indicators
from microcred.strategy.content import block_texts, current_language
from microcred.strategy.models import SteepFactor, Strategy
from microcred.strategy.readiness import assessing
from microcred.strategy.readiness import page as readiness_page
from microcred.strategy.readiness.engine import Lang, default_kb
from microcred.strategy.steep.page import factor_matrix

STATIC_ROOT = Path(__file__).resolve().parent.parent / "static" / "strategy"
PDF_TEMPLATE = "strategy/report_pdf.html"
PDF_STYLESHEET = "strategy/report_pdf.css"


def _value(
    spec: FieldSpec, item: Mapping[str, Any], canvas: Mapping[str, Any], factors: dict[str, str]
) -> str:
    """A field's value as the reader should see it: labels for choices, titles for links,
    amounts in the report's language with their currency."""
    raw = item.get(spec.name)
    if raw in (None, ""):
        return ""
    if spec.widget == "amount":
        return format_amount(str(raw), str(item.get("currency") or "TRY"), current_language())
    if spec.widget == "choice":
        return str(dict(spec.choices).get(str(raw), raw))
    if spec.widget == "ref":
        found = next((i for i in canvas.get(spec.ref_kind, []) if i["id"] == raw), None)
        return item_title(spec.ref_kind, found) if found else ""
    if spec.widget == "readonly":
        return factors.get(str(raw), "")
    return str(raw)


def canvas_blocks(snapshot: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each block with its items as (label, value) rows, empty fields left out."""
    canvas = snapshot["canvas"]
    factors = {f["id"]: f["title"] for f in snapshot["steep"]}
    texts = block_texts()
    blocks = []
    for block in BLOCKS:
        kinds = []
        for kind in kinds_of(block):
            items = [
                [
                    (str(spec.label), shown)
                    for spec in kind.fields
                    if spec.name != "currency" and (shown := _value(spec, item, canvas, factors))
                ]
                for item in canvas.get(kind.kind, [])
            ]
            if items:
                kinds.append({"plural": str(kind.plural), "items": items})
        notes = (canvas.get("notes") or {}).get(block, "")
        blocks.append({"key": block, "title": texts[block].title, "kinds": kinds, "notes": notes})
    return blocks


def steep_part(strategy: Strategy) -> dict[str, Any]:
    """The ranked factors and their impact × likelihood matrix, numbered alike."""
    factors = services.snapshot(strategy)["steep"]
    lenses = dict(SteepFactor.Lens.choices)
    orientations = dict(SteepFactor.Orientation.choices)
    rows = [
        {
            "number": n,
            "title": f["title"],
            "lens": lenses.get(f["lens"], f["lens"]),
            "orientation": orientations.get(f["orientation"], f["orientation"]),
            "impact": f["impact"],
            "likelihood": f["likelihood"],
            "score": f["score"],
            "source": f["source"],
        }
        for n, f in enumerate(factors, start=1)
    ]
    return {"factors": rows, "matrix": factor_matrix(factors, id_prefix="report-matrix")}


def report_context(strategy: Strategy, lang: Lang) -> dict[str, Any]:
    """Everything the report shows, in ``lang`` (call inside ``translation.override``)."""
    snapshot = services.snapshot(strategy)
    history = assessing.history_of(strategy)
    readiness: dict[str, Any] | None = None
    if history is not None:
        readiness = {
            "history": history,
            "radar": readiness_page.radar(history, lang, id_prefix="report-radar"),
            "dimensions": readiness_page.dimensions(history, default_kb(), lang),
            "recommendations": readiness_page.recommendations(history.current, lang),
        }
    return {
        "lang": lang,
        "strategy": strategy,
        "organization": strategy.organization,
        "generated": timezone.now(),
        "blocks": canvas_blocks(snapshot),
        "live": live_indicators(snapshot["canvas"], strategy.organization),
        "steep": steep_part(strategy),
        "readiness": readiness,
    }


def render_report_pdf(strategy: Strategy, lang: Lang) -> bytes:
    """The report as PDF bytes in ``lang``; charts go in as ``data:`` images."""
    with translation.override(lang):
        context = report_context(strategy, lang)
        context["matrix_uri"] = (
            svg_data_uri(context["steep"]["matrix"]) if context["steep"]["matrix"] else ""
        )
        if context["readiness"]:
            context["radar_uri"] = svg_data_uri(context["readiness"]["radar"])
        html = render_to_string(PDF_TEMPLATE, context)
        css = render_to_string(PDF_STYLESHEET)
    return write_pdf(html, css, own_files=STATIC_ROOT)
