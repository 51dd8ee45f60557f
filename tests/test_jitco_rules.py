"""JITCO 帰国旅費立替払制度: the office table (47 prefectures) and both sides of every requirement's boundary."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from conftest import INBOX
from generator.checks import check_case
from generator.load import load_case
from schemas.jitco_airfare_advance import ATTACHMENTS, JitcoAirfareAdvance
from schemas.jitco_offices import OFFICES, PREFECTURES, office_for_prefecture, prefecture_of

INTERN_CASE = INBOX / "jitco-airfare-advance-nguyen.yaml"  # 技能実習生, 法律上の倒産
TRAINEE_CASE = INBOX / "jitco-airfare-advance-siti.yaml"  # 研修生, 事実上の倒産, 《1》 for ⑥


@pytest.fixture(scope="module")
def intern_data() -> dict:
    return load_case(INTERN_CASE, INBOX).data


@pytest.fixture(scope="module")
def trainee_data() -> dict:
    return load_case(TRAINEE_CASE, INBOX).data


def case_from(data: dict, **changes) -> JitcoAirfareAdvance:
    """The case with `changes` applied; a key like trip__estimate_amount reaches into a part."""
    data = copy.deepcopy(data)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value
    return JitcoAirfareAdvance.model_validate(data)


def rules_broken(case: JitcoAirfareAdvance, severity: str = "error") -> set[str]:
    return {str(p.rule).split()[0] for p in check_case(case) if p.severity == severity}


# ---------------------------------------------------------------- offices


def test_all_47_prefectures_map_to_an_office_with_address_and_phone():
    assert len(PREFECTURES) == 47 and len(set(PREFECTURES)) == 47
    for prefecture in PREFECTURES:
        office = office_for_prefecture(prefecture)
        submit_to = office.as_submit_to()
        assert submit_to["name"].startswith("JITCO ") and submit_to["name"].endswith("駐在事務所")
        assert submit_to["address"].startswith("〒")
        assert submit_to["phone"][0] == "0"


def test_every_office_short_name_is_a_real_prefecture_and_none_is_served_twice():
    served = [short for office in OFFICES for short in office.prefectures]
    assert len(served) == 47 == len(set(served))


@pytest.mark.parametrize(("prefecture", "city", "phone"), [
    ("北海道", "札幌", "011-242-5820"),          # 003:230
    ("福島県", "仙台", "022-299-8420"),          # 003:231
    ("群馬県", "宇都宮", "028-627-6970"),        # 003:233
    ("神奈川県", "東京", "03-6430-1190"),        # 003:235
    ("山梨県", "東京", "03-6430-1190"),          # 003:235
    ("福井県", "富山", "076-442-1496"),          # 003:237
    ("三重県", "名古屋", "052-934-3932"),        # 003:240
    ("京都府", "大阪", "06-6344-9521"),          # 003:241
    ("山口県", "広島", "082-224-0253"),          # 003:243
    ("高知県", "高松", "087-826-3748"),          # 003:244
    ("沖縄県", "福岡", "092-414-1729"),          # 003:246
])
def test_specific_prefectures_match_the_seed_table(prefecture, city, phone):
    office = office_for_prefecture(prefecture)
    assert office.city == city
    assert office.phones[0] == phone


def test_tokyo_office_address_and_mail_note_are_the_seeds():
    submit_to = office_for_prefecture("東京都").as_submit_to()
    assert submit_to["address"] == "〒105-0013 東京都港区浜松町1-18-16 住友浜松町ビル5階"
    assert "4階宛て" in submit_to["note"]


def test_prefecture_is_read_from_the_start_of_an_address():
    assert prefecture_of("京都府京都市架空町1") == "京都府"
    assert prefecture_of("東京都港区架空町1") == "東京都"
    assert prefecture_of("港区架空町1") is None


def test_case_submit_to_follows_the_applicant_address_override_and_chosen_office(intern_data):
    assert case_from(intern_data).submit_to["name"] == "JITCO 東京駐在事務所"  # 神奈川県
    assert case_from(intern_data, applicant_prefecture="沖縄県").submit_to["name"] == "JITCO 福岡駐在事務所"
    assert case_from(intern_data, jitco_office="千葉").submit_to["name"] == "JITCO 千葉駐在事務所"


def test_an_address_without_prefecture_and_no_override_is_refused(intern_data):
    with pytest.raises(ValidationError, match="cannot tell the prefecture"):
        case_from(intern_data, applicant__address="横浜市中区架空町7-8-9")
    assert case_from(intern_data, applicant__address="横浜市中区架空町7-8-9",
                     applicant_prefecture="神奈川県").prefecture == "神奈川県"


# ---------------------------------------------------------------- the examples pass


def test_both_examples_meet_every_hard_requirement(intern_data, trainee_data):
    assert rules_broken(case_from(intern_data)) == set()
    assert rules_broken(case_from(trainee_data)) == set()


# ---------------------------------------------------------------- eligibility (003:43-47)


def test_host_must_be_bankrupt_on_or_before_the_application_date(intern_data):
    assert "JITCO-ELIG-BANKRUPT" not in rules_broken(case_from(intern_data, host__bankruptcy_date="2026-09-15"))
    assert "JITCO-ELIG-BANKRUPT" in rules_broken(case_from(intern_data, host__bankruptcy_date="2026-09-16"))


def test_applicant_that_can_fund_the_fare_is_not_eligible(intern_data):
    assert "JITCO-ELIG-FUNDING" not in rules_broken(case_from(intern_data, funding__cannot_fund=True))
    assert "JITCO-ELIG-FUNDING" in rules_broken(case_from(intern_data, funding__cannot_fund=False))


def test_figures_showing_enough_money_give_a_warning_at_the_amount(intern_data):
    # balance = cash + 300,000 − 420,000; the amount is 98,000
    at_amount = case_from(intern_data, funding__cash_on_hand=218_000)
    below = case_from(intern_data, funding__cash_on_hand=217_999)
    assert "JITCO-FUNDING-FIGURES" in rules_broken(at_amount, "warning")
    assert "JITCO-FUNDING-FIGURES" not in rules_broken(below, "warning")


# ---------------------------------------------------------------- amount (003:61-63)


def test_amount_of_100000_passes(intern_data):
    case = case_from(intern_data, amount=100_000, trip__estimate_amount=100_000)
    assert "JITCO-AMOUNT-LIMIT" not in rules_broken(case)


def test_amount_of_100001_fails_without_a_reason(intern_data):
    case = case_from(intern_data, amount=100_001, trip__estimate_amount=100_001)
    assert "JITCO-AMOUNT-LIMIT" in rules_broken(case)


def test_amount_of_100001_passes_with_unavoidable_circumstances(intern_data):
    case = case_from(intern_data, amount=100_001, trip__estimate_amount=100_001,
                     trip__special_circumstances="直行便が運休しており乗継ぎ便しかないため")
    assert "JITCO-AMOUNT-LIMIT" not in rules_broken(case)


def test_amount_may_not_exceed_the_estimate(intern_data):
    assert "JITCO-AMOUNT-ESTIMATE" not in rules_broken(case_from(intern_data, amount=98_000))
    assert "JITCO-AMOUNT-ESTIMATE" in rules_broken(case_from(intern_data, amount=98_001))


# ---------------------------------------------------------------- continuation (003:49-53)


def test_mid_programme_return_without_effort_needs_a_reason(trainee_data):
    no_reason = case_from(trainee_data, continuation={"efforts_made": False})
    assert no_reason.returns_mid_program
    assert "JITCO-CONTINUATION" in rules_broken(no_reason)
    with_reason = case_from(trainee_data, continuation={"efforts_made": False, "reason_not_made": "残余の期間が短期間"})
    assert "JITCO-CONTINUATION" not in rules_broken(with_reason)


def test_efforts_made_must_be_described(intern_data):
    described = case_from(intern_data, continuation={"efforts_made": True, "efforts": "他団体に打診した"})
    assert "JITCO-CONTINUATION" not in rules_broken(described)
    assert "JITCO-CONTINUATION" in rules_broken(case_from(intern_data, continuation={"efforts_made": True}))


def test_return_on_the_programme_end_date_is_not_mid_programme(trainee_data):
    case = case_from(trainee_data, planned_return_date="2027-03-31", continuation={"efforts_made": False})
    assert not case.returns_mid_program
    assert "JITCO-CONTINUATION" not in rules_broken(case)
    day_before = case_from(trainee_data, planned_return_date="2027-03-30", continuation={"efforts_made": False})
    assert "JITCO-CONTINUATION" in rules_broken(day_before)


# ---------------------------------------------------------------- attachments (003:89-111, 166-226)


def _row(case: JitcoAirfareAdvance, number: int) -> dict:
    return next(row for row in case.attachment_checklist if row["number"] == number)


def test_the_checklist_has_18_rows_with_seed_citations():
    assert [spec.number for spec in ATTACHMENTS] == list(range(1, 19))
    assert all(spec.source.startswith("003_ecca0ff951baa801.txt:") for spec in ATTACHMENTS)


def test_which_attachments_apply_to_a_technical_intern_with_a_legal_bankruptcy(intern_data):
    case = case_from(intern_data)
    applies = {row["number"] for row in case.attachment_checklist if row["applies"]}
    assert applies == {1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13}


def test_which_attachments_apply_to_a_trainee_with_a_de_facto_bankruptcy(trainee_data):
    case = case_from(trainee_data)
    applies = {row["number"] for row in case.attachment_checklist if row["applies"]}
    assert applies == {1, 2, 3, 4, 6, 7, 8, 9, 10}
    assert _row(case, 6)["status"] == "代替"
    assert _row(case, 6)["substitute_mark"] == "《1》"


def test_conditional_attachments_14_to_18_apply_when_their_condition_holds(trainee_data, intern_data):
    trainee = case_from(trainee_data, proxy={"name": "石井 直子", "relationship": "職員"},
                        person__transferred=True,
                        continuation={"efforts_made": True, "efforts": "打診した", "wants_continuation": True,
                                      "support_applied": True})
    assert {n for n in (14, 15, 16, 17, 18) if _row(trainee, n)["applies"]} == {14, 15, 17, 18}
    assert {"JITCO-ATTACH-REQUIRED"} <= rules_broken(trainee)
    intern = case_from(intern_data, person__transferred=True)
    assert _row(intern, 16)["applies"] and not _row(intern, 15)["applies"]
    supplied = case_from(intern_data, person__transferred=True,
                         documents={"provided": [2, 3, 4, 5, 7, 8, 9, 11, 12, 16],
                                    "substitutes": [{"number": 13, "documents": ["旅費負担に関する団体の規約"]}]})
    assert "JITCO-ATTACH-REQUIRED" not in rules_broken(supplied)


def test_a_missing_attachment_is_an_error_and_a_substitute_fills_it(intern_data):
    missing = case_from(intern_data, documents={"provided": [2, 3, 4, 5, 7, 9, 11, 12, 13]})
    assert _row(missing, 8)["status"] == "不足"
    assert "JITCO-ATTACH-REQUIRED" in rules_broken(missing)
    substituted = case_from(intern_data, documents={
        "provided": [2, 3, 4, 5, 7, 9, 11, 12, 13],
        "substitutes": [{"number": 8, "documents": ["送出し機関派遣状の写"]}]})
    assert "JITCO-ATTACH-REQUIRED" not in rules_broken(substituted)


def test_an_attachment_without_a_substitute_cannot_be_replaced(intern_data):
    case = case_from(intern_data, documents={
        "provided": [2, 3, 4, 7, 8, 9, 11, 12, 13],
        "substitutes": [{"number": 5, "documents": ["申立書"]}]})
    assert {"JITCO-ATTACH-SUBSTITUTE", "JITCO-ATTACH-REQUIRED"} <= rules_broken(case)
    assert "JITCO-ATTACH-SUBSTITUTE" not in rules_broken(case_from(intern_data))  # 《4》 for ⑬ is allowed


def test_a_substitute_outside_the_seed_examples_is_a_warning_only(intern_data):
    case = case_from(intern_data, documents={
        "provided": [2, 3, 4, 5, 7, 8, 9, 11, 12],
        "substitutes": [{"number": 13, "documents": ["理事会議事録の写"]}]})
    assert "JITCO-ATTACH-SUBSTITUTE-LISTED" in rules_broken(case, "warning")
    assert rules_broken(case) == set()
    assert "JITCO-ATTACH-SUBSTITUTE-LISTED" not in rules_broken(case_from(intern_data), "warning")


@pytest.mark.parametrize(("kind", "evidence", "broken"), [
    ("法律上の倒産", 5, False),
    ("法律上の倒産", 6, True),
    ("事実上の倒産", 6, False),
    ("事実上の倒産", 5, True),
])
def test_the_evidence_must_match_the_kind_of_bankruptcy(trainee_data, kind, evidence, broken):
    case = case_from(trainee_data, bankruptcy_kind=kind,
                     documents={"provided": [2, 3, 4, 7, 8, 9, 10, evidence]})
    assert ("JITCO-CAUSE-EVIDENCE" in rules_broken(case)) is broken
    assert ("JITCO-ATTACH-REQUIRED" in rules_broken(case)) is broken


def test_the_de_facto_substitute_is_rejected_for_a_legal_bankruptcy(trainee_data):
    case = case_from(trainee_data, bankruptcy_kind="法律上の倒産",
                     documents={"provided": [2, 3, 4, 5, 7, 8, 9, 10],
                                "substitutes": [{"number": 6, "documents": ["申立書"]}]})
    assert "JITCO-CAUSE-EVIDENCE" in rules_broken(case)


def test_an_attachment_that_does_not_apply_is_a_warning(intern_data):
    case = case_from(intern_data, documents={
        "provided": [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13]})
    assert "JITCO-ATTACH-NOT-APPLICABLE" in rules_broken(case, "warning")
    assert rules_broken(case) == set()
    assert "JITCO-ATTACH-NOT-APPLICABLE" not in rules_broken(case_from(intern_data), "warning")


def test_a_recorded_exception_turns_the_amount_error_into_a_warning(intern_data):
    case = case_from(intern_data, amount=100_001, trip__estimate_amount=100_001,
                     exceptions=[{"rule": "JITCO-AMOUNT-LIMIT", "reason": "駐在事務所の了承（2026-09-14）"}])
    assert "JITCO-AMOUNT-LIMIT" not in rules_broken(case)
    assert "JITCO-AMOUNT-LIMIT" in rules_broken(case, "warning")


# ---------------------------------------------------------------- follow-on data


def test_fare_difference_and_settlement(intern_data):
    case = case_from(intern_data)
    assert case.fare_difference == 1_500 and "JITCO本部から差額" in case.fare_settlement
    cheaper = case_from(intern_data, ticket__price=97_000)
    assert cheaper.fare_difference == -1_000 and "申請者が差額を振り込み" in cheaper.fare_settlement


def test_a_ticket_date_without_the_ticket_is_refused(trainee_data):
    with pytest.raises(ValidationError, match="ticket"):
        case_from(trainee_data, ticket_purchase_date="2026-11-01")


def test_money_cannot_arrive_before_it_was_sent(intern_data):
    with pytest.raises(ValidationError, match="advance_received_date .* is before disbursement_date"):
        case_from(intern_data, advance_received_date="2026-09-24")
