"""The public list of micro-credentials: every published specification with its EU
elements, searched and filtered as learners and employers ask.

Filters work on the elements themselves (field of study, EQF/TQF level, ECTS, language,
mode of delivery, provider, country and region), read from each latest published version;
the registry is small enough (thousands, not millions) to filter in memory, and the same
function answers the page and the JSON API so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization
from microcred.registry.names_index import fold
from microcred.vc.elements import MicroCredentialElements

__all__ = ["Filters", "Offer", "offers"]


@dataclass(frozen=True, slots=True)
class Offer:
    version: SpecificationVersion
    organization: Organization
    elements: MicroCredentialElements

    @property
    def country(self) -> str:
        body = self.elements.awarding_body
        return body.country if body else self.organization.country

    @property
    def region(self) -> str:
        body = self.elements.awarding_body
        return (body.region or "") if body else ""


@dataclass(frozen=True, slots=True)
class Filters:
    q: str = ""
    field: str = ""
    eqf: int | None = None
    tqf: int | None = None
    ects_min: Decimal | None = None
    ects_max: Decimal | None = None
    language: str = ""
    mode: str = ""
    provider: str = ""
    country: str = ""
    region: str = ""

    @classmethod
    def from_query(cls, query: object) -> Filters:
        """From a GET query (a QueryDict or a dict): unreadable values are ignored."""
        get = getattr(query, "get", None)
        assert get is not None

        def text(name: str, limit: int = 100) -> str:
            return str(get(name) or "").strip()[:limit]

        return cls(
            q=text("q", 200),
            field=text("field"),
            eqf=_level(text("eqf")),
            tqf=_level(text("tqf")),
            ects_min=_decimal(text("ects_min")),
            ects_max=_decimal(text("ects_max")),
            language=text("language", 8).lower(),
            mode=text("mode", 20),
            provider=text("provider", 63),
            country=text("country", 2).upper(),
            region=text("region", 6).upper(),
        )

    @property
    def active(self) -> bool:
        return any(
            (
                self.q,
                self.field,
                self.eqf,
                self.tqf,
                self.ects_min is not None,
                self.ects_max is not None,
                self.language,
                self.mode,
                self.provider,
                self.country,
                self.region,
            )
        )


def _level(text: str) -> int | None:
    return int(text) if text.isdigit() and 1 <= int(text) <= 8 else None


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value <= 1000 else None


def published_offers() -> list[Offer]:
    """The latest published version of every specification, by title."""
    latest: dict[int, SpecificationVersion] = {}
    for version in (
        SpecificationVersion.objects.filter(status=SpecificationVersion.Status.PUBLISHED)
        .select_related("specification__organization")
        .order_by("specification_id", "-number")
    ):
        latest.setdefault(version.specification_id, version)
    found = [
        Offer(v, v.specification.organization, catalog.elements_of(v)) for v in latest.values()
    ]
    return sorted(found, key=lambda o: (fold(o.version.title), o.version.public_id))


def _matches(offer: Offer, f: Filters) -> bool:
    el = offer.elements
    checks = [
        not f.q
        or fold(f.q)
        in fold(
            " ".join(
                (
                    el.title,
                    offer.version.description,
                    offer.organization.name,
                    el.field_of_study or "",
                    *el.keywords,
                )
            )
        ),
        not f.field or fold(f.field) in fold(el.field_of_study or ""),
        f.eqf is None or el.eqf_level == f.eqf,
        f.tqf is None or el.tqf_level == f.tqf,
        f.ects_min is None or (el.ects is not None and el.ects >= f.ects_min),
        f.ects_max is None or (el.ects is not None and el.ects <= f.ects_max),
        not f.language or f.language in el.languages,
        not f.mode or (el.participation is not None and str(el.participation) == f.mode),
        not f.provider or offer.organization.slug == f.provider,
        not f.country or offer.country == f.country,
        not f.region or offer.region == f.region,
    ]
    return all(checks)


def offers(filters: Filters) -> list[Offer]:
    return [offer for offer in published_offers() if _matches(offer, filters)]
