"""The ESCO skills list and its in-memory search index (built once, on first use).

Every skill has its English preferred label; the skills micro-credentials use most also
have a Turkish one (``data/esco-skills-tr.csv``, written for this project: ESCO publishes
no Turkish labels). Both are preferred labels for search, and the Turkish one is shown to
Turkish users. Matching folds case with Turkish rules and drops accents (``text.fold``), so
"makine ogrenmesi" and "MAKİNE ÖĞRENMESİ" find "makine öğrenmesi".

Ranking, best first: a label equals the query; a label starts with the query's words; a
label starts with the query; every query word is a label word; every query word starts a
label word; every query word starts a word of an alternative label; the query occurs
inside a label. Within a rank, shorter labels first (the more general skill), then
alphabetical, so results are stable. Queries shorter than two letters find nothing: they
would match most of the list.
"""

from __future__ import annotations

import csv
import gzip
import heapq
import io
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from microcred.catalog.text import fold, words
from microcred.vc.elements import ESCO_SKILL_PREFIX

DATA_FILE = "esco-skills.csv.gz"
TURKISH_FILE = "esco-skills-tr.csv"
LIMIT = 20
MIN_QUERY = 2
_CACHED_PREFIX = 3
_SUFFIX_FROM = 6  # words this long may carry a suffix the label does not have


@dataclass(frozen=True, slots=True)
class Skill:
    """One ESCO skill: concept URI, English preferred label and, if we have one, Turkish."""

    uri: str
    label: str
    label_tr: str = ""

    def name(self, language: str) -> str:
        """The label for a person reading ``language`` (English when we have no Turkish)."""
        return self.label_tr if language == "tr" and self.label_tr else self.label


def localised(skills: list[Skill], language: str) -> list[Skill]:
    """The skills with ``label`` in ``language``, for templates that show ``label``."""
    return [replace(skill, label=skill.name(language)) for skill in skills]


@dataclass(frozen=True, slots=True)
class SkillRow:
    """A skill as indexed: uuid, English label, Turkish label (or ""), other label words."""

    uuid: str
    label: str
    label_tr: str
    terms: str

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, self.label_tr) if self.label_tr else (self.label,)


class SkillIndex:
    """Word-prefix index over preferred labels (both languages) and alternative labels."""

    def __init__(self, rows: list[SkillRow]) -> None:
        self.skills = [Skill(ESCO_SKILL_PREFIX + r.uuid, r.label, r.label_tr) for r in rows]
        self._folded = [tuple(fold(label) for label in r.labels) for r in rows]
        self._word_sets = [frozenset(w for lb in r.labels for w in words(lb)) for r in rows]
        label_words: dict[str, set[int]] = {}
        any_words: dict[str, set[int]] = {}
        for number, row in enumerate(rows):
            for word in self._word_sets[number]:
                label_words.setdefault(word, set()).add(number)
                any_words.setdefault(word, set()).add(number)
            for word in words(row.terms):
                any_words.setdefault(word, set()).add(number)
        self._label_words = label_words
        self._any_words = any_words
        self._vocabulary = sorted(any_words)
        self._short: dict[tuple[str, bool], frozenset[int]] = {}
        lines = [(n, label) for n, labels in enumerate(self._folded) for label in labels]
        self._haystack = "\n".join(label for _, label in lines)  # substring search runs in C
        self._line_skill = [n for n, _ in lines]
        self._starts = [0]
        for _, label in lines:
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
        best = heapq.nsmallest(limit, ranked, key=lambda item: (item[0], *self._shortest(item[1])))
        return [self.skills[n] for _, n in best]

    def _shortest(self, number: int) -> tuple[int, str]:
        return min((len(label), label) for label in self._folded[number])

    def _label_rank(self, number: int, phrase: str, wanted: list[str]) -> int:
        return min(
            self._one_label_rank(label, number, phrase, wanted) for label in self._folded[number]
        )

    def _one_label_rank(self, label: str, number: int, phrase: str, wanted: list[str]) -> int:
        if label == phrase:
            return 0
        if label.startswith(phrase):
            return 1 if not label[len(phrase)].isalnum() else 2
        return 3 if self._word_sets[number].issuperset(wanted) else 4

    def _containing(self, phrase: str) -> set[int]:
        found: set[int] = set()
        at = self._haystack.find(phrase)
        while at != -1:
            line = bisect_right(self._starts, at) - 1
            found.add(self._line_skill[line])
            at = self._haystack.find(phrase, self._starts[line + 1])
        return found

    def _matching(self, wanted: list[str], index: dict[str, set[int]]) -> frozenset[int]:
        found: frozenset[int] | None = None
        for word in sorted(wanted, key=len, reverse=True):  # longest first: smallest sets
            hits = self._prefixed(search_prefix(word), index)
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


def search_prefix(word: str) -> str:
    """The prefix a query word is matched by: the word, less up to two final letters when
    it is long. Turkish adds suffixes and softens the consonant before them ("sağlık" →
    "sağlığı", "güvenlik" → "güvenliği"), so a typed word often only shares its start with
    the label's word; the same tolerance lets "managing" find "manage"."""
    return word if len(word) < _SUFFIX_FROM else word[: max(_SUFFIX_FROM - 1, len(word) - 2)]


def load_rows() -> list[SkillRow]:
    """The shipped skills, each with its Turkish label and alternatives where we have them."""
    data = resources.files("microcred.catalog").joinpath("data", DATA_FILE).read_bytes()
    reader = csv.reader(io.StringIO(gzip.decompress(data).decode("utf-8")))
    next(reader)  # header
    turkish = load_turkish()
    rows = []
    for uuid, label, terms in reader:
        label_tr, alternatives = turkish.get(ESCO_SKILL_PREFIX + uuid, ("", ""))
        rows.append(SkillRow(uuid, label, label_tr, f"{terms} {alternatives}".strip()))
    return rows


def load_turkish() -> dict[str, tuple[str, str]]:
    """(Turkish label, Turkish alternatives) by concept URI, from ``esco-skills-tr.csv``."""
    text = resources.files("microcred.catalog").joinpath("data", TURKISH_FILE).read_text("utf-8")
    return {
        row["uri"]: (row["label_tr"], row["alternatives_tr"])
        for row in csv.DictReader(io.StringIO(text))
    }


_LOCK = threading.Lock()


@cache
def _build() -> SkillIndex:
    return SkillIndex(load_rows())


def skill_index() -> SkillIndex:
    """The process-wide index, built on first use (about a second) and then shared."""
    with _LOCK:  # two first requests at once must not build it twice
        return _build()


def search_skills(query: str, limit: int = LIMIT) -> list[Skill]:
    """Skills for ``query`` in English or Turkish, best first."""
    return skill_index().search(query, limit)


def skill_by_uri(uri: str) -> Skill | None:
    """The skill with concept URI ``uri``, to turn a picked URI back into a label."""
    return _by_uri().get(uri)


@cache
def _by_uri() -> dict[str, Skill]:
    return {skill.uri: skill for skill in skill_index().skills}
