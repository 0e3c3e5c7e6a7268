"""Profile (issuers, creators, endorsers) and the small classes it uses.

The issuer's ``address.addressCountryCode`` is where the EU "country of the issuer"
element lives, so ``Address`` is modelled in full.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from microcred.vc.openbadges._base import ExtensibleModel, Number, ObModel, TypeValue, require_type

if TYPE_CHECKING:
    from microcred.vc.openbadges.credential import EndorsementCredential


class Image(ObModel):
    """An image by URI or data URI, with an optional caption (closed class)."""

    id: str
    type: TypeValue = "Image"
    caption: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Image")


class GeoCoordinates(ObModel):
    """A WGS84 position of an address (closed class)."""

    type: TypeValue = ("GeoCoordinates",)
    latitude: Number
    longitude: Number


class Address(ObModel):
    """A postal address; ``addressCountryCode`` is ISO 3166-1 alpha-2 (closed class)."""

    type: TypeValue = ("Address",)
    address_country: str | None = None
    address_country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    address_region: str | None = None
    address_locality: str | None = None
    street_address: str | None = None
    post_office_box_number: str | None = None
    postal_code: str | None = None
    geo: GeoCoordinates | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Address")


class IdentifierEntry(ObModel):
    """Another identifier of a profile or achievement (closed class)."""

    type: TypeValue = "IdentifierEntry"
    identifier: str
    identifier_type: str

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "IdentifierEntry")


class Profile(ExtensibleModel):
    """An issuer, creator or endorser; ``id`` and a type including ``Profile`` are required."""

    id: str
    type: TypeValue = ("Profile",)
    name: str | None = None
    url: str | None = None
    phone: str | None = None
    description: str | None = None
    endorsement: tuple[EndorsementCredential, ...] | None = None
    endorsement_jwt: tuple[str, ...] | None = None
    image: Image | None = None
    email: str | None = None
    address: Address | None = None
    other_identifier: tuple[IdentifierEntry, ...] | None = None
    official: str | None = None
    parent_org: Profile | None = None
    family_name: str | None = None
    given_name: str | None = None
    additional_name: str | None = None
    patronymic_name: str | None = None
    honorific_prefix: str | None = None
    honorific_suffix: str | None = None
    family_name_prefix: str | None = None
    date_of_birth: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Profile")
