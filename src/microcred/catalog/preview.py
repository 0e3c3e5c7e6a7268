"""The live preview: the credential a learner would receive from a specification."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from microcred.vc.elements import (
    LearnerIdentification,
    MicroCredentialElements,
    elements_to_achievement,
    elements_to_credential,
)

PREVIEW_LEARNER = "did:example:learner"
PREVIEW_CREDENTIAL = "urn:uuid:00000000-0000-4000-8000-000000000000"


def preview_json(
    el: MicroCredentialElements, *, achievement_id: str, description: str, now: datetime
) -> str:
    """Pretty OB 3.0 JSON: a whole unsigned credential once an awarding body is set,
    the Achievement alone before that (a credential cannot exist without an issuer)."""
    text = description or el.title.strip() or "-"
    document: dict[str, Any]
    if el.awarding_body is None:
        document = elements_to_achievement(
            el, achievement_id=achievement_id, description=text
        ).to_jsonld()
    else:
        award = el.model_copy(
            update={
                "learner": LearnerIdentification(id=PREVIEW_LEARNER),
                "date_of_issuing": now.astimezone(UTC),
            }
        )
        award = MicroCredentialElements.model_validate(award.model_dump())
        document = elements_to_credential(
            award,
            credential_id=PREVIEW_CREDENTIAL,
            achievement_id=achievement_id,
            description=text,
        ).to_jsonld()
    return json.dumps(document, indent=2, ensure_ascii=False)
