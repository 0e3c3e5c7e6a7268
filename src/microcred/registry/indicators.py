"""What the platform itself knows about a provider, shown beside its self-evaluation.

Computed from the provider's catalogue and issuing record, never typed by the provider,
so a reviewer can weigh the answers against facts: how many of its published
specifications carry every mandatory EU element, state outcomes, a level and how they
are assessed; whether revocations give reasons; how its signing keys were kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.organizations.models.keys import SigningKey
from microcred.vc.elements import MicroCredentialElements, missing_mandatory

__all__ = ["Indicator", "indicators_for", "snapshot"]

LABELS = {
    "published": gettext_lazy("Published micro-credentials"),
    "complete_elements": gettext_lazy("With every mandatory EU element"),
    "outcomes_stated": gettext_lazy("With learning outcomes stated"),
    "level_stated": gettext_lazy("With an EQF or TQF level"),
    "assessment_stated": gettext_lazy("With the assessment stated"),
    "issued": gettext_lazy("Credentials issued"),
    "revocations_with_reasons": gettext_lazy("Revocations and suspensions with a reason"),
    "keys": gettext_lazy("Signing keys"),
}


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    value: str
    #: True: as expected; False: a reviewer should look; None: nothing to judge yet.
    ok: bool | None

    @property
    def label(self) -> str:
        return str(LABELS[self.code])


def _share(part: int, whole: int) -> tuple[str, bool | None]:
    if whole == 0:
        return _("none yet"), None
    percent = round(100 * part / whole)
    return _("%(part)d of %(whole)d (%(percent)d%%)") % {
        "part": part,
        "whole": whole,
        "percent": percent,
    }, part == whole


def _published(org: Organization) -> list[MicroCredentialElements]:
    versions = SpecificationVersion.objects.filter(
        specification__organization=org, status=SpecificationVersion.Status.PUBLISHED
    )
    return [catalog.elements_of(v) for v in versions]


def indicators_for(org: Organization) -> list[Indicator]:
    specs = _published(org)
    total = len(specs)
    rows = [Indicator("published", str(total), total > 0)]
    tests: tuple[tuple[str, Callable[[MicroCredentialElements], bool]], ...] = (
        ("complete_elements", lambda el: not missing_mandatory(el, for_specification=True)),
        ("outcomes_stated", lambda el: bool(el.learning_outcomes)),
        ("level_stated", lambda el: el.eqf_level is not None or el.tqf_level is not None),
        ("assessment_stated", lambda el: bool(el.assessment_types or el.assessment_description)),
    )
    for code, test in tests:
        value, ok = _share(sum(1 for el in specs if test(el)), total)
        rows.append(Indicator(code, value, ok))
    rows.append(Indicator("issued", str(Award.objects.filter(organization=org).count()), None))
    rows.append(_revocations(org))
    rows.append(_keys(org))
    return rows


def _revocations(org: Organization) -> Indicator:
    changed = Award.objects.filter(organization=org).exclude(state=Award.State.ACTIVE)
    with_reason = changed.exclude(state_reason="").count()
    value, ok = _share(with_reason, changed.count())
    return Indicator("revocations_with_reasons", value, ok)


def _keys(org: Organization) -> Indicator:
    keys = SigningKey.objects.filter(organization=org)
    total = keys.count()
    retired = keys.filter(status=SigningKey.Status.RETIRED).count()
    superseded = keys.filter(status=SigningKey.Status.SUPERSEDED).count()
    value = _(
        "%(total)d in all: %(rotated)d rotated, %(retired)d retired (compromised or lost)"
    ) % {
        "total": total,
        "rotated": superseded,
        "retired": retired,
    }
    return Indicator("keys", value, None if total == 0 else retired == 0)


def snapshot(org: Organization) -> dict[str, Any]:
    """The indicators as stored with a submitted application (values as shown then)."""
    return {i.code: {"value": i.value, "ok": i.ok} for i in indicators_for(org)}
