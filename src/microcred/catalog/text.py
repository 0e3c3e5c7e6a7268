"""Text folding for search and verb checks: case-, accent- and Turkish-i-insensitive.

Python's ``lower()`` is not enough for Turkish: "İ" lowers to "i" + a combining dot and
"I"/"ı" are different letters. We fold all four i's to "i" and strip accents, so "ılık",
"ILIK" and "ilik" match, and "programlama" matches "PROGRAMLAMA" typed on a Turkish
keyboard.
"""

from __future__ import annotations

import re
import unicodedata

_DOTLESS = str.maketrans({"ı": "i", "İ": "i", "I": "i"})
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def fold(text: str) -> str:
    """Lower-case, accent-free, every Turkish i folded to ``i``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_DOTLESS).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (hyphenated words kept whole)."""
    return _WORD.findall(fold(text))
