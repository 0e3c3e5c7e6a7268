"""What every Open Badges model shares: camelCase JSON, no ``None`` fields, exact round trips.

The models read and write the JSON a credential is signed over, so they must never alter
what they did not create: a ``type`` given as a string stays a string, an integer stays an
integer (``2`` and ``2.0`` sign differently under JCS), dates stay the text they were. That is
why dates are validated strings rather than ``datetime`` objects, and why unknown
properties survive on the classes the spec lets issuers extend (``extra="allow"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, StrictFloat, StrictInt, ValidationError
from pydantic.alias_generators import to_camel

from microcred.vc.dates import parse_datetime
from microcred.vc.errors import SchemaError

Number = StrictInt | StrictFloat
"""A JSON number kept as given: ``2`` is not rewritten to ``2.0``, ``true`` is not ``1``."""

TypeValue = str | tuple[str, ...]
"""JSON-LD ``type``: one IRI or a set of them, kept in the form it arrived in."""


def _check_datetime(value: str) -> str:
    parse_datetime(value)
    return value


DateTimeStamp = Annotated[str, AfterValidator(_check_datetime)]
"""An ``xsd:dateTimeStamp`` (time zone required) kept as its original text."""


def types_of(value: TypeValue) -> tuple[str, ...]:
    """``type`` as a tuple, whichever form it was written in."""
    return (value,) if isinstance(value, str) else value


def require_type(value: TypeValue, *required: str) -> TypeValue:
    """Raise unless ``type`` includes one of ``required`` (the spec's "MUST include")."""
    if not set(types_of(value)) & set(required):
        raise ValueError(f"type must include {' or '.join(repr(r) for r in required)}")
    return value


class ObModel(BaseModel):
    """Base: frozen, camelCase aliases, unknown properties refused unless a subclass allows."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        alias_generator=to_camel,
        serialize_by_alias=True,
    )

    def to_jsonld(self) -> dict[str, Any]:
        """The JSON-LD object: camelCase names, ``None`` fields left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    @classmethod
    def from_jsonld(cls, document: Mapping[str, Any]) -> Self:
        """Parse a JSON object; a document that does not fit raises ``SchemaError``."""
        try:
            return cls.model_validate(document)
        except ValidationError as exc:
            raise SchemaError(
                f"not a valid {cls.__name__}: {_summary(exc)}", code="model_invalid"
            ) from exc


class ExtensibleModel(ObModel):
    """A class the OB 3.0 schema leaves open (``additionalProperties: true``)."""

    model_config = ConfigDict(extra="allow")


def _summary(error: ValidationError, limit: int = 3) -> str:
    parts = []
    for item in error.errors()[:limit]:
        where = "/".join(str(p) for p in item["loc"]) or "/"
        parts.append(f"{where}: {item['msg']}")
    more = error.error_count() - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
