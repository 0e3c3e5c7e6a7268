"""Levels and skills as OB 3.0 alignments, so any OB 3.0 displayer shows them natively.

URI schemes:

* **EQF** — the EU controlled vocabulary: ``http://data.europa.eu/snb/eqf/{1..8}``.
* **TQF** (Türkiye Yeterlilikler Çerçevesi, eight levels referenced to the EQF) — no
  official per-level URIs are published, so we mint ``https://contexts.microcred.eu/tqf/{1..8}``
  (one URI per level, stable, documented here and in ``docs``); ``targetFramework`` says "TQF".
* **ESCO** skills — their own concept URIs, ``http://data.europa.eu/esco/skill/{uuid}``.

A level alignment carries ``targetType`` ``ext:EQFLevel`` / ``ext:TQFLevel`` (OB's
extension syntax); a skill alignment ``ceasn:Competency``, the OB 3.0 term for a competency.
Reading back, alignments are recognised by their ``targetUrl`` alone.
"""

from __future__ import annotations

import re

from microcred.vc.openbadges import Alignment

EQF_URI = "http://data.europa.eu/snb/eqf/{level}"
TQF_URI = "https://contexts.microcred.eu/tqf/{level}"
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"

EQF_FRAMEWORK = "EQF"
TQF_FRAMEWORK = "TQF"
ESCO_FRAMEWORK = "ESCO"

_EQF = re.compile(r"http://data\.europa\.eu/snb/eqf/([1-8])\Z")
_TQF = re.compile(r"https://contexts\.microcred\.eu/tqf/([1-8])\Z")


def eqf_alignment(level: int) -> Alignment:
    """The alignment to EQF level ``level`` (1-8)."""
    return Alignment(
        target_name=f"EQF level {level}",
        target_url=EQF_URI.format(level=level),
        target_framework=EQF_FRAMEWORK,
        target_code=str(level),
        target_type="ext:EQFLevel",
    )


def tqf_alignment(level: int) -> Alignment:
    """The alignment to TQF (TYÇ) level ``level`` (1-8), under our documented URI scheme."""
    return Alignment(
        target_name=f"TQF level {level}",
        target_url=TQF_URI.format(level=level),
        target_framework=TQF_FRAMEWORK,
        target_code=str(level),
        target_type="ext:TQFLevel",
    )


def esco_alignment(uri: str, label: str) -> Alignment:
    """The alignment to an ESCO skill (``ceasn:Competency``)."""
    return Alignment(
        target_name=label,
        target_url=uri,
        target_framework=ESCO_FRAMEWORK,
        target_type="ceasn:Competency",
    )


def eqf_level_of(alignment: Alignment) -> int | None:
    match = _EQF.match(alignment.target_url)
    return int(match.group(1)) if match else None


def tqf_level_of(alignment: Alignment) -> int | None:
    match = _TQF.match(alignment.target_url)
    return int(match.group(1)) if match else None


def is_esco_skill(alignment: Alignment) -> bool:
    return alignment.target_url.startswith(ESCO_SKILL_PREFIX)
