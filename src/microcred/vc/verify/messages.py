"""Human messages for every check code, in English and Turkish.

The trust core cannot use Django's gettext (it is pure), so its catalogue is a data file
shipped beside this module (``messages.json``: code → {language → template}). A test
asserts every code the pipeline can emit has both languages with the same placeholders.
An unknown code renders as itself rather than raising, so rendering never breaks a report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources

LANGUAGES = ("en", "tr")


def _load() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("messages.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


CATALOGUE: Mapping[str, Mapping[str, str]] = _load()


def render(code: str, lang: str, params: Mapping[str, str]) -> str:
    """Fill the template for ``code`` in ``lang`` (English if the language is unknown)."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return code
    template = entry.get(lang) or entry["en"]
    try:
        return template.format_map(dict(params))
    except (KeyError, ValueError, IndexError):
        return template
