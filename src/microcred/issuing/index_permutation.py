"""A keyed pseudo-random permutation of a status list's indices.

Status entries must sit at random-looking positions (herd privacy: an index must not tell
when, or in which order, a credential was issued) and must never repeat. Drawing random
indices and checking them against the stored awards works for one issuer process, but not
for several workers signing in parallel: each would check against awards the other has not
stored yet. Instead every list has a secret key, entries are numbered 0, 1, 2, … by the
list's ``allocated`` counter (taken under the list's row lock), and the n-th entry's index
is ``permute(key, n)``: distinct by construction, unpredictable without the key.

The permutation is a four-round Feistel network over the smallest even number of bits that
covers the list, with HMAC-SHA256 as round function, restricted to ``[0, size)`` by cycle
walking (re-applying it until the value falls inside, which keeps it a bijection).
"""

from __future__ import annotations

import hmac

ROUNDS = 4


def permute(key: bytes, value: int, size: int) -> int:
    """The index for entry number ``value`` of a list of ``size`` entries."""
    if not 0 <= value < size:
        raise ValueError(f"entry number {value} is outside a list of {size}")
    if len(key) < 16:
        raise ValueError("the permutation key must have at least 128 bits")
    half = max(1, ((size - 1).bit_length() + 1) // 2)
    mask = (1 << half) - 1
    x = value
    while True:
        left, right = x >> half, x & mask
        for round_number in range(ROUNDS):
            left, right = right, left ^ _round(key, round_number, right, mask)
        x = (left << half) | right
        if x < size:
            return x


def _round(key: bytes, round_number: int, half_value: int, mask: int) -> int:
    message = round_number.to_bytes(1, "big") + half_value.to_bytes(8, "big")
    # The one-shot HMAC: the same bytes as hmac.new(…).digest(), computed in C without
    # building an HMAC object (a claim permutes 400 indices while holding the write lock).
    digest = hmac.digest(key, message, "sha256")
    return int.from_bytes(digest[:8], "big") & mask


__all__ = ["permute"]
