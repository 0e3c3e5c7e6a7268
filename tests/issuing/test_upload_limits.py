"""Learners CSV abuse: an oversized file is refused before it is read, a file full of bad
cells gives a bounded page, and the file is checked outside the write transaction."""

from __future__ import annotations

import io
from typing import IO, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.batches import SHOWN_PROBLEMS, prepare_batch
from microcred.issuing.csv_rows import SHOWN_CHARACTERS
from microcred.issuing.models import Batch, BatchRow
from microcred.organizations.models import Organization
from tests.issuing.helpers import page, url


def post_csv(client: Client, org: Organization, version: SpecificationVersion, data: bytes) -> Any:
    upload = SimpleUploadedFile("cohort.csv", data, content_type="text/csv")
    return client.post(url("upload", org=org.slug), {"version": version.public_id, "file": upload})


def rows(count: int, email: str = "") -> bytes:
    lines = ["name,email"] + [f"Learner {i},{email or f'l{i}@uni.example'}" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


def test_a_body_announced_as_too_large_is_refused_unread(
    officer: Client, organization: Organization, published: SpecificationVersion, settings: Settings
) -> None:
    settings.MICROCRED_CSV_MAX_BYTES = 1000
    response = post_csv(officer, organization, published, rows(5000))  # ≈ 100 KB
    assert response.status_code == 413
    body = page(response)
    assert "The file is larger than 1000\xa0bytes." in body
    assert "Split it into smaller files" in body
    assert not Batch.objects.exists()


def test_a_file_over_the_cap_is_cut_off_while_it_arrives(
    officer: Client, organization: Organization, published: SpecificationVersion, settings: Settings
) -> None:
    settings.MICROCRED_CSV_MAX_BYTES = 2000
    data = rows(300)  # ≈ 7 KB: the request is small enough to be read, the file is not
    assert 2000 < len(data) < 2000 + 64 * 1024
    response = post_csv(officer, organization, published, data)
    assert response.status_code == 413
    assert "The file is larger than" in page(response)
    assert not Batch.objects.exists()
    # At the cap itself the file is taken.
    settings.MICROCRED_CSV_MAX_BYTES = len(data)
    assert post_csv(officer, organization, published, data).status_code == 200
    assert Batch.objects.get().total == 300


def test_the_limits_are_shown_and_translated(
    officer: Client, organization: Organization, settings: Settings
) -> None:
    settings.MICROCRED_CSV_MAX_BYTES = 20 * 1024 * 1024
    assert "At most 20.0\xa0MB and 100000 rows per file." in page(
        officer.get(url("upload", org=organization.slug))
    )
    settings.MICROCRED_CSV_MAX_BYTES = 1000
    turkish = officer.post(
        url("upload", lang="tr", org=organization.slug),
        {"file": SimpleUploadedFile("a.csv", rows(5000))},
    )
    assert turkish.status_code == 413
    assert "Dosya 1000\xa0bayt boyutundan büyük" in page(turkish)


def test_too_many_rows_is_a_setting(
    officer: Client, organization: Organization, published: SpecificationVersion, settings: Settings
) -> None:
    settings.MICROCRED_CSV_MAX_ROWS = 3
    response = post_csv(officer, organization, published, rows(4))
    assert response.status_code == 400
    assert "The file has more than 3 rows." in page(response)
    assert post_csv(officer, organization, published, rows(3)).status_code == 200


def test_bad_cells_give_a_bounded_page(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    huge = "x" * 20_000 + "@"  # not an address, and quoted in the message about it
    response = post_csv(officer, organization, published, rows(500, email=huge))
    assert response.status_code == 200
    body = page(response)
    assert "500 problems" in body
    assert body.count("is not an e-mail address") == SHOWN_PROBLEMS
    assert "…and 400 more problems, not listed." in body
    assert "x" * SHOWN_CHARACTERS not in body
    assert "x" * (SHOWN_CHARACTERS - 1) + "…" in body
    assert len(response.content) < 100_000  # the file was 10 MB
    batch = Batch.objects.get()
    assert batch.total == 0


class _Watched(io.RawIOBase):
    """A file that notes, at each read, whether the database is inside a transaction."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = io.BytesIO(data)
        self.during_transaction: set[bool] = set()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.during_transaction.add(connection.in_atomic_block)
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_the_file_is_read_outside_the_write_transaction(
    transactional_db: None, organization: Organization, published: SpecificationVersion
) -> None:
    upload = _Watched(rows(3000))
    stream: IO[bytes] = io.BufferedReader(upload, buffer_size=4096)
    preview = prepare_batch(organization, published, stream, filename="big.csv", by=None)
    assert preview.valid == 3000
    assert BatchRow.objects.filter(batch=preview.batch).count() == 3000
    assert upload.during_transaction == {False}
