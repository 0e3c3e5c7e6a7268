"""Every code the trust core can put in a report has an English and a Turkish message."""

from __future__ import annotations

import re
import string
from pathlib import Path

from microcred.vc.verify.messages import CATALOGUE, LANGUAGES

SRC = Path(__file__).resolve().parents[3] / "src" / "microcred" / "vc"
#: The packages whose error codes can reach a report (the pipeline maps key, DID and status
#: errors onto its own codes, keeping their text as detail).
REPORTING = ("verify", "proofs", "canon", "contexts")
#: Codes appear as ``code="…"`` (errors) or as the code argument of a Check/_failed/_passed.
PATTERNS = [
    re.compile(r'code\s*=\s*"([a-z0-9_]+)"'),
    re.compile(r'_(?:failed|passed|fail)\(\s*"([a-z0-9_]+)"(?:,\s*"([a-z0-9_]+)")?'),
    re.compile(r'Check\(\s*"[a-z_]+",\s*"([a-z0-9_]+)"'),
]


def emitted_codes() -> set[str]:
    found: set[str] = set()
    for path in (p for package in REPORTING for p in (SRC / package).rglob("*.py")):
        text = path.read_text("utf-8")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                found.update(g for g in match.groups() if g)
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_emitted_code_has_a_message() -> None:
    codes = emitted_codes()
    check_names = {
        "structure",
        "contexts",
        "jsonld",
        "schema",
        "proof",
        "verification_method",
        "key_purpose",
        "issuer",
        "valid_from",
        "valid_until",
        "status",
        "trust",
        "data_model",
        "related_resources",
        "presentation",
        "holder",
        "credentials",
    }
    missing = sorted(codes - set(CATALOGUE) - check_names)
    assert len(codes) > 30
    assert missing == []


def test_both_languages_with_the_same_placeholders() -> None:
    for code, entry in CATALOGUE.items():
        assert set(entry) == set(LANGUAGES), code
        assert fields(entry["en"]) == fields(entry["tr"]), code
        assert entry["en"] != entry["tr"], code
