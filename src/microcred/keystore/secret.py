"""Secret bytes that cannot leak by accident: no ``repr``, no ``str``, no pickling.

Keys are held as :class:`SecretBytes` from the moment they are read until they are used,
so a stray ``print``, an f-string in a log call or a traceback's local variables show
``SecretBytes(<hidden>)`` instead of the key (the idea of Starlette's ``Secret``).
"""

from __future__ import annotations

import hmac
from typing import NoReturn


class SecretBytes:
    """Bytes that say nothing about themselves; :meth:`reveal` is the one way in."""

    __slots__ = ("_value",)

    def __init__(self, value: bytes) -> None:
        if not isinstance(value, bytes):
            raise TypeError("a secret is bytes")
        self._value = value

    def reveal(self) -> bytes:
        """The secret itself: call it where the bytes are used, never to display them."""
        return self._value

    def __len__(self) -> int:
        return len(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretBytes):
            return NotImplemented
        return hmac.compare_digest(self._value, other._value)

    def __hash__(self) -> int:
        raise TypeError("secrets are not hashable (a hash could be compared offline)")

    def __repr__(self) -> str:
        return "SecretBytes(<hidden>)"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> NoReturn:
        raise TypeError("secrets are not pickled (a pickle is a plaintext copy)")
