"""EPA job offer: an institution registers its facilities for EPA caregiver candidates →
求人登録申請書 (JICWELS 様式1-1), 求人票 (様式2-2) and one 受入れ施設説明書 (様式3-2) per facility.

Seed 002_e5f9a0dfd8ef1d48.txt: 2481-2511 (様式1-1 and its fee table, cf. 2174, 2185-2197),
2512-2545 (様式2-2), 2546-2945 (様式3-2), 2946-2985 (how to compute 年間賃金見込み額).
Requirement rules (定員, 4割, 2-5 persons, trial period…) live in generator/requirements/, not here:
this module only makes a case consistent enough to print.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, Field, computed_field, model_validator

from schemas.base import CaseModel, errors_at, field_error, not_printed
from schemas.case import CaseFile
from schemas.countries import COUNTRIES, joined, language_qualification_name
from schemas.epa_training_plan import LANGUAGE_TEST, FacilityTraining, LanguageQualification
from schemas.parties import Country, Facility, Organisation
from schemas.types import Count, Date, LongText, Text, Yen

SEED = "002_e5f9a0dfd8ef1d48.txt"


def _time(value: object) -> object:
    """HH:MM on a 24-hour clock (YAML may read 9:00 as a number of minutes: refuse that, ask for quotes)."""
    text = str(value).strip() if isinstance(value, str) else value
    if isinstance(text, str):
        match = re.fullmatch(r"(\d{1,2})[:：](\d{2})", text)
        if match and int(match[1]) <= 24 and int(match[2]) < 60 and not (int(match[1]) == 24 and int(match[2])):
            return f"{int(match[1]):02d}:{match[2]}"
    raise field_error(
        f"時刻「{value}」を読み取れません。", f"cannot read the time '{value}'.",
        "24時間制の HH:MM を引用符で囲んで書いてください（例: \"08:30\"）。",
        "write HH:MM on a 24-hour clock, in quotes (e.g. \"08:30\").",
    )


Time = Annotated[str, BeforeValidator(_time)]
"""A time of day, "08:30"."""

TypeCode = Annotated[str, BeforeValidator(lambda v: _type_code(v))]


def _type_code(value: object) -> str:
    text = str(value).strip() if isinstance(value, (str, int, float)) else ""
    if not re.fullmatch(r"\d{1,2}-\d{1,2}", text):
        raise field_error(
            f"種別コード「{value}」の形式が違います。", f"type code '{value}' has the wrong format.",
            "JICWELS の受入れ施設種別コードを「数字-数字」で、引用符で囲んで書いてください（例: \"1-1\"、\"10-1\"）。",
            "write the JICWELS facility type code as number-number, in quotes (e.g. \"1-1\", \"10-1\").",
        )
    return text


# --- 【就業規則/給与規程/その他( ) 第( )条】 (002:2627 and each section after it) ---------------------

class RuleRef(CaseModel):
    """Where a working condition is written: 就業規則 第12条, or その他(雇用契約書) 第3条."""

    book: Literal["就業規則", "給与規程", "退職金規程", "その他"] = Field(
        "就業規則", title="規程", description="就業規則/給与規程/退職金規程/その他")
    other_name: Text | None = Field(None, title="その他の規程名", description="規程が「その他」のときの名称")
    article: Text | None = Field(None, title="条", description="第( )条 の番号（例: 12、12の2）")

    @model_validator(mode="after")
    def _other_has_a_name(self) -> RuleRef:
        if self.book == "その他" and not self.other_name:
            raise field_error("規程が「その他」のときは、その名称（other_name）を書いてください。",
                              "when book is その他, write its name (other_name).")
        if self.book != "その他" and self.other_name:
            raise field_error(f"other_name は規程が「その他」のときだけ書きます（今は「{self.book}」）。",
                              f"other_name is only for book その他 (now {self.book}).",
                              "book: その他 にするか、other_name を消してください。",
                              "set book: その他, or remove other_name.")
        return self


# --- the facility: 様式3-2 head, 施設の概要 (002:2548-2614) ----------------------------------------------

class NearbyFacility(CaseModel):
    """同一敷地内で一体的に運営されている施設 / 1名受入れの条件を満たす施設 (002:2582-2592, 2610-2614)."""

    name: Text = Field(title="施設の名称")
    type_code: TypeCode = Field(title="種別コード")
    capacity: Count | None = Field(None, title="入所定員数")
    distance: Text | None = Field(None, title="距離", description="例: 同一建物内、約200m")
    minutes: Count | None = Field(None, title="所要時間", description="分")


class MainFacility(CaseModel):
    """本体施設 (002:2594-2600): for サテライト型 facilities."""

    name: Text = Field(title="施設の名称")
    type_code: TypeCode = Field(title="種別コード")
    capacity: Count = Field(title="入所定員数")


# --- working hours (002:2625-2649) ---------------------------------------------------------------------

class Shift(CaseModel):
    start: Time = Field(title="始業時刻")
    end: Time = Field(title="終業時刻")
    applies_to: Text | None = Field(None, title="適用日", description="例: 早番、日勤、夜勤（2日にわたる）")
    break_time: Text | None = Field(None, title="休憩時間", description="例: 60分")

    @model_validator(mode="after")
    def _not_zero_length(self) -> Shift:
        if self.start == self.end:
            raise field_error(f"始業時刻と終業時刻が同じ（{self.start}）です。",
                              f"the shift starts and ends at the same time ({self.start}).")
        return self


class WorkingHours(CaseModel):
    rule: RuleRef = Field(title="始業・終業の時刻の規程")
    start: Time = Field(title="始業時刻", description="通常の勤務の始業時刻（例: \"08:30\"）")
    end: Time = Field(title="終業時刻", description="通常の勤務の終業時刻（例: \"17:30\"）")
    variable_unit: Text | None = Field(None, title="単位", description="変形労働時間制などの単位の期間（例: 1箇月）")
    variable_system: Text | None = Field(None, title="勤務時間の制度", description="例: 変形労働時間制")
    shift_notice_days: Count | None = Field(None, title="勤務シフトの通知", description="実際の作業の何日前に通知するか")
    shifts: list[Shift] = Field(default_factory=list, title="勤務時間の組み合わせ", max_length=5)
    remarks: LongText | None = Field(None, title="備考")
    monthly_hours: float = Field(title="1箇月平均所定労働時間", gt=0, le=200, description="時間（約）")
    monthly_hours_rule: RuleRef = Field(title="1箇月平均所定労働時間の規程")
    monthly_hours_remarks: LongText | None = Field(None, title="1箇月平均所定労働時間の備考")

    @model_validator(mode="after")
    def _shift_system_is_complete(self) -> WorkingHours:
        if self.start == self.end:
            raise field_error(f"始業時刻と終業時刻が同じ（{self.start}）です。",
                              f"start and end are the same time ({self.start}).")
        if (self.variable_unit or self.variable_system or self.shift_notice_days is not None) and not self.shifts:
            raise field_error(
                "変形労働時間制・シフト制の欄を書いたときは、勤務時間の組み合わせ（shifts）も書いてください。",
                "when you describe a shift system, list its shifts (shifts).",
                "始業・終業時刻と適用日・休憩時間を最大5行まで書けます（002:2636-2641）。",
                "up to 5 rows of start, end, applies_to and break_time (002:2636-2641).")
        return self


# --- holidays and leave (002:2651-2701) ------------------------------------------------------------------

Weekday = Literal["月", "火", "水", "木", "金", "土", "日", "国民の祝日も該当"]
WEEKDAYS: tuple[str, ...] = ("月", "火", "水", "木", "金", "土", "日", "国民の祝日も該当")


class Holidays(CaseModel):
    rule: RuleRef = Field(title="休日の規程")
    fixed_days: list[Weekday] = Field(default_factory=list, title="定例日")
    fixed_other: Text | None = Field(None, title="定例日のその他", description="例: 年末年始（12月30日～1月3日）")
    period: Text | None = Field(None, title="非定例日の単位", description="「( )当たり( )日」の期間（例: 1箇月、週）")
    days_per_period: float | None = Field(None, title="非定例日の日数", gt=0, le=31)
    nonfixed_other: Text | None = Field(None, title="非定例日のその他")
    remarks: LongText | None = Field(None, title="備考", description="例: 年間休日 110日")

    @model_validator(mode="after")
    def _some_holiday_is_stated(self) -> Holidays:
        if len(set(self.fixed_days)) != len(self.fixed_days):
            raise field_error("定例日に同じ曜日が2回書かれています。", "a weekday appears twice in fixed_days.")
        if (self.period is None) != (self.days_per_period is None):
            raise field_error("非定例日は「単位（period）」と「日数（days_per_period）」を両方書いてください。",
                              "for non-fixed holidays write both period and days_per_period.",
                              "例: period: 1箇月 / days_per_period: 9", "e.g. period: 1箇月 / days_per_period: 9")
        if not (self.fixed_days or self.fixed_other or self.period or self.nonfixed_other):
            raise field_error("休日が書かれていません（定例日か非定例日のどちらかを書いてください）。",
                              "no holidays are given (write fixed days or non-fixed days).")
        return self


class LeaveGrant(CaseModel):
    months: float = Field(title="継続勤務月数", ge=0, le=120)
    days: float = Field(title="付与日数", gt=0, le=40)


class Leave(CaseModel):
    annual_rule: RuleRef = Field(title="年次有給休暇の規程")
    annual_grants: list[LeaveGrant] = Field(
        default_factory=list, title="付与日数（施設の定め）", max_length=7,
        description="法定（6ヶ月10日…）と違う付与をする場合の付与表。継続勤務月数の順に")
    annual_remarks: LongText | None = Field(None, title="年次有給休暇の備考")
    hourly_rule: RuleRef | None = Field(None, title="時間単位休暇の規程", description="制度がなければ省略")
    substitute_rule: RuleRef | None = Field(None, title="代替休暇の規程", description="制度がなければ省略")
    other_paid: Text | None = Field(None, title="その他の休暇（有給）", description="例: 慶弔休暇、夏季休暇")
    other_paid_rule: RuleRef | None = Field(None, title="その他の休暇（有給）の規程")
    other_unpaid: Text | None = Field(None, title="その他の休暇（無給）", description="例: 育児休業、介護休業")
    other_unpaid_rule: RuleRef | None = Field(None, title="その他の休暇（無給）の規程")

    @model_validator(mode="after")
    def _grants_in_order(self) -> Leave:
        months = [g.months for g in self.annual_grants]
        if months != sorted(months) or len(set(months)) != len(months):
            raise field_error("付与日数の表は継続勤務月数の小さい順に、重複なく書いてください。",
                              "list annual_grants by months of service, ascending, without repeats.")
        return self


# --- wages (002:2703-2797) and 年間賃金見込み額 (2799-2827, rules 2946-2985) -------------------------------

PayForm = Literal["月給", "日給", "時間給", "日給月給"]
PAY_FORMS: tuple[str, ...] = ("月給", "日給", "時間給", "日給月給")

# 002:2966-2984: what may be added to 年間賃金見込み額 and what may not, with the seed's reason.
ADDABLE_CATEGORIES = {
    "一律支給手当": "雇用される労働者に一律に支給される手当（地域手当、調整手当、賞与見合手当、被服手当、食事手当等）",
    "業務手当等": "看護・介護の業務に従事した場合に通常支給される手当（業務手当、職務手当、職能手当、奨励手当等）",
}
WORK_DEPENDENT = "勤務実態によって支給額が変動しうる手当"
LIFE_DEPENDENT = "候補者の生活実態に応じて支給額が変動しうる手当"
REFUSED_CATEGORIES = {  # category → (the seed's reason, seed line)
    "精皆勤手当": (WORK_DEPENDENT, 2980),
    "時間外手当": (WORK_DEPENDENT, 2980),
    "宿日直手当": (WORK_DEPENDENT, 2980),
    "休日手当": (WORK_DEPENDENT, 2980),
    "その他の勤務実態による手当": (WORK_DEPENDENT, 2978),
    "通勤手当": (LIFE_DEPENDENT, 2984),
    "住宅手当": (LIFE_DEPENDENT, 2984),
    "扶養手当": (LIFE_DEPENDENT, 2984),
    "その他の生活実態による手当": (LIFE_DEPENDENT, 2982),
}
AllowanceCategory = Literal[
    "一律支給手当", "業務手当等",
    "精皆勤手当", "時間外手当", "宿日直手当", "休日手当", "その他の勤務実態による手当",
    "通勤手当", "住宅手当", "扶養手当", "その他の生活実態による手当",
]


class FixedAllowance(CaseModel):
    """A. 毎月固定的に支払われる手当 (002:2719-2728); 対象 ones are ② of 年間賃金見込み額 (2810-2816)."""

    name: Text = Field(title="手当", description="手当の名称（例: 処遇改善手当）")
    amount: Yen = Field(title="金額", description="月額（円）")
    method: Text | None = Field(None, title="計算方法及び備考")
    category: AllowanceCategory = Field(
        title="手当の区分", description="年間賃金見込み額に加算できるかを決める区分（002:2966-2984）",
        json_schema_extra=not_printed("decides 対象 (counted), which the form prints; the category itself is not a column"))
    counted: bool = Field(True, title="対象(※)", description="年間賃金見込み額に含める手当なら true")

    @model_validator(mode="after")
    def _only_addable_allowances_are_counted(self) -> FixedAllowance:
        if self.counted and self.category in REFUSED_CATEGORIES:
            reason, line = REFUSED_CATEGORIES[self.category]
            kind = "" if self.name == self.category else f"（{self.category}）"
            raise field_error(
                f"「{self.name}」{kind}は年間賃金見込み額に加算できません: 「{reason}」"
                f"（{SEED}:{line}）。",
                f"'{self.name}' ({self.category}) may not be added to 年間賃金見込み額: {reason} "
                f"(an allowance whose amount varies; {SEED}:{line}).",
                "年間賃金見込み額に含めないなら counted: false と書いてください（手当の表には残ります）。"
                "月ごとに額が変わるなら variable_allowances（B. 毎月支払額が変動する手当）に移してください。",
                "write counted: false to keep it in the allowance table without adding it, or move it to "
                "variable_allowances (B.) if its amount varies month to month.",
            )
        return self

    @computed_field(title="年額")
    @property
    def annual(self) -> int:
        return self.amount * 12


class VariableAllowance(CaseModel):
    """B. 毎月支払額が変動する手当 (002:2730-2737)."""

    name: Text = Field(title="手当")
    description: Text = Field(title="金額、計算方法及び備考", description="例: 1回 5,000円（夜勤1回につき）")


class OvertimeRate(CaseModel):
    period: Text = Field(title="期間", description="「( )の労働時間に対する割増賃金率」の期間（例: 1箇月）")
    from_hours: float = Field(title="時間超", ge=0)
    to_hours: float | None = Field(None, title="～時間", description="上限がなければ省略")
    percent: float = Field(title="割増賃金率（%）", gt=0, le=200)

    @model_validator(mode="after")
    def _range(self) -> OvertimeRate:
        if self.to_hours is not None and self.to_hours <= self.from_hours:
            raise field_error(f"割増賃金率の時間の範囲が逆です（{self.from_hours}時間超～{self.to_hours}時間）。",
                              f"the hour range is reversed ({self.from_hours} to {self.to_hours}).")
        return self


class Overtime(CaseModel):
    """3. 所定時間外労働に対して支払われる割増賃金 (002:2739-2758)."""

    rule: RuleRef = Field(title="規程")
    exists: bool = Field(title="所定時間外労働の有無")
    over_60_hours: bool = Field(title="月60時間を超える「法定時間外労働」の有無")
    rates: list[OvertimeRate] = Field(default_factory=list, title="割増賃金率", max_length=4)
    other: Text | None = Field(None, title="その他", description="表によらない割増賃金率の定め")
    remarks: LongText | None = Field(None, title="備考")

    @model_validator(mode="after")
    def _rates_given(self) -> Overtime:
        if self.rates and self.other:
            raise field_error("割増賃金率は「下記に該当する割増賃金率」（rates）か「その他」（other）のどちらか一方です。",
                              "give either rates or other, not both.")
        if self.exists and not (self.rates or self.other):
            raise field_error("所定時間外労働「有」のときは割増賃金率（rates か other）を書いてください。",
                              "when there is overtime, give its premium (rates or other).")
        return self


class HolidayWork(CaseModel):
    """4. 休日労働に対して支払われる割増賃金 (002:2760-2769)."""

    rule: RuleRef = Field(title="規程")
    exists: bool = Field(title="休日労働の有無")
    statutory_percent: float | None = Field(None, title="(1) 法定休日", gt=0, le=200)
    non_statutory_percent: float | None = Field(None, title="(2) 法定外休日", gt=0, le=200)
    remarks: LongText | None = Field(None, title="備考")

    @model_validator(mode="after")
    def _rates_given(self) -> HolidayWork:
        if self.exists and (self.statutory_percent is None or self.non_statutory_percent is None):
            raise field_error("休日労働「有」のときは法定休日・法定外休日の割増賃金率を両方書いてください。",
                              "when there is holiday work, give both premium rates.")
        return self


class NightWork(CaseModel):
    """5. 深夜労働に対して支払われる割増賃金 (002:2771-2797)."""

    rule: RuleRef = Field(title="規程")
    exists: bool = Field(title="深夜労働の有無")
    percent: float | None = Field(None, title="割増賃金率", gt=0, le=200)
    definition_other: Text | None = Field(None, title="深夜労働とは（その他）",
                                          description="午後10時から午前5時でない場合だけ")
    overtime_overlap_other: Text | None = Field(None, title="時間外と深夜の重複（その他）",
                                                description="割増率を合算しない場合だけ")
    holiday_overlap_other: Text | None = Field(None, title="休日と深夜の重複（その他）",
                                               description="割増率を合算しない場合だけ")
    included_in_night_allowance: bool = Field(False, title="深夜労働に対する割増賃金は夜勤手当に含まれる")
    remarks: LongText | None = Field(None, title="備考")

    @model_validator(mode="after")
    def _rate_given(self) -> NightWork:
        if self.exists and self.percent is None:
            raise field_error("深夜労働「有」のときは割増賃金率（percent）を書いてください。",
                              "when there is night work, give its premium rate (percent).")
        return self


class LumpSum(CaseModel):
    """③ 一時金 (賞与など) / ④ その他: an annual amount (002:2817-2822, 2962-2964)."""

    name: Text = Field(title="手当名", description="例: 賞与（年2回）")
    amount: Yen = Field(title="金額", description="年額（円）。賞与は継続勤務者に通常1年間で支給される見込み額（002:2964）")


class Wages(CaseModel):
    """◆賃金 (002:2703-2797) and 6. 年間賃金見込み額 (2799-2827)."""

    base_rule: RuleRef = Field(title="基本給の規程")
    pay_form: PayForm = Field(title="給与形態")
    base_amount: Yen = Field(title="基本給", description="給与形態の単位あたりの額（月給なら月額、時間給なら時給）。「円以上」")
    monthly_workdays: float = Field(title="月の平均所定労働日数", gt=0, le=31)
    daily_hours: float | None = Field(None, title="所定労働時間", gt=0, le=24, description="1日の所定労働時間（時間給のとき必須）")
    age_based_pay: bool = Field(False, title="年齢給の採用")
    fixed_allowances_rule: RuleRef = Field(title="毎月固定的に支払われる手当の規程")
    fixed_allowances: list[FixedAllowance] = Field(default_factory=list, title="毎月固定的に支払われる手当")
    variable_allowances_rule: RuleRef | None = Field(None, title="毎月支払額が変動する手当の規程")
    variable_allowances: list[VariableAllowance] = Field(default_factory=list, title="毎月支払額が変動する手当")
    overtime: Overtime = Field(title="所定時間外労働の割増賃金")
    holiday_work: HolidayWork = Field(title="休日労働の割増賃金")
    night_work: NightWork = Field(title="深夜労働の割増賃金")
    disclose_annual: bool = Field(True, title="候補者への開示", description="年間賃金見込み額を候補者に開示する")
    bonuses: list[LumpSum] = Field(default_factory=list, title="一時金(賞与など)")
    others: list[LumpSum] = Field(default_factory=list, title="その他")
    annual_remarks: LongText | None = Field(None, title="年間賃金見込み額の備考")

    @model_validator(mode="after")
    def _hourly_pay_has_hours(self) -> Wages:
        if self.pay_form == "時間給" and self.daily_hours is None:
            raise field_error("給与形態が時間給のときは1日の所定労働時間（daily_hours）を書いてください。",
                              "for 時間給 write the daily working hours (daily_hours).",
                              "年額 = 時間給 × 所定労働時間 × 平均所定日数 × 12 で計算します。",
                              "the annual amount is hourly × hours × days × 12.")
        names = [a.name for a in self.fixed_allowances]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise field_error(f"毎月固定的に支払われる手当「{duplicates[0]}」が2回書かれています。",
                              f"fixed allowance '{duplicates[0]}' is listed twice.")
        return self

    # 年間賃金見込み額 (002:2799-2827): ① 基本給 ② 手当 ③ 一時金 ④ その他; fractions of a yen are cut,
    # because the estimate must not promise more than will be paid (002:2952).

    @computed_field(title="①小計")
    @property
    def base_annual(self) -> int:
        amount = Decimal(self.base_amount)
        if self.pay_form in ("月給", "日給月給"):
            yearly = amount * 12
        elif self.pay_form == "日給":
            yearly = amount * Decimal(str(self.monthly_workdays)) * 12
        else:
            yearly = amount * Decimal(str(self.daily_hours)) * Decimal(str(self.monthly_workdays)) * 12
        return int(yearly.to_integral_value(rounding=ROUND_DOWN))

    @computed_field(title="年間賃金見込み額に加算する手当")
    @property
    def counted_allowances(self) -> list[FixedAllowance]:
        return [a for a in self.fixed_allowances if a.counted]

    @computed_field(title="②小計")
    @property
    def allowances_annual(self) -> int:
        return sum(a.annual for a in self.counted_allowances)

    @computed_field(title="③小計")
    @property
    def bonuses_annual(self) -> int:
        return sum(b.amount for b in self.bonuses)

    @computed_field(title="④小計")
    @property
    def others_annual(self) -> int:
        return sum(o.amount for o in self.others)

    @computed_field(title="年間賃金見込み額")
    @property
    def annual_estimate(self) -> int:
        return self.base_annual + self.allowances_annual + self.bonuses_annual + self.others_annual


# --- ◆その他 1-7 (002:2831-2859) ---------------------------------------------------------------------------

class OtherRules(CaseModel):
    meals_and_supplies: RuleRef | None = Field(None, title="労働者に負担させるべき食費、作業用品その他に関する事項")
    safety_and_health: RuleRef | None = Field(None, title="安全及び衛生に関する事項")
    vocational_training: RuleRef | None = Field(None, title="職業訓練に関する事項")
    injury_aid: RuleRef | None = Field(None, title="業務外の傷病扶助に関する事項")
    awards_and_sanctions: RuleRef | None = Field(None, title="表彰及び制裁に関する事項")
    leave_of_absence: RuleRef | None = Field(None, title="休職に関する事項")
    other: RuleRef | None = Field(None, title="その他")


# --- ◆住居 (002:2861-2926) ---------------------------------------------------------------------------------

SubsidyMode = Literal["全額補助(就労者の負担額:なし)", "全額候補者負担", "一部補助"]
SUBSIDY_MODES: tuple[str, ...] = ("全額補助(就労者の負担額:なし)", "全額候補者負担", "一部補助")


class Subsidy(CaseModel):
    mode: SubsidyMode = Field(title="補助")
    detail: Text | None = Field(None, title="補助内容", description="一部補助のとき")
    burden: Yen | None = Field(None, title="予想される候補者の負担額")
    remarks: LongText | None = Field(None, title="備考")

    @model_validator(mode="after")
    def _consistent(self) -> Subsidy:
        if self.mode == "一部補助" and not self.detail:
            raise field_error("「一部補助」のときは補助内容（detail）を書いてください。",
                              "for 一部補助 write what is subsidised (detail).")
        if self.mode.startswith("全額補助") and self.burden:
            raise field_error(f"「全額補助」なのに候補者の負担額が {self.burden:,}円 になっています。",
                              f"全額補助 but the candidate's burden is {self.burden:,} yen.",
                              "全額補助なら負担額は書かないか 0 にしてください。",
                              "with 全額補助 leave burden out or write 0.")
        return self


class Housing(CaseModel):
    type: Text = Field(title="住居の種類", description="例: 法人借上げアパート（単身用）")
    layout: Text = Field(title="間取り", description="例: 1K")
    area_m2: float = Field(title="広さ", gt=0, le=500, description="平米")
    detail: Text | None = Field(None, title="詳細", description="例: エアコン・冷蔵庫・洗濯機・寝具付き")
    shared_living: Text = Field(title="共同生活", description="例: なし（個室）、2名で共同生活")
    remarks: LongText | None = Field(None, title="備考")
    commute_means: Text = Field(title="受入れ施設までの距離", description="例: 徒歩、自転車、約800m 徒歩")
    commute_minutes: Count = Field(title="で所要時間", description="分")
    nearby_rent: Yen | None = Field(None, title="近隣家賃水準(1ルーム)")
    other_remarks: LongText | None = Field(None, title="その他の備考")
    rent: Subsidy = Field(title="(1) 家賃・共益費")
    deposit: Subsidy = Field(title="(2) 礼金・敷金・更新料")
    utilities: Subsidy = Field(title="(3) 水道光熱費補助")

    @model_validator(mode="after")
    def _utilities_have_no_burden_line(self) -> Housing:
        if self.utilities.burden is not None:
            raise field_error("水道光熱費補助には負担額の欄がありません（002:2916-2926）。",
                              "the utilities subsidy has no burden line on the form.",
                              "負担の見込みは remarks に書いてください。", "write the expected burden in remarks.")
        return self


# --- ◆これまでの国家試験実績 (002:2928-2938) -------------------------------------------------------------

ExamGroup = Literal[
    "インドネシア人看護師候補者", "インドネシア人介護福祉士候補者", "フィリピン人看護師候補者",
    "フィリピン人介護福祉士候補者", "ベトナム人看護師候補者", "ベトナム人介護福祉士候補者",
]
EXAM_GROUPS: tuple[ExamGroup, ...] = get_args(ExamGroup)


class ExamResult(CaseModel):
    group: ExamGroup = Field(title="区分")
    examinees: Count = Field(title="人中", description="受験者数")
    passed: Count = Field(title="人合格", description="合格者数")

    @model_validator(mode="after")
    def _passed_within_examinees(self) -> ExamResult:
        if self.passed > self.examinees:
            raise field_error(f"{self.group}: 合格者数（{self.passed}人）が受験者数（{self.examinees}人）を超えています。",
                              f"{self.group}: more passed ({self.passed}) than sat the exam ({self.examinees}).")
        return self


class ExamRecord(CaseModel):
    results: list[ExamResult] = Field(default_factory=list, title="国家試験実績",
                                      description="受験者のいる区分だけ書けば、ほかの区分は空欄で印刷されます",
                                      json_schema_extra=not_printed("printed through `rows`, which lays the results "
                                                                    "out in the form's six fixed rows (002:2933-2938)"))

    @model_validator(mode="after")
    def _each_group_once(self) -> ExamRecord:
        groups = [r.group for r in self.results]
        for group in groups:
            if groups.count(group) > 1:
                raise field_error(f"国家試験実績の「{group}」が2回書かれています。", f"exam group {group} is listed twice.")
        return self

    @computed_field(title="求人登録申請時点で国家試験受験者無し")
    @property
    def none_yet(self) -> bool:
        return not any(r.examinees for r in self.results)

    @computed_field(title="国家試験受験者（計）")
    @property
    def total_examinees(self) -> int | None:
        return None if self.none_yet else sum(r.examinees for r in self.results)

    @computed_field(title="国家試験合格者（計）")
    @property
    def total_passed(self) -> int | None:
        return None if self.none_yet else sum(r.passed for r in self.results)

    @property
    def rows(self) -> list[ExamResult]:
        """The six printed rows (002:2933-2938) in the form's order; groups without examinees stay blank."""
        given = {r.group: r for r in self.results}
        return [given.get(group) or ExamResult.model_construct(group=group, examinees=None, passed=None)  # type: ignore[arg-type]  # a blank row
                for group in EXAM_GROUPS]


# --- one facility of the job offer ---------------------------------------------------------------------------

def in_form_order(countries: Sequence[str]) -> list[str]:
    """The countries in the order the forms list them (インドネシア, フィリピン, ベトナム: 002:110, 130)."""
    return [country for country in COUNTRIES if country in countries]


FEE_TABLE = {  # 002:2503-2508 (and 2190-2195): (countries, new facility) → 円 (税別), per facility (2174)
    (1, True): 30_000, (1, False): 20_000,
    (2, True): 45_000, (2, False): 30_000,
    (3, True): 67_500, (3, False): 45_000,
}


class JobOfferFacility(Facility):
    """A 受入れ希望施設: the facility party (ref: …) plus what 求人票 and 受入れ施設説明書 ask of it."""

    type_code: TypeCode = Field(title="種別コード", description="JICWELS の受入れ施設種別コード（例: \"1-1\"）")
    countries: list[Country] = Field(
        min_length=1, max_length=3, title="求人登録する国",
        description="同一コース（介護福祉士コース）で求人登録する国（比・尼・越）",
        json_schema_extra=not_printed("chooses the fee and the country texts 1-1 and 5 print (guidelines, "
                                      "presented_through, languages)"))
    new_facility: bool = Field(
        title="新規受入れ施設", description="初めて候補者を受け入れる施設なら true（求人申込手数料）",
        json_schema_extra=not_printed("chooses the fee, which 1-1 has no field for: checked against fees:"))
    established_date: Date = Field(title="受入れ施設設立年月日")
    satellite_joint_guidance: bool = Field(False, title="本体となる施設と職員に対する技術指導が一体的に行われている")
    satellite_mutual_support: bool = Field(
        False, title="本体となる施設と必要な場合に随時、複数の事業間で相互支援を行える体制にある")
    business_hours: list[Literal["昼間", "夜間"]] = Field(min_length=1, title="営業時間")
    care_level: Text = Field(title="主な利用者の介護レベル", description="例: 要介護3～5")
    user_types: list[Literal["高齢者", "障害者", "障害児", "生活困窮者"]] = Field(min_length=1, title="主な利用者の種別")
    same_site_facility: NearbyFacility | None = Field(None, title="同一敷地内において一体的に運営されている施設")
    main_facility: MainFacility | None = Field(None, title="本体施設")
    capacity: Count = Field(title="入所定員数")
    insured_beds: Count | None = Field(None, title="介護保険の指定を受けた病床数")
    residents: Count = Field(title="入所者数")
    care_staff: Count = Field(title="介護職員数")
    care_staff_fte: float = Field(title="常勤換算介護職員数", ge=0, le=100_000)
    fulltime_care_staff: Count = Field(title="常勤介護職員数")
    certified_care_workers: Count = Field(title="うち介護福祉士資格取得者数")
    requested_count: int = Field(title="受入れ希望人数", ge=1, le=100)
    single_acceptance_facility: NearbyFacility | None = Field(None, title="1名受入れの条件を満たす施設")
    duties: LongText = Field(title="従事すべき業務内容")
    trial_period: bool = Field(
        False, title="試用期間あり",
        json_schema_extra=not_printed("the form pre-prints 試用期間 無し (002:2623); a trial period is refused by "
                                      "the requirement checks"))
    hours: WorkingHours = Field(title="始業、終業の時刻、1箇月平均所定労働時間、休憩時間、就業時転換")
    holidays: Holidays = Field(title="休日")
    leave: Leave = Field(title="休暇")
    wages: Wages = Field(title="賃金")
    other_rules: OtherRules = Field(default_factory=OtherRules, title="その他")
    housing: Housing = Field(title="住居")
    exams: ExamRecord = Field(default_factory=ExamRecord, title="これまでの国家試験実績")
    special_notes: LongText | None = Field(None, title="特記事項")
    pr: LongText | None = Field(None, title="PR事項")
    training: FacilityTraining | None = Field(
        None, title="研修（様式4-2・5・6-2）",
        description="介護研修計画書・研修実施体制説明書・研修責任者職歴証明書の内容（schemas/epa_training_plan.py）")

    @model_validator(mode="after")
    def _consistent(self) -> JobOfferFacility:
        if len(set(self.countries)) != len(self.countries):
            raise field_error("求人登録する国（countries）に同じ国が2回書かれています。", "a country is listed twice.")
        if self.certified_care_workers > self.fulltime_care_staff:
            raise field_error(
                f"介護福祉士資格取得者数（{self.certified_care_workers}人）が常勤介護職員数"
                f"（{self.fulltime_care_staff}人）を超えています。",
                f"certified care workers ({self.certified_care_workers}) exceed the full-time care staff "
                f"({self.fulltime_care_staff}).",
                "「うち介護福祉士資格取得者数」は常勤介護職員のうちの人数です（002:2605）。",
                "certified_care_workers counts those among the full-time care staff (002:2605).")
        if self.fulltime_care_staff > self.care_staff:
            raise field_error(
                f"常勤介護職員数（{self.fulltime_care_staff}人）が介護職員数（{self.care_staff}人）を超えています。",
                f"full-time care staff ({self.fulltime_care_staff}) exceed all care staff ({self.care_staff}).")
        if not (self.fulltime_care_staff <= self.care_staff_fte <= self.care_staff):
            raise field_error(
                f"常勤換算介護職員数（{self.care_staff_fte}人）は常勤介護職員数（{self.fulltime_care_staff}人）以上、"
                f"介護職員数（{self.care_staff}人）以下のはずです。",
                f"the full-time equivalent ({self.care_staff_fte}) should lie between the full-time staff "
                f"({self.fulltime_care_staff}) and all care staff ({self.care_staff}).",
                "常勤職員は1人を1.0と数えます。数字を確かめてください。", "a full-time employee counts as 1.0.")
        if self.single_acceptance_facility and self.requested_count != 1:
            raise field_error(
                f"「1名受入れの条件を満たす施設」を書いていますが、受入れ希望人数が {self.requested_count}人 です。",
                f"single_acceptance_facility is given but requested_count is {self.requested_count}.",
                "1名だけ受け入れる場合に書く欄です（002:2610, 427-433）。受入れ希望人数か、この欄を直してください。",
                "that block is for requesting one candidate only (002:2610, 427-433).")
        major = int(self.type_code.split("-")[0])
        if (self.satellite_joint_guidance or self.satellite_mutual_support) and not 10 <= major <= 15:
            raise field_error(
                f"本体となる施設との一体的運営の欄は、種別コード10-1～15-1の施設だけが書きます（今は {self.type_code}）。",
                f"the satellite statements apply to type codes 10-1 to 15-1 only (now {self.type_code}).",
                "002:2569 を参照してください。", "see 002:2569.")
        return self

    @computed_field(title="介護福祉士資格取得者が常勤介護職員数に占める割合")
    @property
    def certified_ratio_wari(self) -> float:
        """In 割 (tenths), cut to one decimal so that it never shows more than the real share (4割: 002:285)."""
        if not self.fulltime_care_staff:
            return 0.0
        return math.floor(self.certified_care_workers * 100 / self.fulltime_care_staff) / 10

    @computed_field(title="求人申込手数料（税別）")
    @property
    def application_fee(self) -> int:
        return FEE_TABLE[(len(self.countries), self.new_facility)]

    # --- what 様式5 prints for the facility's countries (002:3171, 3328-3358; schemas/countries.py) ---

    @property
    def country_order(self) -> list[str]:
        return in_form_order(self.countries)

    @property
    def presented_through(self) -> str:
        """様式5's opening (3171): through which sending body the documents reach which candidates."""
        parts = [(COUNTRIES[c]["sending_body_ja"], COUNTRIES[c]["people_ja"]) for c in self.country_order]
        if len(parts) == 1:
            return f"{parts[0][0]} を通じて、{parts[0][1]}候補者に提示する"
        return "、".join(f"{body} を通じて{people}候補者に" for body, people in parts) + "提示する"

    @property
    def languages(self) -> str:
        return joined(self.country_order, "language_ja")

    @property
    def study_countries(self) -> str:
        return joined(self.country_order, "study_country_ja")

    def _language_test_country(self, qualification: LanguageQualification) -> str | None:
        return qualification.country or (self.countries[0] if len(self.countries) == 1 else None)

    @property
    def language_test_rows(self) -> list[dict]:
        """One 「語学技能検定」 row per country (3340): the qualification held in its language, if any."""
        qualifications = self.training.system.language_qualifications if self.training else []
        rows = []
        for country in self.country_order:
            held = [q for q in qualifications if q.name == LANGUAGE_TEST and self._language_test_country(q) == country]
            rows.append({"name": language_qualification_name(country, held[0].other_name if held else None),
                         "held": held[0] if held else None})
        return rows

    def of_countries(self, of_country: int | dict[str, int]) -> str:
        """「インドネシア人 2 人」 after 様式5's 「うち」 (3352-3358), one per country of the facility; a single
        number is the count of the facility's one country."""
        def count(country: str) -> int | None:
            return of_country.get(country) if isinstance(of_country, dict) else of_country
        return "・".join(f"{COUNTRIES[c]['people_ja']} {count(c)} 人" for c in self.country_order)

    @model_validator(mode="after")
    def _training_names_the_countries(self) -> JobOfferFacility:
        if self.training is None:
            return self
        errors = list(self._language_test_errors()) + list(self._staff_count_errors())
        if errors:
            raise errors_at("JobOfferFacility", errors)
        return self

    def _language_test_errors(self) -> Iterator[tuple]:
        where = ("training", "system", "language_qualifications")
        seen: set[str] = set()
        assert self.training is not None, "checked only for a facility that states its training"
        for index, qualification in enumerate(self.training.system.language_qualifications):
            if qualification.name != LANGUAGE_TEST:
                continue
            country = self._language_test_country(qualification)
            if qualification.country and qualification.country not in self.countries:
                yield where + (index, "country"), field_error(
                    f"語学技能検定の国「{qualification.country}」は、施設「{self.name}」が求人登録する国"
                    f"（{'・'.join(self.countries)}）にありません。",
                    f"the language test's country {qualification.country} is not one the facility registers for.",
                    "country を求人登録する国のどれかにするか、この資格を消してください。",
                    "set country to one of the facility's countries, or remove the qualification."), qualification.country
            elif country is None:
                yield where + (index, "name"), field_error(
                    f"施設「{self.name}」は{len(self.countries)}か国に求人登録するため、語学技能検定がどの国の言語か分かりません。",
                    "the facility registers several countries: say whose language the test is.",
                    f"country: に {'・'.join(self.countries)} のどれかを書いてください。",
                    f"write country: one of {', '.join(self.countries)}."), qualification.name
            elif not COUNTRIES[country]["language_test_ja"] and not qualification.other_name:
                yield where + (index, "name"), field_error(
                    f"{COUNTRIES[country]['language_ja']}の語学技能検定の名称がありません（手引きには"
                    "インドネシア語技能検定の名称しか載っていないため、formgen は名称を補いません）。",
                    f"the name of the {country} language test is missing (the guide names only the Indonesian one).",
                    "other_name: に資格の正式な名称を書いてください。", "write the test's name in other_name:."), \
                    qualification.name
            elif country in seen:
                yield where + (index, "name"), field_error(
                    f"{COUNTRIES[country]['language_ja']}の語学技能検定が2件あります（様式5 は1か国1行です）。",
                    f"two language tests for {country} (the form has one row per country).",
                    "上位の1件だけ残してください。", "keep the higher one only."), qualification.name
            if country:
                seen.add(country)

    def _staff_count_errors(self):
        for name, count in self.training.system.staff_counts():
            per_country = bool(count.by_country)
            where = ("training", "system", name, "by_country" if per_country else "of_country")
            if (per_country and set(count.by_country) != set(self.countries)) or (
                    not per_country and len(self.countries) > 1):
                yield where, field_error(
                    f"施設「{self.name}」は{'・'.join(self.countries)}に求人登録するため、「うち○○人」は国ごとに"
                    "書いてください（様式5 はその国ごとに人数を印刷します）。",
                    f"give the count of each of the facility's countries ({', '.join(self.countries)}).",
                    "例: by_country: {" + ", ".join(f"{c}: 0" for c in self.country_order) + "}",
                    "e.g. by_country: {" + ", ".join(f"{c}: 0" for c in self.country_order) + "}"), count.per_country


class Fee(CaseModel):
    """A fee the institution pays (求人申込手数料 etc.): for the deadlines, not printed."""

    name: Text = Field(title="名称", description="例: 求人申込手数料")
    amount: Yen | None = Field(None, title="金額")
    invoice_date: Date | None = Field(None, title="請求書の日付")
    invoice_received_date: Date | None = Field(None, title="請求書の到着日")
    paid_date: Date | None = Field(None, title="支払日")


class EpaJobOffer(CaseFile, title="求人登録申請（JICWELS 様式1-1・2-2・3-2）"):
    kind: Literal["epa_job_offer"] = Field(title="種類")
    institution: Organisation = Field(title="受入れ希望機関")
    facilities: list[JobOfferFacility] = Field(min_length=1, title="受入れ希望施設")
    application_date: Date = Field(title="申請日", description="求人登録申請書・求人票の日付（提出日）")
    fees: list[Fee] = Field(default_factory=list, title="手数料",
                            json_schema_extra=not_printed("payment tracking for the deadlines"))

    @model_validator(mode="after")
    def _facilities_distinct(self) -> EpaJobOffer:
        names = [f.name for f in self.facilities]
        for name in names:
            if names.count(name) > 1:
                raise field_error(f"受入れ希望施設「{name}」が2回書かれています。",
                                  f"facility '{name}' is listed twice.",
                                  "施設ごとに1件ずつ書いてください（求人票の施設数 計が合わなくなります）。",
                                  "list each facility once (the 求人票 total would be wrong).")
        for facility in self.facilities:
            if facility.established_date > self.application_date:
                raise field_error(
                    f"「{facility.name}」の設立年月日（{facility.established_date}）が申請日（{self.application_date}）より後です。",
                    f"'{facility.name}' was established ({facility.established_date}) after the application "
                    f"date ({self.application_date}).")
        return self

    @computed_field(title="受入れ希望施設数 計")
    @property
    def facility_total(self) -> int:
        return len(self.facilities)

    @computed_field(title="受入れ希望人数 計")
    @property
    def requested_total(self) -> int:
        return sum(f.requested_count for f in self.facilities)

    @computed_field(title="求人申込手数料 合計（税別）")
    @property
    def application_fee_total(self) -> int:
        return sum(f.application_fee for f in self.facilities)

    @computed_field(title="求人登録する国")
    @property
    def countries(self) -> list[str]:
        """Every country any facility registers for, in the forms' order."""
        return in_form_order([c for f in self.facilities for c in f.countries])

    @computed_field(title="申請文に引用する指針")
    @property
    def guidelines(self) -> str:
        """様式1-1's declaration (2485) cites the guideline of each country the application registers for."""
        return joined(self.countries, "guideline_ja", "、")
