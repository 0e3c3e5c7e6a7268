"""Every EU element of a specification, as the rows a person reads on its public page.

Display only, in the page's language: controlled values by their label (never a code),
levels as "EQF level 6" / "AYÇ 6. seviye", durations in words, countries by name. The
labels of the Annex I elements come from the trust core's element table, so the page and
the editor call each element by the same name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

from django.utils.formats import number_format
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from microcred.catalog.text import fold
from microcred.vc.elements import (
    MANDATORY_ELEMENTS,
    OPTIONAL_ELEMENTS,
    MicroCredentialElements,
    label,
)

__all__ = [
    "Language",
    "Row",
    "country_choices",
    "country_name",
    "duration_words",
    "element_rows",
    "language_name",
    "localized_texts",
]

Language = Literal["en", "tr"]
_DURATION = re.compile(r"P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?\Z")


@dataclass(frozen=True, slots=True)
class Row:
    """One element: its name and its values (several for lists); ``code`` for tests/CSS."""

    code: str
    label: str
    values: tuple[str, ...]


@cache
def _element_labels() -> dict[str, tuple[str, str]]:
    return {e.code: (e.label_en, e.label_tr) for e in (*MANDATORY_ELEMENTS, *OPTIONAL_ELEMENTS)}


def _label(code: str, lang: Language) -> str:
    english, turkish = _element_labels()[code]
    return turkish if lang == "tr" else english


@cache
def _countries() -> dict[str, tuple[str, str]]:
    text = resources.files(__package__).joinpath("data/countries.json").read_text("utf-8")
    return {code: (names[0], names[1]) for code, names in json.loads(text).items()}


def country_name(code: str, lang: Language) -> str:
    """The country's name in ``lang``; the code itself only for a country we cannot name."""
    names = _countries().get(code.upper())
    if names is None:
        return code
    return names[1] if lang == "tr" else names[0]


def country_choices(lang: Language) -> list[tuple[str, str]]:
    """Every country we can name, as (code, name) sorted by name in ``lang``."""
    named = [(code, names[1] if lang == "tr" else names[0]) for code, names in _countries().items()]
    return sorted(named, key=lambda pair: fold(pair[1]))


def duration_words(iso: str) -> str:
    """``P5Y`` → "5 years" / "5 yıl" (the active language); unreadable text as written."""
    found = _DURATION.match(iso.strip().upper())
    if found is None or not any(found.groupdict().values()):
        return iso
    units = {
        "y": lambda n: ngettext("%(n)d year", "%(n)d years", n),
        "m": lambda n: ngettext("%(n)d month", "%(n)d months", n),
        "w": lambda n: ngettext("%(n)d week", "%(n)d weeks", n),
        "d": lambda n: ngettext("%(n)d day", "%(n)d days", n),
    }
    parts = [
        units[unit](int(value)) % {"n": int(value)}
        for unit, value in found.groupdict().items()
        if value
    ]
    return ", ".join(parts)


def _number(value: Decimal) -> str:
    """In the active language's notation (``7,5`` in Turkish)."""
    return number_format(value.normalize())


def language_name(code: str) -> str:
    """A language's name in the active language; the code only for one Django cannot name."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def localized_texts(el: MicroCredentialElements, lang: str) -> tuple[str, tuple[str, ...]]:
    """The title and outcomes in ``lang`` when the specification has them in it."""
    for translation in el.translations:
        if translation.language == lang:
            return translation.title, translation.learning_outcomes or el.learning_outcomes
    return el.title, el.learning_outcomes


def element_rows(el: MicroCredentialElements, lang: Language) -> list[Row]:
    """The specification's elements in Annex I order, leaving out what it does not state."""
    title, outcomes = localized_texts(el, lang)
    rows = [
        Row("title", _label("title", lang), (title,)),
        *_issuer_rows(el, lang),
        Row("learning_outcomes", _label("learning_outcomes", lang), outcomes),
        Row("workload", _label("workload", lang), _workload(el)),
        Row("level", _label("level", lang), _levels(el, lang)),
        Row("assessment_type", _label("assessment_type", lang), _assessment(el, lang)),
        Row(
            "participation",
            _label("participation", lang),
            (label(el.participation, lang),) if el.participation else (),
        ),
        Row("quality_assurance", _label("quality_assurance", lang), _quality(el, lang)),
        *_optional_rows(el, lang),
    ]
    return [row for row in rows if row.values]


def _issuer_rows(el: MicroCredentialElements, lang: Language) -> list[Row]:
    body = el.awarding_body
    if body is None:
        return []
    bodies = [body.name, *(b.name for b in el.co_awarding_bodies)]
    country = country_name(body.country, lang)
    return [
        Row("awarding_body", _label("awarding_body", lang), tuple(bodies)),
        Row("country", _label("country", lang), (country,)),
    ]


def _workload(el: MicroCredentialElements) -> tuple[str, ...]:
    parts = []
    if el.ects is not None:
        parts.append(_("%(ects)s ECTS credits") % {"ects": _number(el.ects)})
    if el.workload_hours is not None:
        hours = el.workload_hours
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    return tuple(parts)


def _levels(el: MicroCredentialElements, lang: Language) -> tuple[str, ...]:
    levels = []
    if el.eqf_level is not None:
        levels.append(_("EQF level %(level)s") % {"level": el.eqf_level})
    if el.tqf_level is not None:
        levels.append(_("TQF level %(level)s") % {"level": el.tqf_level})
    if el.qf_ehea_cycle is not None:
        levels.append(_("QF-EHEA: %(cycle)s") % {"cycle": label(el.qf_ehea_cycle, lang)})
    return tuple(levels)


def _assessment(el: MicroCredentialElements, lang: Language) -> tuple[str, ...]:
    kinds = ", ".join(label(kind, lang) for kind in el.assessment_types)
    return tuple(p for p in (kinds, el.assessment_description or "") if p)


def _quality(el: MicroCredentialElements, lang: Language) -> tuple[str, ...]:
    qa = el.quality_assurance
    if qa is None:
        return ()
    parts = [", ".join(label(kind, lang) for kind in qa.types)]
    if qa.description:
        parts.append(qa.description)
    if qa.body is not None:
        parts.append(_("Stated body: %(name)s") % {"name": qa.body.name})
    return tuple(p for p in parts if p)


def _optional_rows(el: MicroCredentialElements, lang: Language) -> list[Row]:
    scheme = el.grading_scheme
    grading: tuple[str, ...] = ()
    if scheme is not None:
        values = ", ".join(scheme.allowed_values)
        grading = tuple(p for p in (scheme.name, values) if p)
    stack = tuple(t.name or t.id for t in el.stackable_towards)
    integration = (label(el.integration, lang),) if el.integration else ()
    return [
        Row("prerequisites", _label("prerequisites", lang), _text(el.prerequisites)),
        Row(
            "supervision",
            _label("supervision", lang),
            (label(el.supervision, lang),) if el.supervision else (),
        ),
        Row("grading", _("Grading scheme"), grading),
        Row("integration", _label("integration", lang), integration + stack),
        Row("languages", _("Languages"), tuple(language_name(c) for c in el.languages)),
        Row(
            "validity",
            _("Validity period"),
            (duration_words(el.validity_period),) if el.validity_period else (),
        ),
        Row("skills", _("Skills (ESCO)"), tuple(s.label for s in el.esco_skills)),
        Row("field_of_study", _("Field of study"), _text(el.field_of_study)),
        Row("code", _("Course code"), _text(el.code)),
        Row(
            "further_information",
            _label("further_information", lang),
            _text(el.further_information),
        ),
    ]


def _text(value: str | None) -> tuple[str, ...]:
    return (value,) if value and value.strip() else ()
