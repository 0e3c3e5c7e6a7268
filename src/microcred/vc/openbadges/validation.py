"""JSON Schema validation of OB 3.0 / CLR 2.0 credentials, with our own schemas.

The schemas (``schemas/*.schema.json``, draft 2020-12) follow the OB 3.0 / CLR 2.0 data
models in their VC 2.0 form: ``@context`` starts with the VC 2.0 context and includes an
OB (or CLR) context, ``type`` includes ``VerifiableCredential`` and the credential type,
``validFrom`` is an xsd:dateTimeStamp, the issuer is a Profile, and so on. Each schema is
compiled once (``jsonschema_rs``) and kept: compiled validators are immutable and
input-independent, so the cache is safe to share. A valid credential costs one
``is_valid`` call; only an invalid one pays for collecting its issues.

Where a bare JSON Schema message would be cryptic ("… is not valid under any of the
schemas listed in the 'anyOf' keyword"), the schema carries an ``errorMessage`` of our
own next to the failing keyword and that message is reported instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from microcred.vc.errors import SchemaError

ACHIEVEMENT_SCHEMA = "achievementcredential.schema.json"
ENDORSEMENT_SCHEMA = "endorsementcredential.schema.json"
CLR_SCHEMA = "clrcredential.schema.json"

_BY_TYPE = (
    ("ClrCredential", CLR_SCHEMA),
    ("EndorsementCredential", ENDORSEMENT_SCHEMA),
    ("OpenBadgeCredential", ACHIEVEMENT_SCHEMA),
    ("AchievementCredential", ACHIEVEMENT_SCHEMA),
)


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One schema violation: a JSON Pointer into the credential and what is wrong there."""

    path: str
    message: str


def schema_for(document: Mapping[str, Any]) -> str:
    """The schema file for a credential, by its ``type`` (OB AchievementCredential if unsure)."""
    types = document.get("type")
    found = set(types) if isinstance(types, list) else {types}
    for name, schema in _BY_TYPE:
        if name in found:
            return schema
    return ACHIEVEMENT_SCHEMA


def validate_credential(doc: Mapping[str, Any]) -> list[SchemaIssue]:
    """Every schema issue of ``doc``; an empty list means it is valid."""
    if not isinstance(doc, Mapping):
        raise TypeError(f"a credential is a JSON object, not {type(doc).__name__}")
    name = schema_for(doc)
    validator = _validator(name)
    instance = doc if isinstance(doc, dict) else dict(doc)
    if validator.is_valid(instance):
        return []
    schema = load_schema(name)
    return [_issue(error, schema) for error in validator.iter_errors(instance)]


def validate_or_raise(doc: Mapping[str, Any]) -> None:
    """Raise ``SchemaError(code="schema_invalid")`` naming the first issues, if any."""
    issues = validate_credential(doc)
    if issues:
        summary = "; ".join(f"{i.path or '/'}: {i.message}" for i in issues[:5])
        more = f" (and {len(issues) - 5} more)" if len(issues) > 5 else ""
        raise SchemaError(f"credential does not match its schema: {summary}{more}")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A shipped schema as parsed JSON (cached; treat as read-only)."""
    text = resources.files(__package__).joinpath("schemas").joinpath(name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Any:
    return jsonschema_rs.validator_for(load_schema(name))


def _issue(error: Any, schema: Mapping[str, Any]) -> SchemaIssue:
    path = list(error.instance_path)
    if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Required):
        path.append(error.kind.property)
    return SchemaIssue(_pointer(path), _custom_message(schema, error.schema_path) or error.message)


def _pointer(parts: list[str | int]) -> str:
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + p for p in escaped)


def _custom_message(schema: Mapping[str, Any], schema_path: list[str | int]) -> str | None:
    """Our ``errorMessage`` for the failing keyword, if the schema has one.

    A node's message speaks for its own value keywords (``pattern``, ``const``, ``enum``)
    and for failures under its combinators (``anyOf``, ``contains``, …); the deepest such
    message wins. Other failures (``required``, ``additionalProperties``) keep the plain
    message, which already names the property.
    """
    node: Any = schema
    message = None
    for step in schema_path:
        if isinstance(node, Mapping):
            own = node.get("errorMessage")
            if isinstance(own, str) and step in _MESSAGE_KEYWORDS:
                message = own
            if step == "$ref" and isinstance(node.get("$ref"), str):
                node = _resolve(schema, node["$ref"])
                continue
            node = node.get(step) if isinstance(step, str) else None
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            break
    return message


_MESSAGE_KEYWORDS = frozenset(
    {"anyOf", "allOf", "oneOf", "not", "contains", "prefixItems", "pattern", "const", "enum"}
)


def _resolve(schema: Mapping[str, Any], ref: str) -> Any:
    node: Any = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node.get(part) if isinstance(node, Mapping) else None
    return node
