"""A specification's validity period (an ISO 8601 duration) as a credential's ``validUntil``.

Years and months are calendar steps (2024-02-29 plus ``P1Y`` is 2025-02-28: the last day
of the month when the day does not exist), weeks, days and times are exact. Pure: the
issuer passes the issue moment, so the same inputs always give the same end.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

_DURATION = re.compile(
    r"P(?=\d|T\d)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?"
    r"(?:(?P<days>\d+)D)?(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?"
    r"(?:(?P<seconds>\d+)S)?)?\Z"
)


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def valid_until(issued: datetime, period: str) -> datetime:
    """``issued`` plus ``period`` (e.g. ``P5Y``, ``P18M``, ``P1D``); ValueError if malformed."""
    found = _DURATION.match(period)
    if found is None:
        raise ValueError(f"{period!r} is not an ISO 8601 duration such as 'P5Y'")
    parts = {name: int(value or 0) for name, value in found.groupdict().items()}
    moment = _add_months(issued, parts["years"] * 12 + parts["months"])
    return moment + timedelta(
        weeks=parts["weeks"],
        days=parts["days"],
        hours=parts["hours"],
        minutes=parts["minutes"],
        seconds=parts["seconds"],
    )


__all__ = ["valid_until"]
