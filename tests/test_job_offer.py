"""求人登録申請書 (様式1-1), 求人票 (様式2-2), 受入れ施設説明書 (様式3-2): a job-offer case in, the three
forms out; 年間賃金見込み額 by the seed's rules (002:2946-2985), checked against hand-computed numbers."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import INBOX, ROOT, run_formgen
from country_texts import GUIDELINES, INDONESIAN_GUIDELINE, as_the_indonesian_form
from docxread import full_text, rows, value_beside
from generator.load import load_case
from inventory import missing_from
from refusal import build_refused, edit_case
from schemas.epa_job_offer import EpaJobOffer

CASE = "epa-job-offer-sakura.yaml"
OUT = "epa-job-offer-sakura"
APPLICATION = "jicwels-1-1_求人登録申請書.docx"
JOB_OFFER = "jicwels-2-2_求人票.docx"
FACILITY = "jicwels-3-2_受入れ施設説明書.docx"
BASE = load_case(INBOX / CASE, INBOX).data


def beside(path: Path, label: str) -> list[str]:
    """The value right of `label` in every row that has it (a merged label counts once per row)."""
    found = []
    for cells in rows(path):
        if label in [c.strip() for c in cells]:
            index = [c.strip() for c in cells].index(label)
            found.append(next((c for c in cells[index + 1:] if c != cells[index]), ""))
    return found


def case_with(change) -> EpaJobOffer:
    data = copy.deepcopy(BASE)
    change(data)
    return EpaJobOffer.model_validate(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example built once, DOCX only (the PDF look is checked by eye, see the forms' manifests)."""
    root = tmp_path_factory.mktemp("job-offer")
    shutil.copytree(INBOX, root / "inbox", ignore=shutil.ignore_patterns(".schema"))
    run_formgen("build", str(root / "inbox" / CASE), "--out", str(root / "outbox"), "--format", "docx", check=True)
    return root / "outbox" / OUT


# --- the forms carry the case's values in their labelled cells ---------------------------------------------

def test_the_packet_holds_the_three_forms_in_filing_order(built):
    record = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    ids = [f["official_id"] for f in record["forms"]]
    assert ids[:3] == ["JICWELS 様式1-1", "JICWELS 様式2-2", "JICWELS 様式3-2"]
    assert all(later.startswith("JICWELS 様式") for later in ids[3:])  # the training forms (4-2, 5, 6-2) follow


def test_job_offer_lists_each_facility_with_its_period_and_count_and_the_totals(built):
    docx = built / JOB_OFFER
    assert value_beside(docx, "機関名") == "社会福祉法人さくら福祉会"
    assert value_beside(docx, "機関代表者") == "理事長　山田 一郎"
    assert beside(docx, "氏名")[0] == "佐藤 花子"   # 機関担当者1
    assert beside(docx, "氏名")[1] == "鈴木 次郎"   # 機関担当者2
    table = [r for r in rows(docx) if r and r[0] in ("特別養護老人ホームさくら苑", "介護老人保健施設さくらの里")]
    assert table == [["特別養護老人ホームさくら苑", "4年間", "2 名"], ["介護老人保健施設さくらの里", "4年間", "4 名"]]
    assert value_beside(docx, "受入れ希望施設数 計") == "2 施設"
    assert value_beside(docx, "受入れ希望人数 計") == "6 名"
    text = full_text(docx)
    assert "(西暦) 2026年6月15日" in text
    assert ["受入れ希望機関代表者名", "理事長　山田 一郎", "印"] in rows(docx)  # the signature block, 印 beside the name


def test_application_names_the_institution_and_cites_the_guideline_of_each_country(built):
    docx = built / APPLICATION
    text = full_text(docx)
    # さくら苑 registers インドネシア, さくらの里 インドネシア and ベトナム: both guidelines, Indonesia's first
    assert text.count("社会福祉法人さくら福祉会は、" + INDONESIAN_GUIDELINE + "、" + GUIDELINES["ベトナム"]
                      + "及び『出入国管理及び難民認定法』等入管関係法令") == 1
    assert value_beside(docx, "受入れ希望機関住所") == "〒260-0099　千葉県千葉市中央区架空町1-2-3"
    # the fee is not printed (the form has no field for it): formgen's working stays off the filed form
    assert "formgen" not in text and "本申請の求人申込手数料" not in text and "65,000" not in text


def test_the_fee_is_computed_per_facility():
    case = case_with(lambda data: None)
    # さくら苑: 1 country, already accepted → 20,000; さくらの里: 2 countries, new → 45,000 (002:2503-2506)
    assert [f.application_fee for f in case.facilities] == [20_000, 45_000]
    assert case.application_fee_total == 65_000


def test_one_facility_description_per_facility_with_its_staffing(built):
    docx = built / FACILITY
    assert beside(docx, "施設名")[0] == "特別養護老人ホームさくら苑"
    assert beside(docx, "施設名")[1] == "介護老人保健施設さくらの里"
    assert beside(docx, "◆入所定員数")[0] == "80 人"
    assert beside(docx, "常勤換算介護職員数")[0] == "40.5 人"
    assert beside(docx, "うち介護福祉士資格取得者数")[1] == "21 人"
    # 18 of 36 and 21 of 42 full-time care staff are certified: 5.0割 each
    assert beside(docx, "介護福祉士資格取得者が常勤介護職員数に占める割合")[1] == "5.0 割"
    assert beside(docx, "◆受入れ希望人数")[1] == "4 人"
    assert beside(docx, "施設の名称")[0] == "ショートステイさくら苑"
    text = full_text(docx)
    assert "【就業規則/給与規程/その他( ) 第( )条】" in text
    assert "就業規則 第15条" in text
    assert "その他(育児・介護休業規程) 第3条" in text
    assert "( 1箇月 )単位の( 変形労働時間制 )として、次の勤務時間の組み合わせによる。" in text
    assert "始業時刻 8時30分 ~ 終業時刻 17時30分" in text
    assert "2. 1箇月平均所定労働時間 約 165.5 時間" in text
    assert "2. 1箇月平均所定労働時間 約 160 時間" in text


def test_annual_wage_estimate_is_computed_by_the_seed_rules(built):
    docx = built / FACILITY
    # さくら苑: 月給 176,000 × 12 = 2,112,000; (15,000 + 8,000) × 12 = 276,000 (住宅手当 not 対象);
    # 賞与 528,000; 期末手当 30,000 → 2,946,000
    assert beside(docx, "①小計")[0] == "2,112,000 円"
    assert beside(docx, "②小計")[0] == "276,000 円"
    assert beside(docx, "③小計")[0] == "528,000 円"
    assert beside(docx, "④小計")[0] == "30,000 円"
    assert beside(docx, "=")[0] == "2,946,000"
    # さくらの里: 日給月給 182,000 × 12 = 2,184,000; (12,000 + 5,000) × 12 = 204,000; 賞与 455,000 → 2,843,000
    assert beside(docx, "①小計")[1] == "2,184,000 円"
    assert beside(docx, "②小計")[1] == "204,000 円"
    assert beside(docx, "=")[1] == "2,843,000"
    added = [r for r in rows(docx) if r[1:3] == ["処遇改善手当", "処遇改善手当"]]
    assert added and added[0][-1] == "180,000 円"          # 15,000 × 12, listed by name as 2958 asks
    assert not [r for r in rows(docx) if "住宅手当" in r and "120,000 円" in r]  # not 対象: never added
    assert "● 開示する ○ 開示しない" in full_text(docx)


@pytest.mark.parametrize("pay_form, amount, days, hours, expected", [
    ("月給", 180_000, 21, None, 2_160_000),            # 180,000 × 12
    ("日給月給", 180_000, 21, None, 2_160_000),        # 180,000 × 12
    ("日給", 8_500, 21.5, None, 2_193_000),            # 8,500 × 21.5 × 12
    ("時間給", 1_075, 20.5, 7.75, 2_049_487),          # 1,075 × 7.75 × 20.5 × 12 = 2,049,487.5 → cut
])
def test_the_base_pay_of_each_pay_form_is_made_annual(pay_form, amount, days, hours, expected):
    def change(data):
        wages = data["facilities"][0]["wages"]
        wages.update(pay_form=pay_form, base_amount=amount, monthly_workdays=days, daily_hours=hours)
    wages = case_with(change).facilities[0].wages
    assert wages.base_annual == expected
    assert wages.annual_estimate == expected + 276_000 + 528_000 + 30_000


# --- every label and fixed text of the seed's forms is printed ----------------------------------------------

@pytest.mark.parametrize("docx, inventory", [
    (APPLICATION, "jicwels-1-1.yaml"), (JOB_OFFER, "jicwels-2-2.yaml"), (FACILITY, "jicwels-3-2.yaml")])
def test_every_label_and_fixed_text_of_the_form_appears(built, docx, inventory):
    text = as_the_indonesian_form(full_text(built / docx), ["インドネシア", "ベトナム"])
    assert missing_from(text, inventory) == []


def test_each_form_carries_its_labels_and_belongs_to_the_job_offer():
    import yaml
    for form_id in ("jicwels-1-1", "jicwels-2-2", "jicwels-3-2"):
        manifest = yaml.safe_load((ROOT / "forms" / form_id / "manifest.yaml").read_text(encoding="utf-8"))
        assert (ROOT / "forms" / form_id / "labels.yaml").is_file()
        assert manifest["kinds"] == ["epa_job_offer"]


# --- what is refused, with its line, and nothing is written -------------------------------------------------

def _refused(inbox_copy, outbox, old: str, new: str) -> tuple[str, str, Path]:
    case = inbox_copy / CASE
    text = edit_case(case, old, new, 1)
    return build_refused(case, outbox, OUT, "--format", "docx"), text, case


def test_an_allowance_that_may_not_be_added_is_refused_with_the_seed_reason(inbox_copy, outbox):
    old = "category: 住宅手当, counted: false}"
    stderr, text, case = _refused(inbox_copy, outbox, old, "category: 住宅手当}")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "name: 住宅手当" in row)
    assert f"{case}:{line}:" in stderr
    assert "「住宅手当」は年間賃金見込み額に加算できません" in stderr
    assert "候補者の生活実態に応じて支給額が変動しうる手当" in stderr
    assert "002_e5f9a0dfd8ef1d48.txt:2984" in stderr
    assert "counted: false" in stderr  # the fix


def test_a_work_dependent_allowance_names_the_other_reason(inbox_copy, outbox):
    stderr, _, _ = _refused(inbox_copy, outbox, "{name: 調整手当, amount: 8000, method: 全職員一律, category: 一律支給手当}",
                            "{name: 皆勤手当, amount: 8000, category: 精皆勤手当}")
    assert "「皆勤手当」（精皆勤手当）は年間賃金見込み額に加算できません: 「勤務実態によって支給額が変動しうる手当」" in stderr


def test_more_certified_workers_than_full_time_staff_is_refused(inbox_copy, outbox):
    stderr, _, _ = _refused(inbox_copy, outbox, "certified_care_workers: 18", "certified_care_workers: 40")
    assert "介護福祉士資格取得者数（40人）が常勤介護職員数（36人）を超えています" in stderr


def test_the_same_facility_twice_would_break_the_totals_and_is_refused(inbox_copy, outbox):
    stderr, _, _ = _refused(inbox_copy, outbox, "  - ref: sakura-sato", "  - ref: sakura-en")
    assert "受入れ希望施設「特別養護老人ホームさくら苑」が2回書かれています" in stderr


def test_a_single_candidate_block_with_more_than_one_requested_is_refused():
    def change(data):
        data["facilities"][0]["single_acceptance_facility"] = {"name": "さくら苑デイサービス", "type_code": "1-2"}
    with pytest.raises(ValidationError, match="single_acceptance_facility is given but requested_count is 2"):
        case_with(change)


@pytest.mark.parametrize("field, value", [("requested_count", 0), ("requested_count", -2)])
def test_requested_count_must_be_positive(field, value):
    with pytest.raises(ValidationError, match=rf"facilities\.0\.{field}\s+Input should be greater than or equal to 1"):
        case_with(lambda data: data["facilities"][0].update({field: value}))


@pytest.mark.parametrize("value", ["8:3", "25:00", "0830", 510])
def test_times_must_be_hh_mm(value):
    with pytest.raises(ValidationError, match="cannot read the time"):
        case_with(lambda data: data["facilities"][0]["hours"].update(start=value))


def test_a_full_subsidy_with_a_burden_is_refused():
    def change(data):
        data["facilities"][1]["housing"]["rent"]["burden"] = 10000
    with pytest.raises(ValidationError, match="全額補助"):
        case_with(change)


def test_an_hourly_wage_needs_the_daily_hours():
    def change(data):
        data["facilities"][0]["wages"].update(pay_form="時間給", base_amount=1100)
    with pytest.raises(ValidationError, match="daily_hours"):
        case_with(change)


# --- values are data, never markup or template code -----------------------------------------------------

def test_markup_and_template_syntax_in_a_name_print_literally(inbox_copy, outbox):
    case = inbox_copy / CASE
    name = "ケア&ホーム <さくら> {{ x }} {% if %}"
    text = case.read_text(encoding="utf-8").replace(
        "  - ref: sakura-en\n", f"  - ref: sakura-en\n    name: \"{name}\"\n", 1)
    case.write_text(text, encoding="utf-8")
    run_formgen("build", str(case), "--out", str(outbox), "--format", "docx", check=True)
    assert value_beside(outbox / OUT / FACILITY, "施設名") == name
    assert name in full_text(outbox / OUT / JOB_OFFER)
