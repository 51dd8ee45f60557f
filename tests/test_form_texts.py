"""What the filed forms say: the complete set of training documents, each country's own words, the
English contract in English, the JITCO limits, the dates the annual report derives, the fee.

The example cases are built once (DOCX) and read back with python-docx; refusals go through
`formgen validate` (the message, its file:line and the field's Japanese label) or the rule table.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pydantic import ValidationError
from pypdf import PdfReader

from conftest import INBOX, ROOT, run_formgen
from country_texts import GUIDELINES, INDONESIAN_GUIDELINE
from docxread import full_text, paragraphs, rows, value_beside
from generator.checks import check_case
from generator.load import load_case
from schemas.epa_annual_report import EpaAnnualReport
from schemas.epa_employment_contract import period_end
from schemas.epa_job_offer import EpaJobOffer
from schemas.jitco_airfare_advance import JitcoAirfareAdvance

JOB_OFFERS = {"sakura": "epa-job-offer-sakura", "PH": "epa-job-offer-midori", "VN": "epa-job-offer-aoba"}
CONTRACTS = {"ID": "epa-employment-contract-rina", "PH": "epa-employment-contract-angelica",
             "VN": "epa-employment-contract-hong"}
OTHERS = ["jitco-airfare-advance-nguyen", "jitco-airfare-advance-siti", "epa-annual-report-sakura-en",
          "epa-annual-report-sakura-en-qualified"]
APPLICATION = "jicwels-1-1_求人登録申請書.docx"
SYSTEM = "jicwels-5_研修実施体制説明書.docx"
CONTRACT_JA = "jicwels-10-2_雇用契約書.docx"
CONTRACT_EN = "jicwels-10-2-en_Employment-Contract.docx"
# Written out here rather than taken from schemas/bilingual.py: kana, kanji and full-width forms.
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("texts")
    shutil.copytree(INBOX, root / "inbox", ignore=shutil.ignore_patterns(".schema"))
    cases = [*JOB_OFFERS.values(), *CONTRACTS.values(), *OTHERS]
    run_formgen("build", "--format", "docx", *(str(root / "inbox" / f"{c}.yaml") for c in cases),
                "--out", str(root / "outbox"), check=True)
    return root / "outbox"


def data_of(case_id: str) -> dict:
    return copy.deepcopy(load_case(INBOX / f"{case_id}.yaml", INBOX).data)


def rules(case, severity: str = "error") -> set[str]:
    return {str(p.rule).split()[0] for p in check_case(case) if p.severity == severity}


def validate_copy(inbox_copy: Path, case_id: str, old: str, new: str) -> tuple[subprocess.CompletedProcess, Path]:
    case = inbox_copy / f"{case_id}.yaml"
    text = case.read_text(encoding="utf-8")
    assert old in text
    case.write_text(text.replace(old, new, 1), encoding="utf-8")
    return run_formgen("validate", str(case)), case


def line_of(path: Path, marker: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line)


# --- complete sets: the training documents of every facility (002:437, 3175) -------------------------------

def test_every_facility_of_the_job_offer_gets_its_training_documents(built):
    for form in ("jicwels-4-2_介護研修計画書.docx", SYSTEM, "jicwels-6-2_研修責任者職歴証明書.docx"):
        text = full_text(built / JOB_OFFERS["sakura"] / form)
        assert "受入れ施設名: 特別養護老人ホームさくら苑" in text, form
        assert "受入れ施設名: 介護老人保健施設さくらの里" in text, form


def test_a_facility_without_its_training_documents_is_refused_at_the_facility(inbox_copy):
    result, case = validate_copy(inbox_copy, JOB_OFFERS["sakura"], "    training: {ref: sakura-sato-training}", "")
    assert result.returncode == 1
    assert "EPA-TRAINING-DOCS" in result.stdout + result.stderr
    message = next(line for line in (result.stdout + result.stderr).splitlines() if "EPA-TRAINING-DOCS" in line)
    assert f"{case}:{line_of(case, '- ref: sakura-sato')}:" in message
    assert "「介護老人保健施設さくらの里」の研修の書類" in message and "全受入れ施設" in message


# --- the right country: 様式1-1 and 様式5 (002:2452-2454, 2485, 3171, 3328-3358) -------------------------------

@pytest.mark.parametrize("country, case_id, institution", [
    ("フィリピン", JOB_OFFERS["PH"], "社会福祉法人みどり会"), ("ベトナム", JOB_OFFERS["VN"], "社会福祉法人あおば会")])
def test_the_application_cites_the_guideline_of_its_country_only(built, country, case_id, institution):
    text = full_text(built / case_id / APPLICATION)
    assert f"{institution}は、{GUIDELINES[country]}及び『出入国管理及び難民認定法』等入管関係法令の定める事項" in text
    assert "インドネシア" not in text


def test_an_application_for_two_countries_cites_both_guidelines(built):
    text = full_text(built / JOB_OFFERS["sakura"] / APPLICATION)
    assert f"は、{INDONESIAN_GUIDELINE}、{GUIDELINES['ベトナム']}及び『出入国管理及び難民認定法』" in text


def test_the_philippine_training_system_names_the_philippine_body_candidates_and_language(built):
    text = full_text(built / JOB_OFFERS["PH"] / SYSTEM)
    assert "研修の実施方法等を、フィリピン海外雇用庁 (POEA) を通じて、フィリピン人候補者に提示するもので" in text
    assert "◆ タガログ語会話能力又は英会話能力のある研修責任者又は研修支援者の配置" in text
    assert "□ フィリピンへの留学経験がある" in text and "(保有タガログ語又は英語資格)" in text
    assert "タガログ語の語学資格" in text  # the seed names no Tagalog test: the row says what it is
    assert "うちフィリピン人 1 人" in text
    assert "インドネシア" not in text and "フィリピノ語" not in text


def test_the_vietnamese_training_system_names_dolab_and_prints_the_named_language_test(built):
    path = built / JOB_OFFERS["VN"] / SYSTEM
    text = full_text(path)
    assert "ベトナム労働・傷病兵・社会問題省海外労働局 (DOLAB) を通じて、ベトナム人候補者に提示する" in text
    assert "■ ベトナムへの留学経験がある" in text
    row = next(cells for cells in rows(path) if "ベトナム語の語学資格（ベトナム語検定（架空））" in cells)
    assert row[0] == "■" and row[2] == "4 級" and row[3] == "2022年6月"
    assert "うちベトナム人 2 人" in text and "インドネシア" not in text


def test_a_facility_of_two_countries_names_both_and_counts_each(built):
    text = full_text(built / JOB_OFFERS["sakura"] / SYSTEM)
    assert ("インドネシア海外労働者派遣・保護庁 (National Board) を通じてインドネシア人候補者に、ベトナム労働・"
            "傷病兵・社会問題省海外労働局 (DOLAB) を通じてベトナム人候補者に提示するもので") in text
    assert "◆ インドネシア語・ベトナム語会話能力又は英会話能力のある" in text
    assert "うちインドネシア人 0 人・ベトナム人 1 人" in text


def _job_offer_with(change) -> EpaJobOffer:
    data = data_of(JOB_OFFERS["sakura"])
    change(data)
    return EpaJobOffer.model_validate(data)


@pytest.mark.parametrize("change, where, words", [
    # さくらの里 registers インドネシア and ベトナム: whose language the test is must be said
    (lambda d: d["facilities"][1]["training"]["system"]["language_qualifications"][0].pop("country"),
     ("facilities", 1, "training", "system", "language_qualifications", 0, "name"), "どの国の言語か"),
    # the seed names no Vietnamese test: the case names it
    (lambda d: d["facilities"][1]["training"]["system"]["language_qualifications"][0].pop("other_name"),
     ("facilities", 1, "training", "system", "language_qualifications", 0, "name"), "名称がありません"),
    (lambda d: d["facilities"][1]["training"]["system"].update(epa_care_candidates={"total": 1, "of_country": 1}),
     ("facilities", 1, "training", "system", "epa_care_candidates", "of_country"), "国ごとに"),
])
def test_the_country_blocks_of_form_5_must_say_which_country(change, where, words):
    with pytest.raises(ValidationError) as raised:
        _job_offer_with(change)
    errors = raised.value.errors()
    assert [tuple(e["loc"]) for e in errors] == [where]
    assert words in errors[0]["ctx"]["ja"]


@pytest.mark.parametrize("country, agency, code, body_en", [
    ("PH", "フィリピン海外雇用庁", "POEA", "the sending agency of the Republic of the Philippines (POEA)"),
    ("VN", "ベトナム労働・傷病兵・社会問題省海外労働局", "DOLAB",
     "the sending agency of the Socialist Republic of Viet Nam (DOLAB)"),
])
def test_the_philippine_and_vietnamese_contracts_name_their_own_bodies(built, country, agency, code, body_en):
    japanese = full_text(built / CONTRACTS[country] / CONTRACT_JA)
    english = full_text(built / CONTRACTS[country] / CONTRACT_EN)
    assert f"{agency}及び公益社団法人国際厚生事業団は、本契約が" in japanese and f"（{code}）" in japanese
    assert "インドネシア" not in japanese
    assert body_en[:1].upper() + body_en[1:] in english and "Indonesia" not in english


@pytest.mark.parametrize("country, basis_ja, short_ja, basis_en", [
    ("ID", "経済上の連携に関する日本国とインドネシア共和国との間の協定（以下「協定」という。）に規定された", "協定",
     "the Agreement between Japan and the Republic of Indonesia for an Economic Partnership"),
    ("PH", "経済上の連携に関する日本国とフィリピン共和国との間の協定（以下「協定」という。）に規定された", "協定",
     "the Agreement between Japan and the Republic of the Philippines for an Economic Partnership"),
    # Vietnamese candidates come under the exchange of letters of 2012 (002:106, 124), not the EPA
    ("VN", "平成二十四年四月十八日に日本国政府とベトナム社会主義共和国政府との間で交換が完了した看護師及び介護福祉士の"
           "入国及び一時的な滞在に関する書簡（以下「交換公文」という。）に規定された", "交換公文",
     "the Exchange of Letters completed on 18 April 2012"),
])
def test_each_contract_rests_on_its_own_country_s_agreement(built, country, basis_ja, short_ja, basis_en):
    japanese = full_text(built / CONTRACTS[country] / CONTRACT_JA)
    english = full_text(built / CONTRACTS[country] / CONTRACT_EN)
    assert basis_ja in japanese and f"本契約が、{short_ja}に基づき" in japanese
    assert f"{short_ja}に基づく介護福祉士候補者" in japanese
    assert basis_en in english
    if country == "VN":
        assert "協定" not in japanese and "Economic Partnership" not in english


# --- the English contract is in English (10-2-en) -----------------------------------------------------------

@pytest.mark.parametrize("country", CONTRACTS)
def test_the_english_contract_prints_no_japanese(built, country):
    japanese = [line for line in paragraphs(built / CONTRACTS[country] / CONTRACT_EN) if JAPANESE.search(line)]
    assert japanese == []


def test_the_entered_terms_print_in_english(built):
    text = full_text(built / CONTRACTS["ID"] / CONTRACT_EN)
    for expected in [
        "Remarks ( About 10 hours a month on average )",  # 5
        "Remarks ( The premium for night work is included in the night-shift allowance. )",  # 7
        "(Yes / No): Yes ( Once a year (April), according to performance )",  # 9
        "Twice a year (July and December)",  # 10
        "Remarks ( The duty roster is shown by the 20th of the previous month. )",  # 12
        "Remarks ( 3 days are granted in advance on joining. )",  # 13
        "Other ( Holidays at the New Year follow the duty roster. )",  # 14
        "beyond the statutory compensation: No compensation beyond the statutory compensation",  # 17(2)
        "Paid ( Summer leave (3 days), leave for weddings and funerals )",  # other leave
        "Unpaid ( Leave for a temporary return home (beyond the annual paid leave) )",
        "( Uniforms are lent free of charge; meals at cost )",  # 32(1)
        "( Health check-ups on hiring and once a year (twice a year for night-shift workers) )",
        "( In-house training (once a month), a national examination preparation course )",
        "( According to the health insurance )",
        "( According to the rules of employment )",  # 32(5), (6)
        "4-5-6 Kakucho, Chuo-ku, Chiba-shi, Chiba",  # the facility's address
        "Place of signature: Chiba, Japan",
        "Social Welfare Corporation Sakura Fukushi-kai", "Ichiro Yamada, Chairperson", "Misaki Tanaka",
    ]:
        assert expected in text, expected


def test_a_japanese_term_without_its_english_is_refused_at_its_line(inbox_copy):
    result, case = validate_copy(inbox_copy, CONTRACTS["ID"], "  remarks_en: About 10 hours a month on average\n", "")
    assert result.returncode == 1
    message = next(line for line in result.stderr.splitlines() if "remarks_en" in line)
    assert f"{case}:{line_of(case, 'remarks: 所定時間外労働は月平均10時間程度')}:" in message
    assert "所定時間外労働 › 備考" in message  # the field's Japanese label
    assert "remarks_en: を英語で書いてください" in message


def test_a_party_value_without_its_english_points_at_the_parties_file_and_says_where_to_write(inbox_copy):
    result, _ = validate_copy(inbox_copy, CONTRACTS["ID"], "  address_en: 4-5-6 Kakucho, Chuo-ku, Chiba-shi, Chiba\n",
                              "")
    assert result.returncode == 1
    message = next(line for line in result.stderr.splitlines() if "address_en" in line)
    party = inbox_copy / "parties" / "sakura-en.yaml"
    assert f"{party}:{line_of(party, 'address:')}:" in message
    assert "就労予定施設 › 施設住所" in message and "ref: と並べて address_en:" in message


def test_formgen_new_shows_the_english_fields():
    skeleton = run_formgen("new", "epa_employment_contract", check=True).stdout
    for field in ("name_en:", "representative_en:", "contact_name_en:", "address_en:", "remarks_en:",
                  "detail_en:", "other_paid_en:", "other_unpaid_en:", "extra_accident_compensation_en:",
                  "meals_and_tools_en:", "leave_of_absence_en:", "place_en:"):
        assert field in skeleton, field


def test_clause_1_says_the_date_it_prints(built):
    path = built / CONTRACTS["ID"] / CONTRACT_EN
    text = full_text(path)
    # entry 26 May 2027: the period counted from 27 May 2027 ends on 26 May 2030 (民法140条・143条)
    assert "until the last day of the period of three years counted from the day following the date of entry" in text
    assert "until the last day of the period of four years counted from the day following the date of entry" in text
    assert "the day three years after" not in text and "the day four years after" not in text
    assert period_end(dt.date(2027, 5, 26), 3) == dt.date(2030, 5, 26)
    assert value_beside(path, "Term of the Contract") == "From 25 November 2027 to 26 May 2030"
    assert value_beside(path, "End of the renewed term") == "26 May 2031"


def test_dates_labelled_year_month_day_print_in_that_order(built):
    path = built / CONTRACTS["ID"] / CONTRACT_EN
    assert value_beside(path, "Date of Birth (Year/Month/Day)") == "2001/03/09"
    assert value_beside(path, "Date of Issue of the Passport (Year/Month/Day)") == "2026/02/16"


@pytest.mark.parametrize("country", CONTRACTS)
def test_an_executed_contract_is_not_marked_as_the_model(built, country):
    assert "雛型" not in full_text(built / CONTRACTS[country] / CONTRACT_JA)
    assert "Model" not in full_text(built / CONTRACTS[country] / CONTRACT_EN)


# --- JITCO: the 10万円 limit (003:62-63, 119-121, 134-141) ---------------------------------------------------

def test_an_over_limit_ticket_without_unavoidable_circumstances_is_refused(inbox_copy):
    result, case = validate_copy(inbox_copy, "jitco-airfare-advance-nguyen", "  price: 99500", "  price: 101500")
    assert result.returncode == 1
    message = next(line for line in result.stderr.splitlines() if "JITCO-TICKET-LIMIT" in line)
    assert f"{case}:{line_of(case, 'price: 101500')}:" in message


def test_an_over_limit_ticket_with_circumstances_is_a_warning_and_the_excess_is_not_promised(inbox_copy, outbox):
    case = inbox_copy / "jitco-airfare-advance-nguyen.yaml"
    text = case.read_text(encoding="utf-8").replace("  price: 99500", "  price: 101500").replace(
        "  estimate_amount: 98000", "  estimate_amount: 98000\n  special_circumstances: 直行便が運休し、乗継ぎ便しかないため")
    case.write_text(text, encoding="utf-8")
    result = run_formgen("build", "--format", "docx", str(case), "--out", str(outbox), check=True)
    assert "JITCO-OVER-LIMIT-REVIEW" in result.stdout + result.stderr
    settlement = value_beside(outbox / "jitco-airfare-advance-nguyen" / "jitco-4_航空券受け取り確認書.docx", "精算")
    assert "限度額までの差額（2,000円）は、JITCO本部から差額の振込通知書が届き" in settlement
    assert "限度額（100,000円）を超える部分（1,500円）は、帰国予定日及び経路のやむを得ない事情をJITCO本部が審査し、" \
           "認めた場合に限り精算されます" in settlement


def test_an_advance_over_the_limit_with_a_reason_is_accepted_with_a_warning():
    case = JitcoAirfareAdvance.model_validate(data_of("jitco-airfare-advance-siti"))  # 112,000 円, reason given
    assert "JITCO-AMOUNT-LIMIT" not in rules(case)
    assert "JITCO-OVER-LIMIT-REVIEW" in rules(case, "warning")
    within = copy.deepcopy(data_of("jitco-airfare-advance-siti"))
    within.update(amount=100_000)
    assert "JITCO-OVER-LIMIT-REVIEW" not in rules(JitcoAirfareAdvance.model_validate(within), "warning")


def test_the_detail_of_the_reason_prints_with_that_reason(built):
    text = full_text(built / "jitco-airfare-advance-siti" / "jitco-1_帰国旅費立替払申請書.docx")
    assert "■ 本人が継続を希望しない（本人が家族の事情により帰国を強く希望している）　□ 残余の期間が短期間　□ その他" in text
    assert "□ その他（" not in text


@pytest.mark.parametrize("continuation, words", [
    ({"efforts_made": False, "reason_detail": "詳細だけ"}, "選ばれていません"),
    ({"efforts_made": False, "reason_not_made": "その他"}, "その内容（reason_detail）"),
])
def test_a_detail_needs_its_reason_and_other_needs_its_detail(continuation, words):
    data = data_of("jitco-airfare-advance-siti")
    data["continuation"] = continuation
    with pytest.raises(ValidationError) as raised:
        JitcoAirfareAdvance.model_validate(data)
    assert words in raised.value.errors()[0]["ctx"]["ja"]


# --- the annual report: 研修年次 and 就業日数 from the dates (002:2013, 4039, 4109) ------------------------------

def test_the_training_year_is_the_year_since_work_started(built):
    path = built / "epa-annual-report-sakura-en" / "mhlw-2-2-b2_研修評価表_候補者記載.docx"
    text = full_text(path)
    # three candidates started on 2024-05-13 (3年目 on 2027-01-01), one on 2025-05-12 (2年目)
    assert text.count("(研修 3 年目)") == 3 and text.count("(研修 2 年目)") == 1


def _annual(**candidate_changes) -> EpaAnnualReport:
    data = data_of("epa-annual-report-sakura-en")
    data["candidates"][0].update(candidate_changes)
    return EpaAnnualReport.model_validate(data)


def test_a_stated_training_year_must_be_the_one_the_dates_give():
    assert "EPA-REPORT-TRAINING-YEAR" in rules(_annual(training_year=2))
    assert "EPA-REPORT-TRAINING-YEAR" not in rules(_annual(training_year=3))


@pytest.mark.parametrize("days, refused", [(964, False), (965, True), (5000, True)])
def test_working_days_cannot_exceed_the_calendar_days_since_work_started(days, refused):
    # 2024-05-13 … 2027-01-01, both counted: 964 days (963 elapsed)
    assert ("EPA-REPORT-WORKING-DAYS" in rules(_annual(working_days=days))) is refused


def test_the_qualified_report_is_dated_when_it_is_filed(built):
    for form in ("mhlw-1-4_受入れ施設の要件遵守状況の報告_資格取得後.docx", "mhlw-3_雇用契約の要件遵守状況の報告.docx"):
        text = full_text(built / "epa-annual-report-sakura-en-qualified" / form)
        assert "(2027年3月1日現在)" in text and "1月1日現在" not in text, form


# --- 求人申込手数料 (002:2174, 2185-2197, 2503-2508) -----------------------------------------------------------

@pytest.mark.parametrize("amount, refused", [(71_500, False), (65_000, False), (215_000, True), (71_501, True)])
def test_the_recorded_fee_is_the_fee_of_the_table(amount, refused):
    data = data_of(JOB_OFFERS["sakura"])
    data["fees"][0]["amount"] = amount
    assert ("EPA-FEE-AMOUNT" in rules(EpaJobOffer.model_validate(data))) is refused


# --- the look of one page (LibreOffice) ----------------------------------------------------------------------

def test_the_vietnamese_form_5_converts_with_its_rows_and_renders(inbox_copy, outbox, tmp_path, warm_converter):
    run_formgen("build", "--format", "pdf", str(inbox_copy / f"{JOB_OFFERS['VN']}.yaml"), "--out", str(outbox),
                check=True)
    pdf = outbox / JOB_OFFERS["VN"] / SYSTEM.replace(".docx", ".pdf")
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(str(pdf)).pages))
    assert "ベトナム労働・傷病兵・社会問題省海外労働局(DOLAB)を通じて" in text
    assert "ベトナム語の語学資格（ベトナム語検定（架空））" in text and "インドネシア" not in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "page")],
                   check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 10_000


# --- the documentation lists every check with its citation ---------------------------------------------------

def test_docs_checks_lists_every_requirement_with_its_seed_lines():
    from generator.checks import all_requirements
    lines = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8").splitlines()
    for rule in all_requirements():
        row = [line for line in lines if line.startswith(f"| {rule.id} |")]
        cited = rule.source.split(":", 1)[1].strip() if ":" in rule.source else rule.source  # a law: its key
        assert len(row) == 1 and row[0].rstrip().endswith(f"| {cited} |"), rule.id
