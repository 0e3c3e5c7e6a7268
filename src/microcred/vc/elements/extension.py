"""The JSON of our extension terms on an Achievement (context ``elements/v1``).

Only what OB 3.0 cannot say natively goes here; everything else uses native OB fields
(see :mod:`.mapping`). The names are the terms of ``microcred-elements-v1.jsonld``.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from microcred.vc.elements.vocab import (
    AssessmentType,
    IntegrationOption,
    ParticipationForm,
    QfEheaCycle,
    QualityAssuranceType,
    SupervisionType,
)
from microcred.vc.openbadges import Profile
from microcred.vc.openbadges._base import ObModel


class QualityAssuranceBodyJson(ObModel):
    id: str | None = None
    name: str
    url: str | None = None


class QualityAssuranceJson(ObModel):
    quality_assurance_type: tuple[QualityAssuranceType, ...] = Field(min_length=1)
    description: str | None = None
    quality_assurance_body: QualityAssuranceBodyJson | None = None


class StackTargetJson(ObModel):
    id: str
    name: str | None = None


class ElementsExtension(ObModel):
    """Our terms as found among an Achievement's extra properties (others are ignored)."""

    model_config = ConfigDict(extra="ignore")

    learning_outcome: tuple[str, ...] | None = None
    workload_hours: int | None = Field(default=None, ge=0)
    assessment_type: tuple[AssessmentType, ...] | None = None
    assessment_description: str | None = None
    form_of_participation: ParticipationForm | None = None
    quality_assurance: QualityAssuranceJson | None = None
    prerequisites: str | None = None
    supervision: SupervisionType | None = None
    integration: IntegrationOption | None = None
    stackable_towards: tuple[StackTargetJson, ...] | None = None
    further_information: str | None = None
    qf_ehea_cycle: QfEheaCycle | None = None
    validity_period: str | None = None
    additional_language: tuple[str, ...] | None = None
    co_awarding_body: tuple[Profile, ...] | None = None
