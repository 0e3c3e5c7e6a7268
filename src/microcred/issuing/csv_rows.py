"""Reading a learners CSV: every row checked, every problem reported with its line number.

The file is streamed (``csv`` over a text wrapper of the upload), never held whole in
memory, so a 100,000-row file costs the same memory as a 10-row one. Validation is pure:
it decides nothing about what to issue — the officer sees every bad row and chooses to fix
the file or to issue the valid rows only.

Columns (header names in English or Turkish, any order, case-insensitive):
``name``/``ad``, ``email``/``e-posta``, and optionally ``grade``/``not``,
``date``/``tarih`` (YYYY-MM-DD or DD.MM.YYYY), ``evidence_url``/``kanıt``,
``language``/``dil`` (``en`` or ``tr``: the language of the learner's e-mails).
``template_header`` gives the header row of the downloadable template in either language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from microcred.issuing.errors import CsvFileError
from microcred.issuing.plain_text import has_control_characters
from microcred.vc import Learner

#: Default for ``MICROCRED_CSV_MAX_ROWS``: data rows one file may hold.
MAX_ROWS = 100_000
#: Characters of a cell quoted back in a problem: a 100 KB cell would otherwise be repeated
#: in every message about it, and the page would grow with the file.
SHOWN_CHARACTERS = 80
_ALIASES = {
    "name": "name", "ad": "name", "ad soyad": "name", "full name": "name",
    "email": "email", "e-mail": "email", "e-posta": "email", "eposta": "email",
    "grade": "grade", "not": "grade",
    "date": "date", "tarih": "date",
    "evidence_url": "evidence_url", "evidence": "evidence_url", "kanıt": "evidence_url",
    "language": "language", "dil": "language",
}  # fmt: skip
#: The template's header row, in each language (every column, in the order we suggest).
TEMPLATE_HEADERS = {
    "en": ["name", "email", "grade", "date", "evidence_url", "language"],
    "tr": ["ad", "e-posta", "not", "tarih", "kanıt", "dil"],
}
#: What a ``language`` cell may say, and the language code it means.
_LANGUAGES = {
    "en": "en", "english": "en", "ingilizce": "en", "i̇ngilizce": "en",
    "tr": "tr", "turkish": "tr", "türkçe": "tr", "turkce": "tr",
}  # fmt: skip
_URL = URLValidator(schemes=["https", "http"])


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    column: str
    message: str


@dataclass(slots=True)
class Row:
    line: int
    learner: Learner | None
    problems: list[RowProblem] = field(default_factory=list)


def shown(value: str) -> str:
    """A cell as quoted in a message: at most ``SHOWN_CHARACTERS``, cut with an ellipsis."""
    if len(value) <= SHOWN_CHARACTERS:
        return value
    return value[: SHOWN_CHARACTERS - 1] + "…"


def max_rows() -> int:
    return int(getattr(settings, "MICROCRED_CSV_MAX_ROWS", MAX_ROWS))


def _header(fields: Sequence[str] | None) -> dict[str, str]:
    if not fields:
        raise CsvFileError(_("The file is empty or has no header row."))
    mapping: dict[str, str] = {}
    for raw in fields:
        canonical = _ALIASES.get(raw.strip().lower())
        if canonical is None:
            raise CsvFileError(_("Unknown column “%(column)s”.") % {"column": shown(raw)})
        if canonical in mapping.values():
            raise CsvFileError(_("Column “%(column)s” appears twice.") % {"column": canonical})
        mapping[raw] = canonical
    missing = {"name", "email"} - set(mapping.values())
    if missing:
        raise CsvFileError(
            _("Missing column(s): %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        )
    return mapping


def _parse_date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


#: Why a grade cannot be awarded (the specification's assessment rule), or None.
GradeRule = Callable[[str], str | None]


def _check(
    line: int,
    values: dict[str, str],
    today: date,
    seen: dict[str, int],
    grade_rule: GradeRule | None = None,
) -> Row:
    problems: list[RowProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(line, column, message))

    for column, value in values.items():
        if "\x00" in value:  # no use in a name or grade, and PostgreSQL cannot store it
            problem(column, _("The cell contains a NUL character."))
            values[column] = value.replace("\x00", "")
    name, email = values.get("name", "").strip(), values.get("email", "").strip().lower()
    grade, evidence = values.get("grade", "").strip(), values.get("evidence_url", "").strip()
    if not name:
        problem("name", _("The name is empty."))
    elif len(name) > 200:
        problem("name", _("The name is longer than 200 characters."))
    elif has_control_characters(name):
        problem("name", _("The name contains a line break or another control character."))
    try:
        validate_email(email)
    except ValidationError:
        problem("email", _("“%(value)s” is not an e-mail address.") % {"value": shown(email)})
    else:
        if email in seen:
            problem(
                "email",
                _("This e-mail address is already on line %(line)d.") % {"line": seen[email]},
            )
        else:
            seen[email] = line
    if len(grade) > 64:
        problem("grade", _("The grade is longer than 64 characters."))
    elif grade_rule is not None and (refused := grade_rule(grade)) is not None:
        problem("grade", refused)
    awarded: date | None = None
    if raw_date := values.get("date", "").strip():
        try:
            awarded = _parse_date(raw_date)
        except ValueError:
            problem(
                "date",
                _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": shown(raw_date)},
            )
        else:
            if awarded > today:
                problem("date", _("The date is in the future."))
    if evidence:
        try:
            _URL(evidence)
        except ValidationError:
            problem(
                "evidence_url",
                _("“%(value)s” is not a web address.") % {"value": shown(evidence)},
            )
    raw_language = values.get("language", "").strip()
    language = _LANGUAGES.get(raw_language.lower(), "") if raw_language else ""
    if raw_language and not language:
        problem(
            "language",
            _("“%(value)s” is not a language we write e-mails in (use en or tr).")
            % {"value": shown(raw_language)},
        )
    if problems:
        return Row(line, None, problems)
    learner = Learner(
        email=email,
        name=name,
        grade=grade,
        awarded_on=awarded,
        evidence_url=evidence,
        language=language,
    )
    return Row(line, learner)


def template_header(language: str) -> list[str]:
    """The header row of the CSV template, in ``language`` ("tr", else English)."""
    return list(TEMPLATE_HEADERS["tr" if language.startswith("tr") else "en"])


def read_rows(
    upload: IO[bytes], *, today: date, grade_rule: GradeRule | None = None
) -> Iterator[Row]:
    """Every data row of the file, checked; raises CsvFileError if the file is unreadable.

    ``grade_rule`` applies the specification's grading scheme and pass mark to each grade.
    """
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", errors="strict", newline="")
    try:
        reader = csv.DictReader(text)
        mapping = _header(reader.fieldnames)
        seen: dict[str, int] = {}
        limit = max_rows()
        for count, record in enumerate(reader, start=1):
            if count > limit:
                raise CsvFileError(_("The file has more than %(max)d rows.") % {"max": limit})
            line = reader.line_num
            if None in record:
                yield Row(
                    line, None, [RowProblem(line, "", _("The row has more cells than the header."))]
                )
                continue
            values = {mapping[k]: (v or "") for k, v in record.items() if k is not None}
            yield _check(line, values, today, seen, grade_rule)
    except UnicodeDecodeError as exc:
        raise CsvFileError(
            _("The file is not UTF-8 text (byte %(at)d).") % {"at": exc.start}
        ) from exc
    except csv.Error as exc:
        raise CsvFileError(_("The file is not valid CSV: %(detail)s") % {"detail": exc}) from exc
    finally:
        text.detach()


__all__ = [
    "MAX_ROWS",
    "TEMPLATE_HEADERS",
    "CsvFileError",
    "GradeRule",
    "Row",
    "RowProblem",
    "max_rows",
    "read_rows",
    "shown",
    "template_header",
]
