"""The QR codes encode exactly the URL: compared module by module with segno's own matrix."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import segno
from PIL import Image

from microcred.wallet.documents.qr import BORDER, qr_png, qr_svg

URL = "https://wallet.example.edu.tr/tr/verification/s/q8Zt3xY-Kp1vN0aE?lang=tr"
SVG_NS = "{http://www.w3.org/2000/svg}"


def expected_matrix(url: str) -> list[list[bool]]:
    symbol = segno.make(url, error="m", micro=False, boost_error=False)
    return [[bool(cell) for cell in row] for row in symbol.matrix]


def svg_matrix(svg: str) -> list[list[bool]]:
    """Rebuild the dark modules from segno's path (M/m moves, h runs, rows at y + 0.5)."""
    root = ET.fromstring(svg)
    size = int(root.attrib["viewBox"].split()[2])
    grid = [[False] * size for _ in range(size)]
    path = next(p for p in root.iter(f"{SVG_NS}path") if p.get("class") == "qr-dark")
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path.attrib["d"]):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = True
            x += float(a)
    return [row[BORDER:-BORDER] for row in grid[BORDER:-BORDER]]


def png_matrix(png: bytes, scale: int) -> list[list[bool]]:
    image = Image.open(io.BytesIO(png)).convert("L")
    modules = image.width // scale
    centre = scale // 2
    pixels = image.tobytes()  # one grey byte per pixel, row by row

    def dark(row: int, column: int) -> bool:
        return pixels[(row * scale + centre) * image.width + column * scale + centre] < 128

    return [[dark(r, c) for c in range(modules)] for r in range(modules)][BORDER:-BORDER]


def test_svg_encodes_the_url() -> None:
    assert svg_matrix(qr_svg(URL)) == expected_matrix(URL)


def test_svg_of_another_url_differs() -> None:
    assert svg_matrix(qr_svg(URL + "x")) != expected_matrix(URL)


@pytest.mark.parametrize("scale", [1, 4, 7])
def test_png_encodes_the_url(scale: int) -> None:
    rows = png_matrix(qr_png(URL, scale=scale), scale)
    assert [row[BORDER:-BORDER] for row in rows] == expected_matrix(URL)


def test_svg_is_accessible_and_csp_safe() -> None:
    svg = qr_svg(URL, title="Bu mikro-yeterliliği doğrula <şimdi>")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG_NS}title").text == "Bu mikro-yeterliliği doğrula <şimdi>"  # type: ignore[union-attr]
    assert root.find(f"{SVG_NS}desc").text == URL  # type: ignore[union-attr]
    for element in root.iter():
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)
        assert element.tag not in (f"{SVG_NS}script", f"{SVG_NS}style")


def test_png_is_a_png_of_the_right_size() -> None:
    png = qr_png(URL, scale=3)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    side = (len(expected_matrix(URL)) + 2 * BORDER) * 3
    assert Image.open(io.BytesIO(png)).size == (side, side)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        qr_svg("")
    with pytest.raises(ValueError, match="scale"):
        qr_png(URL, scale=0)
