"""研修 (Trainee) kind: the requirements of seed 004 on both sides of each boundary, and the cover
checklist of the documents (004:37-84) that the build writes."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from conftest import INBOX, run_formgen
from docxread import full_text
from generator.checks import check_case
from generator.load import load_case
from generator.requirements.trainee import age_on, notice_training_limit, one_month_from
from schemas.trainee import Trainee

CASE = INBOX / "trainee-tran.yaml"
BASE = load_case(CASE, INBOX).data
CHECKLIST = "trainee-checklist_申請書類チェックリスト.docx"


def trainee(**changes) -> Trainee:
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[key]
        target[last] = value
    return Trainee.model_validate(data)


def findings(case) -> dict[str, str]:
    return {str(p.rule).split()[0]: p.severity for p in check_case(case)}


def test_the_example_meets_every_requirement():
    assert findings(trainee()) == {}


# --- age (004:11; 年齢計算ニ関スル法律) ------------------------------------------------------------

@pytest.mark.parametrize("birth, day, age", [
    ("2009-04-05", "2027-04-04", 17),  # the day before the 18th birthday: older only at its end
    ("2009-04-05", "2027-04-05", 18),  # on the birthday
    ("2008-02-29", "2026-02-28", 17),  # born 2月29日: older at the end of 2月28日 in a common year
    ("2008-02-29", "2026-03-01", 18),
    ("2008-02-29", "2028-02-29", 20),  # leap year: on the birthday itself
    ("2008-02-29", "2028-02-28", 19),
    ("2009-01-01", "2027-01-01", 18),
])
def test_age_by_the_japanese_age_rule(birth, day, age):
    assert age_on(dt.date.fromisoformat(birth), dt.date.fromisoformat(day)) == age


@pytest.mark.parametrize("entry, refused", [("2027-09-11", True), ("2027-09-12", False)])
def test_an_applicant_entering_the_day_before_turning_18_is_refused(entry, refused):
    case = trainee(person__birth_date="2009-09-12", planned_entry_date=entry,
                   overseas_training=None)
    assert ("TRN-AGE" in findings(case)) is refused


def test_the_age_message_says_when_the_applicant_turns_18():
    case = trainee(person__birth_date="2009-09-12", planned_entry_date="2027-09-11", overseas_training=None)
    problem = next(p for p in check_case(case) if p.rule.startswith("TRN-AGE"))
    assert "17歳" in problem.message.ja and "2027-09-12 から18歳" in problem.message.ja
    assert "004_53cd4697b4ebe2ed.txt:11" in problem.message.ja


# --- instructor (004:13) -----------------------------------------------------------------------

@pytest.mark.parametrize("years, fulltime, refused", [(5, True, False), (4.9, True, True), (20, False, True)])
def test_instructor_full_time_with_five_years(years, fulltime, refused):
    case = trainee(instructor__years_experience=years, instructor__fulltime=fulltime)
    assert ("TRN-INSTRUCTOR" in findings(case)) is refused


# --- 実務研修 (004:14-17, 34) ------------------------------------------------------------------------

@pytest.mark.parametrize("trainees, refused", [(6, False), (7, True)])
def test_trainees_at_most_one_twentieth_of_full_time_staff_with_practical_training(trainees, refused):
    assert ("TRN-PRACTICAL-SHARE" in findings(trainee(trainees_total=trainees))) is refused


def test_without_practical_training_or_for_a_public_host_the_twentieth_does_not_apply():
    assert "TRN-PRACTICAL-SHARE" not in findings(trainee(trainees_total=7, training__practical_hours=0))
    assert "TRN-PRACTICAL-SHARE" not in findings(trainee(trainees_total=7, public_body=True))


@pytest.mark.parametrize("practical, refused", [(800, False), (801, True)])
def test_practical_hours_at_most_two_thirds(practical, refused):
    assert ("TRN-PRACTICAL-HOURS" in findings(trainee(training__practical_hours=practical))) is refused


# --- 告示 training (004:25-33) --------------------------------------------------------------------

@pytest.mark.parametrize("staff, limit", [
    (50, 3), (51, 6), (100, 6), (101, 10), (200, 10), (201, 15), (300, 15), (301, 15), (340, 17), (400, 20)])
def test_the_staff_size_table(staff, limit):
    assert notice_training_limit(staff, agriculture=False) == limit


@pytest.mark.parametrize("trainees, agriculture, staff, refused", [
    (3, False, 50, False), (4, False, 50, True), (6, False, 51, False), (7, False, 51, True),
    (2, True, 400, False), (3, True, 400, True), (2, False, 1, True), (1, False, 1, False)])
def test_notice_training_limits(trainees, agriculture, staff, refused):
    case = trainee(training__notice_training=True, trainees_total=trainees, agriculture=agriculture,
                   fulltime_staff=staff)
    assert ("TRN-NOTICE-LIMIT" in findings(case)) is refused
    assert "TRN-PRACTICAL-SHARE" not in findings(case)  # 5号 does not apply to 6の2 training


# --- overseas pre-training (004:51) -------------------------------------------------------------

def test_one_month_periods():
    assert one_month_from(dt.date(2027, 1, 11)) == dt.date(2027, 2, 10)
    assert one_month_from(dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)


@pytest.mark.parametrize("start, end, hours, warned", [
    ("2027-01-11", "2027-02-26", 160, False),
    ("2027-01-11", "2027-02-26", 159, True),   # under 160 hours
    ("2027-01-11", "2027-02-10", 200, False),  # exactly one month
    ("2027-01-11", "2027-02-09", 200, True),   # one day short of a month
    ("2026-10-05", "2026-11-30", 200, False),  # starts exactly 6 months before entry (2027-04-05)
    ("2026-10-04", "2026-11-30", 200, True),   # starts a day earlier
])
def test_overseas_training_counts_only_within_its_limits(start, end, hours, warned):
    case = trainee(overseas_training__start_date=start, overseas_training__end_date=end,
                   overseas_training__hours=hours)
    assert findings(case).get("TRN-OVERSEAS") == ("warning" if warned else None)


# --- the build: checklist, errors and warnings -----------------------------------------------------

def test_the_certificate_checklist_lists_the_documents_of_004_38_70(inbox_copy, outbox):
    run_formgen("build", str(inbox_copy / CASE.name), "--out", str(outbox), check=True)
    text = full_text(outbox / "trainee-tran" / CHECKLIST)
    for document in ("在留資格認定証明書交付申請書", "写真(縦4cm×横3cm)", "(2)研修実施予定表(別記様式)",
                     "(1)研修生派遣状", "(1)研修指導員履歴書(職務経歴を含む、書式自由)（伊藤 誠）",
                     "(1)送出し機関概要書(別記様式)", "(3)損益計算書、貸借対照表等",
                     "(1)あっせん機関概要書", "ア 本邦において実施する研修との関係を立証する資料"):
        assert document in text, document
    assert "研修・生活状況等報告書" not in text  # renewal only
    assert "チャン・ティ・ラン (TRAN THI LAN)" in text


def test_the_renewal_checklist_lists_the_documents_of_004_71_79(inbox_copy, outbox):
    case = inbox_copy / CASE.name
    text = case.read_text(encoding="utf-8")
    text = text.replace("application: 在留資格認定証明書交付申請", "application: 在留期間更新許可申請")
    text = text.replace("planned_entry_date: 2027-04-05", "entry_date: 2027-04-05\nplan_changed: true")
    text = text.replace("intermediary: 一般財団法人 架空国際研修協会\n", "")
    case.write_text(text, encoding="utf-8")
    run_formgen("build", str(case), "--out", str(outbox), check=True)
    checklist = full_text(outbox / "trainee-tran" / CHECKLIST)
    assert "在留期間更新許可申請書" in checklist and "(1)研修・生活状況等報告書(別記様式)" in checklist
    assert "計画の変更あり: 変更内容を朱書してください。" in checklist
    assert "在留資格認定証明書交付申請書" not in checklist and "あっせん機関概要書" not in checklist


def test_an_under_age_applicant_stops_the_build_and_a_weak_overseas_training_only_warns(inbox_copy, outbox):
    case = inbox_copy / CASE.name
    original = case.read_text(encoding="utf-8")
    case.write_text(original.replace("birth_date: 2003-09-12", "birth_date: 2009-04-06"), encoding="utf-8")
    refused = run_formgen("build", str(case), "--out", str(outbox))
    assert refused.returncode == 1
    assert "研修は18歳以上が要件です" in refused.stderr and "TRN-AGE 004_53cd4697b4ebe2ed.txt:11" in refused.stderr
    assert not (outbox / "trainee-tran").exists()
    case.write_text(original.replace("hours: 200", "hours: 150"), encoding="utf-8")
    warned = run_formgen("build", str(case), "--out", str(outbox))
    assert warned.returncode == 0, warned.stderr
    assert "警告" in warned.stdout and "研修時間が150時間（160時間未満）" in warned.stdout
