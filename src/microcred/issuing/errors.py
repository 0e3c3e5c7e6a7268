"""The issuing app's refusals, under the platform's root (``infra/errors.py``)::

    IssuingError               issuing.<reason>: a message fit for the officer
    ├── ValueRefusedError      a value the rules refuse (a name with control characters)
    │   └── GradeRefusedError  a grade outside the scheme or below the pass mark
    ├── CredentialIdTakenError the credential id is already used by this organisation
    └── CsvFileError           the uploaded CSV cannot be read at all (row problems are
                               listed, not raised)

The API answers ``ValueRefusedError`` with 422, ``CredentialIdTakenError`` with 409 and
any other ``IssuingError`` with 400 (``api/errors.py``).
"""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class IssuingError(MicrocredError):
    code = "issuing.error"


class ValueRefusedError(IssuingError):
    code = "issuing.value_refused"


class GradeRefusedError(ValueRefusedError):
    """The specification's assessment rule refuses the grade (``issuing.grade_*``)."""

    code = "issuing.grade_refused"


class CredentialIdTakenError(IssuingError):
    code = "issuing.credential_id_taken"


class CsvFileError(IssuingError):
    """The file as a whole is refused (empty, unknown columns, not CSV, too many rows)."""

    code = "issuing.csv_file_invalid"
