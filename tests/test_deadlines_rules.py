"""Every rule of the deadline table, table-driven: the dates it gives, who it applies to, its status."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.deadlines.compute import compute_deadlines, false_statement_interest, late_interest
from generator.deadlines.rules import RULES, RULES_BY_ID

D = dt.date.fromisoformat
TODAY = D("2026-01-05")
CANDIDATE = {"name": "テスト・候補者", "qualified": False}
QUALIFIED = {"name": "テスト・介護福祉士", "qualified": True}


def due(case: dict, rule_id: str, today: dt.date = TODAY) -> list:
    return [d for d in compute_deadlines(case, "case-x", today) if d.rule.id == rule_id]


def one(case: dict, rule_id: str, today: dt.date = TODAY):
    found = due(case, rule_id, today)
    assert len(found) == 1, [d.key for d in found]
    return found[0]


# (rule id, case, legal date, effective date, the other limit shown or None)
SINGLE = [
    ("epa-return-report", {"kind": "epa_return_home", "person": CANDIDATE, "return_date": D("2026-11-10")},
     "2026-11-24", "2026-11-24", None),
    ("epa-contract-end-report", {"kind": "epa_contract_end", "person": CANDIDATE, "decision_date": D("2026-06-01"),
                                 "end_date": D("2026-06-30")}, "2026-06-15", "2026-06-15", "2026-06-29"),
    ("epa-contract-end-report", {"kind": "epa_contract_end", "person": QUALIFIED, "decision_date": D("2026-06-20"),
                                 "end_date": D("2026-06-30")}, "2026-06-29", "2026-06-29", "2026-07-04"),
    ("epa-contract-end-report", {"kind": "epa_return_home", "person": CANDIDATE, "return_date": D("2026-11-10"),
                                 "contract_end_date": D("2026-11-09"), "contract_end_decision_date": D("2026-10-01")},
     "2026-10-15", "2026-10-15", "2026-11-08"),
    ("epa-disappearance-report", {"kind": "epa_disappearance", "person": CANDIDATE,
                                  "discovered_date": D("2026-04-21")}, "2026-05-05", "2026-05-07", None),
    ("epa-death-report", {"kind": "epa_death", "person": CANDIDATE, "death_date": D("2026-09-12"),
                          "confirmed_date": D("2026-09-13")}, "2026-09-13", "2026-09-13", None),
    ("epa-illegal-work-report", {"kind": "epa_illegal_work", "person": QUALIFIED, "discovered_date": D("2026-07-20")},
     "2026-07-20", "2026-07-20", None),
    ("epa-status-change-report", {"kind": "epa_status_change", "person": CANDIDATE,
                                  "permission_date": D("2026-12-17")}, "2026-12-31", "2027-01-04", None),
    ("epa-exam-result-report", {"kind": "epa_exam_result", "person": CANDIDATE, "result": "不合格",
                                "announcement_date": D("2027-03-24")}, "2027-04-07", "2027-04-07", None),
    ("epa-qualified-status-application", {"kind": "epa_exam_result", "person": CANDIDATE, "result": "合格",
                                          "announcement_date": D("2027-03-24"), "registration_date": D("2027-05-10")},
     "2027-05-10", "2027-05-10", None),
    ("epa-annual-jicwels", {"kind": "epa_annual_report", "report_year": 2027, "candidates": [CANDIDATE, QUALIFIED]},
     "2027-01-20", "2027-01-20", None),
    ("epa-annual-immigration", {"kind": "epa_annual_report", "report_year": 2029, "candidates": [QUALIFIED]},
     "2029-01-20", "2029-01-22", None),
    ("residence-renewal", {"kind": "epa_residence_record", "person": {
        **CANDIDATE, "work_start_date": D("2026-06-01"), "residence_card_expiry": D("2027-05-03")}},
     "2027-05-03", "2027-05-06", None),
    ("residence-renewal-jicwels", {"kind": "epa_residence_record", "person": {
        **QUALIFIED, "work_start_date": D("2021-06-01"), "residence_card_expiry": D("2027-05-31")}},
     "2027-05-31", "2027-05-31", None),
    ("residence-hellowork", {"kind": "epa_residence_record", "person": {**CANDIDATE, "work_start_date": D("2026-06-01")}},
     "2026-07-10", "2026-07-10", None),
    ("residence-hellowork", {"kind": "epa_employment_contract", "person": CANDIDATE,
                             "work_start_date": D("2026-12-15")}, "2027-01-10", "2027-01-12", None),
    ("epa-training-program", {"kind": "epa_employment_contract", "person": CANDIDATE,
                              "work_start_date": D("2027-05-06")}, "2027-05-05", "2027-04-30", None),
    ("epa-contract-before-entry", {"kind": "epa_employment_contract", "person": CANDIDATE,
                                   "entry_date": D("2026-11-24")}, "2026-11-23", "2026-11-20", None),
    ("epa-dismissal-notice", {"kind": "epa_contract_end", "person": CANDIDATE, "decision_date": D("2026-06-01"),
                              "end_date": D("2026-07-31"), "reason": "勤務態度不良による解雇"},
     "2026-07-01", "2026-07-01", None),
    ("epa-property-return", {"kind": "epa_return_home", "person": CANDIDATE, "property_request_date": D("2026-11-01"),
                             "return_date": D("2026-11-05")}, "2026-11-04", "2026-11-04", "2026-11-08"),
    ("jitco-receipt-pledge", {"kind": "jitco_airfare_advance", "advance_received_date": D("2026-09-26")},
     "2026-09-26", "2026-09-26", None),
    ("jitco-ticket-report", {"kind": "jitco_airfare_advance", "ticket_purchase_date": D("2026-09-28")},
     "2026-09-28", "2026-09-28", None),
    ("jitco-return-report", {"kind": "jitco_airfare_advance", "actual_return_date": D("2026-10-05")},
     "2026-10-05", "2026-10-05", None),
    ("jitco-repayment", {"kind": "jitco_airfare_advance", "disbursement_date": D("2026-09-25")},
     "2027-09-25", "2027-09-27", None),
    ("jitco-repayment", {"kind": "jitco_airfare_advance", "disbursement_date": D("2028-02-29")},
     "2029-02-28", "2029-02-28", None),
    ("jitco-repayment-notice", {"kind": "jitco_airfare_advance", "disbursement_date": D("2026-09-25")},
     "2027-03-25", "2027-03-25", None),
    ("jitco-late-grace", {"kind": "jitco_airfare_advance", "disbursement_date": D("2026-08-31")},
     "2027-09-30", "2027-09-30", None),
    ("jitco-false-statement-return", {"kind": "jitco_airfare_advance", "false_statement_found_date": D("2027-01-31")},
     "2027-01-31", "2027-01-31", None),
    ("jitco-false-statement-grace", {"kind": "jitco_airfare_advance", "false_statement_found_date": D("2027-01-31")},
     "2027-02-28", "2027-02-28", None),
    ("ti-exam-basic", {"kind": "technical_intern_plan", "intern": {"name": "T"}, "stage1_end": D("2025-08-31")},
     "2025-02-28", "2025-02-28", None),
    ("ti-exam-grade3", {"kind": "technical_intern_plan", "intern": {"name": "T"}, "stage2_end": D("2027-06-30")},
     "2026-06-30", "2026-06-30", None),
    ("ti-exam-grade2", {"kind": "technical_intern_plan", "intern": {"name": "T"}, "stage3_end": D("2029-07-31")},
     "2028-07-31", "2028-07-31", None),
    ("ti-temporary-return", {"kind": "technical_intern_plan", "intern": {"name": "T"}, "stage2_end": D("2027-06-30"),
                             "stage3_start": D("2027-08-01"),
                             "temporary_return": {"departure_date": D("2027-07-05"), "return_date": D("2027-08-20")}},
     "2027-07-05", "2027-07-05", None),
    ("ti-long-return-coe", {"kind": "technical_intern_plan", "intern": {"name": "T"}, "stage3_start": D("2027-08-01"),
                            "temporary_return": {"departure_date": D("2027-08-10"), "return_date": D("2027-11-11")}},
     "2027-11-10", "2027-11-10", None),
]

# (rule id, case, [(occurrence key, legal, effective)])
RECURRING = [
    ("residence-annual-jicwels", {"kind": "epa_residence_record", "person": {
        **CANDIDATE, "work_start_date": D("2026-06-01"), "residence_card_expiry": D("2028-05-31")}},
     [("residence-annual-jicwels/2027", "2027-01-20", "2027-01-20"),
      ("residence-annual-jicwels/2028", "2028-01-20", "2028-01-20")]),
    ("residence-annual-immigration", {"kind": "epa_residence_record", "person": {
        **QUALIFIED, "work_start_date": D("2027-06-01"), "residence_card_expiry": D("2030-05-31")}},
     [("residence-annual-immigration/2028", "2028-01-20", "2028-01-20"),
      ("residence-annual-immigration/2029", "2029-01-20", "2029-01-22"),
      ("residence-annual-immigration/2030", "2030-01-20", "2030-01-21")]),
    ("residence-move", {"kind": "epa_residence_record", "person": {**CANDIDATE, "entry_date": D("2026-06-01")},
                        "moves": [{"date": D("2026-12-20"), "address": "架空町"}]},
     [("residence-move/1-2026-12-20", "2027-01-03", "2027-01-04")]),
    ("residence-reentry-permit", {"kind": "epa_residence_record", "person": {**QUALIFIED, "entry_date": D("2022-06-01")},
                                  "temporary_returns": [
                                      {"departure_date": D("2027-03-01"), "planned_return_date": D("2028-03-01")},
                                      {"departure_date": D("2027-03-01"), "planned_return_date": D("2028-02-29")}]},
     [("residence-reentry-permit/1-2027-03-01", "2027-02-28", "2027-02-26")]),
    ("residence-management-fee", {"kind": "epa_residence_record", "person": {
        **CANDIDATE, "work_start_date": D("2026-06-01"), "residence_card_expiry": D("2027-05-31")},
        "fiscal_years_billed": [{"fiscal_year": 2026, "invoice_date": D("2026-06-30"),
                                 "invoice_received_date": D("2026-06-12")}]},
     [("residence-management-fee/FY2026", "2026-06-22", "2026-06-22"),
      ("residence-management-fee/FY2027", "2027-04-01", "2027-04-01")]),
    ("epa-fee-payment", {"kind": "epa_job_offer", "fees": [
        {"name": "求人申込手数料", "amount": 30000, "invoice_date": D("2026-08-31"), "invoice_received_date": D("2026-08-10")},
        {"name": "あっせん手数料", "amount": 130000, "invoice_date": D("2026-08-15"),
         "invoice_received_date": D("2026-08-10")}]},
     [("epa-fee-payment/2-あっせん手数料", "2026-08-15", "2026-08-14"),   # the invoice's date (Sat) comes first
      ("epa-fee-payment/1-求人申込手数料", "2026-08-20", "2026-08-20")]),  # 10 days after arrival comes first
    # the end of 技能実習 (育成就労 経過措置): a plan's new stages after 2027-04-01; the law's dates do not move
    ("ti-cutover-application", {"kind": "technical_intern_plan", "intern": {"name": "T"},
                                "stage1_start": D("2027-05-10"), "stage1_end": D("2028-05-09")},
     [("ti-cutover-application/1号", "2027-03-31", "2027-03-31")]),
    ("ti-cutover-start", {"kind": "technical_intern_plan", "intern": {"name": "T"},
                          "stage1_start": D("2026-04-01"), "stage1_end": D("2027-03-31"),
                          "stage2_start": D("2027-05-01"), "stage2_end": D("2029-04-30")},
     [("ti-cutover-start/2号", "2027-06-30", "2027-06-30")]),  # 1号 ends the day before: its 2号 is a new plan
]


@pytest.mark.parametrize("rule_id, case, legal, effective, other", SINGLE,
                         ids=[f"{row[0]}-{i}" for i, row in enumerate(SINGLE)])
def test_each_rule_gives_its_legal_and_effective_date(rule_id, case, legal, effective, other):
    deadline = one(case, rule_id)
    assert (deadline.legal_due, deadline.effective_due) == (D(legal), D(effective))
    assert [day for _, day in deadline.others] == ([D(other)] if other else [])
    assert deadline.rule.source.split(":")[0].endswith(".txt")


@pytest.mark.parametrize("rule_id, case, expected", RECURRING, ids=[row[0] for row in RECURRING])
def test_each_recurring_rule_gives_one_deadline_per_occurrence(rule_id, case, expected):
    found = [(d.key, d.legal_due, d.effective_due) for d in due(case, rule_id)]
    assert found == [(key, D(legal), D(effective)) for key, legal, effective in expected]


def test_every_rule_of_the_table_is_tested():
    tested = {row[0] for row in SINGLE} | {row[0] for row in RECURRING}
    assert tested == set(RULES_BY_ID)
    assert len(RULES) == len(RULES_BY_ID)  # ids are unique


@pytest.mark.parametrize("rule_id, case", [
    ("epa-return-report", {"kind": "epa_return_home", "person": QUALIFIED, "return_date": D("2026-11-10")}),
    ("epa-annual-jicwels", {"kind": "epa_annual_report", "report_year": 2027, "candidates": [QUALIFIED]}),
    ("residence-annual-jicwels", {"kind": "epa_residence_record", "person": {**QUALIFIED, "entry_date": D("2026-01-01")}}),
    ("residence-renewal-jicwels", {"kind": "epa_residence_record", "person": {
        **CANDIDATE, "entry_date": D("2026-01-01"), "residence_card_expiry": D("2027-05-31")}}),
    ("residence-reentry-permit", {"kind": "epa_residence_record", "person": {**CANDIDATE, "entry_date": D("2026-01-01")},
                                  "temporary_returns": [{"departure_date": D("2027-03-01"),
                                                         "planned_return_date": D("2028-04-01")}]}),
    ("epa-training-program", {"kind": "epa_employment_contract", "person": QUALIFIED, "work_start_date": D("2027-06-01")}),
    ("epa-qualified-status-application", {"kind": "epa_exam_result", "person": CANDIDATE, "result": "不合格",
                                          "announcement_date": D("2027-03-24"), "registration_date": D("2027-05-10")}),
    ("epa-dismissal-notice", {"kind": "epa_contract_end", "person": CANDIDATE, "decision_date": D("2026-06-01"),
                              "end_date": D("2026-07-31"), "reason": "本人の希望"}),
    ("epa-contract-end-report", {"kind": "epa_return_home", "person": CANDIDATE, "return_date": D("2026-11-10"),
                                 "contract_end_date": D("2026-11-09")}),  # no decision recorded: no 6-1 here
    ("ti-long-return-coe", {"kind": "technical_intern_plan", "stage3_start": D("2027-08-01"),
                            "temporary_return": {"departure_date": D("2027-08-10"), "return_date": D("2027-11-10")}}),
])
def test_a_rule_does_not_apply_where_the_seed_says_it_does_not(rule_id, case):
    """候補者 vs EPA介護福祉士 (002:2370-2384 ○/—), 合格 only, 解雇 only, ≥ 1 year, > 3 months."""
    assert due(case, rule_id) == []


@pytest.mark.parametrize("case", [
    {"kind": "no_such_kind", "return_date": D("2026-11-10")},
    {"kind": "epa_return_home"},                       # the field is missing
    {"kind": "epa_residence_record", "person": None},
    {"kind": "technical_intern_plan", "intern": {"name": "T"}},
])
def test_unknown_kinds_and_missing_fields_give_no_deadline_and_no_crash(case):
    assert compute_deadlines(case, "x", TODAY) == []


# ---- status, counted from the legal date

@pytest.mark.parametrize("today, status", [
    ("2027-09-17", "upcoming"),   # 8 days before the legal date (Saturday 2027-09-25)
    ("2027-09-18", "due_soon"),   # 7 days before the legal date, 9 before the effective one
    ("2027-09-26", "due_soon"),   # after the legal date, before the effective date (Monday)
    ("2027-09-27", "due_soon"),
    ("2027-09-28", "overdue"),
])
def test_status_counts_reminders_from_the_legal_date(today, status):
    case = {"kind": "jitco_airfare_advance", "disbursement_date": D("2026-09-25")}
    assert one(case, "jitco-repayment", D(today)).status == status


@pytest.mark.parametrize("filed", [{"epa-return-report": D("2026-11-20")}, {"mhlw-8": D("2026-11-20")}])
def test_a_filing_recorded_by_rule_id_or_form_id_is_done(filed):
    case = {"kind": "epa_return_home", "person": CANDIDATE, "return_date": D("2026-11-10"), "filed": filed}
    deadline = one(case, "epa-return-report", D("2027-01-01"))
    assert (deadline.status, deadline.done_date) == ("done", D("2026-11-20"))


def test_recurring_deadlines_are_done_by_their_own_key_and_paid_fees_are_done():
    case = {"kind": "epa_residence_record", "person": {**CANDIDATE, "entry_date": D("2026-06-01")},
            "moves": [{"date": D("2026-12-20"), "address": "架空町"}, {"date": D("2027-02-01"), "address": "架空町2"}],
            "filed": {"residence-move/1-2026-12-20": D("2026-12-25")}}
    statuses = [d.status for d in due(case, "residence-move", D("2027-03-01"))]
    assert statuses == ["done", "overdue"]
    offer = {"kind": "epa_job_offer", "fees": [{"name": "求人申込手数料", "invoice_date": D("2026-08-31"),
                                                "paid_date": D("2026-08-19")}]}
    assert one(offer, "epa-fee-payment", D("2026-09-30")).status == "done"


def test_a_window_is_open_from_three_months_before_expiry():
    case = {"kind": "epa_residence_record", "person": {
        **CANDIDATE, "entry_date": D("2026-06-01"), "residence_card_expiry": D("2027-05-31")}}
    assert one(case, "residence-renewal", D("2027-02-27")).status == "upcoming"
    window = one(case, "residence-renewal", D("2027-02-28"))
    assert (window.opens, window.status) == (D("2027-02-28"), "open")
    assert one(case, "residence-renewal", D("2027-05-24")).status == "due_soon"


def test_records_from_hides_what_fell_due_before_the_record_was_kept():
    person = {**QUALIFIED, "work_start_date": D("2021-12-01"), "residence_card_expiry": D("2027-01-31")}
    case = {"kind": "epa_residence_record", "person": person}
    assert len(due(case, "residence-annual-immigration")) == 6  # 2022..2027
    kept = due({**case, "records_from": D("2026-04-01")}, "residence-annual-immigration")
    assert [d.key for d in kept] == ["residence-annual-immigration/2027"]


# ---- JITCO: repayment, the grace month and the 加算金 (003:156-164)

@pytest.mark.parametrize("amount, paid, days, yen", [
    (100_000, "2027-09-25", 0, 0),       # on the due date
    (100_000, "2027-10-25", 0, 0),       # the grace month's last day: nothing added
    (100_000, "2027-10-26", 30, 1_200),  # the day after: 9/26..10/25 = 30 days; 100000×0.146×30/365 = 1200
    (98_000, "2027-12-01", 66, 2_587),   # 9/26..11/30 = 66 days; 98000×146×66/365000 = 2587.2 → 2587
    (33_333, "2027-10-27", 31, 413),     # 33333×146×31/365000 = 413.33 → 413 (rounded down)
])
def test_late_repayment_interest(amount, paid, days, yen):
    assert late_interest(amount, D("2027-09-25"), D(paid)) == (days, yen)


@pytest.mark.parametrize("paid, days, yen", [
    ("2027-02-28", 0, 0),         # found 2027-01-31; grace month ends on 2月28日 (no 2月31日)
    ("2027-03-01", 29, 1_160),    # from the 返還期限 to the day of return: 29 days; 100000×0.146×29/365 = 1160
])
def test_false_statement_return_interest(paid, days, yen):
    assert false_statement_interest(100_000, D("2027-01-31"), D(paid)) == (days, yen)


def test_the_repayment_shows_the_interest_of_the_planned_payment():
    case = {"kind": "jitco_airfare_advance", "amount": 100_000, "disbursement_date": D("2026-09-25"),
            "repayment_date": D("2027-10-26")}
    notes = one(case, "jitco-repayment").notes
    assert any("加算金 1,200円" in n and "30日" in n for n in notes)
    on_time = one({**case, "repayment_date": D("2027-10-25")}, "jitco-late-grace").notes
    assert any("加算金なし" in n for n in on_time)


# ---- technical interns: plans that break 001:356-372 are reported (status "violation")

PLAN = {"kind": "technical_intern_plan", "intern": {"name": "T"}, "stage1_end": D("2025-06-30"),
        "stage2_end": D("2027-06-30"), "stage3_start": D("2027-08-01"), "stage3_end": D("2029-07-31")}


@pytest.mark.parametrize("temporary_return, problem", [
    ({"departure_date": D("2027-07-05"), "return_date": D("2027-08-04")}, "1か月未満"),
    ({"departure_date": D("2027-06-20"), "return_date": D("2027-08-01")}, "入っていません"),  # before 2号 ends
    ({"departure_date": D("2028-08-01"), "return_date": D("2028-09-15")}, "入っていません"),  # after 3号's first year
    (None, "計画にありません"),
])
def test_a_temporary_return_that_breaks_the_rules_is_a_violation(temporary_return, problem):
    case = {**PLAN, "temporary_return": temporary_return}
    deadline = one(case, "ti-temporary-return")
    assert deadline.status == "violation"
    assert any(problem in v for v in deadline.violations)


@pytest.mark.parametrize("departure, back", [
    ("2027-07-01", "2027-08-01"),   # right after 2号, exactly 1 month
    ("2028-07-31", "2028-12-31"),   # the last day of 3号's first year; back later is allowed (371)
])
def test_a_temporary_return_within_the_rules_is_fine(departure, back):
    case = {**PLAN, "temporary_return": {"departure_date": D(departure), "return_date": D(back)}}
    assert one(case, "ti-temporary-return").violations == []


def test_an_exam_after_its_target_is_a_violation_and_one_before_is_done():
    late = one({**PLAN, "exam_grade3_date": D("2026-07-01")}, "ti-exam-grade3")
    assert late.status == "violation"
    early = one({**PLAN, "exam_grade3_date": D("2026-06-30")}, "ti-exam-grade3")
    assert (early.status, early.done_date) == ("done", D("2026-06-30"))
    assert one(PLAN, "ti-exam-grade2", D("2028-08-01")).status == "overdue"


def test_a_report_dated_after_its_deadline_is_pointed_out():
    case = {"kind": "epa_disappearance", "person": CANDIDATE, "discovered_date": D("2026-08-03"),
            "report_date": D("2026-08-20")}
    assert any("報告日（report_date）2026-08-20 は期限より後" in n for n in one(case, "epa-disappearance-report").notes)
    on_time = one({**case, "report_date": D("2026-08-17")}, "epa-disappearance-report")
    assert not any("報告日" in n for n in on_time.notes)


def test_a_filing_made_after_its_deadline_is_done_but_pointed_out():
    case = {"kind": "epa_employment_contract", "person": CANDIDATE, "entry_date": D("2026-11-24"),
            "contract_date": D("2026-11-25")}
    deadline = one(case, "epa-contract-before-entry")
    assert deadline.status == "done"
    assert any("実施日 2026-11-25 は期限より後" in n for n in deadline.notes)


# 金品返還 (002:1059) counts from the worker's request, which no schema records yet: the rule waits for
# `property_request_date` on epa_return_home / epa_contract_end and applies as soon as a case has it.
AWAITING_A_FIELD = {("property_request_date",)}


def test_every_rule_reads_fields_its_kinds_have():
    """The rule table and the schemas agree on the naming contract (a renamed field would silently drop a rule)."""
    from schemas import KINDS

    for rule in RULES:
        for kind in rule.kinds:
            fields = KINDS[kind].model_fields
            if rule.each and not rule.each.startswith("@"):
                assert rule.each in fields, (rule.id, kind, rule.each)
                continue
            if rule.each:
                continue
            primary = rule.limits[0]  # a second limit may exist for some of the kinds only
            if primary.paths not in AWAITING_A_FIELD:
                assert any(path.split(".")[0] in fields for path in primary.paths), (rule.id, kind, primary.paths)
            if rule.done_field:
                assert rule.done_field in fields, (rule.id, kind, rule.done_field)
        for limit in rule.limits[1:] if not rule.each else ():
            assert any(path.split(".")[0] in KINDS[kind].model_fields for kind in rule.kinds for path in limit.paths), \
                (rule.id, limit.paths)
