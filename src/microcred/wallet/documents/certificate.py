"""The printable certificate: a PDF made by WeasyPrint from a Django template.

Offline by construction. The URL fetcher refuses every URL except ``data:`` URIs and files
under the certificate's own directory: a credential is untrusted input (an imported one may
name any image URL), and a renderer that fetched it would let the credential's author learn
who printed it, or probe our internal network. Fonts come from fontconfig (DejaVu, Debian's
``fonts-dejavu-core``), which covers Turkish letters and embeds them with a Unicode map, so
``ç ğ ı İ ö ş ü`` survive copy-and-paste and ``pdftotext``.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.urls import (  # type: ignore[import-untyped]
    URLFetcher,
    URLFetcherResponse,
)

from microcred.wallet.documents.content import Language, certificate_content
from microcred.wallet.documents.qr import qr_svg

__all__ = ["HTML", "LANGUAGES", "OWN_FILES", "OfflineFetcher", "qr_svg", "render_certificate_pdf"]

TEMPLATE = "wallet/documents/certificate.html"
STYLESHEET = "wallet/documents/certificate.css"
#: Where the certificate's own files live; the only directory the renderer may read.
OWN_FILES = Path(__file__).resolve().parents[1] / "templates" / "wallet" / "documents"
LANGUAGES: tuple[Language, ...] = ("en", "tr")


class OfflineFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """WeasyPrint's fetcher, reduced to ``data:`` URIs and files under ``allowed_root``."""

    def __init__(self, allowed_root: Path = OWN_FILES) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.allowed_root = allowed_root.resolve()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and self._is_own_file(url):
            return super().fetch(url, headers)
        raise PermissionError(f"the certificate renderer does not fetch {url[:80]!r}")

    def _is_own_file(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(self.allowed_root) and path.is_file()


def render_certificate_pdf(
    credential: Mapping[str, Any],
    *,
    verify_url: str,
    lang: str,
    status_note: str | None = None,
) -> bytes:
    """The certificate for ``credential`` as PDF bytes, in ``lang`` ("en" or "tr").

    ``verify_url`` opens the public verification page for this credential: it is printed
    under the QR code too, for readers without a camera. ``status_note`` (already
    translated, e.g. "Revoked on 3 May 2026: …") is printed prominently when the credential
    is no longer valid, so an old printout cannot pass as current.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    with translation.override(lang):
        content = certificate_content(credential, lang)
        qr = qr_svg(verify_url, title=_("Verify this credential"))
        context = {
            "lang": lang,
            "c": content,
            "verify_url": verify_url,
            "status_note": status_note,
            "qr_data_uri": "data:image/svg+xml;base64,"
            + base64.b64encode(qr.encode("utf-8")).decode("ascii"),
        }
        html = render_to_string(TEMPLATE, context)
        css = render_to_string(STYLESHEET)
    fetcher = OfflineFetcher()
    document = HTML(string=html, base_url=OWN_FILES.as_uri() + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
    return pdf
