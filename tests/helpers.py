"""Helpers shared by several test modules (test modules never import each other)."""

from __future__ import annotations

import re
from pathlib import Path


def catalogue(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (header excluded; plural forms joined), continued
    string lines joined."""
    entries: dict[str, str] = {}
    text = path.read_text("utf-8")
    pattern = re.compile(
        r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n?)+)+)',
        re.MULTILINE,
    )
    for match in pattern.finditer(text):
        msgid = _join(match.group(1))
        if msgid:
            forms = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', match.group(2))
            entries[msgid] = "" if any(not _join(f) for f in forms) else _join(forms[0])
    return entries


def _join(lines: str) -> str:
    return "".join(re.findall(r'^"(.*)"$', lines, re.MULTILINE))


def po_file(root: Path, lang: str) -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / "django.po"
