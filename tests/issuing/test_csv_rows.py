"""The learners CSV: every bad row reported with its line and reason; good rows kept."""

from __future__ import annotations

import io
from datetime import date

import pytest

from microcred.issuing.csv_rows import read_rows
from microcred.issuing.errors import CsvFileError

TODAY = date(2026, 6, 1)


def rows(text: str | bytes) -> list:  # type: ignore[type-arg]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(read_rows(io.BytesIO(data), today=TODAY))


def test_500_learners_with_3_bad_rows() -> None:
    lines = ["name,email,grade,date,evidence_url"]
    for i in range(500):
        lines.append(f"Learner {i},learner{i}@uni.example,{i % 100},2026-05-{1 + i % 28:02d},")
    lines[101] = "Broken,not-an-email,,,"  # line 102
    lines[251] = "Late,late@uni.example,,2027-01-01,"  # line 252
    lines[401] = ",noname@uni.example,,,"  # line 402
    result = rows("\n".join(lines) + "\n")
    assert len(result) == 500
    bad = [(r.line, p.column) for r in result for p in r.problems]
    assert bad == [(102, "email"), (252, "date"), (402, "name")]
    good = [r for r in result if r.learner is not None]
    assert len(good) == 497
    assert good[0].learner.email == "learner0@uni.example"
    assert good[0].learner.awarded_on == date(2026, 5, 1)


def test_turkish_headers_bom_and_turkish_date() -> None:
    text = "\ufeffAd,E-posta,Not,Tarih,Kanıt\nAyşe Yılmaz,AYSE@Uni.example,AA,15.05.2026,https://e.example/1\n"
    [row] = rows(text)
    assert row.problems == []
    assert row.learner.name == "Ayşe Yılmaz"
    assert row.learner.email == "ayse@uni.example"
    assert row.learner.awarded_on == date(2026, 5, 15)
    assert row.learner.evidence_url == "https://e.example/1"


def test_duplicate_email_points_at_the_first_line() -> None:
    result = rows("name,email\nA,a@x.example\nB,A@x.example\n")
    assert result[0].problems == []
    [problem] = result[1].problems
    assert (problem.line, problem.column) == (3, "email")
    assert "line 2" in problem.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("name,email,shoe size\n", "shoe size"),
        ("name,grade\n", "email"),
        ("name,email,ad\n", "twice"),
    ],
)
def test_file_level_errors(text: str, fragment: str) -> None:
    with pytest.raises(CsvFileError, match=fragment):
        rows(text)


def test_not_utf8_is_a_file_error() -> None:
    with pytest.raises(CsvFileError, match="UTF-8"):
        rows("name,email\nJos\xe9,j@x.example\n".encode("latin-1"))


def test_extra_cells_and_bad_url_and_long_grade() -> None:
    result = rows(
        "name,email,grade,evidence_url\n"
        "A,a@x.example,1,https://ok.example,EXTRA\n"
        f"B,b@x.example,{'9' * 65},ftp://nope.example\n"
    )
    assert [p.line for p in result[0].problems] == [2]
    assert sorted(p.column for p in result[1].problems) == ["evidence_url", "grade"]


def test_a_nul_character_in_a_cell_is_a_row_problem_not_a_stored_value() -> None:
    [row] = rows("name,email,grade,date\nAy\x00şe,ayse@uni.example,A\x00A,2026-05-01\n")
    assert [(p.line, p.column) for p in row.problems] == [(2, "name"), (2, "grade")]
    assert all("NUL" in p.message for p in row.problems)


def test_a_name_with_a_line_break_is_a_row_problem_with_its_line() -> None:
    text = (
        "name,email\nAyşe,a@uni.example\n"
        '"Mehmet\nBcc: x@evil.example",m@uni.example\n'
        "Zeynep\x85Kaya,z@uni.example\n"
    )
    result = rows(text)
    problems = [(p.line, p.column, p.message) for r in result for p in r.problems]
    message = "The name contains a line break or another control character."
    assert problems == [(4, "name", message), (5, "name", message)]  # a quoted cell ends on 4
    assert [r.learner is not None for r in result] == [True, False, False]
