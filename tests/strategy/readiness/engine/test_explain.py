"""Presentation helpers: radar axes and maturity stages in either language."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from microcred.strategy.charts import radar_svg
from microcred.strategy.readiness.engine import Context, assess, default_kb, radar_axes, stage_name

from .tiny import tiny_kb


def test_radar_axes_follow_kb_order_and_language() -> None:
    kb = tiny_kb()
    a = assess({"s1": "yes", "s2": 4, "s3": "yes"}, Context(), kb)
    assert radar_axes(a, kb, "en") == [("Dimension one", 100.0), ("Dimension two", 0.0)]
    assert radar_axes(a, kb, "tr")[0] == ("Dimension one (tr)", 100.0)


def test_stage_boundaries() -> None:
    kb = default_kb()
    assert stage_name(0, kb, "en") == "Exploring"
    assert stage_name(39.99, kb, "en") == "Focused launch"
    assert stage_name(40, kb, "tr") == "Genişleme"
    assert stage_name(100, kb, "tr") == "Bütünleşik"


def test_shipped_assessment_draws_a_four_axis_radar_in_turkish() -> None:
    kb = default_kb()
    svg = radar_svg(radar_axes(assess({"PS-01a": "yes"}, Context(), kb), kb, "tr"))
    root = ET.fromstring(svg)
    assert "Ölçme-değerlendirme" in "".join(root.itertext())
