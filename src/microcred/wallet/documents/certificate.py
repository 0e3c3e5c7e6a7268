"""The printable certificate: a PDF made by WeasyPrint from a Django template.

Offline by construction (``microcred.infra.pdf``): the renderer reads nothing but ``data:``
URIs and the certificate's own directory, since a credential is untrusted input (an
imported one may name any image URL).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from microcred.infra.pdf import RenderedPdf, render_pdf, svg_data_uri
from microcred.wallet.documents.content import CertificateContent, Language, certificate_content
from microcred.wallet.documents.fitting import STEPS, shortened, shortened_note
from microcred.wallet.documents.qr import qr_svg

__all__ = ["LANGUAGES", "OWN_FILES", "qr_svg", "render_certificate_pdf"]

TEMPLATE = "wallet/documents/certificate.html"
STYLESHEET = "wallet/documents/certificate.css"
#: Where the certificate's own files live; the only directory the renderer may read.
OWN_FILES = Path(__file__).resolve().parents[1] / "templates" / "wallet" / "documents"
LANGUAGES: tuple[Language, ...] = ("en", "tr")

logger = logging.getLogger(__name__)


def render_certificate_pdf(
    credential: Mapping[str, Any],
    *,
    verify_url: str,
    lang: str,
    status_note: str | None = None,
    show_name: bool = True,
    issuer_logo: str | None = None,
) -> bytes:
    """The certificate for ``credential`` as PDF bytes, in ``lang`` ("en" or "tr").

    ``verify_url`` opens the public verification page for this credential: it is printed
    under the QR code too, for readers without a camera. ``status_note`` (already
    translated, e.g. "Revoked on 3 May 2026: …") is printed prominently when the credential
    is no longer valid, so an old printout cannot pass as current. ``show_name`` False
    leaves the learner's name out (a share link whose learner chose not to show it).
    ``issuer_logo`` (a ``data:`` URI) is the issuing organisation's logo, for credentials
    this platform issued; an imported credential's issuer gets none (nothing is fetched).
    The certificate is one page: long content is shortened (``fitting``), with a note that
    the online record has it all.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    with translation.override(lang):
        content = certificate_content(credential, lang)
        if not show_name:
            content = replace(content, learner_name=None)
        qr = qr_svg(verify_url, title=_("Verify this credential"))
        context = {
            "lang": lang,
            "verify_url": verify_url,
            "status_note": status_note,
            "qr_data_uri": svg_data_uri(qr),
            "issuer_logo": issuer_logo if (issuer_logo or "").startswith("data:image/") else None,
            "shortened_note": shortened_note(),
        }
        css = render_to_string(STYLESHEET)
        return _one_page(content, context, css)


def _one_page(content: CertificateContent, context: dict[str, Any], css: str) -> bytes:
    """The first rendering, from the fullest to the shortest, that fits on one page."""
    rendered = _render_step(content, context, css, 0)
    for number in range(1, len(STEPS)):
        if rendered.pages == 1:
            break
        logger.info("certificate needs %d pages at step %d", rendered.pages, number - 1)
        rendered = _render_step(content, context, css, number)
    return rendered.pdf


def _render_step(
    content: CertificateContent, context: dict[str, Any], css: str, number: int
) -> RenderedPdf:
    short, left_out = shortened(content, STEPS[number])
    page = {**context, "c": short, "left_out": left_out, "compact": STEPS[number].compact}
    return render_pdf(render_to_string(TEMPLATE, page), css, own_files=OWN_FILES)
