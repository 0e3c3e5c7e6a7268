"""matrix_svg: 5 × 5 shaded grid, one labelled dot per factor, escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from microcred.strategy.charts import MatrixLabels, MatrixPoint, matrix_svg
from microcred.strategy.charts.matrix import BANDS, band
from microcred.strategy.steep.scoring import band as steep_band

NS = {"s": "http://www.w3.org/2000/svg"}

POINTS = [
    MatrixPoint("T1", impact=4, likelihood=5, kind="threat", title="Quality <concerns> & trust"),
    MatrixPoint("O1", impact=5, likelihood=4, kind="opportunity", title="Employer demand"),
    MatrixPoint("O2", impact=5, likelihood=4, kind="opportunity"),
    MatrixPoint("X1", impact=1, likelihood=1),
]


def test_bands_follow_the_steep_rule() -> None:
    """The colour a factor's cell has is the risk level it becomes on the canvas."""
    assert [band(s) for s in (1, 7, 8, 14, 15, 25)] == [0, 0, 1, 1, 2, 2]
    for score in range(1, 26):
        assert BANDS[band(score)][0] == steep_band(score)


def test_cells_are_shaded_by_the_band_of_their_score() -> None:
    root = ET.fromstring(matrix_svg(POINTS))
    cells = [r for r in root.findall("s:rect", NS) if r.attrib["width"] == "64"]
    colour = dict(BANDS)
    for cell in cells:
        score = int(cell.find("s:title", NS).text.rsplit("(", 1)[1].rstrip(")"))  # type: ignore[union-attr]
        assert cell.attrib["fill"] == colour[steep_band(score)]


def test_grid_and_points() -> None:
    root = ET.fromstring(matrix_svg(POINTS))
    cells = [r for r in root.findall("s:rect", NS) if r.attrib["width"] == "64"]
    assert len(cells) == 25
    fills = {c.attrib["fill"] for c in cells}
    assert fills == {fill for _, fill in BANDS}
    groups = root.findall(".//s:g[@class='matrix-point']", NS)
    assert len(groups) == 4
    labels = [g.find("s:text", NS).text for g in groups]  # type: ignore[union-attr]
    assert labels == ["T1", "O1", "O2", "X1"]


def test_points_in_the_same_cell_do_not_overlap() -> None:
    root = ET.fromstring(matrix_svg(POINTS))
    centres = [
        (c.attrib["cx"], c.attrib["cy"])
        for g in root.findall(".//s:g[@class='matrix-point']", NS)
        for c in g.findall("s:circle", NS)
    ]
    assert len(set(centres)) == 4


def test_higher_impact_is_drawn_higher_and_more_likely_further_right() -> None:
    root = ET.fromstring(matrix_svg(POINTS))
    circles = {
        g.find("s:text", NS).text: g.find("s:circle", NS)  # type: ignore[union-attr]
        for g in root.findall(".//s:g[@class='matrix-point']", NS)
    }
    t1, x1 = circles["T1"], circles["X1"]
    assert t1 is not None
    assert x1 is not None
    assert float(t1.attrib["cy"]) < float(x1.attrib["cy"])
    assert float(t1.attrib["cx"]) > float(x1.attrib["cx"])


def test_text_escaped_and_translated() -> None:
    labels = MatrixLabels(title="Etki × olasılık", x_axis="Olasılık", y_axis="Etki")
    svg = matrix_svg([*POINTS, MatrixPoint('<&">', 3, 3, "threat", "İş & <güç>")], labels=labels)
    root = ET.fromstring(svg)
    assert root.find("s:title", NS).text == "Etki × olasılık"  # type: ignore[union-attr]
    texts = "".join(root.itertext())
    assert '<&">' in texts
    assert "İş & <güç>" in texts
    assert "Olasılık" in texts
    assert all("style" not in el.attrib for el in root.iter())


def test_empty_matrix_is_still_valid() -> None:
    root = ET.fromstring(matrix_svg([]))
    assert root.findall(".//s:g[@class='matrix-point']", NS) == []
    assert root.find("s:desc", NS).text  # type: ignore[union-attr]


@pytest.mark.parametrize(("impact", "likelihood"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_out_of_range_is_refused(impact: int, likelihood: int) -> None:
    with pytest.raises(ValueError, match="must be an integer 1–5"):
        matrix_svg([MatrixPoint("A", impact=impact, likelihood=likelihood)])
