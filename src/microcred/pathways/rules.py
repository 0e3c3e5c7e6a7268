"""A pathway's rules, as stored (JSON) and as evaluated (frozen dataclasses) — pure.

Rules combine with AND. Each is one of:

- ``all_of``: every listed component;
- ``n_of``: at least ``n`` of the listed components;
- ``min_ects``: at least ``ects`` ECTS credits from the counted components;
- ``min_level``: counted components are at least at ``level`` of ``framework`` (EQF or
  TQF) — a credential below it does not count;
- ``window``: counted components issued after ``after`` and/or within ``months`` of each
  other.

A component is a specification of the pathway's organisation (``spec``), a named
achievement of another issuer (``achievement``: achievement id + issuer id), or any
credential from an issuer the registry recognises for a field of study (``field``).
The JSON form is what the database keeps and the edit page writes; ``parse_rules``
refuses anything else with a ``RuleError`` (a code the page translates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from microcred.infra.errors import MicrocredError

RuleKind = Literal["all_of", "n_of", "min_ects", "min_level", "window"]
ComponentKind = Literal["spec", "achievement", "field"]
RULE_KINDS: tuple[RuleKind, ...] = ("all_of", "n_of", "min_ects", "min_level", "window")
FRAMEWORKS = ("eqf", "tqf")
MAX_COMPONENTS = 50
MAX_TEXT = 500


class RuleError(MicrocredError):
    """A stored or submitted rule that cannot be read; ``reason`` names what is wrong (the
    page words it), ``code`` is that reason in the platform's dotted form."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, code=f"pathways.{reason}")
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ComponentRef:
    """A component as defined: ``ref`` is the spec's public id, the achievement id, or the
    field of study; ``issuer`` the issuer's id (achievements of other issuers only)."""

    kind: ComponentKind
    ref: str
    issuer: str = ""
    #: What people call it (an achievement of another issuer; optional).
    name: str = ""

    def to_json(self) -> dict[str, str]:
        out = {"kind": self.kind, "ref": self.ref}
        if self.issuer:
            out["issuer"] = self.issuer
        if self.name:
            out["name"] = self.name
        return out


@dataclass(frozen=True, slots=True)
class Rule:
    kind: RuleKind
    components: tuple[ComponentRef, ...] = ()
    n: int = 0
    ects: Decimal = Decimal(0)
    framework: str = ""
    level: int = 0
    months: int = 0
    after: date | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind in ("all_of", "n_of"):
            out["components"] = [c.to_json() for c in self.components]
        if self.kind == "n_of":
            out["n"] = self.n
        if self.kind == "min_ects":
            out["ects"] = str(self.ects)
        if self.kind == "min_level":
            out |= {"framework": self.framework, "level": self.level}
        if self.kind == "window":
            out |= {"months": self.months, "after": self.after.isoformat() if self.after else ""}
        return out


def _text(value: Any, code: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise RuleError(code)
    return value.strip()


def parse_component(data: Any) -> ComponentRef:
    if not isinstance(data, Mapping) or data.get("kind") not in ("spec", "achievement", "field"):
        raise RuleError("component_invalid")
    kind = data["kind"]
    ref = _text(data.get("ref"), "component_invalid")
    if kind != "achievement":
        return ComponentRef(kind, ref)
    issuer = _text(data.get("issuer"), "component_issuer_missing")
    name = data.get("name") or ""
    if not isinstance(name, str) or len(name) > MAX_TEXT:
        raise RuleError("component_invalid")
    return ComponentRef(kind, ref, issuer, name.strip())


def _whole(value: Any, low: int, high: int, code: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
        raise RuleError(code)
    number = int(value)
    if not low <= number <= high:
        raise RuleError(code)
    return number


def _components(data: Mapping[str, Any]) -> tuple[ComponentRef, ...]:
    raw = data.get("components")
    if not isinstance(raw, list) or not raw:
        raise RuleError("components_missing")
    if len(raw) > MAX_COMPONENTS:
        raise RuleError("components_too_many")
    parts = tuple(parse_component(c) for c in raw)
    if len(set(parts)) != len(parts):
        raise RuleError("component_repeated")
    return parts


def _ects(value: Any) -> Decimal:
    try:
        ects = Decimal(str(value))
    except InvalidOperation as exc:
        raise RuleError("ects_invalid") from exc
    if not ects.is_finite() or ects <= 0 or ects > 600:
        raise RuleError("ects_invalid")
    return ects


def _after(value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RuleError("date_invalid") from exc


def parse_rule(data: Any) -> Rule:
    """One rule from its JSON form; RuleError says what is wrong."""
    if not isinstance(data, Mapping) or data.get("kind") not in RULE_KINDS:
        raise RuleError("rule_invalid")
    kind: RuleKind = data["kind"]
    if kind == "all_of":
        return Rule(kind, components=_components(data))
    if kind == "n_of":
        parts = _components(data)
        return Rule(kind, components=parts, n=_whole(data.get("n"), 1, len(parts), "n_invalid"))
    if kind == "min_ects":
        return Rule(kind, ects=_ects(data.get("ects")))
    if kind == "min_level":
        if data.get("framework") not in FRAMEWORKS:
            raise RuleError("framework_invalid")
        return Rule(
            kind,
            framework=data["framework"],
            level=_whole(data.get("level"), 1, 8, "level_invalid"),
        )
    months = (
        0
        if data.get("months") in (None, "", 0)
        else _whole(data["months"], 1, 240, "months_invalid")
    )
    after = _after(data.get("after"))
    if not months and after is None:
        raise RuleError("window_empty")
    return Rule(kind, months=months, after=after)


def parse_rules(data: Any) -> tuple[Rule, ...]:
    if not isinstance(data, Sequence) or isinstance(data, (str, bytes)):
        raise RuleError("rules_invalid")
    return tuple(parse_rule(item) for item in data)


def rules_json(rules: Sequence[Rule]) -> list[dict[str, Any]]:
    return [rule.to_json() for rule in rules]
