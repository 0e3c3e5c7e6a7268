"""Does a learning outcome start (English) or end (Turkish) with an observable action verb?

Outcomes are assessed, so they must say what a learner *does* ("explains", "designs"),
not an inner state ("understands", "knows"). English puts the verb first, after an
optional lead-in ("Learners will be able to", "On completion, participants can"); Turkish
puts it last ("… açıklar", "… açıklayabilir"), so we match the last word against verb
stems. The verdict is advice, never a refusal: a designer may acknowledge it (the lists
cannot hold every verb of two languages).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from microcred.catalog.text import fold, words

Verdict = Literal["observable", "vague", "none"]

_LEAD_IN = frozenset(
    (
        "the", "a", "learner", "learners", "student", "students", "participant",
        "participants", "graduate", "graduates", "trainee", "trainees", "will", "be", "able",
        "to", "can", "should", "is", "are", "successfully", "independently", "critically",
        "effectively", "correctly",
    )
)  # fmt: skip


_MARKERS = frozenset(("to", "will", "can", "should", "shall", "must"))
_CLAUSE = re.compile(r"[,:;]")


@dataclass(frozen=True, slots=True)
class VerbLists:
    observable: tuple[frozenset[str], frozenset[str]]  # (en base forms, tr stems)
    vague: tuple[frozenset[str], frozenset[str]]


@cache
def verb_lists() -> VerbLists:
    raw = json.loads(
        resources.files("microcred.catalog").joinpath("data", "observable-verbs.json").read_text()
    )

    def folded(items: list[str]) -> frozenset[str]:
        return frozenset(fold(item) for item in items)

    return VerbLists(
        observable=(folded(raw["en"]), folded(raw["tr"])),
        vague=(folded(raw["vague"]["en"]), folded(raw["vague"]["tr"])),
    )


def english_forms(verb: str) -> set[str]:
    """A base form and its regular inflections (explain → explains, explained, explaining)."""
    forms = {verb, verb + "s", verb + "es", verb + "d", verb + "ed", verb + "ing"}
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")
    if len(verb) > 2 and verb[-1] not in "aeiouwy" and verb[-2] in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # plan → planned
    return forms


@cache
def _english_index() -> tuple[dict[str, str], dict[str, str]]:
    lists = verb_lists()
    observable = {form: v for v in lists.observable[0] for form in english_forms(v)}
    vague = {form: v for v in lists.vague[0] for form in english_forms(v)}
    return observable, vague


def _english_candidates(outcome: str) -> Iterator[str]:
    """Words that may be the outcome's verb, most likely first: the first word of each
    clause after its lead-in, then the first word after "to", "will", "can"…"""
    for clause in _CLAUSE.split(outcome):
        found = words(clause)
        rest = [w for w in found if w not in _LEAD_IN]
        if rest:
            yield rest[0]
        for index, word in enumerate(found):
            if word in _MARKERS:
                after = [w for w in found[index + 1 :] if w not in _LEAD_IN]
                if after:
                    yield after[0]


def english_verdict(outcome: str) -> Verdict:
    observable, vague = _english_index()
    for candidate in _english_candidates(outcome):
        if candidate in observable:
            return "observable"
        if candidate in vague:
            return "vague"
    return "none"


def turkish_verdict(outcome: str) -> Verdict:
    found = words(outcome)
    if not found:
        return "none"
    last, tail = found[-1], " ".join(found[-2:])
    lists = verb_lists()
    for stems, verdict in ((lists.observable[1], "observable"), (lists.vague[1], "vague")):
        if any(tail.startswith(s) if " " in s else last.startswith(s) for s in stems):
            return verdict  # type: ignore[return-value]
    return "none"


def verb_verdict(outcome: str, language: str) -> Verdict:
    """``observable``, ``vague`` (an inner-state verb) or ``none`` for ``language`` en/tr."""
    return turkish_verdict(outcome) if language == "tr" else english_verdict(outcome)


def outcome_verdict(outcome: str) -> Verdict:
    """The verdict in whichever language finds a verb: a Turkish page may list English
    outcomes (and the reverse), and an outcome's words say little about its language."""
    verdicts = {english_verdict(outcome), turkish_verdict(outcome)}
    order: tuple[Verdict, ...] = ("observable", "vague")
    for verdict in order:
        if verdict in verdicts:
            return verdict
    return "none"
