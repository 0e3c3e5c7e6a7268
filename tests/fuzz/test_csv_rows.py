"""The bulk-issuance CSV reader: every file is rows (each checked, with its problems) or
one ``CsvFileError`` for the whole file."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from microcred.issuing.csv_rows import read_rows
from microcred.issuing.errors import CsvFileError

from .strategies import FUZZ

CELLS = st.sampled_from(
    ["name", "email", "grade", "date", "evidence_url", "ad soyad", "e-posta", "tarih",
     "a@b.example", "not an email", "2026-05-01", "01.05.2026", "2099-01-01", "https://x.example",
     "javascript:alert(1)", '"', '""', "\x00", "\r", "\n", ",", ";", "é", "=cmd()", ""]
)  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    rows = draw(st.lists(st.lists(CELLS | st.text(max_size=6), max_size=6), max_size=6))
    text = "\n".join(",".join(row) for row in rows)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = draw(st.binary(max_size=8)) + data
    return data


@FUZZ
@given(csv_files() | st.binary(max_size=200))
def test_every_file_is_rows_or_one_refusal(data: bytes) -> None:
    try:
        rows, refusal = list(read_rows(io.BytesIO(data), today=date(2026, 6, 1))), None
    except CsvFileError as exc:
        rows, refusal = [], exc
    assert refusal is None or str(refusal)
    for row in rows:
        assert (row.learner is None) == bool(row.problems)
        assert all(problem.message for problem in row.problems)
