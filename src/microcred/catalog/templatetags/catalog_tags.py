"""Template filters for the catalogue's pages."""

from __future__ import annotations

from enum import StrEnum

from django import template
from django.utils.translation import get_language

from microcred.vc.elements import label

register = template.Library()


@register.filter
def vocab(value: StrEnum | None) -> str:
    """A controlled value's label in the page's language (English or Turkish)."""
    if value is None:
        return ""
    return label(value, "tr" if (get_language() or "en").startswith("tr") else "en")
