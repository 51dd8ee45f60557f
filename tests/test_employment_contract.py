"""雇用契約書 (JICWELS 様式10-2), Japanese and English: a contract case file in, both versions out."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import INBOX, run_formgen
from country_texts import as_the_indonesian_form
from docxread import full_text, paragraphs, rows, value_beside
from inventory import inventory_items
from refusal import build_refused, edit_case
from schemas import KINDS
from schemas.epa_employment_contract import period_end, work_start_for

CASE = "epa-employment-contract-rina.yaml"
CASE_ID = "epa-employment-contract-rina"
JA = "jicwels-10-2_雇用契約書.docx"
EN = "jicwels-10-2-en_Employment-Contract.docx"
INVENTORY = "jicwels-10-2.yaml"


def _copy_inbox(target: Path) -> Path:
    shutil.copytree(INBOX, target, ignore=shutil.ignore_patterns(".schema"))
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example case built once (DOCX only) for the read-back tests."""
    root = tmp_path_factory.mktemp("contract")
    inbox = _copy_inbox(root / "inbox")
    run_formgen("build", str(inbox / CASE), "--out", str(root / "outbox"), check=True)
    return root / "outbox" / CASE_ID


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# --- clause 1 date arithmetic (002:3541-3543; 民法140条・143条) ---------------------------------------

@pytest.mark.parametrize("entry, three_years, four_years", [
    ("2027-05-26", "2030-05-26", "2031-05-26"),
    ("2026-01-31", "2029-01-31", "2030-01-31"),  # month end
    ("2026-12-31", "2029-12-31", "2030-12-31"),  # year end: counting starts on 1 January
    ("2025-02-28", "2028-02-29", "2029-02-28"),  # counting starts 1 March; 2028 is a leap year
    ("2028-02-28", "2031-02-28", "2032-02-28"),  # counting starts 29 February; 2031 has none → month's last day
    ("2028-02-29", "2031-02-28", "2032-02-29"),  # counting starts 1 March 2028
])
def test_the_contract_term_ends_three_and_four_years_from_the_day_after_entry(entry, three_years, four_years):
    entry_date = dt.date.fromisoformat(entry)
    assert period_end(entry_date, 3) == dt.date.fromisoformat(three_years)
    assert period_end(entry_date, 4) == dt.date.fromisoformat(four_years)


@pytest.mark.parametrize("training_end, work_start", [
    ("2027-11-24", "2027-11-25"), ("2027-12-31", "2028-01-01"), ("2028-02-28", "2028-02-29"),
    ("2027-02-28", "2027-03-01"),
])
def test_work_starts_the_day_after_training_ends(training_end, work_start):
    assert work_start_for(dt.date.fromisoformat(training_end)) == dt.date.fromisoformat(work_start)


# --- the Japanese contract ----------------------------------------------------------------------------

def test_the_contract_carries_the_case_values_in_their_labelled_places(built):
    contract = built / JA
    assert value_beside(contract, "雇用主の名称") == "社会福祉法人さくら福祉会"  # parties/sakura-kai.yaml
    assert value_beside(contract, "雇用主代表者氏名") == "理事長　山田 一郎"
    assert value_beside(contract, "受入れ機関担当者電話番号") == "043-000-1236"
    assert value_beside(contract, "就労予定施設の名称") == "特別養護老人ホームさくら苑"
    assert value_beside(contract, "就労予定施設の連絡先氏名") == "田中 美咲"
    assert value_beside(contract, "就労者の氏名") == "リナ・プスピタサリ（RINA PUSPITASARI）"
    assert value_beside(contract, "インドネシア共和国における住所").startswith("Jl. Contoh Raya No. 45")
    assert value_beside(contract, "生年月日（年/月/日）") == "2001年3月9日"
    assert value_beside(contract, "旅券番号") == "X0000123"
    assert value_beside(contract, "旅券発行日（年/月/日）") == "2026年2月16日"
    # clause 1: entry 2027-05-26, training ends 2027-11-24 (computed: 002:3541-3543)
    assert value_beside(contract, "入国日") == "2027年5月26日"
    assert value_beside(contract, "雇用契約の期間") == "2027年11月25日から2030年5月26日まで"
    assert value_beside(contract, "更新後の期間の満了日") == "2031年5月26日"
    # clause 4 wages and allowances, clause 8 pay dates
    assert value_beside(contract, "(1) 基本給 (月給 / 日給 / 時給 / 日給月給)") == "月給"
    assert ["d.", "住宅手当", "15,000", "家賃の2分の1（上限15,000円）"] in rows(contract)
    assert ["a.", "夜勤手当", "6,000", "夜勤1回につき6,000円"] in rows(contract)
    assert value_beside(contract, "A. 基本賃金") == "毎月末日"
    assert ["B. 諸手当", "毎月末日", "翌月 25日"] in rows(contract)
    # clauses 5, 12, 13: premium bands, shifts, leave table
    assert ["法定超", "60 時間超", "（上限なし）", "50 %"] in rows(contract)
    assert ["夜勤", "16時30分", "9時30分", "120 分"] in rows(contract)
    assert ["42 ヶ月", "14 日"] in rows(contract)
    text = full_text(contract)
    assert "(1) 所定時間外労働の有無 (有 / 無)：有" in text
    assert "A. 法定休日（ 35 ）%" in text
    assert "(2) 非定例日の場合：（ 4 週 ）当たり（ 8 ）日" in text
    assert "試用期間は設けない。（試用期間：無し）" in text
    assert "署名日：2027年2月10日" in text and "署名地：千葉県千葉市" in text


def test_every_label_and_fixed_text_of_the_inventory_is_printed(built):
    text = _squash(as_the_indonesian_form(full_text(built / JA), ["インドネシア"]))  # (雛型) is not printed
    expected = [item for _, item, _ in inventory_items(INVENTORY)]
    assert len(expected) == 99 + 94  # the checklist as written (the brief said 95 fixed texts)
    missing = [item for item in expected if _squash(item) not in text]
    assert missing == []
    # seed typos printed corrected (002:3777, 3785)
    assert "可否結果" not in text and "天変事変" not in text


def _clause_numbers(path: Path) -> list[int]:
    return [int(m[1]) for t in paragraphs(path) if (m := re.match(r"(\d{1,2})\. \S", t))]


def test_the_english_version_runs_clause_by_clause_beside_the_japanese(built):
    japanese, english = built / JA, built / EN
    assert _clause_numbers(japanese) == list(range(1, 33))
    assert _clause_numbers(english) == list(range(1, 33))
    ja_text, en_text = full_text(japanese), full_text(english)
    same_in_both = ["RINA PUSPITASARI", "X0000123", "Semarang", "176,000", "10,000",
                    "15,000", "6,000", "043-000-1236", "+62 24 0000 5678", "BP2MI"]
    for value in same_in_both:
        assert value in ja_text and value in en_text, value
    for ja_value, en_value in [
        ("社会福祉法人さくら福祉会", "Social Welfare Corporation Sakura Fukushi-kai"),
        ("2027年5月26日", "26 May 2027"), ("2027年11月24日", "24 November 2027"),
        ("2027年11月25日から2030年5月26日まで", "From 25 November 2027 to 26 May 2030"),
        ("2031年5月26日", "26 May 2031"), ("2001年3月9日", "2001/03/09"), ("2027年2月10日", "10 February 2027"),
        ("月給", "Monthly salary"), ("毎月末日", "the last day of every month"),
        ("翌月 25日", "the 25th of the following month"), ("A. 法定休日（ 35 ）%", "A. Statutory holidays ( 35 ) %"),
        ("16時30分", "16:30"), ("14 日", "14 days"), ("住宅手当", "Housing allowance"),
    ]:
        assert ja_value in ja_text, ja_value
        assert en_value in en_text, en_value
    assert "EMPLOYMENT CONTRACT" in en_text and "No trial period shall be set." in en_text
    assert "the Republic of Indonesia" in en_text


def test_formgen_lint_is_clean_for_the_contract_forms():
    result = run_formgen("lint")
    mine = [line for line in (result.stdout + result.stderr).splitlines()
            if line.startswith(("jicwels-10-2", "epa_employment_contract"))]
    assert mine == []


def test_the_fields_other_checks_rely_on_exist():
    model = KINDS["epa_employment_contract"]
    for name in ("employer", "facility", "person", "sending_agency", "contract_date", "entry_date",
                 "training_end_date", "work_start_date", "contract_end_date", "training_program_submitted",
                 "base_pay", "fixed_allowances", "comparison_employee", "trial_period"):
        assert name in model.model_fields, name
    assert "candidate_monthly_pay" in model.model_computed_fields


# --- per country --------------------------------------------------------------------------------------

@pytest.mark.parametrize("nationality, agency, state, entry, training_end, term, renewal", [
    ("インドネシア", "BP2MI", "インドネシア共和国", "2025-02-28", "2025-08-29",
     "2025年8月30日から2028年2月29日まで", "2029年2月28日"),
    ("フィリピン", "POEA", "フィリピン共和国", "2028-02-29", "2028-08-31",
     "2028年9月1日から2031年2月28日まで", "2032年2月29日"),
    ("ベトナム", "DOLAB", "ベトナム社会主義共和国", "2026-12-31", "2027-02-28",
     "2027年3月1日から2029年12月31日まで", "2030年12月31日"),
])
def test_each_nationality_gets_its_sending_agency_country_texts_and_computed_term(
        inbox_copy, outbox, nationality, agency, state, entry, training_end, term, renewal):
    case = inbox_copy / CASE
    text = (case.read_text(encoding="utf-8")
            .replace("nationality: インドネシア", f"nationality: {nationality}")
            .replace("contract_date: 2027-02-10", "contract_date: 2024-11-01")
            .replace("entry_date: 2027-05-26", f"entry_date: {entry}")
            .replace("training_end_date: 2027-11-24", f"training_end_date: {training_end}"))
    case.write_text(text, encoding="utf-8")
    run_formgen("build", str(case), "--out", str(outbox), check=True)
    contract = outbox / CASE_ID / JA
    printed = full_text(contract)
    assert f"({nationality}人介護福祉士候補者用)" in printed
    assert f"（{agency}）" in printed
    assert f"在日{state}大使館に連絡する" in printed
    assert value_beside(contract, f"{state}における住所").startswith("Jl. Contoh")
    assert value_beside(contract, "雇用契約の期間") == term
    assert value_beside(contract, "更新後の期間の満了日") == renewal
    assert f"({agency})" in full_text(outbox / CASE_ID / EN)


# --- refused cases ------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, line_key, message", [
    ("employer_signing: {place: 千葉県千葉市", "trial_period: 3ヶ月\nemployer_signing: {place: 千葉県千葉市",
     "trial_period:", "試用期間「3ヶ月」は設けられません"),
    ("contract_date: 2027-02-10", "contract_date: 2027-06-01", "entry_date: 2027-05-26",
     "入国日（2027-05-26）が契約締結日（2027-06-01）より後になっていません"),
    ("home_address:", "sending_agency: POEA\nhome_address:", "sending_agency: POEA",
     "国籍「インドネシア」の送り出し調整機関は BP2MI です"),
    ("{basis: 法定超, from_hours: 0, to_hours: 60, rate: 25}", "{basis: 法定超, from_hours: 0, to_hours: 60, rate: 20}",
     "rate: 20", "法定時間外労働の割増賃金率 20% は法定の最低率（25%）を下回ります"),
    ("training_end_date: 2027-11-24", "training_end_date: 2027-11-24\nwork_start_date: 2027-12-01",
     "work_start_date: 2027-12-01", "就労開始日（2027-12-01）が訪日後日本語等研修修了の翌日（2027-11-25）ではありません"),
])
def test_an_invalid_contract_is_refused_with_its_line_and_nothing_is_written(inbox_copy, outbox, old, new,
                                                                             line_key, message):
    case = inbox_copy / CASE
    text = edit_case(case, old, new)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if line_key in row)
    stderr = build_refused(case, outbox, CASE_ID)
    assert message in stderr
    assert f"{case}:{line}:" in stderr


# --- the PDFs (LibreOffice) ---------------------------------------------------------------------------

def test_both_versions_convert_to_pdf_with_embedded_fonts(inbox_copy, outbox, warm_converter):
    run_formgen("build", str(inbox_copy / CASE), "--out", str(outbox), "--format", "pdf", check=True)
    for name, words in ((JA, "雇用契約書"), (EN, "EMPLOYMENT CONTRACT")):
        reader = PdfReader(str(outbox / CASE_ID / name.replace(".docx", ".pdf")))
        assert 3 <= len(reader.pages) <= 7
        text = "".join(page.extract_text() for page in reader.pages)
        assert words in text and "BP2MI" in text
        fonts = {font.get("/BaseFont") for page in reader.pages
                 for font in (page["/Resources"].get("/Font") or {}).values()
                 for font in [font.get_object()]}
        assert fonts and all("+" in str(f) for f in fonts if f)  # subset-embedded
