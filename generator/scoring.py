"""優良要件 calculator (`formgen score FILE`): the points of a 監理団体 or 実習実施者 from its raw figures.

The scoring tables of seed 001_1fdeeed8bbae3b1d.txt:42-241 are data below: each item lists its bands
best first (label, points, test on the measured value) with its seed line. 120 points in all; 優良 at
72 or more (001:42). Two seed errors are corrected, each with a note:
- 監理団体 ②Ⅰ prints "80%以上95%未満: 50点" (001:72); the section's maximum is 40 and its top band 10,
  so the band is 5点 (as the 実習実施者's table has 10 of 20 for the same band, 001:177).
- 001:117-126 ("1.技能実習を行わせる体制 【最大40点】") inside the 監理団体 table is a copy of 実習実施者 ②
  (001:211-220); the 監理団体 has no such section (its sections are 50/40/5/15/10, 001:47-51).
Ⅱ-2 (001:91-106, 196-205) applied only until 2020-10-31 and is not offered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from generator.messages import Msg

SEED = "001_1fdeeed8bbae3b1d.txt"
FULL_MARKS = 120
PASS_MARK = 72  # 満点の6割以上 (001:42)


@dataclass(frozen=True)
class Measured:
    value: Any  # None: nothing to measure (no examinees…), scored by the item's last band
    shown: str


@dataclass(frozen=True)
class Band:
    label: str
    points: int
    applies: Callable[[Any], bool]


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    line: int
    measure: Callable[[Any], Measured]
    bands: tuple[Band, ...]  # best first; the last one applies to anything left
    note: str | None = None  # a correction of the seed

    @property
    def source(self) -> str:
        return f"{SEED}:{self.line}"

    @property
    def max_points(self) -> int:
        return self.bands[0].points


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    max_points: int
    line: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ScoredItem:
    item: Item
    measured: Measured
    band_index: int

    @property
    def band(self) -> Band:
        return self.item.bands[self.band_index]

    @property
    def points(self) -> int:
        return self.band.points

    @property
    def better_bands(self) -> tuple[Band, ...]:
        """The bands above the current one, nearest first."""
        return tuple(reversed(self.item.bands[:self.band_index]))


# --- measuring -------------------------------------------------------------------------------------

def _percent(value: Fraction | None) -> str:
    return "対象なし" if value is None else f"{float(value) * 100:.1f}%"


def _ratio(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def _yes_no(value: bool) -> Measured:
    return Measured(bool(value), "有" if value else "無")


def _count(value: int, unit: str = "") -> Measured:
    return Measured(value, f"{value}{unit}")


def basic_exam_rate(exam) -> Measured:
    rate = _ratio(exam.passers, exam.examinees)
    return Measured(rate, f"{_percent(rate)}（{exam.passers}/{exam.examinees}人）")


def practical_exam_rate(exam) -> Measured:
    """001:191-194: 分母 修了者数 − やむを得ない不受検者数 + 旧制度の受検者数; 分子 (3級 + 2級×1.5)×1.2."""
    denominator = exam.completers - exam.unavoidable_non_examinees + exam.old_system_examinees
    numerator = (exam.grade3_passers + Fraction(3, 2) * exam.grade2_passers) * Fraction(6, 5)
    rate = numerator / denominator if denominator else None
    return Measured(rate, f"{_percent(rate)}（({exam.grade3_passers}+{exam.grade2_passers}×1.5)×1.2/{denominator}）")


def staff_ratio(structure) -> Measured:
    """常勤の役職員1人あたりの実習実施者数 (1:N)."""
    if not structure.full_time_staff:
        return Measured(None, f"1:∞（役職員0人、実習実施者{structure.implementers}）")
    ratio = Fraction(structure.implementers, structure.full_time_staff)
    return Measured(ratio, f"1:{float(ratio):.2f}（{structure.full_time_staff}人:{structure.implementers}者）")


def trained_share(trained: int, staff: int) -> Measured:
    share = _ratio(trained, staff)
    return Measured(share, f"{_percent(share)}（{trained}/{staff}人）")


def all_trained(trained: int, staff: int) -> Measured:
    return Measured(bool(staff) and trained == staff, f"{trained}/{staff}人")


def disappearance(violations) -> Measured:
    rate = _ratio(violations.disappeared, violations.interns) or Fraction(0)
    return Measured((violations.disappeared, rate),
                    f"{violations.disappeared}人/{violations.interns}人（{_percent(rate)}）")


def implementer_share(count: int, implementers: int) -> Measured:
    share = _ratio(count, implementers) or Fraction(0)
    return Measured(share, f"{count}/{implementers}者（{_percent(share)}）")


def wage_ratio(treatment) -> Measured:
    ratio = _ratio(treatment.lowest_stage1_hourly_wage, treatment.minimum_wage)
    return Measured(ratio, f"{_percent(ratio)}（{treatment.lowest_stage1_hourly_wage}円/{treatment.minimum_wage}円）")


# --- band builders ---------------------------------------------------------------------------------

def _always(_value: Any) -> bool:
    return True


def at_least(threshold: Fraction) -> Callable[[Any], bool]:
    return lambda value: value is not None and value >= threshold


def below(threshold: Fraction) -> Callable[[Any], bool]:
    return lambda value: value is not None and value < threshold


def pct(number: int) -> Fraction:
    return Fraction(number, 100)


def yes_no_bands(points: int) -> tuple[Band, ...]:
    return (Band("有", points, bool), Band("無", 0, _always))


def rate_bands(*steps: tuple[str, int, int | None]) -> tuple[Band, ...]:
    """(label, points, lower bound in %) best first; None as the bound: everything left."""
    return tuple(Band(label, points, _always if bound is None else at_least(pct(bound)))
                 for label, points, bound in steps)


def _at_least_count(bound: int) -> Callable[[Any], bool]:
    return lambda value: value >= bound


def count_bands(*steps: tuple[str, int, int | None]) -> tuple[Band, ...]:
    return tuple(Band(label, points, _always if bound is None else _at_least_count(bound))
                 for label, points, bound in steps)


IMPROVEMENT_ORDER_BANDS = (
    Band("なし", 0, lambda v: v == "なし"),
    Band("改善実施", -30, lambda v: v == "改善実施"),
    Band("改善未実施", -50, _always),
)
DISAPPEARANCE_BANDS = (
    Band("ゼロ(0人)", 5, lambda v: v[0] == 0),
    Band("10%未満又は1人以下", 0, lambda v: v[1] < pct(10) or v[0] <= 1),
    Band("20%未満又は2人以下", -5, lambda v: v[1] < pct(20) or v[0] <= 2),
    Band("20%以上又は3人以上", -10, _always),
)
CULPABLE_BANDS = (Band("非該当", 0, lambda v: not v), Band("該当", -50, _always))
ALL_TRAINED_BANDS = (Band("全員有", 5, bool), Band("全員ではない", 0, _always))  # 001:214, 218


def share_penalty_bands(*points: int) -> tuple[Band, ...]:
    """0% / 0%を超え5%未満 / 5%以上10%未満 / 10%以上15%未満 / 15%以上 (001:136-145)."""
    return (
        Band("0%", 0, lambda v: v == 0),
        Band("0%を超え5%未満", points[0], below(pct(5))),
        Band("5%以上10%未満", points[1], below(pct(10))),
        Band("10%以上15%未満", points[2], below(pct(15))),
        Band("15%以上", points[3], _always),
    )


# --- the tables ------------------------------------------------------------------------------------

SUPERVISING_ORG = (
    Section("①", "監査その他の業務を行う体制", 50, 56, (
        Item("①Ⅰ", "監査の実施方法・手順を定めたマニュアル等の策定・周知", 57,
             lambda r: _yes_no(r.structure.audit_manual), yes_no_bands(5)),
        Item("①Ⅱ", "監理事業に関与する常勤の役職員と実習監理を行う実習実施者の比率", 58,
             lambda r: staff_ratio(r.structure),
             (Band("1:5未満", 15, below(Fraction(5))), Band("1:10未満", 7, below(Fraction(10))),
              Band("1:10以上", 0, _always))),
        Item("①Ⅲ", "監査担当職員（監理責任者以外）の直近過去3年以内の講習受講歴", 60,
             lambda r: trained_share(r.structure.audit_staff_trained, r.structure.audit_staff),
             rate_bands(("60%以上", 10, 60), ("50%以上60%未満", 5, 50), ("50%未満", 0, None))),
        Item("①Ⅳ", "実習実施者の責任者・指導員・生活指導員等への毎年の研修・マニュアル配布等の支援", 62,
             lambda r: _yes_no(r.structure.implementer_support), yes_no_bands(5)),
        Item("①Ⅴ", "帰国後の技能実習生のフォローアップ調査への協力", 63,
             lambda r: _yes_no(r.structure.followup_cooperation), yes_no_bands(5)),
        Item("①Ⅵ", "送出国での事前面接", 64, lambda r: _yes_no(r.structure.pre_interview), yes_no_bands(5)),
        Item("①Ⅶ", "送出機関と連携した帰国後の就職先の把握", 65,
             lambda r: _yes_no(r.structure.employment_tracking), yes_no_bands(5)),
    )),
    Section("②", "技能等の修得等に係る実績", 40, 66, (
        Item("②Ⅰ", "過去3年間の基礎級程度の学科試験及び実技試験の合格率", 71,
             lambda r: basic_exam_rate(r.results.basic_exam),
             rate_bands(("95%以上", 10, 95), ("80%以上95%未満", 5, 80), ("75%以上80%未満", 0, 75),
                        ("75%未満", -10, None)),
             note="手引き72行は「80%以上95%未満: 50点」と誤記。区分の上限10点・区分合計40点から5点に訂正"),
        Item("②Ⅱ", "過去3年間の2・3級程度の実技試験の合格率（計算方法は実習実施者①Ⅱと同じ）", 82,
             lambda r: practical_exam_rate(r.results.practical_exam),
             rate_bands(("80%以上", 20, 80), ("70%以上80%未満", 15, 70), ("60%以上70%未満", 10, 60),
                        ("50%以上60%未満", 0, 50), ("50%未満", -20, None))),
        Item("②Ⅲ", "直近過去3年間の2・3級程度の学科試験の合格実績（合格者を輩出した実習実施者数）", 107,
             lambda r: _count(r.results.written_exam_implementers, "者"),
             count_bands(("2以上の実習実施者から合格者を輩出", 5, 2), ("1の実習実施者から合格者を輩出", 3, 1),
                         ("なし", 0, None))),
        Item("②Ⅳ", "技能検定等の実施への協力（協力した実習実施者数）", 113,
             lambda r: _count(r.results.exam_cooperation_implementers, "者"),
             count_bands(("1以上の実習実施者から協力有", 5, 1), ("なし", 0, None))),
    )),
    Section("③", "法令違反・問題の発生状況", 5, 127, (
        Item("③Ⅰ", "直近過去3年以内の改善命令", 128,
             lambda r: Measured(r.violations.improvement_order, r.violations.improvement_order),
             IMPROVEMENT_ORDER_BANDS),
        Item("③Ⅱ", "直近過去3年以内の失踪", 130, lambda r: disappearance(r.violations), DISAPPEARANCE_BANDS),
        Item("③Ⅲ", "直近過去3年以内の責めによるべき失踪", 134,
             lambda r: _yes_no(r.violations.culpable_disappearance), CULPABLE_BANDS),
        Item("③Ⅳ-1", "傘下の実習実施者の計画認定取消し（実習実施者数に対する割合）", 135,
             lambda r: implementer_share(r.violations.implementers_revoked, r.structure.implementers),
             share_penalty_bands(-3, -5, -7, -10)),
        Item("③Ⅳ-2", "傘下の実習実施者の改善命令（実習実施者数に対する割合）", 141,
             lambda r: implementer_share(r.violations.implementers_improvement_ordered, r.structure.implementers),
             share_penalty_bands(-2, -3, -4, -5)),
    )),
    Section("④", "相談・支援体制", 15, 147, (
        Item("④Ⅰ", "母国語相談・支援の方法・手順を定めたマニュアル等の策定・周知", 148,
             lambda r: _yes_no(r.consultation.mother_tongue_manual), yes_no_bands(5)),
        Item("④Ⅱ", "実習継続が困難となった技能実習生の受入れ協力の機構への登録", 149,
             lambda r: _yes_no(r.consultation.transfer_registration), yes_no_bands(5)),
        Item("④Ⅲ", "直近過去3年以内の実習継続困難者の受入れ", 150,
             lambda r: _yes_no(r.consultation.transfer_accepted), yes_no_bands(5)),
    )),
    Section("⑤", "地域社会との共生", 10, 151, (
        Item("⑤Ⅰ", "日本語学習の支援を行う実習実施者への支援", 152,
             lambda r: _yes_no(r.community.japanese_support), yes_no_bands(4)),
        Item("⑤Ⅱ", "地域社会との交流の機会をアレンジする実習実施者への支援", 153,
             lambda r: _yes_no(r.community.exchange_support), yes_no_bands(3)),
        Item("⑤Ⅲ", "日本の文化を学ぶ機会をアレンジする実習実施者への支援", 154,
             lambda r: _yes_no(r.community.culture_support), yes_no_bands(3)),
    )),
)

IMPLEMENTER = (
    Section("①", "技能等の修得等に係る実績", 70, 171, (
        Item("①Ⅰ", "過去3年間の基礎級程度の学科試験及び実技試験の合格率", 176,
             lambda r: basic_exam_rate(r.results.basic_exam),
             rate_bands(("95%以上", 20, 95), ("80%以上95%未満", 10, 80), ("75%以上80%未満", 0, 75),
                        ("75%未満", -20, None))),
        Item("①Ⅱ", "過去3年間の2・3級程度の実技試験の合格率", 185,
             lambda r: practical_exam_rate(r.results.practical_exam),
             rate_bands(("80%以上", 40, 80), ("70%以上80%未満", 30, 70), ("60%以上70%未満", 20, 60),
                        ("50%以上60%未満", 0, 50), ("50%未満", -40, None))),
        Item("①Ⅲ", "直近過去3年間の2・3級程度の学科試験の合格実績（合格者数）", 206,
             lambda r: _count(r.results.written_exam_passers, "人"),
             count_bands(("合格者2人以上", 5, 2), ("合格者1人", 3, 1), ("なし", 0, None))),
        Item("①Ⅳ", "技能検定等の実施への協力", 208,
             lambda r: _yes_no(r.results.exam_cooperation), yes_no_bands(5)),
    )),
    Section("②", "技能実習を行わせる体制", 10, 211, (
        Item("②Ⅰ", "過去3年以内の技能実習指導員の講習受講歴", 214,
             lambda r: all_trained(r.structure.instructors_trained, r.structure.instructors),
             ALL_TRAINED_BANDS),
        Item("②Ⅱ", "直近過去3年以内の生活指導員の講習受講歴", 218,
             lambda r: all_trained(r.structure.life_instructors_trained, r.structure.life_instructors),
             ALL_TRAINED_BANDS),
    )),
    Section("③", "技能実習生の待遇", 10, 221, (
        Item("③Ⅰ", "第1号技能実習生の賃金（基本給）のうち最低のものと最低賃金の比較", 222,
             lambda r: wage_ratio(r.treatment),
             rate_bands(("115%以上", 5, 115), ("105%以上115%未満", 3, 105), ("105%未満", 0, None))),
        Item("③Ⅱ", "技能実習の各段階ごとの昇給率", 224,
             lambda r: Measured(Fraction(str(r.treatment.raise_rate_percent)) / 100,
                                f"{r.treatment.raise_rate_percent}%"),
             rate_bands(("5%以上", 5, 5), ("3%以上5%未満", 3, 3), ("3%未満", 0, None))),
    )),
    Section("④", "法令違反・問題の発生状況", 5, 226, (
        Item("④Ⅰ", "直近過去3年以内の改善命令", 227,
             lambda r: Measured(r.violations.improvement_order, r.violations.improvement_order),
             IMPROVEMENT_ORDER_BANDS),
        Item("④Ⅱ", "直近過去3年以内の失踪", 229, lambda r: disappearance(r.violations), DISAPPEARANCE_BANDS),
        Item("④Ⅲ", "直近過去3年以内の責めによるべき失踪", 233,
             lambda r: _yes_no(r.violations.culpable_disappearance), CULPABLE_BANDS),
    )),
    Section("⑤", "相談・支援体制", 15, 234, (
        Item("⑤Ⅰ", "母国語相談・支援の実施方法・手順を定めたマニュアル等の策定・周知", 235,
             lambda r: _yes_no(r.consultation.mother_tongue_manual), yes_no_bands(5)),
        Item("⑤Ⅱ", "全ての母国語で相談できる相談員の確保", 236,
             lambda r: _yes_no(r.consultation.mother_tongue_counsellors), yes_no_bands(5)),
        Item("⑤Ⅲ", "直近過去3年以内の実習継続困難者の受入れ", 237,
             lambda r: _yes_no(r.consultation.transfer_accepted), yes_no_bands(5)),
    )),
    Section("⑥", "地域社会との共生", 10, 238, (
        Item("⑥Ⅰ", "日本語の学習の支援", 239, lambda r: _yes_no(r.community.japanese_support), yes_no_bands(4)),
        Item("⑥Ⅱ", "地域社会との交流を行う機会のアレンジ", 240,
             lambda r: _yes_no(r.community.exchange_support), yes_no_bands(3)),
        Item("⑥Ⅲ", "日本の文化を学ぶ機会のアレンジ", 241,
             lambda r: _yes_no(r.community.culture_support), yes_no_bands(3)),
    )),
)

TABLES = {
    "score_supervising_org": ("優良な監理団体の要件", SUPERVISING_ORG),
    "score_implementer": ("優良な実習実施者の要件", IMPLEMENTER),
}
PRINTED_NOTES = {
    "score_supervising_org": (
        "②Ⅰ: 出典の表は「80%以上95%未満: 50点」と印刷していますが、区分の最高点（10点）と区分の合計（40点）から"
        "5点の誤りとして計算しています。",
        "出典の監理団体の表の中にある「1.技能実習を行わせる体制【最大40点】」は実習実施者の表②の重複掲載のため、"
        "監理団体の区分としては扱っていません（監理団体の区分は50・40・5・15・10点の計120点）。",
    ),
    "score_implementer": (),
}
"""The corrections of the source table as the printed score sheet states them (without file names)."""
COMMON_PRINTED_NOTES = (
    "2・3級程度の実技試験の合格率は、分母＝2号・3号修了者数－やむを得ない不受検者数＋旧制度の受検者数、"
    "分子＝(3級合格者数＋2級合格者数×1.5)×1.2 で計算しています。",
    "Ⅱ-2（2020年10月31日までの経過措置）は計算に含めていません。",
)
TABLE_NOTES = (
    f"{SEED}:72 の誤記（50点）は5点に訂正して計算しています。",
    f"{SEED}:117-126 は実習実施者②の重複掲載のため、監理団体の区分としては扱いません。",
    f"Ⅱ-2（{SEED}:91, 196）は2020年10月31日までの経過措置のため計算に含めません。",
)


# --- scoring ---------------------------------------------------------------------------------------

def score_item(item: Item, record) -> ScoredItem:
    measured = item.measure(record)
    for index, band in enumerate(item.bands):
        if band.applies(measured.value):
            return ScoredItem(item, measured, index)
    raise AssertionError(f"{item.id}: no band applies")  # the last band applies to anything


@dataclass(frozen=True)
class ScoredSection:
    section: Section
    items: tuple[ScoredItem, ...]

    @property
    def points(self) -> int:
        return sum(i.points for i in self.items)


@dataclass(frozen=True)
class Score:
    title: str
    organisation: str
    sections: tuple[ScoredSection, ...]

    @property
    def total(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def excellent(self) -> bool:
        return self.total >= PASS_MARK

    def improvements(self) -> list[tuple[ScoredItem, Band]]:
        """(item, next better band) for every item below its best band, the largest gain first."""
        found = [(scored, scored.better_bands[0]) for s in self.sections for scored in s.items if scored.better_bands]
        return sorted(found, key=lambda pair: pair[1].points - pair[0].points, reverse=True)


def score_record(record) -> Score:
    title, table = TABLES[record.kind]
    sections = tuple(ScoredSection(s, tuple(score_item(i, record) for i in s.items)) for s in table)
    assert sum(s.max_points for s in table) == FULL_MARKS
    return Score(title, record.organisation, sections)


# --- output ----------------------------------------------------------------------------------------

def score_lines(score: Score, lang: str | None = None) -> list[str]:
    def say(ja: str, en: str) -> str:
        return Msg(ja, en).render(lang)

    lines = [f"{score.title}: {score.organisation}"]
    for section in score.sections:
        s = section.section
        lines.append(f"{s.id} {s.title}  {section.points}/{s.max_points}{say('点', ' points')}  "
                     f"［{SEED}:{s.line}］")
        for scored in section.items:
            band = "" if scored.band.label == scored.measured.shown else f" → {scored.band.label}"
            lines.append(f"  {scored.item.id} {scored.item.text}: {scored.measured.shown}{band} "
                         f"{scored.points:+d}{say('点', '')} ［{scored.item.source}］")
            if scored.item.note:
                lines.append(f"      {say('訂正', 'correction')}: {scored.item.note}")
    verdict = (say("72点以上: 優良要件に適合", "72 or more: meets the 優良 standard") if score.excellent
               else say(f"72点未満: 優良要件に適合しません（あと{PASS_MARK - score.total}点）",
                        f"below 72: does not meet the 優良 standard ({PASS_MARK - score.total} short)"))
    lines.append(f"{say('合計', 'total')} {score.total}/{FULL_MARKS}{say('点', '')} — {verdict} ［{SEED}:42］")
    improvements = score.improvements()
    if improvements:
        lines.append(say("点数を上げられる項目:", "items that would raise the score:"))
        for scored, better in improvements:
            best = scored.item.bands[0]
            line = (f"  {scored.item.id} {scored.item.text}: {scored.band.label} → {better.label} で "
                    f"+{better.points - scored.points}{say('点', '')}")
            if best is not better:
                line += f"（{best.label} で +{best.points - scored.points}{say('点', '')}）"
            lines.append(line)
    lines.extend(f"{say('注', 'note')}: {note}" for note in TABLE_NOTES)
    return lines


def score_as_dict(score: Score) -> dict:
    return {
        "title": score.title,
        "organisation": score.organisation,
        "total": score.total,
        "full_marks": FULL_MARKS,
        "pass_mark": PASS_MARK,
        "excellent": score.excellent,
        "sections": [
            {"id": s.section.id, "title": s.section.title, "points": s.points, "max": s.section.max_points,
             "items": [{"id": i.item.id, "text": i.item.text, "value": i.measured.shown, "band": i.band.label,
                        "points": i.points, "max": i.item.max_points, "source": i.item.source,
                        "note": i.item.note} for i in s.items]}
            for s in score.sections
        ],
        "improvements": [{"id": i.item.id, "from": i.band.label, "to": b.label, "gain": b.points - i.points}
                         for i, b in score.improvements()],
        "notes": list(TABLE_NOTES),
    }


def _points(value: int) -> str:
    return f"{value:+d}" if value < 0 else str(value)


def score_sheet(record) -> dict:
    """What the score sheet form (forms/otit-score) prints: every item with its measured value, band and
    points, each section's subtotal, the total out of 120 and the verdict, and the corrections made."""
    score = score_record(record)
    return {
        "title": score.title,
        "sections": [
            {"id": s.section.id, "title": s.section.title, "points": _points(s.points), "max": s.section.max_points,
             "rows": [{"id": i.item.id, "text": i.item.text, "value": i.measured.shown, "band": i.band.label,
                        "points": _points(i.points), "max": i.item.max_points,
                        "corrected": i.item.note is not None} for i in s.items]}
            for s in score.sections],
        "total": _points(score.total),
        "full_marks": FULL_MARKS,
        "pass_mark": PASS_MARK,
        "excellent": score.excellent,
        "verdict": (f"{PASS_MARK}点以上のため、優良要件に適合します。" if score.excellent else
                    f"{PASS_MARK}点に{PASS_MARK - score.total}点足りないため、優良要件に適合しません。"),
        "notes": [*PRINTED_NOTES[record.kind], *COMMON_PRINTED_NOTES],
    }
