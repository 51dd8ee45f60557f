"""技能実習 ends on 2027-04-01 (育成就労 経過措置): technical intern plans that break the transitional rules are
refused saying which rule and why, on both sides of each date; the 3号 outlook of a returned intern says
whether 3号 can still be reached; rules and forms carry the period they are valid for."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from conftest import INBOX, run_formgen
from generator import api
from generator.cutover import new_plans
from generator.followup import stage3_timeline
from schemas.followup import FollowupRecord
from schemas.technical_intern_plan import TechnicalInternPlan

PLAN = INBOX / "technical-intern-plan-tuan.yaml"
DAY = dt.date.fromisoformat


def plan_data(**dates) -> dict:
    data = {"kind": "technical_intern_plan", "intern": {"name": "グエン・ヴァン・トゥアン"}}
    data.update({key: value for key, value in dates.items() if value is not None})
    return data


def problems(tmp_path: Path, data: dict) -> dict[str, list]:
    import yaml

    case = tmp_path / "plan.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found: dict[str, list] = {}
    for problem in api.check_source(api.CaseSource(case, tmp_path)).problems:
        if problem.rule:
            found.setdefault(problem.rule.split(" ")[0], []).append(problem)
    return found


# a 1号 that starts after 2027-04-01: a new plan
def new_intern(start: str, end: str, **more) -> dict:
    return plan_data(stage1_start=start, stage1_end=end, **more)


def test_the_example_plan_is_clean_and_moves_to_3go_after_a_year_of_2go():
    checked = api.check_source(api.CaseSource(PLAN, INBOX))
    assert checked.ok and not [p for p in checked.problems if p.rule and p.rule.startswith("TI-CUTOVER")]
    assert new_plans(checked.case) == []  # 2号 goes on on 2027-04-01; 3号 is its next stage


@pytest.mark.parametrize("start, refused", [("2027-06-30", False), ("2027-07-01", True)])
def test_a_new_plan_must_start_by_2027_06_30(tmp_path, start, refused):
    found = problems(tmp_path, new_intern(start, "2028-06-29", stage1_application_date="2027-03-31"))
    assert ("TI-CUTOVER-START" in found) is refused
    if refused:
        [problem] = found["TI-CUTOVER-START"]
        assert problem.severity == "error" and problem.path == ("stage1_start",)
        assert "2027-06-30 以前" in problem.message.ja and "育成就労" in problem.message.ja


@pytest.mark.parametrize("applied, refused", [("2027-03-31", False), ("2027-04-01", True)])
def test_no_new_plan_can_be_applied_for_from_2027_04_01(tmp_path, applied, refused):
    found = problems(tmp_path, new_intern("2027-05-10", "2028-05-09", stage1_application_date=applied))
    assert ("TI-CUTOVER-APPLICATION" in found) is refused
    if refused:
        assert found["TI-CUTOVER-APPLICATION"][0].path == ("stage1_application_date",)


def test_a_new_plan_without_its_application_date_is_a_warning_to_check_it(tmp_path):
    found = problems(tmp_path, new_intern("2027-05-10", "2028-05-09"))
    [warning] = found["TI-CUTOVER-APPLICATION-DATE"]
    assert warning.severity == "warning" and "2027-03-31" in warning.message.ja


@pytest.mark.parametrize("permission, refused", [("2026-04-01", False), ("2026-04-02", True)])
def test_3go_after_the_cutover_needs_a_year_of_2go_counted_from_the_permission(tmp_path, permission, refused):
    data = plan_data(stage1_start="2025-04-01", stage1_end="2026-03-31", stage2_start="2026-04-02",
                     stage2_end="2028-03-31", stage2_permission_date=permission, stage3_start="2028-05-01",
                     stage3_end="2030-04-30")
    found = problems(tmp_path, data)
    assert ("TI-CUTOVER-STAGE3" in found) is refused
    if refused:
        [problem] = found["TI-CUTOVER-STAGE3"]
        assert problem.path == ("stage3_start",) and "2号の在留資格変更許可日 2026-04-02" in problem.message.ja


def test_without_the_permission_date_the_2go_start_is_counted_and_said_so(tmp_path):
    data = plan_data(stage1_start="2025-05-01", stage1_end="2026-04-30", stage2_start="2026-05-01",
                     stage2_end="2028-04-30", stage3_start="2028-06-01", stage3_end="2030-05-31")
    [problem] = problems(tmp_path, data)["TI-CUTOVER-STAGE3"]
    assert "stage2_permission_date が書かれていない" in problem.message.ja


def test_a_1go_admitted_under_the_measures_moves_on_to_2go(tmp_path):
    data = new_intern("2027-05-10", "2028-05-09", stage1_application_date="2027-02-01",
                      stage2_start="2028-05-10", stage2_end="2030-05-09")
    found = problems(tmp_path, data)
    assert "TI-CUTOVER-START" not in found and "TI-CUTOVER-APPLICATION" not in found
    assert [s.name for s in new_plans(TechnicalInternPlan.model_validate(data))] == ["1号"]


def test_3go_after_a_temporary_return_that_spans_the_cutover_is_a_new_plan(tmp_path):
    # 2号 ends before 2027-04-01 and the intern is at home on that day: the 3号 needs a new plan
    data = plan_data(stage1_start="2024-03-01", stage1_end="2025-02-28", stage2_start="2025-03-01",
                     stage2_end="2027-02-28", stage3_start="2027-08-01", stage3_end="2029-07-31")
    found = problems(tmp_path, data)
    assert [p.path for p in found["TI-CUTOVER-START"]] == [("stage3_start",)]
    assert "TI-CUTOVER-STAGE3" not in found  # 2号 from 2025-03-01: a year by 2027-04-01


def test_the_deadlines_list_the_last_application_and_the_last_start_of_a_new_plan(tmp_path):
    case = tmp_path / "plan.yaml"
    case.write_text("kind: technical_intern_plan\nintern: {name: グエン・ヴァン・トゥアン}\n"
                    "stage1_start: 2027-05-10\nstage1_end: 2028-05-09\n", encoding="utf-8")
    checked = api.check_paths([case])
    found = {d.key: d for d in api.deadlines_of(checked, DAY("2026-11-20"))}
    application = found["ti-cutover-application/1号"]
    assert application.legal_due == DAY("2027-03-31") and application.status == "upcoming"
    assert found["ti-cutover-start/1号"].legal_due == DAY("2027-06-30")
    assert application.rule.source == "育成就労 経過措置 (ISA/MHLW)"


def test_a_rule_gives_no_deadline_outside_the_period_it_is_in_force(monkeypatch):
    from generator.deadlines import compute, rules

    ended = tuple(dataclasses.replace(r, valid_until=DAY("2026-12-31")) if r.id == "epa-return-report" else r
                  for r in rules.RULES)
    monkeypatch.setattr(rules, "RULES", ended)
    checked = api.check_source(api.CaseSource(INBOX / "epa-return-home-dewi.yaml", INBOX))
    keys = {d.key for d in compute.compute_deadlines(checked.case, "dewi", DAY("2026-11-20"))}
    assert "epa-return-report" in keys  # due 2026-11-24, within the period
    late = checked.case.model_copy(update={"return_date": DAY("2027-01-05")})
    assert "epa-return-report" not in {d.key for d in compute.compute_deadlines(late, "dewi", DAY("2026-11-20"))}


def test_a_requirement_applies_only_on_the_days_it_is_in_force(monkeypatch):
    from generator import checks

    checked = api.check_source(api.CaseSource(INBOX / "technical-intern-plan-tuan.yaml", INBOX))
    rule = next(r for r in checks.all_requirements() if r.id == "TI-CUTOVER-STAGE3")
    breaking = checked.case.model_copy(update={"stage2_permission_date": DAY("2026-06-01")})
    assert any(p.rule.startswith("TI-CUTOVER-STAGE3") for p in checks.check_case(breaking))
    monkeypatch.setattr(checks, "all_requirements", lambda: [dataclasses.replace(rule, valid_until=DAY("2020-01-01"))])
    assert checks.check_case(breaking, day=DAY("2026-11-20")) == []


def test_a_form_is_planned_only_on_the_filing_days_of_its_edition():
    from generator.catalogue import forms_for_kind

    form = forms_for_kind("epa_return_home")[0]
    assert form.edition == "JICWELS 受入れの手引き 2022年度受入れ版"
    replaced = form.model_copy(update={"valid_until": DAY("2026-12-31")})
    assert replaced.valid_on(DAY("2026-12-31")) and not replaced.valid_on(DAY("2027-01-01"))


def test_formgen_forms_shows_each_forms_edition():
    result = run_formgen("forms", "--json", check=True)
    import json

    editions = {form["id"]: form["edition"] for form in json.loads(result.stdout)}
    assert editions["mhlw-8"] == "JICWELS 受入れの手引き 2022年度受入れ版"
    assert all(editions.values())
    table = run_formgen("forms", check=True, env={"COLUMNS": "250"}).stdout
    assert "版" in table and "2022年度受入れ版" in table


def test_the_front_door_gives_the_cutover_dates_for_dashboards():
    dates = [(d.day, d.title) for d in api.cutover_dates()]
    assert [day for day, _ in dates] == [DAY("2027-03-31"), DAY("2027-04-01"), DAY("2027-06-30")]
    assert "新規の認定申請の最終日" in dates[0][1] and "実習開始の最終日" in dates[2][1]


# ---- the 3号 outlook of a returned intern

def returned(on: str, **stage3) -> FollowupRecord:
    return FollowupRecord.model_validate({
        "kind": "followup_record", "supervising_org": "架空町技能交流協同組合",
        "returnee": {"name": "グエン・ヴァン・アン", "nationality": "ベトナム", "occupation": "溶接",
                     "implementer": "架空精工株式会社"},
        "stage_completed": "2号", "return_date": on, "channels": [{"channel": "SNS"}],
        "current": {"status": "不明"}, "stage3": {"wishes": True, "grade3_practical_passed_on": "2026-03-05", **stage3}})


@pytest.mark.parametrize("record, today, verdict", [
    (returned("2026-09-15"), "2027-01-15", True),  # apply by 3/31, start by 6/30
    (returned("2026-09-15"), "2027-04-02", False),  # nothing applied by 3/31
    (returned("2026-09-15", plan_applied_date="2027-03-20"), "2027-04-02", True),
    (returned("2026-09-15", plan_applied_date="2027-04-01"), "2027-02-01", False),
    (returned("2027-03-20", plan_applied_date="2027-03-25"), "2027-06-30", True),  # starts 6/30: in time
    (returned("2027-03-20", plan_applied_date="2027-03-25"), "2027-07-01", False),  # past the last start
    (returned("2027-05-01"), "2027-05-01", None),  # in 2号 on 2027-04-01: the permission date decides
    (returned("2027-05-01", stage2_permission_date="2026-04-01"), "2027-05-01", True),
    (returned("2027-05-01", stage2_permission_date="2026-04-02"), "2027-05-01", False),
])
def test_the_3go_timeline_says_whether_3go_can_still_be_reached(record, today, verdict):
    timeline = stage3_timeline(record, DAY(today))
    assert timeline.reachable is verdict, timeline.cutover
    assert timeline.cutover


def test_the_followup_command_prints_the_cutover_outlook(tmp_path):
    (tmp_path / "an.yaml").write_text((INBOX / "followup-nguyen-van-an.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    text = run_formgen("followup", str(tmp_path), "--today", "2027-04-02", check=True).stdout
    assert "技能実習の終了（2027年4月1日、育成就労へ）の後も3号に進めない" in text
    report = run_formgen("followup", str(tmp_path), "--today", "2027-01-15", "--json", check=True).stdout
    import json

    stage3 = json.loads(report)["records"][0]["stage3"]
    assert stage3["reachable"] is True and stage3["last_application"] == "2027-03-31"
    assert stage3["last_start"] == "2027-06-30"
