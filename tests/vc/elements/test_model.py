"""The elements model refuses what cannot be right: levels, workloads, codes, combinations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from microcred.vc.elements import (
    ECTS_HOURS,
    AwardingBody,
    EscoSkill,
    GradingScheme,
    IntegrationOption,
    LearnerIdentification,
    MicroCredentialElements,
    QfEheaCycle,
    QualityAssurance,
    StackTarget,
    workload_consistency,
)

from .conftest import full_elements


def _with(**changes: Any) -> MicroCredentialElements:
    data = full_elements().model_dump()
    data.update(changes)
    return MicroCredentialElements.model_validate(data)


def test_full_elements_are_valid(elements: MicroCredentialElements) -> None:
    assert _with() == elements


@pytest.mark.parametrize("field", ["eqf_level", "tqf_level"])
@pytest.mark.parametrize("level", [0, 9, -1])
def test_levels_outside_1_to_8_are_rejected(field: str, level: int) -> None:
    with pytest.raises(ValidationError, match=field):
        _with(**{field: level, "qf_ehea_cycle": None})


@pytest.mark.parametrize("level", range(1, 9))
def test_every_level_1_to_8_is_accepted(level: int) -> None:
    assert _with(eqf_level=level, tqf_level=level, qf_ehea_cycle=None).tqf_level == level


def test_negative_or_too_precise_ects_rejected() -> None:
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        _with(ects=Decimal("-1"), workload_hours=None)
    with pytest.raises(ValidationError, match="decimal places"):
        _with(ects=Decimal("2.125"), workload_hours=None)
    with pytest.raises(ValidationError):
        _with(workload_hours=-5, ects=None)


def test_workload_hours_must_fit_the_ects() -> None:
    with pytest.raises(ValidationError, match=r"expected 62\.5-75\.0 h"):
        _with(ects=Decimal("2.5"), workload_hours=100)


def test_workload_consistency_helper() -> None:
    check = workload_consistency(Decimal(5), 140)
    assert check
    assert (check.min_hours, check.max_hours) == (Decimal(125), Decimal(150))
    assert workload_consistency(5, 125)
    assert workload_consistency(5, 150)
    assert not workload_consistency(5, 124)
    assert not workload_consistency(5, 151)
    assert workload_consistency(1.5, 40)
    assert not workload_consistency(0, 1)
    assert workload_consistency(5, 100, per_ects=(20, 20))
    assert not workload_consistency(5, 101, per_ects=(20, 20))
    assert ECTS_HOURS == (25, 30)


@pytest.mark.parametrize(
    ("args", "message"),
    [((-1, 10), "negative"), ((1, -10), "negative"), ((1, 10, (0, 30)), "positive"),
     ((1, 10, (30, 25)), "positive")],
)  # fmt: skip
def test_workload_consistency_misuse(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        workload_consistency(*args)


def test_hours_just_inside_the_range_pass() -> None:
    assert _with(ects=Decimal("2.5"), workload_hours=63).workload_hours == 63
    with pytest.raises(ValidationError):
        _with(ects=Decimal("2.5"), workload_hours=62)


def test_qf_ehea_cycle_must_match_the_eqf_level() -> None:
    with pytest.raises(ValidationError, match="EQF level 7"):
        _with(qf_ehea_cycle=QfEheaCycle.SECOND)
    assert _with(qf_ehea_cycle=QfEheaCycle.SECOND, eqf_level=7).eqf_level == 7


def test_country_and_region_codes() -> None:
    with pytest.raises(ValidationError, match="pattern"):
        AwardingBody(id="x", name="n", country="TUR")
    with pytest.raises(ValidationError, match="not in country"):
        AwardingBody(id="x", name="n", country="TR", region="DE-BY")
    assert AwardingBody(id="x", name="n", country="TR", region="TR-06").region == "TR-06"


def test_stack_targets_need_the_stackable_option() -> None:
    with pytest.raises(ValidationError, match="stackable"):
        _with(integration=IntegrationOption.STAND_ALONE)
    stand_alone = _with(integration=IntegrationOption.STAND_ALONE, stackable_towards=())
    assert stand_alone.integration is IntegrationOption.STAND_ALONE


def test_grade_must_be_an_allowed_value() -> None:
    with pytest.raises(ValidationError, match="not one of"):
        _with(grade="A+")
    assert _with(grade="FF").grade == "FF"


def test_learner_needs_some_identification() -> None:
    with pytest.raises(ValidationError, match="id or at least one identifier"):
        LearnerIdentification()


def test_validity_period_is_an_iso_duration() -> None:
    for good in ("P5Y", "P18M", "P1Y6M", "PT720H", "P2W"):
        assert _with(validity_period=good).validity_period == good
    for bad in ("5 years", "P", "PT", "P1.5Y", "1Y"):
        with pytest.raises(ValidationError, match="ISO 8601"):
            _with(validity_period=bad)


def test_language_codes_and_esco_uris() -> None:
    with pytest.raises(ValidationError):
        _with(languages=("Turkish",))
    with pytest.raises(ValidationError):
        EscoSkill(uri="https://example.org/skills/1", label="x")


def test_date_of_issuing_is_kept_as_written_in_credentials() -> None:
    local = datetime(2026, 6, 1, 12, 30, 5, 987654, tzinfo=timezone(timedelta(hours=3)))
    assert _with(date_of_issuing=local).date_of_issuing == datetime(
        2026, 6, 1, 9, 30, 5, tzinfo=UTC
    )
    with pytest.raises(ValidationError):
        _with(date_of_issuing=datetime(2026, 6, 1))  # naive: no time zone


def test_quality_assurance_needs_a_type() -> None:
    with pytest.raises(ValidationError):
        QualityAssurance(types=())


def test_result_type_vocabulary() -> None:
    with pytest.raises(ValidationError, match="resultType"):
        GradingScheme(id="g", name="n", result_type="Grade")
    assert GradingScheme(id="g", name="n", result_type="ext:TurkishFourPoint").result_type


def test_title_is_required_and_models_are_frozen(elements: MicroCredentialElements) -> None:
    with pytest.raises(ValidationError):
        MicroCredentialElements(title="")
    with pytest.raises(ValidationError):
        elements.title = "Other"
    with pytest.raises(ValidationError):
        StackTarget(id="x", extra=1)  # type: ignore[call-arg]
