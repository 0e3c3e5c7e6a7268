"""Organisation logos: checked on upload, then served by the platform itself.

PNG and JPEG are opened and re-encoded as PNG (metadata dropped, and anything that is not
really an image refused). An SVG is kept only if it is plain drawing: no document type or
entities, no script, no event attribute, no link to anything outside the file, no
``foreignObject``. It is served with a policy that forbids scripts anyway and shown only
through ``<img>``, where browsers run none — three locks on one door.
"""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils.translation import gettext as _

from microcred.organizations.errors import LogoError
from microcred.organizations.models import Organization

#: The largest logo accepted, in bytes.
MAX_BYTES = 256 * 1024
#: The largest side of a re-encoded raster logo, in pixels.
MAX_SIDE = 1024
_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}
_LINK_ATTRIBUTES = {"href", "src"}
_UNSAFE_TEXT = re.compile(r"javascript:|@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Logo:
    data: bytes
    content_type: str


def check_logo(data: bytes) -> Logo:
    """The logo to keep for ``data``, or LogoError."""
    if len(data) > MAX_BYTES:
        raise LogoError(
            _("The logo is larger than %(limit)d KB; use a smaller file.")
            % {"limit": MAX_BYTES // 1024}
        )
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return Logo(_reencode(data), "image/png")
    if _looks_like_svg(data):
        return Logo(_checked_svg(data), "image/svg+xml")
    raise LogoError(_("The logo must be a PNG, JPEG or SVG image."))


def _reencode(data: bytes) -> bytes:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise LogoError(_("The image could not be read; it may be damaged.")) from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head


def _checked_svg(data: bytes) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LogoError(_("The SVG file is not UTF-8 text.")) from None
    if "<!doctype" in text.lower() or "<!entity" in text.lower():
        raise LogoError(_("The SVG file declares a document type; save it as plain SVG."))
    try:
        # No DTD got this far, so no entity can expand or point outside: plain parsing is safe.
        root = ET.fromstring(text)  # noqa: S314
    except ET.ParseError:
        raise LogoError(_("The SVG file is not well-formed XML.")) from None
    if _local(root.tag) != "svg":
        raise LogoError(_("The logo must be a PNG, JPEG or SVG image."))
    for element in root.iter():
        _check_element(element)
    return data


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _check_element(element: ET.Element) -> None:
    refused = _("The SVG file contains scripts or links to other content; logos cannot.")
    if _local(str(element.tag)) in _FORBIDDEN_TAGS:
        raise LogoError(refused)
    for name, value in element.attrib.items():
        local = _local(name)
        if local.startswith("on"):
            raise LogoError(refused)
        if local in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
            raise LogoError(refused)
        if _UNSAFE_TEXT.search(value):
            raise LogoError(refused)
    if element.text and _UNSAFE_TEXT.search(element.text):
        raise LogoError(refused)


__all__ = ["MAX_BYTES", "Logo", "check_logo"]


def logo_data_uri(org: Organization) -> str | None:
    """The organisation's logo as a ``data:`` URI (what the offline PDF renderer may load)."""
    if not org.logo or not org.logo_type:
        return None
    encoded = base64.b64encode(bytes(org.logo)).decode("ascii")
    return f"data:{org.logo_type};base64,{encoded}"
