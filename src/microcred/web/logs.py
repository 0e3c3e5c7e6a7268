"""Logs an operator can search: one JSON object per line in production, never a secret.

Events are logged with a short message and structured fields (``extra={"event": …, …}``):
ids, codes, counts and host names, never e-mail addresses, names, tokens or key material.
As a second line of defence, :class:`RedactSecrets` masks anything shaped like one of our
API tokens or a claim/verification link's token before a record is written.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

__all__ = ["JsonFormatter", "RedactSecrets", "redact"]

#: Record attributes every ``LogRecord`` has; anything else came in through ``extra``.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
_PLAIN = (str, int, float, bool, type(None))
_SECRETS = (
    (re.compile(r"\bmc_([0-9a-f]{8})_[A-Za-z0-9_-]+"), r"mc_\1_[redacted]"),
    (re.compile(r"(/(?:claim|confirm|reset|invitations?)/)[A-Za-z0-9_:-]{16,}"), r"\1[redacted]"),
    (re.compile(r"(?i)\b(password|secret|token|kek)=\S+"), r"\1=[redacted]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Masks secret-shaped text in the message and its arguments (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", …extra fields, "exception"?}`` per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
