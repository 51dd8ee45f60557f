"""`formgen followup`: next contact dates, the share whose activity after return is known (001:63, 65),
and the earliest 3号 timeline (001:356-372)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import INBOX, run_formgen
from generator.followup import stage3_timeline
from schemas.followup import FollowupRecord

EXAMPLES = sorted(INBOX.glob("followup-*.yaml"))


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    """The example follow-up records alone (the command reads every case file of a folder)."""
    folder = tmp_path_factory.mktemp("records")
    for example in EXAMPLES:
        shutil.copy(example, folder / example.name)
    return folder


def _report(records: Path, *args: str) -> dict:
    return json.loads(run_formgen("followup", str(records), "--json", *args, check=True).stdout)


def test_the_records_are_listed_with_their_next_contact_and_the_known_share(records):
    report = _report(records, "--today", "2027-02-01")
    by_name = {r["name"]: r for r in report["records"]}
    assert set(by_name) == {"グエン・ヴァン・アン", "リ・メイ", "ブディ・サントソ"}
    # last contact 2027-01-10 + 6 months (default interval, 000:112)
    assert by_name["グエン・ヴァン・アン"]["next_contact"] == "2027-07-10"
    assert by_name["リ・メイ"]["next_contact"] == "2027-06-01"
    # never contacted: return date 2026-03-31 + the record's own 3 months; 6/30 is past → overdue
    assert by_name["ブディ・サントソ"]["next_contact"] == "2026-06-30"
    assert by_name["ブディ・サントソ"]["overdue"] is True and by_name["リ・メイ"]["overdue"] is False
    assert (report["known"], report["total"]) == (2, 3)


def test_the_interval_option_changes_the_next_contact(records):
    report = _report(records, "--today", "2027-02-01", "--interval", "2")
    by_name = {r["name"]: r for r in report["records"]}
    assert by_name["グエン・ヴァン・アン"]["next_contact"] == "2027-03-10"
    assert by_name["ブディ・サントソ"]["next_contact"] == "2026-06-30"  # its own contact_interval_months wins


def test_the_text_report_cites_the_score_items_it_supports(records):
    text = run_formgen("followup", str(records), "--today", "2027-02-01", check=True).stdout
    assert "帰国後の状況を把握している人数: 2/3人（67%）" in text
    assert "001_1fdeeed8bbae3b1d.txt:63, 65" in text
    assert "次回連絡 2026-06-30【期限超過】" in text
    assert "規則上の最短 2026-10-16（一時帰国1か月の満了後）" in text


def _record(return_date: str, passed: str | None = "2026-03-05", stage: str = "2号") -> FollowupRecord:
    return FollowupRecord.model_validate({
        "kind": "followup_record", "supervising_org": "架空町技能交流協同組合", "stage_completed": stage,
        "returnee": {"name": "テスト", "nationality": "ベトナム", "occupation": "溶接", "implementer": "架空精工株式会社"},
        "return_date": return_date, "channels": [{"channel": "SNS"}], "current": {"status": "不明"},
        "stage3": {"wishes": True, "grade3_practical_passed_on": passed}})


@pytest.mark.parametrize("returned, home_month_ends, earliest", [
    ("2026-09-15", "2026-10-15", "2026-10-16"),
    ("2027-01-31", "2027-02-28", "2027-03-01"),  # no 31 February: the month's last day (民法143条)
])
def test_the_month_at_home_and_the_earliest_return(returned, home_month_ends, earliest):
    timeline = stage3_timeline(_record(returned), dt.date(2026, 1, 1))
    assert timeline.home_month_ends == dt.date.fromisoformat(home_month_ends)
    assert timeline.rule_earliest == dt.date.fromisoformat(earliest)
    assert timeline.earliest_start == dt.date.fromisoformat(earliest)


def test_after_three_months_away_a_new_entry_with_a_certificate_is_needed():
    record = _record("2026-09-15")
    within = stage3_timeline(record, dt.date(2026, 12, 15))
    assert not within.notes[0].startswith("帰国から3か月を過ぎている")
    late = stage3_timeline(record, dt.date(2026, 12, 16))
    assert late.notes[0].startswith("帰国から3か月を過ぎているため、在留資格認定証明書による新規入国")
    assert late.earliest_start == dt.date(2026, 12, 16)


def test_the_preconditions_are_named_when_unmet():
    notes = stage3_timeline(_record("2026-09-15", passed=None, stage="1号"), dt.date(2026, 9, 1)).notes
    assert any("随時3級（専門級）実技試験の合格が前提" in n for n in notes)
    assert any("第2号を修了した者" in n for n in notes)
    assert stage3_timeline(_record("2026-09-15"), dt.date(2026, 9, 1)).notes[0].startswith("一時帰国は1か月以上")


def test_a_broken_record_is_reported_with_its_line_and_the_others_still_listed(tmp_path):
    (tmp_path / "broken.yaml").write_text(
        (INBOX / "followup-li-mei.yaml").read_text(encoding="utf-8").replace("status: 就職", "status: 転職"),
        encoding="utf-8")
    (tmp_path / "ok.yaml").write_text((INBOX / "followup-budi.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_formgen("followup", str(tmp_path), "--today", "2027-02-01")
    assert result.returncode == 1
    assert f"{tmp_path / 'broken.yaml'}:" in result.stderr
    assert "ブディ・サントソ" in result.stdout
