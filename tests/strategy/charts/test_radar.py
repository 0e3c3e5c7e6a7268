"""radar_svg: well-formed, accessible, right geometry, escaped text, no inline styles."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.strategy.charts import RadarLabels, radar_svg

NS = {"s": "http://www.w3.org/2000/svg"}
AXES = [("Policy", 100.0), ("Design", 50.0), ("Assessment", 0.0), ("Engagement", 25.0)]


def _points(poly: ET.Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in poly.attrib["points"].split())]


def test_well_formed_with_title_and_desc() -> None:
    root = ET.fromstring(radar_svg(AXES, labels=RadarLabels(title="Hazırlık")))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.attrib["role"] == "img"
    assert root.find("s:title", NS) is not None
    assert root.find("s:title", NS).text == "Hazırlık"  # type: ignore[union-attr]
    assert "Policy: 100" in (root.find("s:desc", NS).text or "")  # type: ignore[union-attr]
    assert root.attrib["aria-labelledby"] == "radar-title radar-desc"


def test_one_vertex_per_axis_at_the_right_radius() -> None:
    root = ET.fromstring(radar_svg(AXES))
    current = root.find(".//s:polygon[@class='radar-current']", NS)
    assert current is not None
    pts = _points(current)
    assert len(pts) == 4
    rings = root.findall(".//s:g[@class='radar-grid']/s:polygon", NS)
    outer = _points(rings[-1])
    cx = sum(x for x, _ in outer) / 4
    cy = sum(y for _, y in outer) / 4
    full = math.dist((cx, cy), outer[0])
    dists = [math.dist((cx, cy), p) / full * 100 for p in pts]
    assert dists == pytest.approx([100, 50, 0, 25], abs=0.1)
    assert len(root.findall(".//s:circle", NS)) == 4


def test_previous_polygon_drawn_only_when_given() -> None:
    without = ET.fromstring(radar_svg(AXES))
    assert without.find(".//s:polygon[@class='radar-previous']", NS) is None
    root = ET.fromstring(radar_svg(AXES, previous=[10, 20, 30, 40]))
    prev = root.find(".//s:polygon[@class='radar-previous']", NS)
    assert prev is not None
    assert len(_points(prev)) == 4
    assert prev.attrib["stroke-dasharray"] == "5 4"


def test_labels_are_escaped() -> None:
    axes = [("<script>&", 10.0), ('"quoted"', 20.0), ("ç ğ ı İ ö ş ü", 30.0)]
    svg = radar_svg(axes, labels=RadarLabels(previous="<b>"), previous=[1, 2, 3])
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    texts = "".join(root.itertext())
    assert "<script>&" in texts
    assert "ç ğ ı İ ö ş ü" in texts


def test_no_inline_style_or_script() -> None:
    svg = radar_svg(AXES, previous=[1, 2, 3, 4])
    root = ET.fromstring(svg)
    assert all("style" not in el.attrib for el in root.iter())
    assert all(not el.tag.endswith("script") for el in root.iter())


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="at least 3 axes"):
        radar_svg(AXES[:2])
    with pytest.raises(ValueError, match="expected 4 values"):
        radar_svg(AXES, previous=[1, 2])
    with pytest.raises(ValueError, match="finite"):
        radar_svg([("a", float("nan")), ("b", 1.0), ("c", 2.0)])


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.floats(min_value=-50, max_value=150, allow_nan=False), min_size=3, max_size=8
    )
)
def test_any_values_give_a_well_formed_chart(values: list[float]) -> None:
    svg = radar_svg([(f"axis {i}", v) for i, v in enumerate(values)])
    root = ET.fromstring(svg)
    current = root.find(".//s:polygon[@class='radar-current']", NS)
    assert current is not None
    assert len(_points(current)) == len(values)
    assert svg == radar_svg([(f"axis {i}", v) for i, v in enumerate(values)])
