"""EPA requirement rules (generator/requirements/epa.py): both sides of every boundary, and the way a
violation reaches the user (validate refuses, an exception turns it into a warning, build prints it)."""

from __future__ import annotations

import copy

import pytest

from conftest import INBOX, run_formgen
from generator.checks import check_case
from generator.load import load_case
from generator.requirements import epa
from schemas.case import RuleException
from schemas.epa_employment_contract import EpaEmploymentContract
from schemas.epa_job_offer import EpaJobOffer

JOB_OFFER = INBOX / "epa-job-offer-sakura.yaml"
CONTRACT = INBOX / "epa-employment-contract-rina.yaml"
BASE_JOB_OFFER = load_case(JOB_OFFER, INBOX).data
BASE_CONTRACT = load_case(CONTRACT, INBOX).data


def job_offer(**facility_changes) -> EpaJobOffer:
    """The example's first facility alone (its fee then differs from the recorded one: fees are dropped)."""
    data = copy.deepcopy(BASE_JOB_OFFER)
    data["facilities"] = data["facilities"][:1]
    data["fees"] = []
    data["facilities"][0].update(facility_changes)
    return EpaJobOffer.model_validate(data)


TWO_COUNTRY_TRAINING = BASE_JOB_OFFER["facilities"][1]["training"]  # its 様式5 counts per country (IN, VN)


def contract(**changes) -> EpaEmploymentContract:
    data = copy.deepcopy(BASE_CONTRACT)
    data.update(changes)
    return EpaEmploymentContract.model_validate(data)


def rule_ids(case) -> set[str]:
    return {str(p.rule).split()[0] for p in check_case(case)}


def errors(case) -> set[str]:
    return {str(p.rule).split()[0] for p in check_case(case) if p.severity == "error"}


def test_the_example_job_offer_and_contract_meet_every_hard_requirement():
    assert errors(EpaJobOffer.model_validate(copy.deepcopy(BASE_JOB_OFFER))) == set()
    assert errors(EpaEmploymentContract.model_validate(copy.deepcopy(BASE_CONTRACT))) == set()


@pytest.mark.parametrize("capacity, refused", [(29, True), (30, False)])
def test_capacity_of_kinds_1_to_5(capacity, refused):
    assert ("EPA-FAC-CAPACITY" in errors(job_offer(capacity=capacity))) is refused


@pytest.mark.parametrize("beds, refused", [(29, True), (30, False)])
def test_insured_beds_count_for_the_care_hospital(beds, refused):
    assert ("EPA-FAC-CAPACITY" in errors(job_offer(capacity=100, insured_beds=beds))) is refused


@pytest.mark.parametrize("main_capacity, refused", [(29, True), (30, False)])
def test_satellite_kinds_6_to_9_need_a_main_facility_of_30(main_capacity, refused):
    case = job_offer(type_code="7-1", capacity=20,
                     main_facility={"name": "特別養護老人ホームさくら苑", "type_code": "3-1", "capacity": main_capacity})
    assert ("EPA-FAC-MAIN-CAPACITY" in errors(case)) is refused
    assert "EPA-FAC-CAPACITY" not in errors(case)  # the satellite's own 20 places do not matter


def test_a_satellite_without_its_main_facility_is_refused():
    assert "EPA-FAC-MAIN-CAPACITY" in errors(job_offer(type_code="6-1", capacity=20))


@pytest.mark.parametrize("site_code, refused", [("9-1", False), ("10-1", True), (None, True)])
def test_day_services_10_to_15_only_on_the_site_of_a_kind_1_to_9(site_code, refused):
    site = {"name": "特別養護老人ホームさくら苑", "type_code": site_code, "capacity": 80} if site_code else None
    case = job_offer(type_code="12-1", same_site_facility=site, capacity=0)
    assert ("EPA-FAC-SAME-SITE" in errors(case)) is refused


def test_an_unknown_type_code_is_refused():
    assert "EPA-FAC-TYPE" in errors(job_offer(type_code="16-1"))


@pytest.mark.parametrize("certified, refused", [(39, True), (40, False)])
def test_40_percent_of_full_time_care_staff_are_certified(certified, refused):
    case = job_offer(care_staff=120, care_staff_fte=110, fulltime_care_staff=100, certified_care_workers=certified)
    assert ("EPA-FAC-CERTIFIED-SHARE" in errors(case)) is refused


def test_the_certified_share_message_names_the_figures_and_the_seed_line():
    case = job_offer(care_staff=120, care_staff_fte=110, fulltime_care_staff=100, certified_care_workers=39)
    problem = next(p for p in check_case(case) if p.rule.startswith("EPA-FAC-CERTIFIED-SHARE"))
    assert "常勤介護職員100人のうち介護福祉士は39人（39.0%）" in problem.message.ja
    assert "40人以上" in problem.message.ja
    assert "002_e5f9a0dfd8ef1d48.txt:285" in problem.rule
    assert problem.path == ("facilities", 0, "certified_care_workers")


@pytest.mark.parametrize("count, single, outcome", [
    (1, False, "error"), (1, True, "ok"), (2, False, "ok"), (5, False, "ok"), (6, False, "error")])
def test_two_to_five_candidates_per_country(count, single, outcome):
    site = {"name": "養護老人ホームさくら", "type_code": "3-2"} if single else None
    case = job_offer(requested_count=count, single_acceptance_facility=site)
    assert ("EPA-COUNT-RANGE" in errors(case)) is (outcome == "error")
    if single:
        assert "EPA-COUNT-SINGLE" in rule_ids(case)  # the reminder to plan exchanges (002:429-431)


@pytest.mark.parametrize("count, refused, warned", [(3, False, True), (4, False, False), (10, False, False),
                                                    (11, True, False)])
def test_several_countries_multiply_the_limits(count, refused, warned):
    case = job_offer(countries=["インドネシア", "ベトナム"], requested_count=count, training=TWO_COUNTRY_TRAINING)
    assert ("EPA-COUNT-RANGE" in errors(case)) is refused
    assert ("EPA-COUNT-PER-COUNTRY" in rule_ids(case)) is warned


def test_a_trial_period_on_the_job_offer_is_refused():
    assert "EPA-NO-TRIAL" in errors(job_offer(trial_period=True))
    assert "EPA-NO-TRIAL" not in errors(job_offer(trial_period=False))


@pytest.mark.parametrize("base, refused", [(171_999, True), (172_000, False)])
def test_base_pay_equal_to_the_japanese_colleague(base, refused):
    case = contract(base_pay={"basis": "月給", "amount": base, "age_based": False})
    assert ("EPA-EQUAL-PAY" in errors(case)) is refused


@pytest.mark.parametrize("colleague_allowances, refused", [(52_000, False), (52_001, True)])
def test_monthly_pay_with_fixed_allowances_equal_to_the_colleague(colleague_allowances, refused):
    # the candidate: 176,000 + 15,000 + 8,000 + 10,000 + 15,000 = 224,000 円; the colleague: 172,000 + allowances
    case = contract(comparison_employee={"title": "介護職員", "monthly_base_pay": 172_000,
                                         "monthly_fixed_allowances": colleague_allowances})
    assert ("EPA-EQUAL-PAY" in errors(case)) is refused


def test_an_hourly_base_pay_is_flagged_for_a_manual_comparison():
    case = contract(base_pay={"basis": "時給", "amount": 1_100, "age_based": False})
    assert "EPA-EQUAL-PAY-UNCHECKED" in rule_ids(case)
    assert "EPA-EQUAL-PAY" not in errors(case)


@pytest.mark.parametrize("certified, years, course, refused", [
    (True, 5, False, False), (True, 4.9, False, True), (True, 4.9, True, False), (False, 10, True, True)])
def test_training_manager_rule(certified, years, course, refused):
    manager = epa.TrainingManager("山田 花子", certified, years, course)
    assert (epa.training_manager_shortfall(manager) is not None) is refused


def _with_career(start: str, qualification: str = "介護福祉士") -> EpaJobOffer:
    data = copy.deepcopy(BASE_JOB_OFFER)
    data["facilities"] = data["facilities"][:1]
    training = data["facilities"][0]["training"]
    training["care_plan"]["responsible"]["qualification"] = qualification
    training["responsible_career"]["as_of"] = "2026-05-01"
    training["responsible_career"]["careers"] = [{"employer": "特別養護老人ホームさくら苑", "duties": "介護職員",
                                                  "start": start}]
    return EpaJobOffer.model_validate(data)


@pytest.mark.parametrize("start, refused", [("2021-07-01", True), ("2021-06-01", False)])
def test_training_manager_career_of_five_years_on_the_6_2_certificate(start, refused):
    # 2021年7月から2026年5月現在 = 59か月; 2021年6月から = 60か月 (both months counted, 様式6-2)
    case = _with_career(start)
    assert ("EPA-TRAINING-MANAGER" in errors(case)) is refused


def test_a_training_manager_who_is_not_a_certified_care_worker_is_refused():
    problem = next(p for p in check_case(_with_career("2010-04-01", qualification="介護支援専門員"))
                   if p.rule.startswith("EPA-TRAINING-MANAGER"))
    assert "介護福祉士ではありません" in problem.message.ja
    assert problem.path == ("facilities", 0, "training", "responsible_career")


def test_the_instructor_course_is_recorded_as_an_exception():
    case = _with_career("2024-04-01")
    problem = next(p for p in check_case(case) if p.rule.startswith("EPA-TRAINING-MANAGER"))
    assert "exceptions に EPA-TRAINING-MANAGER" in problem.message.ja
    case.exceptions = [RuleException(rule="EPA-TRAINING-MANAGER", reason="実習指導者講習会 修了（2025年 架空県）")]
    assert "EPA-TRAINING-MANAGER" not in errors(case) and "EPA-TRAINING-MANAGER" in rule_ids(case)


def _underpaid(case_path):
    text = case_path.read_text(encoding="utf-8")
    case_path.write_text(text.replace("monthly_base_pay: 172000", "monthly_base_pay: 180000"), encoding="utf-8")


def test_validate_refuses_unequal_pay_with_its_rule_line_and_an_exception_makes_it_a_warning(inbox_copy, outbox):
    case = inbox_copy / CONTRACT.name
    _underpaid(case)
    refused = run_formgen("validate", str(case))
    assert refused.returncode == 1
    assert "同等報酬の要件を満たしません" in refused.stderr
    assert "［根拠: EPA-EQUAL-PAY 002_e5f9a0dfd8ef1d48.txt:301, 344, 414］" in refused.stderr
    assert f"{case}:" in refused.stderr  # located at the line of base_pay.amount
    with case.open("a", encoding="utf-8") as f:
        f.write("exceptions:\n  - rule: EPA-EQUAL-PAY\n    reason: 比較対象は夜勤専従職員のため（架空の例）\n")
    excepted = run_formgen("validate", str(case))
    assert excepted.returncode == 0, excepted.stderr
    assert "警告" in excepted.stdout and "例外として届出: 比較対象は夜勤専従職員のため" in excepted.stdout
    built = run_formgen("build", str(case), "--out", str(outbox))
    assert built.returncode == 0, built.stderr
    assert "例外として届出" in built.stdout  # the warning is printed with the build
