"""帰国確認報告書 (厚生労働省通知様式第8号): a return-home case file in, the report out."""

from __future__ import annotations

import json

from conftest import run_formgen
from docxread import full_text, value_beside
from refusal import build_refused, edit_case

CASE = "epa-return-home-dewi.yaml"
DOCX = "mhlw-8_帰国確認報告書.docx"


def test_the_report_carries_the_case_values_in_their_labelled_cells(inbox_copy, outbox):
    run_formgen("build", str(inbox_copy / CASE), "--out", str(outbox), check=True)
    report = outbox / "epa-return-home-dewi" / DOCX
    assert value_beside(report, "氏名 (アルファベット氏名)") == "デウィ・アユ・レスタリ (DEWI AYU LESTARI)"
    assert value_beside(report, "国籍") == "インドネシア"
    assert value_beside(report, "生年月日") == "西暦 1998年7月14日"
    assert value_beside(report, "在留カード番号 (外国人登録番号)") == "AB12345678CD"
    assert value_beside(report, "帰国日") == "西暦 2026年11月10日"
    assert value_beside(report, "出国空港・便名") == "成田国際空港 GA 881"
    assert value_beside(report, "受入れ施設名称 (施設種別)") == "特別養護老人ホームさくら苑 (介護老人福祉施設)"
    text = full_text(report)
    assert "公益社団法人 国際厚生事業団 殿" in text
    assert "社会福祉法人さくら福祉会" in text  # from parties/sakura-kai.yaml
    assert "(受入れ機関番号 EPA-K-0001)" in text
    assert "( 1 )枚のうち( 1 )枚目" in text


def test_the_manifest_records_input_hash_and_forms(inbox_copy, outbox):
    run_formgen("build", str(inbox_copy / CASE), "--out", str(outbox), check=True)
    record = json.loads((outbox / "epa-return-home-dewi" / "manifest.json").read_text(encoding="utf-8"))
    assert record["kind"] == "epa_return_home"
    assert len(record["input"]["sha256"]) == 64
    assert [f["official_id"] for f in record["forms"]] == ["厚生労働省通知様式第8号"]
    assert {p["path"].rsplit("/", 1)[-1] for p in record["parties"]} == {"sakura-kai.yaml", "sakura-en.yaml"}


def test_a_return_before_work_started_is_refused_with_its_line_and_nothing_is_written(inbox_copy, outbox):
    case = inbox_copy / CASE
    edit_case(case, "return_date: 2026-11-10", "return_date: 2023-01-10")
    stderr = build_refused(case, outbox, "epa-return-home-dewi")
    assert "帰国日（2023-01-10）が就労開始年月日（2023-05-08）より前です" in stderr
    assert f"{case}:" in stderr


def test_a_malformed_residence_card_number_names_its_line_label_and_fix(inbox_copy, outbox):
    case = inbox_copy / CASE
    text = edit_case(case, "AB12345678CD", "AB1234CD")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "AB1234CD" in row)
    result = run_formgen("build", str(case), "--out", str(outbox))
    assert result.returncode == 1
    assert f"{case}:{line}:" in result.stderr
    assert "person.residence_card_number（帰国者 › 在留カード番号）" in result.stderr
    assert "AB12345678CD" in result.stderr  # the example of the right format
    english = run_formgen("--lang", "en", "build", str(case), "--out", str(outbox))
    assert "the residence card number has the wrong format (8 characters)" in english.stderr
    assert "AB1234CD" not in result.stderr + english.stderr  # a sensitive field's value is never echoed
