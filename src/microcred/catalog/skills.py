"""The ESCO skills list and its in-memory search index (built once, on first use).

Ranking, best first: the label equals the query; the label starts with the query's
words; the label starts with the query; every query word is a label word; every query
word starts a label word; every query word starts a word of an alternative label; the
query occurs inside the label. Within a rank, shorter labels first (the more general
skill), then alphabetical, so results are stable. Queries shorter than two letters find
nothing: they would match most of the list.
"""

from __future__ import annotations

import csv
import gzip
import heapq
import io
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

from microcred.catalog.text import fold, words
from microcred.vc.elements import ESCO_SKILL_PREFIX

DATA_FILE = "esco-skills.csv.gz"
LIMIT = 20
MIN_QUERY = 2
_CACHED_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Skill:
    """One ESCO skill: concept URI and English preferred label."""

    uri: str
    label: str


class SkillIndex:
    """Word-prefix index over labels and alternative labels."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.skills = [Skill(ESCO_SKILL_PREFIX + uuid, label) for uuid, label, _ in rows]
        self._folded = [fold(label) for _, label, _ in rows]
        self._word_sets = [frozenset(words(label)) for _, label, _ in rows]
        label_words: dict[str, set[int]] = {}
        any_words: dict[str, set[int]] = {}
        for number, (_, label, terms) in enumerate(rows):
            for word in words(label):
                label_words.setdefault(word, set()).add(number)
                any_words.setdefault(word, set()).add(number)
            for word in words(terms):
                any_words.setdefault(word, set()).add(number)
        self._label_words = label_words
        self._any_words = any_words
        self._vocabulary = sorted(any_words)
        self._short: dict[tuple[str, bool], frozenset[int]] = {}
        self._haystack = "\n".join(self._folded)  # one string: substring search runs in C
        self._starts = [0]
        for label in self._folded:
            self._starts.append(self._starts[-1] + len(label) + 1)

    def __len__(self) -> int:
        return len(self.skills)

    def search(self, query: str, limit: int = LIMIT) -> list[Skill]:
        """Up to ``limit`` skills matching ``query``, best first (see the module docstring)."""
        wanted = words(query)
        phrase = " ".join(wanted)
        if len(phrase) < MIN_QUERY:
            return []
        in_labels = self._matching(wanted, self._label_words)
        in_terms = self._matching(wanted, self._any_words) - in_labels
        ranked = [(self._label_rank(n, phrase, wanted), n) for n in in_labels]
        ranked += [(5, n) for n in in_terms]
        if len(ranked) < limit:
            seen = in_labels | in_terms
            ranked += [(6, n) for n in self._containing(phrase) - seen]
        best = heapq.nsmallest(
            limit,
            ranked,
            key=lambda item: (item[0], len(self._folded[item[1]]), self._folded[item[1]]),
        )
        return [self.skills[n] for _, n in best]

    def _label_rank(self, number: int, phrase: str, wanted: list[str]) -> int:
        label = self._folded[number]
        if label == phrase:
            return 0
        if label.startswith(phrase):
            return 1 if not label[len(phrase)].isalnum() else 2
        return 3 if self._word_sets[number].issuperset(wanted) else 4

    def _containing(self, phrase: str) -> set[int]:
        found: set[int] = set()
        at = self._haystack.find(phrase)
        while at != -1:
            number = bisect_right(self._starts, at) - 1
            found.add(number)
            at = self._haystack.find(phrase, self._starts[number + 1])
        return found

    def _matching(self, wanted: list[str], index: dict[str, set[int]]) -> frozenset[int]:
        found: frozenset[int] | None = None
        for prefix in sorted(wanted, key=len, reverse=True):  # longest first: smallest sets
            hits = self._prefixed(prefix, index)
            found = hits if found is None else found & hits
            if not found:
                return frozenset()
        return found or frozenset()

    def _prefixed(self, prefix: str, index: dict[str, set[int]]) -> frozenset[int]:
        """Skills with a word starting with ``prefix``; short prefixes (the slow, frequent
        first keystrokes) are kept once computed: at most a few thousand of them exist."""
        key = (prefix, index is self._label_words)
        if len(prefix) <= _CACHED_PREFIX and key in self._short:
            return self._short[key]
        hits: set[int] = set()
        start = bisect_left(self._vocabulary, prefix)
        for word in self._vocabulary[start:]:
            if not word.startswith(prefix):
                break
            hits |= index.get(word, set())
        found = frozenset(hits)
        if len(prefix) <= _CACHED_PREFIX:
            self._short[key] = found
        return found


def load_rows() -> list[tuple[str, str, str]]:
    """(uuid, label, other label words) rows of the shipped data file."""
    data = resources.files("microcred.catalog").joinpath("data", DATA_FILE).read_bytes()
    reader = csv.reader(io.StringIO(gzip.decompress(data).decode("utf-8")))
    next(reader)  # header
    return [(uuid, label, terms) for uuid, label, terms in reader]


_LOCK = threading.Lock()


@cache
def _build() -> SkillIndex:
    return SkillIndex(load_rows())


def skill_index() -> SkillIndex:
    """The process-wide index, built on first use (about a second) and then shared."""
    with _LOCK:  # two first requests at once must not build it twice
        return _build()


def search_skills(query: str, limit: int = LIMIT) -> list[Skill]:
    return skill_index().search(query, limit)


def skill_by_uri(uri: str) -> Skill | None:
    """The skill with concept URI ``uri``, to turn a picked URI back into a label."""
    return _by_uri().get(uri)


@cache
def _by_uri() -> dict[str, Skill]:
    return {skill.uri: skill for skill in skill_index().skills}
