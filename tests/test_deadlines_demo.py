"""The demo inbox: each case kind's example gives the deadlines of its rules (run through `formgen deadlines`)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from conftest import INBOX, run_formgen
from schemas import KINDS

# demo case → (kind, the rule ids its deadlines must include, rule ids it must not have)
EXPECTED = {
    "epa-return-home-dewi": ("epa_return_home", {"epa-return-report"}, set()),
    "epa-contract-end-hoa": ("epa_contract_end", {"epa-contract-end-report"}, set()),
    "epa-death-nam": ("epa_death", {"epa-death-report"}, set()),
    "epa-disappearance-rina": ("epa_disappearance", {"epa-disappearance-report"}, set()),
    "epa-illegal-work-joseph": ("epa_illegal_work", {"epa-illegal-work-report"}, set()),
    "epa-status-change-maria": ("epa_status_change", {"epa-status-change-report"}, set()),
    "epa-exam-result-siti": ("epa_exam_result", {"epa-exam-result-report"}, set()),
    "epa-annual-report-sakura-en": ("epa_annual_report", {"epa-annual-jicwels", "epa-annual-immigration"}, set()),
    "epa-annual-report-sakura-en-qualified": ("epa_annual_report", {"epa-annual-immigration"}, {"epa-annual-jicwels"}),
    "epa-employment-contract-rina": ("epa_employment_contract",
                                     {"epa-training-program", "residence-hellowork", "epa-contract-before-entry"}, set()),
    "epa-job-offer-sakura": ("epa_job_offer", {"epa-fee-payment"}, set()),
    "jitco-airfare-advance-nguyen": ("jitco_airfare_advance",
                                     {"jitco-repayment", "jitco-repayment-notice", "jitco-late-grace",
                                      "jitco-receipt-pledge", "jitco-ticket-report", "jitco-return-report"}, set()),
    "epa-residence-record-ayu": ("epa_residence_record",
                                 {"residence-annual-jicwels", "residence-annual-immigration", "residence-renewal",
                                  "residence-move", "residence-management-fee", "residence-hellowork"},
                                 {"residence-renewal-jicwels", "residence-reentry-permit"}),
    "epa-residence-record-maria": ("epa_residence_record",
                                   {"residence-annual-immigration", "residence-renewal", "residence-renewal-jicwels",
                                    "residence-reentry-permit"}, {"residence-annual-jicwels"}),
    "technical-intern-plan-tuan": ("technical_intern_plan",
                                   {"ti-exam-basic", "ti-exam-grade3", "ti-exam-grade2", "ti-temporary-return"},
                                   {"ti-long-return-coe"}),
}
PRESENT = {case: spec for case, spec in EXPECTED.items()
           if (INBOX / f"{case}.yaml").is_file() and spec[0] in KINDS}


@pytest.fixture(scope="module")
def rules_by_case() -> dict[str, set[str]]:
    result = run_formgen("deadlines", *(str(INBOX / f"{case}.yaml") for case in PRESENT), "--today", "2026-11-20",
                         "--json", check=True)
    found = defaultdict(set)
    for row in json.loads(result.stdout):
        found[row["case_id"]].add(row["rule_id"])
    return found


@pytest.mark.parametrize("case", sorted(PRESENT))
def test_each_demo_case_gets_the_deadlines_of_its_kind(case, rules_by_case):
    _, wanted, unwanted = PRESENT[case]
    assert wanted <= rules_by_case[case]
    assert not unwanted & rules_by_case[case]
