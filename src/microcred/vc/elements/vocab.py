"""Controlled values of the EU elements, as they appear in the JSON (our context maps each
to an IRI under ``https://contexts.microcred.eu/elements/v1#``), with English and Turkish
labels for forms, credential pages and the criteria narrative."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Language = Literal["en", "tr"]


class AssessmentType(StrEnum):
    """How the learning outcomes are assessed (Annex I, mandatory element 9)."""

    WRITTEN_EXAM = "writtenExam"
    ORAL_EXAM = "oralExam"
    ONLINE_TEST = "onlineTest"
    PRACTICAL_DEMONSTRATION = "practicalDemonstration"
    PROJECT = "project"
    PORTFOLIO = "portfolio"
    PRESENTATION = "presentation"
    PEER_ASSESSMENT = "peerAssessment"
    CONTINUOUS_ASSESSMENT = "continuousAssessment"
    OTHER = "other"


class ParticipationForm(StrEnum):
    """Form of participation in the learning activity (mandatory element 10)."""

    ONLINE = "online"
    ON_SITE = "onSite"
    BLENDED = "blended"


class SupervisionType(StrEnum):
    """The three values the Council Recommendation (Annex I) lists."""

    UNSUPERVISED_NO_ID_CHECK = "unsupervisedNoIdentityVerification"
    SUPERVISED_NO_ID_CHECK = "supervisedNoIdentityVerification"
    SUPERVISED_WITH_ID_CHECK = "supervisedWithIdentityVerification"


class QualityAssuranceType(StrEnum):
    """What quality assurance underpins the micro-credential (mandatory element 11)."""

    INTERNAL = "internal"
    EXTERNAL = "external"
    ACCREDITED_PROVIDER = "accreditedProvider"
    ACCREDITED_PROGRAMME = "accreditedProgramme"
    ACCREDITED_CERTIFICATION_BODY = "accreditedCertificationBody"
    REGISTERED_QUALIFICATION = "registeredQualification"


class IntegrationOption(StrEnum):
    """Stand-alone, or stackable towards another credential (optional element 4)."""

    STAND_ALONE = "standAlone"
    STACKABLE = "stackable"


class QfEheaCycle(StrEnum):
    """Cycle of the QF for the European Higher Education Area, where one applies."""

    SHORT = "shortCycle"
    FIRST = "firstCycle"
    SECOND = "secondCycle"
    THIRD = "thirdCycle"


QF_EHEA_EQF_LEVEL: dict[QfEheaCycle, int] = {
    QfEheaCycle.SHORT: 5,
    QfEheaCycle.FIRST: 6,
    QfEheaCycle.SECOND: 7,
    QfEheaCycle.THIRD: 8,
}
"""Each QF-EHEA cycle sits at one EQF level (the frameworks are referenced to each other)."""

_LABELS: dict[StrEnum, tuple[str, str]] = {
    AssessmentType.WRITTEN_EXAM: ("written examination", "yazılı sınav"),
    AssessmentType.ORAL_EXAM: ("oral examination", "sözlü sınav"),
    AssessmentType.ONLINE_TEST: ("online test", "çevrim içi sınav"),
    AssessmentType.PRACTICAL_DEMONSTRATION: ("practical demonstration", "uygulamalı gösterim"),
    AssessmentType.PROJECT: ("project", "proje"),
    AssessmentType.PORTFOLIO: ("portfolio", "portfolyo"),
    AssessmentType.PRESENTATION: ("presentation", "sunum"),
    AssessmentType.PEER_ASSESSMENT: ("peer assessment", "akran değerlendirmesi"),
    AssessmentType.CONTINUOUS_ASSESSMENT: ("continuous assessment", "sürekli değerlendirme"),
    AssessmentType.OTHER: ("other", "diğer"),
    ParticipationForm.ONLINE: ("online", "çevrim içi"),
    ParticipationForm.ON_SITE: ("on-site", "yüz yüze"),
    ParticipationForm.BLENDED: ("blended", "karma"),
    SupervisionType.UNSUPERVISED_NO_ID_CHECK: (
        "unsupervised, no identity verification",
        "gözetimsiz, kimlik doğrulaması yok",
    ),
    SupervisionType.SUPERVISED_NO_ID_CHECK: (
        "supervised, no identity verification",
        "gözetimli, kimlik doğrulaması yok",
    ),
    SupervisionType.SUPERVISED_WITH_ID_CHECK: (
        "supervised online or on-site, with identity verification",
        "çevrim içi ya da yüz yüze gözetimli, kimlik doğrulamalı",
    ),
    QualityAssuranceType.INTERNAL: ("internal quality assurance", "iç kalite güvencesi"),
    QualityAssuranceType.EXTERNAL: ("external quality assurance", "dış kalite güvencesi"),
    QualityAssuranceType.ACCREDITED_PROVIDER: ("accredited provider", "akredite kurum"),
    QualityAssuranceType.ACCREDITED_PROGRAMME: ("accredited programme", "akredite program"),
    QualityAssuranceType.ACCREDITED_CERTIFICATION_BODY: (
        "accredited certification body (ISO/IEC 17024)",
        "akredite belgelendirme kuruluşu (ISO/IEC 17024)",
    ),
    QualityAssuranceType.REGISTERED_QUALIFICATION: (
        "registered in a national qualifications database",
        "ulusal yeterlilik veri tabanına kayıtlı",
    ),
    IntegrationOption.STAND_ALONE: ("stand-alone", "bağımsız"),
    IntegrationOption.STACKABLE: (
        "stackable towards another credential",
        "başka bir belgeye biriktirilebilir",
    ),
    QfEheaCycle.SHORT: ("short cycle", "kısa döngü (ön lisans)"),
    QfEheaCycle.FIRST: ("first cycle", "birinci döngü (lisans)"),
    QfEheaCycle.SECOND: ("second cycle", "ikinci döngü (yüksek lisans)"),
    QfEheaCycle.THIRD: ("third cycle", "üçüncü döngü (doktora)"),
}


def label(value: StrEnum, language: Language = "en") -> str:
    """The human label of a controlled value, in English or Turkish."""
    english, turkish = _LABELS[value]
    return turkish if language == "tr" else english
