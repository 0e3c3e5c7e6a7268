"""XML Schema ``dateTime`` as VC 2.0 uses it: strict parsing and canonical formatting.

VC 2.0 requires ``validFrom``/``validUntil`` to be ``xsd:dateTimeStamp`` (a time zone is
mandatory). Python's ``fromisoformat`` accepts far more than that grammar (week dates,
missing seconds, spaces), so we match the grammar first and only then parse.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_DATETIME = re.compile(
    r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?"
    r"(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)"
)


def parse_datetime(value: object) -> datetime:
    """Parse an xsd:dateTimeStamp; raise ValueError with the reason otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"expected a date-time string, got {type(value).__name__}")
    if not _DATETIME.fullmatch(value):
        raise ValueError(f"{value!r} is not an XML Schema dateTime with a time zone")
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    if "." in text:  # fromisoformat wants at most 6 fractional digits
        head, _, rest = text.partition(".")
        digits = re.match(r"\d+", rest)
        assert digits is not None
        text = head + "." + digits.group()[:6].ljust(6, "0") + rest[digits.end() :]
    return datetime.fromisoformat(text)


def format_datetime(moment: datetime) -> str:
    """UTC, to the second, with ``Z``: the form the cryptosuite examples use."""
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
