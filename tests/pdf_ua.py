"""Read a PDF's accessibility markers back with pypdf: what a screen reader and a PDF/UA
checker look at first."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass(frozen=True)
class Accessibility:
    """The markers of one PDF: tagged, language, title, PDF/UA part, structure."""

    marked: bool
    language: str | None
    title: str | None
    xmp: str
    pages: int
    structure: list[tuple[str, str | None]]  # (structure type, alt text) in reading order

    @property
    def headings(self) -> list[int]:
        return [
            int(kind[1]) for kind, _ in self.structure if kind in {f"H{n}" for n in range(1, 7)}
        ]

    @property
    def figures(self) -> list[str | None]:
        return [alt for kind, alt in self.structure if kind == "Figure"]


def read(pdf: bytes) -> Accessibility:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject)
    mark_info = root.get("/MarkInfo") or {}
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8") if metadata else ""
    tree = root.get("/StructTreeRoot")
    structure: list[tuple[str, str | None]] = []
    if tree is not None:
        _walk(tree.get_object().get("/K"), structure)
    return Accessibility(
        marked=bool(mark_info.get("/Marked")),
        language=str(root["/Lang"]) if "/Lang" in root else None,
        title=reader.metadata.title if reader.metadata else None,
        xmp=xmp,
        pages=len(reader.pages),
        structure=structure,
    )


def _walk(node: Any, found: list[tuple[str, str | None]]) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, ArrayObject):
        for child in node:
            _walk(child, found)
    elif isinstance(node, DictionaryObject) and "/S" in node:
        alt = node.get("/Alt")
        found.append((str(node["/S"]).lstrip("/"), str(alt) if alt is not None else None))
        _walk(node.get("/K"), found)


def assert_pdf_ua(pdf: bytes, *, language: str, title: str) -> Accessibility:
    """The PDF is tagged, declares PDF/UA-1, has ``language`` and ``title``, headings that
    start at H1 and never skip a level, and alt text on every figure."""
    found = read(pdf)
    assert found.marked
    assert found.language == language
    assert found.title == title
    assert 'pdfuaid:part="1"' in found.xmp
    assert "<dc:title>" in found.xmp
    assert title in found.xmp
    assert found.headings
    assert found.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(found.headings, found.headings[1:], strict=False))
    assert all(alt for alt in found.figures), found.structure
    return found
