"""Keys written before the key store moved to ``microcred.keystore`` keep signing: the
data migration rewrites the store path each ``SigningKey`` row names."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from django.apps import apps

from microcred.keystore import KeyStoreError, generate_kek_text, get_keystore, keystore_path
from microcred.organizations import keys
from microcred.organizations.models import Organization
from microcred.organizations.models.keys import SigningKey

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("microcred.organizations.migrations.0008_keystore_moved")
OLD_PATH = "microcred.organizations.keystore.envelope.EnvelopeKeyStore"


@pytest.fixture(autouse=True)
def kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    yield
    get_keystore.cache_clear()


def old_style_key(organization: Organization) -> SigningKey:
    key = keys.ensure_signing_key(organization)
    SigningKey.objects.filter(pk=key.pk).update(keystore=OLD_PATH)
    return SigningKey.objects.get(pk=key.pk)


def test_the_default_store_lives_in_its_own_package() -> None:
    assert keystore_path() == "microcred.keystore.envelope.EnvelopeKeyStore"


def test_an_old_style_row_is_refused_until_migrated(organization: Organization) -> None:
    old_style_key(organization)
    with pytest.raises(KeyStoreError) as refused, keys.signer_for(organization):
        pass
    assert refused.value.code == "keystore.mismatch"


def test_the_migration_rewrites_the_path_and_the_key_signs_again(
    organization: Organization,
) -> None:
    key = old_style_key(organization)
    MIGRATION.forwards(apps, None)
    key.refresh_from_db()
    assert key.keystore == keystore_path()
    with keys.signer_for(organization) as signer:
        signature = signer.key.sign(b"still mine")
    assert signer.key.public.verify(signature, b"still mine")
    assert signer.key.public.multikey == key.public_multikey


def test_the_migration_goes_back_and_leaves_other_stores_alone(
    organization: Organization, other_organization: Organization
) -> None:
    key = keys.ensure_signing_key(organization)
    elsewhere = keys.ensure_signing_key(other_organization)
    SigningKey.objects.filter(pk=elsewhere.pk).update(keystore="example.kms.KmsKeyStore")
    MIGRATION.backwards(apps, None)
    key.refresh_from_db()
    assert key.keystore == OLD_PATH
    MIGRATION.forwards(apps, None)
    key.refresh_from_db()
    elsewhere.refresh_from_db()
    assert key.keystore == keystore_path()
    assert elsewhere.keystore == "example.kms.KmsKeyStore"
