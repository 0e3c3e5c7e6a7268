"""Template filters for the catalogue's pages."""

from __future__ import annotations

from enum import StrEnum

from django import template
from django.utils.translation import get_language

from microcred.catalog.element_rows import Language, country_name, duration_words, language_name
from microcred.catalog.regions import region_choices, region_name
from microcred.vc.elements import label

register = template.Library()


@register.filter
def vocab(value: StrEnum | None) -> str:
    """A controlled value's label in the page's language (English or Turkish)."""
    if value is None:
        return ""
    return label(value, "tr" if (get_language() or "en").startswith("tr") else "en")


def _lang() -> Language:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


@register.filter
def duration(value: str | None) -> str:
    """An ISO 8601 duration in words ("5 yıl" / "5 years"): never "P5Y" on a page."""
    return duration_words(value) if value else ""


@register.filter
def region(code: str | None) -> str:
    """A region by its name where we know it ("İzmir" for TR-35), else its code."""
    return region_name(code)


@register.simple_tag
def regions() -> list[tuple[str, str]]:
    """The provinces a region input offers by name (``catalog/_regions.html``)."""
    return region_choices()


@register.filter
def country(code: str | None) -> str:
    """A country code by its name in the page's language."""
    return country_name(code, _lang()) if code else ""


@register.filter
def languages(codes: tuple[str, ...] | list[str] | None) -> str:
    """Language codes by their names in the page's language ("Türkçe, İngilizce")."""
    return ", ".join(language_name(code) for code in codes or ())
