"""優良要件 calculator (`formgen score`): worked examples computed by hand, and the band boundaries."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from conftest import INBOX, run_formgen
from generator.scoring import IMPLEMENTER, SUPERVISING_ORG, score_item

KUMIAI = INBOX / "score-kakuu-kumiai.yaml"
SEIKO = INBOX / "score-kakuu-seiko.yaml"


def _score(path) -> dict:
    return json.loads(run_formgen("score", str(path), "--json", check=True).stdout)


def _points(score: dict) -> dict[str, int]:
    return {item["id"]: item["points"] for section in score["sections"] for item in section["items"]}


def test_supervising_org_worked_example_matches_the_hand_computation():
    # ① 体制 (001:56-65): マニュアル有 5; 役職員4人:実習実施者30者 = 1:7.5 → 1:10未満 7;
    #    講習 3/5 = 60% → 10; 支援有 5; フォローアップ有 5; 事前面接無 0; 就職先把握有 5  → 37
    # ② 実績 (001:66-116): 基礎級 35/40 = 87.5% → 5 (the seed's "50点" at 72 corrected);
    #    実技 (18 + 2×1.5)×1.2 / (30 − 2 + 0) = 25.2/28 = 90% → 20; 学科 1者 → 3; 協力 0者 → 0  → 28
    # ③ 違反 (001:127-145): 改善命令なし 0; 失踪 2/120 = 1.7% (<10%) → 0; 責め無 0;
    #    認定取消 0/30 → 0; 改善命令 1/30 = 3.3% → −2  → −2
    # ④ 相談 (001:147-150): 5 + 5 + 0 → 10      ⑤ 共生 (001:151-154): 4 + 0 + 3 → 7
    # 合計 37 + 28 − 2 + 10 + 7 = 80 ≥ 72 → 優良
    score = _score(KUMIAI)
    assert [s["points"] for s in score["sections"]] == [37, 28, -2, 10, 7]
    assert [s["max"] for s in score["sections"]] == [50, 40, 5, 15, 10]
    assert score["total"] == 80 and score["excellent"] is True
    points = _points(score)
    assert points["①Ⅱ"] == 7 and points["②Ⅰ"] == 5 and points["②Ⅱ"] == 20 and points["③Ⅳ-2"] == -2
    gains = {i["id"]: i["gain"] for i in score["improvements"]}
    assert gains["①Ⅱ"] == 8 and gains["①Ⅵ"] == 5 and gains["②Ⅰ"] == 5


def test_implementer_worked_example_matches_the_hand_computation_and_falls_short():
    # ① 実績 (001:171-210): 基礎級 10/10 = 100% → 20; 実技 (4 + 0)×1.2/8 = 60% → 20; 学科 1人 → 3;
    #    協力無 0  → 43
    # ② 体制 (001:211-220): 指導員 2/2 全員 → 5; 生活指導員 1/2 → 0  → 5
    # ③ 待遇 (001:221-225): 1,100/1,000円 = 110% → 3; 昇給率 4% → 3  → 6
    # ④ 違反 (001:226-233): なし 0; 失踪 1/12 (1人以下) → 0; 責め無 0  → 0
    # ⑤ 相談 (001:234-237): 5 + 0 + 0 → 5      ⑥ 共生 (001:238-241): 4 + 3 + 0 → 7
    # 合計 43 + 5 + 6 + 0 + 5 + 7 = 66 < 72 → 6点不足
    score = _score(SEIKO)
    assert [s["points"] for s in score["sections"]] == [43, 5, 6, 0, 5, 7]
    assert [s["max"] for s in score["sections"]] == [70, 10, 10, 5, 15, 10]
    assert score["total"] == 66 and score["excellent"] is False
    assert score["improvements"][0] == {"id": "①Ⅱ", "from": "60%以上70%未満", "to": "70%以上80%未満", "gain": 10}


def test_the_text_report_cites_the_seed_lines_and_notes_the_corrections():
    text = run_formgen("score", str(KUMIAI), check=True).stdout
    assert "合計 80/120点 — 72点以上: 優良要件に適合" in text
    assert "001_1fdeeed8bbae3b1d.txt:72 の誤記（50点）は5点に訂正" in text
    assert "117-126 は実習実施者②の重複掲載" in text
    assert "［001_1fdeeed8bbae3b1d.txt:58］" in text
    short = run_formgen("score", str(SEIKO), check=True).stdout
    assert "72点未満: 優良要件に適合しません（あと6点）" in short


def test_a_case_file_of_another_kind_is_refused():
    result = run_formgen("score", str(INBOX / "epa-return-home-dewi.yaml"))
    assert result.returncode == 1
    assert "epa_return_home" in result.stderr


def _item(table, item_id):
    return next(i for s in table for i in s.items if i.id == item_id)


def _exam(examinees, passers):
    return SimpleNamespace(results=SimpleNamespace(basic_exam=SimpleNamespace(examinees=examinees, passers=passers)))


@pytest.mark.parametrize("passers, examinees, points", [
    (19, 20, 10), (94, 100, 5), (80, 100, 5), (79, 100, 0), (75, 100, 0), (74, 100, -10)])
def test_supervising_basic_exam_band_boundaries(passers, examinees, points):
    assert score_item(_item(SUPERVISING_ORG, "②Ⅰ"), _exam(examinees, passers)).points == points


@pytest.mark.parametrize("staff, implementers, points", [(2, 9, 15), (2, 10, 7), (2, 19, 7), (2, 20, 0), (0, 3, 0)])
def test_staff_ratio_boundaries_1_to_5_and_1_to_10(staff, implementers, points):
    record = SimpleNamespace(structure=SimpleNamespace(full_time_staff=staff, implementers=implementers))
    assert score_item(_item(SUPERVISING_ORG, "①Ⅱ"), record).points == points


@pytest.mark.parametrize("grade3, grade2, completers, points", [
    (20, 0, 30, 20),  # 20×1.2 = 24/30 = 80% → 20 (001:82)
    (19, 0, 30, 15),  # 22.8/30 = 76% → 15
    (0, 10, 30, 10),  # 10×1.5×1.2 = 18/30 = 60% → 10 (001:84)
    (12, 0, 30, -20),  # 14.4/30 = 48% < 50% → −20
    (13, 0, 26, 10),   # 15.6/26 = 60% → 10
    (10, 0, 24, 0),    # 12/24 = 50% → 0 (001:85)
])
def test_practical_exam_rate_formula(grade3, grade2, completers, points):
    exam = SimpleNamespace(completers=completers, unavoidable_non_examinees=0, old_system_examinees=0,
                           grade3_passers=grade3, grade2_passers=grade2)
    record = SimpleNamespace(results=SimpleNamespace(practical_exam=exam))
    assert score_item(_item(SUPERVISING_ORG, "②Ⅱ"), record).points == points


# 「10%未満又は1人以下」: either condition is enough (001:130-133).
@pytest.mark.parametrize("disappeared, interns, points", [
    (0, 10, 5), (1, 5, 0), (2, 30, 0), (2, 10, -5), (3, 100, 0), (2, 9, -5), (3, 20, -5), (3, 15, -10)])
def test_disappearance_bands(disappeared, interns, points):
    record = SimpleNamespace(violations=SimpleNamespace(disappeared=disappeared, interns=interns))
    assert score_item(_item(IMPLEMENTER, "④Ⅱ"), record).points == points


@pytest.mark.parametrize("wage, minimum, points", [(1150, 1000, 5), (1149, 1000, 3), (1050, 1000, 3), (1049, 1000, 0)])
def test_wage_ratio_boundaries_115_and_105_percent(wage, minimum, points):
    record = SimpleNamespace(treatment=SimpleNamespace(lowest_stage1_hourly_wage=wage, minimum_wage=minimum))
    assert score_item(_item(IMPLEMENTER, "③Ⅰ"), record).points == points


def test_every_table_sums_to_120_and_each_section_to_its_stated_maximum():
    for table in (SUPERVISING_ORG, IMPLEMENTER):
        assert sum(s.max_points for s in table) == 120
        for section in table:
            assert sum(i.max_points for i in section.items) == section.max_points, section.id
