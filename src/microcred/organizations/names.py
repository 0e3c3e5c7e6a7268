"""Names people could mistake for one another, and who may refuse a name.

An organisation's display name is its own claim, but some names carry standing: a
provider recognised by a quality-assurance body, or the body itself. Nobody else may
register such a name, however they spell it: ``ORTA DOĞU TEKNİK ÜNİVERSİTESİ``,
``orta dogu teknik universitesi`` and ``Orta-Doğu  Teknik Üniversitesi`` are one name.

The refusal itself is decided by guards that other apps register (the registry knows who
is recognised); this module only compares and asks them, so organisations depend on
nobody.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from microcred.organizations.models import Organization

__all__ = ["NameGuard", "comparable_name", "name_problem", "register_guard", "same_name"]

#: Every dotted and dotless i, in both cases, is one letter for comparison: people type
#: "Universitesi" for "Üniversitesi" and "ISTANBUL" for "İSTANBUL".
_I_FORMS = str.maketrans({"İ": "i", "I": "i", "ı": "i"})

NameGuard = Callable[[str, Organization | None], str | None]
_guards: list[NameGuard] = []


def comparable_name(name: str) -> str:
    """The form two names are compared in: Turkish-aware case, no diacritics, letters and
    digits only (spacing and punctuation dropped)."""
    text = unicodedata.normalize("NFKC", name).translate(_I_FORMS).casefold()
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return "".join(ch for ch in stripped.translate(_I_FORMS) if ch.isalnum())


def same_name(first: str, second: str) -> bool:
    key = comparable_name(first)
    return bool(key) and key == comparable_name(second)


def register_guard(guard: NameGuard) -> None:
    """Add a guard (once); it returns a translated reason to refuse ``name``, or None."""
    if guard not in _guards:
        _guards.append(guard)


def name_problem(name: str, organization: Organization | None = None) -> str | None:
    """Why ``organization`` (None: a new one) may not take ``name``, if it may not."""
    for guard in _guards:
        problem = guard(name, organization)
        if problem:
            return problem
    return None
