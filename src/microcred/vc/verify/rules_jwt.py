"""The vc+jwt claims ``exp`` and ``nbf``: a JWT past its ``exp`` is not used, whatever the
credential inside says (RFC 7519 §4.1.4-5; VC-JOSE-COSE lets both appear beside the
credential's own ``validFrom``/``validUntil``, and a verifier must honour both).

Both are NumericDates: seconds since the epoch, an integer or a finite decimal. They are
compared as numbers (no conversion that could overflow), with the run's clock skew.
"""

from __future__ import annotations

from datetime import UTC, datetime

from microcred.vc.dates import format_datetime
from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus

CHECK = "jwt_validity"


def _failed(code: str, **params: str) -> Check:
    return Check(CHECK, code, CheckStatus.FAILED, params)


def _shown(seconds: float) -> str:
    """The moment as a date when it is one; the raw number for absurd values."""
    try:
        return format_datetime(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        return str(seconds)


def _numeric_date(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def check_jwt_times(run: Run) -> Check:
    """``exp`` must not have passed and ``nbf`` must have come (each give or take the skew)."""
    assert run.jwt is not None
    payload = run.jwt.payload
    if "exp" not in payload and "nbf" not in payload:
        return Check(CHECK, "jwt_times_absent", CheckStatus.SKIPPED)
    now, skew = run.now.timestamp(), run.max_clock_skew.total_seconds()
    for claim in ("exp", "nbf"):
        if claim in payload and _numeric_date(payload[claim]) is None:
            detail = repr(payload[claim])[:40]
            return _failed("jwt_claim_invalid", claim=claim, detail=detail)
    expires = _numeric_date(payload.get("exp"))
    if expires is not None and expires + skew < now:
        return _failed("jwt_expired", date=_shown(expires))
    starts = _numeric_date(payload.get("nbf"))
    if starts is not None and starts - skew > now:
        return _failed("jwt_not_yet_valid", date=_shown(starts))
    return Check(CHECK, "jwt_times_ok", CheckStatus.PASSED)
