"""The annual 定期報告 set (様式1-2, 2-2, 別紙1, 別紙2, 3, 3別紙; 1-4, 3, 3別紙 after qualification): one
packet per facility, three candidates per sheet with "N枚のうちM枚目", computed totals, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from conftest import INBOX, builds_converting_on, run_formgen
from docxread import full_text, rows, value_beside
from refusal import build_refused, edit_case

CANDIDATES = "epa-annual-report-sakura-en"
QUALIFIED = "epa-annual-report-sakura-en-qualified"


@pytest.fixture(scope="module")
def built(tmp_path_factory, worker_converter) -> Path:
    """Both examples built once; the candidates' set with PDFs."""
    out = tmp_path_factory.mktemp("outbox")
    with builds_converting_on(worker_converter):
        run_formgen("build", str(INBOX / f"{CANDIDATES}.yaml"), "--out", str(out), "--format", "both", check=True)
    run_formgen("build", str(INBOX / f"{QUALIFIED}.yaml"), "--out", str(out), "--format", "docx", check=True)
    return out


def document(built: Path, case: str, form_id: str, suffix: str = ".docx") -> Path:
    found = sorted((built / case).glob(f"{form_id}_*{suffix}"))
    assert len(found) == 1, f"{form_id} in {case}: {found}"
    return found[0]


def row_after(path: Path, label: str, occurrence: int = 0) -> list[str]:
    """The cells right of `label` in its n-th row (one row per sheet in a three-column form)."""
    found = [cells[1:] for cells in rows(path) if cells and cells[0].strip() == label]
    return found[occurrence]


def test_each_kind_of_report_gets_its_set_of_forms(built):
    def forms(case):
        record = json.loads((built / case / "manifest.json").read_text(encoding="utf-8"))
        return [f["official_id"] for f in record["forms"]]
    assert forms(CANDIDATES) == ["厚生労働省通知様式第1-2号", "厚生労働省通知様式第2-2号", "厚生労働省通知様式第2-1・2-2号別紙1",
                                 "厚生労働省通知様式第2-1・2-2号別紙2", "厚生労働省通知様式第3号", "厚生労働省通知様式第3号別紙"]
    assert forms(QUALIFIED) == ["厚生労働省通知様式第1-4号", "厚生労働省通知様式第3号", "厚生労働省通知様式第3号別紙"]


def test_form_1_2_puts_three_candidates_per_sheet_and_counts_the_sheets(built):
    path = document(built, CANDIDATES, "mhlw-1-2")
    assert row_after(path, "候補者番号", 0) == ["ID-K-2024-0101", "ID-K-2024-0102", "PH-K-2024-0215"]
    assert row_after(path, "候補者番号", 1) == ["VN-K-2025-0009", "", ""]
    assert row_after(path, "氏名 (アルファベット氏名)", 1)[0] == "チャン・ティ・マイ\n(TRAN THI MAI)"
    assert row_after(path, "就業日数", 0) == ["598 日", "596 日", "601 日"]
    assert row_after(path, "就労開始年月日", 1)[0] == "西暦 2025年5月12日"
    assert value_beside(path, "入所定員数") == "80 人"
    assert value_beside(path, "研修責任者職氏名") == "介護主任 田中 美咲"
    assert value_beside(path, "介護職員数 常勤").startswith("40 人(内介護福祉士資格取得者 22 人)、非常勤 12 人、常勤換算 46.5 人")
    text = full_text(path)
    assert "( 2 )枚のうち( 1 )枚目" in text and "( 2 )枚のうち( 2 )枚目" in text
    assert len(PdfReader(document(built, CANDIDATES, "mhlw-1-2", ".pdf")).pages) == 2


def test_evaluation_totals_are_computed_and_the_chosen_scores_circled(built):
    by_manager = document(built, CANDIDATES, "mhlw-2-2-b1")
    assert row_after(by_manager, "合計点", 0) == ["23 点", "22 点", "26 点"]
    assert row_after(by_manager, "合計点", 1)[0] == "19 点"
    assert row_after(by_manager, "日本語の習得が進んでいるか", 0)[0].startswith("1　2　③　4　5")
    by_candidate = document(built, CANDIDATES, "mhlw-2-2-b2")
    assert value_beside(by_candidate, "候補者氏名(日本語)") == "アユ・プラティウィ"
    assert value_beside(by_candidate, "合計点") == "22 点"
    assert rows(by_candidate)[5][1:6] == ["1", "2", "3", "④", "5"]  # 患者・利用者とのコミュニケーション: 4
    assert len(PdfReader(document(built, CANDIDATES, "mhlw-2-2-b2", ".pdf")).pages) == 4  # one per candidate


def test_training_report_per_candidate(built):
    path = document(built, CANDIDATES, "mhlw-2-2")
    assert value_beside(path, "候補者氏名") == "アユ・プラティウィ (AYU PRATIWI)"
    assert value_beside(path, "職氏名") == "介護主任 田中 美咲"
    assert value_beside(path, "日本語学習関係").startswith("毎日1時間程度")
    assert row_after(path, "日本語学習関係")[1].startswith("地域の日本語教室")
    assert value_beside(path, "候補者氏名", 3) == "チャン・ティ・マイ (TRAN THI MAI)"


def test_equal_pay_forms_compute_the_total_and_strike_the_words_that_do_not_apply(built):
    three = document(built, CANDIDATES, "mhlw-3")
    assert "(2027年1月1日現在)" in full_text(three)
    assert any("215,000円\n(基本給 190,000円、諸手当 25,000円)" in cells for cells in rows(three))
    for case, struck, kept in ((CANDIDATES, "介護福祉士", "介護福祉士候補者"), (QUALIFIED, "介護福祉士候補者", "介護福祉士")):
        path = document(built, case, "mhlw-3-b")
        paragraph = next(p for p in Document(str(path)).paragraphs
                         if p.text.startswith("看護師候補者・") and len(p.runs) > 1)
        runs = {run.text: bool(run.font.strike) for run in paragraph.runs if run.text}
        assert runs["看護師候補者"] and runs["看護師"] and runs[struck] and not runs[kept], (case, runs)
    text = full_text(document(built, QUALIFIED, "mhlw-3-b"))
    assert "262,000 円 (基本給 232,000 円、諸手当 30,000 円) としています。" in text
    assert "当施設において 介護 の業務に従事する、経験年数 7 年目" in text


def test_the_qualified_report_uses_the_designed_form_1_4(built):
    path = document(built, QUALIFIED, "mhlw-1-4")
    assert row_after(path, "介護福祉士登録年月日")[0] == "西暦 2024年4月25日"
    assert row_after(path, "在留期間満了日")[0] == "西暦 2027年5月31日"
    assert "【受け入れている介護福祉士】" in full_text(path)
    assert "( 1 )枚のうち( 1 )枚目" in full_text(path)


def line_of(text: str, marker: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(marker))


def refuse(inbox_copy: Path, outbox: Path, case_id: str, old: str, new: str, marker: str, message: str) -> None:
    case = inbox_copy / f"{case_id}.yaml"
    text = edit_case(case, old, new, 1)
    stderr = build_refused(case, outbox, case_id, "--format", "docx")
    assert message in stderr
    assert f"{case}:{line_of(text, marker)}:" in stderr


def test_pay_below_the_comparable_employee_is_refused_at_its_line(inbox_copy, outbox):
    refuse(inbox_copy, outbox, CANDIDATES, "      comparable_total: 215000", "      comparable_total: 230000",
           "pay:", "報酬（215,000円）が同等の日本人職員の報酬（230,000円）より低く")


def test_a_qualified_person_in_the_candidates_report_is_refused(inbox_copy, outbox):
    refuse(inbox_copy, outbox, CANDIDATES, "      work_start_date: 2024-05-13\n",
           "      work_start_date: 2024-05-13\n      qualified: true\n", "candidates:",
           "1人目（アユ・プラティウィ）の介護福祉士資格取得済み（qualified）が報告の種類と合いません。")


def test_a_report_dated_before_the_status_date_is_refused(inbox_copy, outbox):
    refuse(inbox_copy, outbox, QUALIFIED, "report_date: 2027-03-01", "report_date: 2026-12-20", "report_date:",
           "報告日（2026-12-20）が2027年1月1日より前です。")


def test_a_candidate_without_the_self_evaluation_is_refused_at_the_candidate(inbox_copy, outbox):
    case = inbox_copy / f"{CANDIDATES}.yaml"
    text = case.read_text(encoding="utf-8")
    start = text.index("    self_evaluation:", text.index("ブディ・サントソ"))
    end = text.index("    pay:", start)
    case.write_text(text[:start] + text[end:], encoding="utf-8")
    item = text.splitlines().index("  - person:", text[:text.index("ブディ・サントソ")].count("\n") - 2) + 1
    stderr = build_refused(case, outbox, CANDIDATES)
    assert "候補者（ブディ・サントソ）の定期報告には研修評価表（別紙2）が必要です。" in stderr
    assert f"{case}:{item}:" in stderr
