"""HTML to PDF with WeasyPrint, offline by construction — shared by every printable document.

The URL fetcher refuses every URL except ``data:`` URIs and files under the document's own
directory. What gets printed is often untrusted (an imported credential may name any image
URL; a strategy's sources are whatever the team typed): a renderer that fetched it would let
its author learn who printed it, or probe our internal network. Fonts come from fontconfig
(DejaVu, Debian's ``fonts-dejavu-core``), which covers Turkish letters and embeds them with a
Unicode map, so ``ç ğ ı İ ö ş ü`` survive copy-and-paste and ``pdftotext``.

Every PDF is tagged and declares PDF/UA-1 (``pdf_variant="pdf/ua-1"``): a structure tree
from the HTML (headings, paragraphs, tables, lists, figures with their ``alt`` text), the
document language from ``<html lang>``, the title from ``<title>`` shown instead of the
file name. A screen reader then reads a certificate or a report in order and in the right
language. The templates keep their part of the bargain: a ``lang``, a ``<title>``, ``alt``
on every image, headings that do not skip a level.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

__all__ = [
    "PDF_VARIANT",
    "OfflineFetcher",
    "RenderedPdf",
    "render_pdf",
    "svg_data_uri",
    "write_pdf",
]

PDF_VARIANT = "pdf/ua-1"


class OfflineFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """WeasyPrint's fetcher, reduced to ``data:`` URIs and files under ``allowed_root``."""

    def __init__(self, allowed_root: Path) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.allowed_root = allowed_root.resolve()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and self._is_own_file(url):
            return super().fetch(url, headers)
        raise PermissionError(f"the PDF renderer does not fetch {url[:80]!r}")

    def _is_own_file(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(self.allowed_root) and path.is_file()


def svg_data_uri(svg: str) -> str:
    """An SVG as an image the renderer may load (it fetches nothing else)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    """A PDF and its number of pages (a one-page document checks it before keeping it)."""

    pdf: bytes
    pages: int


def render_pdf(html: str, css: str, *, own_files: Path) -> RenderedPdf:
    """The tagged PDF of ``html`` styled by ``css``; relative URLs resolve under ``own_files``."""
    fetcher = OfflineFetcher(own_files)
    source = HTML(string=html, base_url=own_files.as_uri() + "/", url_fetcher=fetcher)
    stylesheet = CSS(string=css, url_fetcher=fetcher)
    document = source.render(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPdf(pdf, len(document.pages))


def write_pdf(html: str, css: str, *, own_files: Path) -> bytes:
    """The tagged PDF of ``html`` styled by ``css``; relative URLs resolve under ``own_files``."""
    return render_pdf(html, css, own_files=own_files).pdf
