"""Split one ESCO text block (labels and description run together) into its parts.

The source we ship from joins a skill's preferred label, its alternative labels and its
description with plain spaces. ESCO's own exports give the preferred label for the skills
of its collections (digital, green, language, transversal, research), and the import uses
those where they match; for the rest the label is recovered here. Two signals decide where
the preferred label ends:

* word roles: how often a word opens or closes a label in ESCO's own labels (``Roles``),
  so "consult" after "examine credit ratings" starts a new label;
* repetition: an alternative label repeats the preferred label's words ("maintain
  aquaculture ponds *aquaculture pond maintaining*"), and real ESCO labels almost never
  repeat a content word (19 of 5,543), so a repeated word means the label was cut too late.

Measured against ESCO's labels held out of the word roles, about 8 in 10 recovered labels
are exactly ESCO's (see the catalogue data README); the rest stay searchable by every word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "These",
        "Its",
        "It",
        "In",
        "Ability",
        "Knowledge",
        "Use",
        "Using",
        "Able",
        "Techniques",
        "Methods",
        "Principles",
        "Field",
        "Tools",
        "Set",
        "Computer",
    ]
)
_ARTICLES = frozenset({"The", "A", "An", "This", "These"})
FUNCTION_WORDS = frozenset(
    [
        "of",
        "in",
        "and",
        "to",
        "for",
        "the",
        "a",
        "an",
        "with",
        "on",
        "or",
        "at",
        "by",
        "from",
        "into",
        "as",
    ]
)
_BOUNDARY = 0.2  # word-role score above which a new label starts (tuned on held-out labels)
_STEM = 5


_NON_WORD = re.compile(r"[^\w-]")


@dataclass(frozen=True, slots=True)
class Roles:
    """How often each (lower-cased) word opens, closes or appears in a known label."""

    first: Counter[str]
    last: Counter[str]
    total: Counter[str]

    @classmethod
    def learn(cls, labels: Iterable[str]) -> Roles:
        first: Counter[str] = Counter()
        last: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for label in labels:
            tokens = label.lower().split()
            if tokens:
                first[tokens[0]] += 1
                last[tokens[-1]] += 1
                total.update(tokens)
        return cls(first, last, total)

    def boundary(self, before: str, after: str) -> float:
        """How much the gap between ``before`` and ``after`` looks like one between labels."""
        b, a = before.lower(), after.lower()
        opens = (self.first[a] + 0.1) / (self.total[a] + 1)
        closes = (self.last[b] + 0.1) / (self.total[b] + 1)
        return opens * closes


def description_start(tokens: Sequence[str]) -> int:
    """Index of the first description token (len(tokens) when none is found).

    A description is a sentence: a capitalised word followed by a lower-case one, either
    after an all-lower-case label block or a usual opener ("The", "Knowledge"). Acronyms
    ("ICT") and names that recur in the block ("write Kazakh … written Kazakh") are label
    words, not the start of a sentence.
    """
    lower_so_far = True
    for index, token in enumerate(tokens):
        capital = token[:1].isupper()
        name = capital and token not in _OPENERS and _recurs(tokens, index)
        opens = (lower_so_far and not name) or token in _OPENERS
        if index and capital and opens and _sentence_like(tokens, index):
            return index
        if capital and not token.isupper() and not name:
            lower_so_far = False
    return len(tokens)


def _recurs(tokens: Sequence[str], index: int) -> bool:
    word = tokens[index].strip(".,;:")
    return any(t.strip(".,;:") == word for i, t in enumerate(tokens) if i != index)


def _sentence_like(tokens: Sequence[str], index: int) -> bool:
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if token in _ARTICLES:
        return bool(following)
    return not token.isupper() and following[:1].islower()


def preferred_end(tokens: Sequence[str], roles: Roles) -> int:
    """How many tokens of the label block form the preferred label."""
    end = len(tokens)
    head = tokens[0].lower()
    for at in range(1, len(tokens)):
        if tokens[at - 1].lower() in FUNCTION_WORDS or not balanced(tokens[:at]):
            continue  # no label ends on "of", "for", "and"…
        if tokens[at].lower() == head or roles.boundary(tokens[at - 1], tokens[at]) > _BOUNDARY:
            end = at
            break
    return _before_repeat(tokens, end, roles)


def _before_repeat(tokens: Sequence[str], end: int, roles: Roles) -> int:
    """Cut a label that repeats a content word at the best gap before the repeat."""
    repeat = first_repeat(tokens[:end])
    if repeat is None:
        return end
    first, again = repeat
    gaps = [
        at
        for at in range(first + 1, again + 1)
        if tokens[at - 1].lower() not in FUNCTION_WORDS and balanced(tokens[:at])
    ]
    if not gaps:
        return end
    return max(gaps, key=lambda at: (roles.boundary(tokens[at - 1], tokens[at]), at))


def first_repeat(tokens: Sequence[str]) -> tuple[int, int] | None:
    """Positions of the first content word whose stem occurred before, if any."""
    seen: dict[str, int] = {}
    for at, token in enumerate(tokens):
        if token.lower() in FUNCTION_WORDS or len(token) < 4:
            continue
        stem = _NON_WORD.sub("", token.lower())[:_STEM]
        if stem in seen:
            return seen[stem], at
        seen[stem] = at
    return None


def balanced(tokens: Sequence[str]) -> bool:
    text = " ".join(tokens)
    return text.count("(") == text.count(")")
