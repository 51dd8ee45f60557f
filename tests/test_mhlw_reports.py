"""厚生労働省通知様式 event reports (様式4, 5-1, 5-2, 5-3, 6-1, 7-2): the example cases build, each value
sits in its labelled cell, and an inconsistent case is refused at the line to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import INBOX, run_formgen
from docxread import full_text, value_beside
from refusal import build_refused, edit_case

EXAMPLES = {
    "epa-status-change-maria": "mhlw-4_在留資格変更報告書.docx",
    "epa-death-nam": "mhlw-5-1_死亡報告書.docx",
    "epa-disappearance-rina": "mhlw-5-2_失踪報告書.docx",
    "epa-illegal-work-joseph": "mhlw-5-3_不法就労活動報告書.docx",
    "epa-contract-end-hoa": "mhlw-6-1_雇用契約終了報告書.docx",
    "epa-exam-result-siti": "mhlw-7-2_介護福祉士国家試験合否結果報告書.docx",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every example built once (DOCX only: these tests read the documents, not their PDFs)."""
    out = tmp_path_factory.mktemp("outbox")
    run_formgen("build", *(str(INBOX / f"{case}.yaml") for case in EXAMPLES), "--out", str(out),
                "--format", "docx", check=True)
    return out


def report(built: Path, case: str) -> Path:
    return built / case / EXAMPLES[case]


def test_every_event_report_has_the_house_blocks(built):
    for case in EXAMPLES:
        path = report(built, case)
        assert value_beside(path, "受入れ施設名称 (施設種別)") == "特別養護老人ホームさくら苑 (介護老人福祉施設)", case
        text = full_text(path)
        assert "公益社団法人 国際厚生事業団 殿" in text, case
        assert value_beside(path, "受入れ機関名称") == "社会福祉法人さくら福祉会", case
        assert "(受入れ機関番号 EPA-K-0001)" in text, case
        assert "( 1 )枚のうち( 1 )枚目" in text, case


def test_status_change_marks_its_reason_with_the_corrected_text(built):
    path = report(built, "epa-status-change-maria")
    assert value_beside(path, "氏名 (アルファベット氏名)") == "マリア・サントス・レイエス (MARIA SANTOS REYES)"
    assert value_beside(path, "在留資格の変更の許可を受けた日") == "西暦 2026年10月5日"
    text = full_text(path)
    assert "● 1 特定活動の在留資格から、特定活動以外の在留資格の変更の許可を受けた (変更後の在留資格: 日本人の配偶者等)" in text
    assert "○ 2 特定活動以外の在留資格から" in text
    assert "特定活動以外の在留資格から、特定活動以外" not in text  # the seed's misprint (4193)
    assert "2026年10月9日" in text


def test_death_report(built):
    path = report(built, "epa-death-nam")
    assert value_beside(path, "就労(就学)開始年月日") == "西暦 2024年5月13日"
    assert value_beside(path, "死亡日") == "西暦 2026年9月14日"
    assert value_beside(path, "死亡原因・経緯").startswith("休日に架空町の河川敷で倒れている")
    assert "【受け入れていた看護師候補者/介護福祉士候補者/看護師/介護福祉士】" in full_text(path)


def test_disappearance_report(built):
    path = report(built, "epa-disappearance-rina")
    assert value_beside(path, "失踪発覚日") == "西暦 2026年8月3日"
    assert value_beside(path, "地方入国管理局通報先") == "東京出入国在留管理局"
    assert value_beside(path, "通報日") == "西暦 2026年8月4日"
    assert "私物がなくなっていた" in value_beside(path, "発覚の契機及び失踪状況等")


def test_illegal_work_report_prints_the_addressee_corrected(built):
    path = report(built, "epa-illegal-work-joseph")
    assert value_beside(path, "不法就労活動が行われていると思料された日") == "西暦 2026年7月20日"
    assert "飲食店" in value_beside(path, "不法就労活動の内容及び発覚の契機")
    assert "公益団法人" not in full_text(path)


def test_contract_end_report(built):
    path = report(built, "epa-contract-end-hoa")
    assert value_beside(path, "雇用契約を終了させる日") == "西暦 2026年6月30日"
    assert value_beside(path, "雇用契約終了の理由").startswith("家族の介護のため")
    assert value_beside(path, "雇用契約終了後の看護師等の状況").startswith("● 帰国・○ 転職・○ その他")
    text = full_text(path)
    assert "看護福祉士" not in text  # the seed's misprint (4353)
    assert "【受け入れている看護師候補者/介護福祉士候補者/看護師/介護福祉士】" in text


def test_exam_result_report(built):
    path = report(built, "epa-exam-result-siti")
    assert value_beside(path, "受験番号") == "K-00-12345"
    assert value_beside(path, "試験日") == "西暦 2027年1月24日"
    assert value_beside(path, "合格発表日") == "西暦 2027年3月24日"
    assert value_beside(path, "合否結果") == "● 合格　・　○ 不合格"
    assert "2027" not in value_beside(path, "介護福祉士登録日")  # not registered yet: blank date


def test_a_return_home_that_ends_the_contract_also_gets_6_1(inbox_copy, outbox):
    case = inbox_copy / "epa-return-home-dewi.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "contract_end_date: 2026-11-09", "contract_end_date: 2026-11-09\ncontract_end_decision_date: 2026-10-20"),
        encoding="utf-8")
    run_formgen("build", str(case), "--out", str(outbox), "--format", "docx", check=True)
    folder = outbox / "epa-return-home-dewi"
    assert (folder / "mhlw-8_帰国確認報告書.docx").exists()
    six_one = folder / "mhlw-6-1_雇用契約終了報告書.docx"
    assert value_beside(six_one, "雇用契約を終了させる日") == "西暦 2026年11月9日"
    assert value_beside(six_one, "雇用契約終了の理由") == "国家試験不合格（在留期間の満了前に本人が帰国を希望した）"
    assert value_beside(six_one, "雇用契約終了後の看護師等の状況").startswith("● 帰国")


def line_of(text: str, marker: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(marker))


REFUSALS = [
    ("epa-status-change-maria", "status_after: 日本人の配偶者等\n", "", "reason:",
     "変更理由1のときは変更後の在留資格を書いてください。"),
    ("epa-death-nam", "confirmed_date: 2026-09-14", "confirmed_date: 2026-09-13", "confirmed_date:",
     "死亡を確認した日（2026-09-13）が死亡日（2026-09-14）より前です。"),
    ("epa-disappearance-rina", "notified_date: 2026-08-04", "notified_date: 2026-08-01", "notified_date:",
     "通報日（2026-08-01）が失踪発覚日（2026-08-03）より前です。"),
    ("epa-illegal-work-joseph", "report_date: 2026-07-22", "report_date: 2026-07-19", "report_date:",
     "報告日（2026-07-19）が不法就労活動が行われていると思料された日（2026-07-20）より前です。"),
    ("epa-contract-end-hoa", "end_date: 2026-06-30", "end_date: 2026-05-30", "end_date:",
     "雇用契約を終了させる日（2026-05-30）が雇用契約の終了を決定した日（2026-06-01）より前です。"),
    ("epa-exam-result-siti", "announcement_date: 2027-03-24", "announcement_date: 2027-01-20", "announcement_date:",
     "合格発表日（2027-01-20）が試験日（2027-01-24）より前です。"),
    ("epa-return-home-dewi", "contract_end_date: 2026-11-09",
     "contract_end_date: 2026-11-09\ncontract_end_decision_date: 2026-11-12", "contract_end_decision_date:",
     "雇用契約の終了を決定した日（2026-11-12）が雇用契約終了日（2026-11-09）より後です。"),
]


@pytest.mark.parametrize("case_id, old, new, marker, message", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_an_inconsistent_case_is_refused_at_its_line_and_nothing_is_written(inbox_copy, outbox, case_id, old, new,
                                                                            marker, message):
    case = inbox_copy / f"{case_id}.yaml"
    text = edit_case(case, old, new)
    stderr = build_refused(case, outbox, case_id, "--format", "docx")
    assert message in stderr
    assert f"{case}:{line_of(text, marker)}:" in stderr
