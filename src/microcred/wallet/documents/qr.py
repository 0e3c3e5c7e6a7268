"""QR codes for share links and certificates, drawn by segno (pure Python, no network).

Error correction is fixed at "M" (15 %) and never boosted: a printed certificate may get
creased, but a denser code is harder for old phone cameras, and the URLs are short. The SVG
is for pages served under a strict CSP, so it carries no ``style`` attribute and no script,
only presentation attributes; its ``<title>`` and ``role="img"`` name it for screen readers.
"""

from __future__ import annotations

import io

import segno

ERROR_LEVEL = "m"
BORDER = 4  # the quiet zone ISO/IEC 18004 asks for
DEFAULT_TITLE = "QR code"


def make_qr(url: str) -> segno.QRCode:
    """The symbol for ``url`` (always a full QR code, never a Micro QR)."""
    if not url:
        raise ValueError("a QR code needs a non-empty URL")
    return segno.make(url, error=ERROR_LEVEL, micro=False, boost_error=False)


def qr_svg(url: str, *, title: str = DEFAULT_TITLE) -> str:
    """An ``<svg>`` element (with its namespace) encoding ``url``, scalable by CSS.

    ``title`` is the accessible name; callers pass a translated one ("Verify this
    credential"). The URL is repeated in ``<desc>`` so assistive technology can read it.
    """
    buffer = io.BytesIO()
    make_qr(url).save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        title=title,  # segno escapes both
        desc=url,
        border=BORDER,
        svgclass="qr-code",
        lineclass="qr-dark",
        omitsize=True,  # a viewBox only: the page decides the size
        dark="#000",
        light="#fff",  # opaque: a transparent code vanishes on a dark page
    )
    svg = buffer.getvalue().decode("utf-8")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_png(url: str, *, scale: int = 4) -> bytes:
    """A black-on-white PNG encoding ``url``; each module is ``scale`` pixels wide."""
    if scale < 1:
        raise ValueError("scale must be at least 1 pixel per module")
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="png", scale=scale, border=BORDER, dark="#000", light="#fff")
    return buffer.getvalue()
