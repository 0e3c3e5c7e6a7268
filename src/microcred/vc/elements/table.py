"""The Annex I element list for forms and completeness checks (English and Turkish labels).

Turkish uses "mikro-yeterlilik": "mikrokredi" means microfinance in Turkish.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from microcred.vc.elements.model import MicroCredentialElements


@dataclass(frozen=True, slots=True)
class ElementInfo:
    code: str
    label_en: str
    label_tr: str
    mandatory: bool
    maps_to: str
    """Where the element lives in an OB 3.0 credential (``ext:`` = our extension context)."""


MANDATORY_ELEMENTS: tuple[ElementInfo, ...] = (
    ElementInfo("learner", "Identification of the learner", "Öğrenenin kimliği", True,
                "credentialSubject.id / credentialSubject.identifier"),
    ElementInfo("title", "Title of the micro-credential", "Mikro-yeterliliğin adı", True,
                "achievement.name"),
    ElementInfo("country", "Country or region of the issuer", "Düzenleyenin ülkesi veya bölgesi",
                True, "issuer.address.addressCountryCode / addressRegion"),
    ElementInfo("awarding_body", "Awarding body", "Belgeyi veren kurum", True,
                "issuer (+ ext:coAwardingBody)"),
    ElementInfo("date_of_issuing", "Date of issuing", "Düzenlenme tarihi", True, "validFrom"),
    ElementInfo("learning_outcomes", "Learning outcomes", "Öğrenme çıktıları", True,
                "ext:learningOutcome (+ criteria.narrative, ESCO alignments)"),
    ElementInfo("workload", "Notional workload (ECTS credits, hours)",
                "Öngörülen iş yükü (AKTS kredisi, saat)", True,
                "achievement.creditsAvailable (ECTS), ext:workloadHours"),
    ElementInfo("level", "Level (EQF, TQF; QF-EHEA cycle)",
                "Seviye (AYÇ, TYÇ; QF-EHEA döngüsü)", True,
                "achievement.alignment (EQF/TQF), ext:qfEheaCycle"),
    ElementInfo("assessment_type", "Type of assessment", "Değerlendirme türü", True,
                "ext:assessmentType, ext:assessmentDescription"),
    ElementInfo("participation", "Form of participation in the learning activity",
                "Öğrenme etkinliğine katılım biçimi", True, "ext:formOfParticipation"),
    ElementInfo("quality_assurance", "Type of quality assurance", "Kalite güvencesi türü", True,
                "ext:qualityAssurance"),
)  # fmt: skip

OPTIONAL_ELEMENTS: tuple[ElementInfo, ...] = (
    ElementInfo("prerequisites", "Prerequisites needed to enrol", "Kayıt için ön koşullar", False,
                "ext:prerequisites"),
    ElementInfo("supervision", "Supervision and identity verification during assessment",
                "Değerlendirmede gözetim ve kimlik doğrulama", False, "ext:supervision"),
    ElementInfo("grade", "Grade achieved", "Alınan not", False,
                "credentialSubject.result + achievement.resultDescription"),
    ElementInfo("integration", "Integration and stackability options",
                "Bütünleştirme ve biriktirilebilirlik seçenekleri", False,
                "ext:integration, ext:stackableTowards"),
    ElementInfo("further_information", "Further information", "Ek bilgiler", False,
                "ext:furtherInformation"),
)  # fmt: skip

AWARD_ELEMENTS = frozenset({"learner", "date_of_issuing"})
"""Mandatory elements that only an award (not a specification) can have."""

_PRESENT: dict[str, Callable[[MicroCredentialElements], bool]] = {
    "learner": lambda el: el.learner is not None,
    "title": lambda el: bool(el.title.strip()),
    "country": lambda el: el.awarding_body is not None,
    "awarding_body": lambda el: el.awarding_body is not None,
    "date_of_issuing": lambda el: el.date_of_issuing is not None,
    "learning_outcomes": lambda el: bool(el.learning_outcomes),
    "workload": lambda el: el.ects is not None or el.workload_hours is not None,
    "level": lambda el: el.eqf_level is not None or el.tqf_level is not None,
    "assessment_type": lambda el: bool(el.assessment_types),
    "participation": lambda el: el.participation is not None,
    "quality_assurance": lambda el: el.quality_assurance is not None,
}


def missing_mandatory(el: MicroCredentialElements, *, for_specification: bool = False) -> list[str]:
    """Codes of the mandatory elements ``el`` lacks, in Annex order.

    ``for_specification`` leaves out what only an award has (learner, date of issuing).
    """
    return [
        info.code
        for info in MANDATORY_ELEMENTS
        if not (for_specification and info.code in AWARD_ELEMENTS) and not _PRESENT[info.code](el)
    ]
