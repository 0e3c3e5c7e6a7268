"""Text that people type and that ends up in places where a line break does harm.

A learner's name travels into credentials, pages, CSV exports and e-mails; a line break or
another control character in it has no legitimate use there and, in a mail header, breaks
the message. Names are refused at the door (``has_control_characters``); whatever other
text reaches a header goes through ``single_line`` first.
"""

from __future__ import annotations

import unicodedata

#: Control characters (tab, CR, LF, NUL, DEL, C1) and the Unicode line/paragraph separators.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def _breaks(char: str) -> bool:
    return unicodedata.category(char) in _BREAKING


def has_control_characters(text: str) -> bool:
    return any(_breaks(char) for char in text)


def single_line(text: str) -> str:
    """``text`` with every control character or line break turned into one space."""
    spaced = "".join(" " if _breaks(char) else char for char in text)
    return " ".join(spaced.split())
