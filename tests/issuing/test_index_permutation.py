"""The keyed index permutation and the allocation built on it: distinct entries for any
number of parallel workers, positions that reveal neither order nor count."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.issuing import status_lists
from microcred.issuing.index_permutation import permute
from microcred.issuing.models import StatusList, StatusPurpose
from microcred.organizations.models import Organization
from microcred.vc.status import BitstringStatusList


@given(size=st.integers(min_value=1, max_value=700), key=st.binary(min_size=16, max_size=32))
@settings(max_examples=60, deadline=None)
def test_permute_is_a_bijection_on_the_list(size: int, key: bytes) -> None:
    assert sorted(permute(key, n, size) for n in range(size)) == list(range(size))


def test_the_permutation_never_changes() -> None:
    """Lists in use keep numbering entries with it: a different function (even a faster
    one) would hand out indices an earlier entry of the same list already holds."""
    assert [permute(bytes(range(16)), n, 131_072) for n in range(8)] == [
        72775,
        48054,
        34570,
        911,
        11374,
        59746,
        97932,
        76581,
    ]
    assert [permute(b"k" * 32, n, 1000) for n in (0, 1, 999)] == [70, 202, 285]


def test_different_keys_give_unrelated_orders() -> None:
    size = 131_072
    first = [permute(b"a" * 16, n, size) for n in range(64)]
    second = [permute(b"b" * 16, n, size) for n in range(64)]
    assert first != second
    assert first != sorted(first)  # entry order is not index order
    assert max(first) > size // 2  # spread over the whole list, not packed at the start


@pytest.mark.parametrize(("value", "size"), [(-1, 10), (10, 10)])
def test_entry_numbers_outside_the_list_are_refused(value: int, size: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        permute(secrets.token_bytes(16), value, size)


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="128 bits"):
        permute(b"short", 1, 10)


@pytest.mark.django_db
def test_allocations_before_anything_is_stored_never_overlap(organization: Organization) -> None:
    # What two workers do in parallel: each allocates a chunk, neither has stored its awards.
    first = status_lists.allocate(organization, StatusPurpose.REVOCATION, 3000)
    second = status_lists.allocate(organization, StatusPurpose.REVOCATION, 3000)
    entries = [(sl.pk, index) for sl, index in (*first, *second)]
    assert len(set(entries)) == 6000


@pytest.mark.django_db
def test_a_full_list_hands_over_to_a_new_one(organization: Organization) -> None:
    bits = BitstringStatusList()
    StatusList.objects.create(
        organization=organization,
        purpose=StatusPurpose.SUSPENSION,
        size=bits.size,
        encoded_list=bits.encode(),
        permutation_key=secrets.token_hex(32),
        allocated=bits.size // 2 - 2,
    )
    found = status_lists.allocate(organization, StatusPurpose.SUSPENSION, 5)
    lists = [sl.pk for sl, _ in found]
    assert len(set(lists)) == 2
    assert lists.count(lists[0]) == 2  # 2 on the old list, 3 on a new one


@pytest.mark.django_db
def test_lists_from_before_the_permutation_take_no_new_entries(
    organization: Organization,
) -> None:
    bits = BitstringStatusList()
    legacy = StatusList.objects.create(
        organization=organization,
        purpose=StatusPurpose.REVOCATION,
        size=bits.size,
        encoded_list=bits.encode(),
        allocated=10,
    )
    found = status_lists.allocate(organization, StatusPurpose.REVOCATION, 4)
    assert all(sl.pk != legacy.pk for sl, _ in found)
    legacy.refresh_from_db()
    assert legacy.allocated == 10
