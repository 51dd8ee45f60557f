"""The training documents of a job registration: 介護研修計画書 (様式4-2), 研修実施体制説明書 (様式5),
研修責任者職歴証明書 (様式6-2) — made for each facility of a job offer that has `training:`."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import run_formgen
from docxread import full_text, value_beside
from inventory import missing_from
from schemas.epa_training_plan import CareerCertificate, months_between

CASE = "epa-job-offer-sakura.yaml"
PLAN = "jicwels-4-2_介護研修計画書.docx"
SYSTEM = "jicwels-5_研修実施体制説明書.docx"
CAREER = "jicwels-6-2_研修責任者職歴証明書.docx"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from conftest import INBOX

    inbox = tmp_path_factory.mktemp("inbox")
    shutil.copytree(INBOX, inbox, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".schema"))
    outbox = tmp_path_factory.mktemp("outbox")
    run_formgen("build", "--format", "docx", str(inbox / CASE), "--out", str(outbox), check=True)
    return outbox / "epa-job-offer-sakura"


@pytest.mark.parametrize("docx, inventory", [(PLAN, "jicwels-4-2.yaml"), (SYSTEM, "jicwels-5.yaml"),
                                             (CAREER, "jicwels-6-2.yaml")])
def test_every_label_and_fixed_text_of_the_printed_form_appears(built, docx, inventory):
    text = full_text(built / docx)
    # dates the 2022 edition printed (3350, 3370) come from the case: the demo case says 2026年4月 / 5月
    text = text.replace("現状：2026年4月時点", "現状：2021年4月時点")
    assert missing_from(text, inventory) == []


def test_the_care_plan_names_the_trainers_and_sessions(built):
    path = built / PLAN
    assert value_beside(path, "氏名") == "田中 美咲"
    assert value_beside(path, "資格") == "介護福祉士、介護支援専門員"
    text = full_text(path)
    assert "研修 支援者 ②" in text and "渡辺 さくら" in text
    assert "国家試験対策勉強会（施設内講師）" in text and "約 1.5 時間" in text
    assert "■ 住居にインターネット環境を整備する" in text


def test_the_training_system_follows_the_candidates_country(built):
    text = full_text(built / SYSTEM)
    assert "インドネシア語会話能力又は英会話能力のある研修責任者又は研修支援者の配置" in text
    assert "1週間 の勤務時間 40 時間のうち合計 2 時間を自己学習の時間に充てる" in text
    assert "現状：2026年4月時点" in text
    assert "うちインドネシア人 2 人" in text
    assert "■ 地域の行事に参加" in text and "□ 地域の学校との交流" in text


def test_the_career_certificate_totals_the_years_and_months(built):
    path = built / CAREER
    text = full_text(path)
    assert "2016年4月から 2026年5月現在" in text
    assert "2010年4月から 2016年3月まで" in text
    assert "16 年 2 か月" in text  # 122 + 72 months
    assert "和暦 平成24年3月30日" in text


@pytest.mark.parametrize("start, end, months", [
    (dt.date(2015, 4, 1), dt.date(2018, 3, 1), 36),
    (dt.date(2020, 1, 1), dt.date(2020, 1, 1), 1),
    (dt.date(2019, 12, 1), dt.date(2020, 1, 1), 2),
])
def test_a_career_row_counts_its_first_and_last_month(start, end, months):
    assert months_between(start, end) == months


def test_a_career_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        CareerCertificate.model_validate({
            "name": "x", "registration_date": "2010-01-01", "registration_number": "1", "as_of": "2026-01-01",
            "careers": [{"employer": "a", "duties": "b", "start": "2020-01-01"},
                        {"employer": "c", "duties": "d", "start": "2019-01-01", "end": "2018-01-01"}]})
