"""One case set, one truth: what several case files say about the same person, facility or job agrees,
and `filed:` keys name something the case has. Each conflict refuses both files, each naming the other's
line (generator/set_checks.py); the test cases (copies of the demo inbox) agree with themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import INBOX
from generator import api
from refusal import edit_case

CONTRACT = "epa-employment-contract-rina.yaml"
OFFER = "epa-job-offer-sakura.yaml"
REPORT = "epa-annual-report-sakura-en.yaml"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    target = tmp_path / "inbox"
    shutil.copytree(INBOX, target, ignore=shutil.ignore_patterns(".schema"))
    return target


def checked(folder: Path, *names: str) -> dict[str, api.CheckedCase]:
    case_set = api.check_paths([folder / name for name in names] if names else [folder])
    return {c.source.path.name: c for c in case_set.cases}


def problems_of(case: api.CheckedCase, rule: str) -> list:
    return [p for p in case.problems if p.rule and p.rule.startswith(rule + " ")]


def test_the_test_cases_agree_with_themselves():
    cases = api.check_paths([INBOX]).cases
    assert [(c.source.path.name, p.render()) for c in cases for p in c.errors] == []


def test_a_contract_paying_less_than_the_job_offer_refuses_both_files_naming_each_others_lines(inbox):
    edit_case(inbox / CONTRACT, "base_pay: {basis: 月給, amount: 176000", "base_pay: {basis: 月給, amount: 172000")
    cases = checked(inbox, CONTRACT, OFFER)
    contract, offer = cases[CONTRACT], cases[OFFER]
    assert not contract.ok and not offer.ok
    [on_contract] = problems_of(contract, "SET-CONTRACT-BELOW-OFFER")
    [on_offer] = problems_of(offer, "SET-CONTRACT-BELOW-OFFER")
    offer_line = (inbox / OFFER).read_text(encoding="utf-8").splitlines().index("      base_amount: 176000") + 1
    contract_line = next(n for n, line in enumerate((inbox / CONTRACT).read_text(encoding="utf-8").splitlines(), 1)
                         if line.startswith("base_pay:"))
    assert on_contract.position.line == contract_line and on_contract.path == ("base_pay", "amount")
    assert f"{OFFER}:{offer_line}:" in on_contract.message.ja and "176,000円以上" in on_contract.message.ja
    assert on_offer.position.line == offer_line and f"{CONTRACT}:{contract_line}:" in on_offer.message.ja
    assert "002_e5f9a0dfd8ef1d48.txt:707" in on_contract.rule and "虚偽の求人申請" in on_contract.hint.ja


@pytest.mark.parametrize("old, new, what", [
    ("  - {name: 処遇改善, amount: 15000,", "  - {name: 処遇改善, amount: 14999,", "処遇改善手当（月額）が「14,999円」"),
    ("  - {name: 調整, amount: 8000, method: 全職員一律, name_en: Adjustment, method_en: The same for all staff}\n", "",
     "調整手当（月額）が「なし」"),
    ("  - {name: 夜勤, amount: 6000,", "  - {name: 夜勤, amount: 5000,", "夜勤手当が「5,000円」"),
])
def test_an_allowance_below_the_job_offer_is_refused(inbox, old, new, what):
    edit_case(inbox / CONTRACT, old, new)
    contract = checked(inbox, CONTRACT, OFFER)[CONTRACT]
    found = problems_of(contract, "SET-CONTRACT-BELOW-OFFER")
    assert len(found) == 1 and what in found[0].message.ja, [p.message.ja for p in found]


def test_a_contract_for_another_facility_is_not_compared(inbox):
    edit_case(inbox / CONTRACT, "base_pay: {basis: 月給, amount: 176000", "base_pay: {basis: 月給, amount: 172000")
    edit_case(inbox / CONTRACT, "facility:\n  ref: sakura-en", "facility:\n  ref: midori-so")
    assert problems_of(checked(inbox, CONTRACT, OFFER)[CONTRACT], "SET-CONTRACT-BELOW-OFFER") == []


@pytest.mark.parametrize("applied, refused", [("2027-03-01", False), ("2026-11-20", True)])
def test_a_contract_follows_the_last_job_offer_applied_for_before_it(inbox, applied, refused):
    """Next year's offer for the same facility pays more: a contract signed before it keeps the older pay."""
    newer = (inbox / OFFER).read_text(encoding="utf-8").replace("application_date: 2026-06-15",
                                                                f"application_date: {applied}")
    (inbox / "epa-job-offer-sakura-next.yaml").write_text(
        newer.replace("      base_amount: 176000", "      base_amount: 180000"), encoding="utf-8")
    cases = checked(inbox, CONTRACT, OFFER, "epa-job-offer-sakura-next.yaml")  # the contract: 2027-02-10
    assert bool(problems_of(cases[CONTRACT], "SET-CONTRACT-BELOW-OFFER")) is refused
    assert bool(problems_of(cases["epa-job-offer-sakura-next.yaml"], "SET-CONTRACT-BELOW-OFFER")) is refused
    assert problems_of(cases[OFFER], "SET-CONTRACT-BELOW-OFFER") == []


def test_a_recorded_exception_turns_the_conflict_into_a_warning_on_that_side(inbox):
    edit_case(inbox / CONTRACT, "base_pay: {basis: 月給, amount: 176000", "base_pay: {basis: 月給, amount: 172000")
    with (inbox / CONTRACT).open("a", encoding="utf-8") as case:
        case.write("exceptions:\n  - {rule: SET-CONTRACT-BELOW-OFFER, reason: 求人の変更を JICWELS に連絡済み}\n")
    cases = checked(inbox, CONTRACT, OFFER)
    [warning] = problems_of(cases[CONTRACT], "SET-CONTRACT-BELOW-OFFER")
    assert warning.severity == "warning" and "求人の変更を JICWELS に連絡済み" in warning.message.ja
    assert cases[CONTRACT].ok and not cases[OFFER].ok


def test_one_person_with_two_birth_dates_is_refused_in_both_files(inbox):
    # the disappearance report written for the contract's person, with another birth date
    edit_case(inbox / "epa-disappearance-rina.yaml", "name: リナ・マハラニ\n  name_alphabet: RINA MAHARANI",
              "name: リナ・プスピタサリ\n  name_alphabet: rina puspitasari")
    edit_case(inbox / "epa-disappearance-rina.yaml", "birth_date: 2000-01-30", "birth_date: 2001-03-19")
    cases = checked(inbox, CONTRACT, "epa-disappearance-rina.yaml")
    for name, other in ((CONTRACT, "epa-disappearance-rina.yaml"), ("epa-disappearance-rina.yaml", CONTRACT)):
        [problem] = problems_of(cases[name], "SET-PERSON-BIRTH-DATE")
        assert problem.path == ("person", "birth_date") and problem.position.file.name == name
        assert f"{other}:" in problem.message.ja and "リナ・プスピタサリ" in problem.message.ja


def test_the_same_residence_card_with_another_birth_date_is_one_person_too(inbox):
    edit_case(inbox / "epa-death-nam.yaml", "residence_card_number: EF34567890GH", "residence_card_number: CD23456789EF")
    cases = checked(inbox, "epa-death-nam.yaml", "epa-residence-record-ayu.yaml")
    assert problems_of(cases["epa-death-nam.yaml"], "SET-PERSON-BIRTH-DATE")
    problem = problems_of(cases["epa-residence-record-ayu.yaml"], "SET-PERSON-BIRTH-DATE")[0]
    assert "CD23456789EF" not in problem.render()  # a residence card number is never shown in full


def test_the_training_managers_registration_year_agrees_between_6_2_and_the_annual_report(inbox):
    edit_case(inbox / REPORT, "介護福祉士（2012年登録）", "介護福祉士（2009年登録）")
    cases = checked(inbox, OFFER, REPORT)
    [on_report] = problems_of(cases[REPORT], "SET-REGISTRATION-YEAR")
    [on_offer] = problems_of(cases[OFFER], "SET-REGISTRATION-YEAR")
    assert on_report.path == ("facility_status", "training_manager", "career")
    assert "2009年登録" in on_report.message.ja and "2012年登録" in on_report.message.ja
    # the 6-2 date lives in the facility's parties file: the offer's problem points there
    assert on_offer.position.file.name == "sakura-en-training.yaml"
    assert f"{REPORT}:" in on_offer.message.ja


def test_a_filed_key_that_is_no_rule_or_form_of_the_case_is_refused_with_the_closest_key(inbox):
    case = inbox / "epa-return-home-dewi.yaml"
    with case.open("a", encoding="utf-8") as handle:
        handle.write("filed:\n  epa-return-reprot: 2026-11-16\n  mhlw-8: 2026-11-16\n")
    result = api.check_source(api.CaseSource(case, inbox))
    [problem] = [p for p in result.errors if p.rule and p.rule.startswith("FILED-KEY")]
    assert problem.path == ("filed", "epa-return-reprot") and problem.position.line == len(
        case.read_text(encoding="utf-8").splitlines()) - 1
    assert "「epa-return-report」の誤りではありませんか" in problem.message.ja


def test_filed_keys_of_rules_occurrences_and_forms_are_accepted(inbox):
    case = inbox / "epa-residence-record-ayu.yaml"
    with case.open("a", encoding="utf-8") as handle:
        handle.write("filed:\n  residence-hellowork: 2026-07-08\n  residence-move/1-2026-05-30: 2026-06-05\n")
    result = api.check_source(api.CaseSource(case, inbox))
    assert [p for p in result.problems if p.rule and p.rule.startswith("FILED-KEY")] == []
    assert result.ok
