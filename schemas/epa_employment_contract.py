"""EPA employment contract: 雇用契約書 (JICWELS 様式10-2), in Japanese and English.

Seed 002_e5f9a0dfd8ef1d48.txt: the model contract 3498-3866 (Indonesian model; the Philippine and
Vietnamese ones are the same in substance, 2452-2454); what it must lay down 680-692; signed before
entry (686) in Japanese + English (+ Indonesian/Vietnamese), 2 copies each, by the employer,
JICWELS, the sending agency and the worker (709-776).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, computed_field, field_validator, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.bilingual import Bilingual, EnglishPair
from schemas.case import CaseFile
from schemas.countries import COUNTRIES
from schemas.parties import EpaPerson, Facility, Organisation
from schemas.types import Count, Date, LongText, Percent, Phone, Text, Yen

MONTHLY_BASES = ("月給", "日給月給")
"""Pay forms whose base is a monthly amount, comparable with a Japanese colleague's monthly pay."""

ONE_DAY = dt.timedelta(days=1)
CONTRACT_YEARS = 3  # 002:3541, 684 (労働契約の期間(3年間))
RENEWAL_YEARS = 4  # 002:3543, 3815, 684 (滞在期間の満了予定日(入国の4年後))


def period_end(start_exclusive: dt.date, years: int) -> dt.date:
    """Last day of a period of `years` years counted from the day after `start_exclusive`.

    民法140条 (the first day is not counted) and 143条: the period ends on the day before the date that
    corresponds to its first day; when the final month has no such date (29 February), on that
    month's last day. "入国日の翌日から起算して3年後の日" (002:3541) is this day.
    """
    first = start_exclusive + ONE_DAY
    try:
        return first.replace(year=first.year + years) - ONE_DAY
    except ValueError:  # the first day is 29 February and the final year has none
        return dt.date(first.year + years, 2, 28)


def work_start_for(training_end: dt.date) -> dt.date:
    """就労開始日 = 訪日後日本語等研修修了の翌日 (002:3541, 684)."""
    return training_end + ONE_DAY


SendingAgencyCode = Literal["BP2MI", "POEA", "DOLAB"]


def agency_code(nationality: str) -> str:
    """BP2MI / POEA / DOLAB (002:114, 709-776)."""
    return COUNTRIES[nationality]["agency_code"]


# --- small value types of this contract -------------------------------------------------------------

_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def _clock(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):  # YAML 1.1 reads 8:30 as 510 (sexagesimal)
        value = f"{value // 60}:{value % 60:02d}"
    if isinstance(value, str):
        match = _CLOCK.fullmatch(value.strip().replace("：", ":"))
        if match:
            return f"{int(match[1])}:{match[2]}"
    raise field_error(
        f"時刻「{value}」を読み取れません。", f"cannot read the time '{value}'.",
        "24時間制の HH:MM で、引用符で囲んで書いてください（例: \"08:30\"）。",
        "write it as HH:MM on the 24-hour clock, in quotes (e.g. \"08:30\").",
    )


ClockTime = Annotated[str, BeforeValidator(_clock)]
"""A time of day, written "08:30"; printed 8時30分."""

DayOfMonth = Annotated[int, Field(ge=1, le=31)] | Literal["末"]
"""A day of the month, or 末 (the month's last day)."""

YesNo = bool


def clock_ja(value: str) -> str:
    hours, minutes = value.split(":")
    return f"{int(hours)}時{minutes}分"


def day_ja(value: int | str) -> str:
    return "末日" if value == "末" else f"{value}日"


def day_en(value: int | str) -> str:
    if isinstance(value, str):  # 末, the one text a pay day may be
        return "the last day"
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"the {value}{suffix}"


# --- clause models ----------------------------------------------------------------------------------

class BasePay(CaseModel):
    """4. 賃金 (1) 基本給 (002:3553)."""

    basis: Literal["月給", "日給", "時給", "日給月給"] = Field(title="基本給の種類")
    amount: Yen = Field(title="基本給額", description="円")
    age_based: YesNo = Field(False, title="年齢給")


class Allowance(Bilingual):
    """4. (2) 諸手当: one row a.–e. (002:3559-3571)."""

    name: Text = Field(title="手当の名称", description="「手当」の前に入る語（例: 住宅）。「手当」は様式が印刷します")
    amount: Yen | None = Field(None, title="金額", description="円（変動する手当は目安額または空欄）")
    method: Text | None = Field(None, title="計算方法・備考")
    name_en: Text | None = Field(None, title="手当の名称（英語）", description="英語版に印刷（例: Housing）")
    method_en: Text | None = Field(None, title="計算方法・備考（英語）", description="英語版に印刷")

    @field_validator("name")
    @classmethod
    def _without_suffix(cls, value: str) -> str:
        return value[:-2] if value.endswith("手当") and len(value) > 2 else value


def require_legal_premium(rate: float | None, minimum: int, work_ja: str, work_en: str, hint_ja: str,
                          hint_en: str) -> float | None:
    """Refuse a premium rate (%) below the legal minimum of 労働基準法37条 for that kind of work."""
    if rate is not None and rate < minimum:
        raise field_error(
            f"{work_ja}の割増賃金率 {rate:g}% は法定の最低率（{minimum}%）を下回ります。",
            f"the {work_en} premium {rate:g}% is below the legal minimum of {minimum}%.",
            hint_ja, hint_en)
    return rate


class OvertimeBand(CaseModel):
    """5. (3) A. (法定超 / 所定超) が ( ) 時間超～ ( ) 時間 ___% (002:3585)."""

    basis: Literal["法定超", "所定超"] = Field(title="法定超 / 所定超")
    from_hours: Count = Field(0, title="時間超")
    to_hours: Count | None = Field(None, title="時間", description="上限（なければ空欄）")
    rate: Percent = Field(title="割増賃金率", description="%")

    @field_validator("rate")
    @classmethod
    def _legal_minimum(cls, rate: float | None, info: ValidationInfo) -> float | None:
        # 労働基準法37条1項, 割増賃金令: statutory overtime is paid at least 25% extra.
        if info.data.get("basis") != "法定超":
            return rate
        return require_legal_premium(rate, 25, "法定時間外労働", "overtime",
                                     "労働基準法第37条により25%以上（月60時間超は50%以上）にしてください。",
                                     "Labour Standards Act art. 37: at least 25% (50% beyond 60 hours a month).")


class Overtime(Bilingual):
    """5. 所定時間外労働 (002:3573-3589)."""

    exists: YesNo = Field(title="所定時間外労働の有無")
    over_60_hours: YesNo = Field(False, title="月60時間を超える法定時間外労働の有無")
    unit: Literal["月", "週", "日"] = Field("月", title="労働時間の単位", description="(月 / 週 / 日) の労働時間に対する割増賃金率")
    bands: list[OvertimeBand] = Field(default_factory=list, title="割増賃金率", max_length=5)
    other: Text | None = Field(None, title="その他")
    other_en: Text | None = Field(None, title="その他（英語）", description="英語版に印刷")
    remarks: Text | None = Field(None, title="備考")
    remarks_en: Text | None = Field(None, title="備考（英語）", description="英語版に印刷")

    @field_validator("bands")
    @classmethod
    def _over_60_hours_at_half(cls, bands: list[OvertimeBand], info: ValidationInfo) -> list[OvertimeBand]:
        # 労働基準法37条1項ただし書: statutory overtime beyond 60 hours a month at least 50% extra.
        if info.data.get("unit") != "月":
            return bands
        for band in bands:
            if band.basis == "法定超" and band.from_hours >= 60 and band.rate < 50:
                raise field_error(
                    f"月{band.from_hours}時間を超える法定時間外労働の割増賃金率 {band.rate:g}% は50%未満です。",
                    f"the premium beyond {band.from_hours} hours a month ({band.rate:g}%) is below 50%.",
                    "労働基準法第37条第1項ただし書により、月60時間を超える部分は50%以上にしてください。",
                    "Labour Standards Act art. 37(1) proviso: at least 50% beyond 60 hours a month.",
                )
        return bands


class HolidayWork(Bilingual):
    """6. 休日労働 (002:3591-3598)."""

    exists: YesNo = Field(title="休日労働の有無")
    statutory_rate: Percent | None = Field(None, title="法定休日", description="割増賃金率 %")
    non_statutory_rate: Percent | None = Field(None, title="法定外休日", description="割増賃金率 %")
    remarks: Text | None = Field(None, title="備考")
    remarks_en: Text | None = Field(None, title="備考（英語）", description="英語版に印刷")

    @field_validator("statutory_rate")
    @classmethod
    def _legal_minimum(cls, rate: float | None) -> float | None:
        # 労働基準法37条1項, 割増賃金令: work on the statutory weekly holiday at least 35% extra.
        return require_legal_premium(rate, 35, "法定休日労働", "statutory-holiday",
                                     "労働基準法第37条・割増賃金令により35%以上にしてください。",
                                     "Labour Standards Act art. 37: at least 35%.")


class NightWork(Bilingual):
    """7. 深夜労働 (002:3600-3621)."""

    exists: YesNo = Field(title="深夜労働の有無")
    rate: Percent | None = Field(None, title="深夜労働に対して支払われる割増賃金率", description="%")
    definition_other: Text | None = Field(None, title="A. その他", description="午後10時から午前5時以外の定め")
    definition_other_en: Text | None = Field(None, title="A. その他（英語）", description="英語版に印刷")
    with_overtime_other: Text | None = Field(None, title="B. その他", description="時間外と合算しない場合の定め")
    with_overtime_other_en: Text | None = Field(None, title="B. その他（英語）", description="英語版に印刷")
    with_holiday_other: Text | None = Field(None, title="C. その他", description="休日労働と合算しない場合の定め")
    with_holiday_other_en: Text | None = Field(None, title="C. その他（英語）", description="英語版に印刷")
    remarks: Text | None = Field(None, title="備考", description="例: 深夜労働に対する割増賃金は夜勤手当に含まれる。")
    remarks_en: Text | None = Field(None, title="備考（英語）", description="英語版に印刷")

    @field_validator("rate")
    @classmethod
    def _legal_minimum(cls, rate: float | None) -> float | None:
        # 労働基準法37条4項: work between 22:00 and 5:00 at least 25% extra.
        return require_legal_premium(rate, 25, "深夜労働", "night-work",
                                     "労働基準法第37条第4項により25%以上にしてください。",
                                     "Labour Standards Act art. 37(4): at least 25%.")


class PayDay(CaseModel):
    month: Literal["当月", "翌月"] = Field(title="当月 / 翌月")
    day: DayOfMonth = Field(title="日", description="1-31 または 末")

    @property
    def day_ja(self) -> str:
        return day_ja(self.day)

    @property
    def text_en(self) -> str:
        month = "of the same month" if self.month == "当月" else "of the following month"
        return f"{day_en(self.day)} {month}"


class PaySchedule(CaseModel):
    """8. 賃金の締切日、支払日、支払方法 (002:3623-3663)."""

    base_closing_days: list[DayOfMonth] = Field(title="賃金締切日（基本賃金）", min_length=1, max_length=3,
                                                description="毎月__日（1-31 または 末）")
    allowance_closing_days: list[DayOfMonth] = Field(title="賃金締切日（諸手当）", min_length=1, max_length=3)
    base_pay_days: list[PayDay] = Field(title="賃金支払日（基本賃金）", min_length=1, max_length=3)
    allowance_pay_days: list[PayDay] = Field(title="賃金支払日（諸手当）", min_length=1, max_length=3)
    method: Literal["銀行振込", "現金支給"] = Field(title="賃金の支払方法")

    @property
    def base_closing_en(self) -> str:
        return ", ".join(day_en(d) for d in self.base_closing_days)

    @property
    def allowance_closing_en(self) -> str:
        return ", ".join(day_en(d) for d in self.allowance_closing_days)


class Provision(Bilingual):
    """9.-11. 昇給・賞与・退職金: (有 / 無) ( )."""

    exists: YesNo = Field(title="有無")
    detail: Text | None = Field(None, title="内容")
    detail_en: Text | None = Field(None, title="内容（英語）", description="英語版に印刷")


class FixedHours(CaseModel):
    """12. A. 定刻の場合 (002:3683)."""

    start: ClockTime = Field(title="始業")
    end: ClockTime = Field(title="終業")
    break_minutes: Count = Field(title="休憩時間", description="分")

    @property
    def start_ja(self) -> str:
        return clock_ja(self.start)

    @property
    def end_ja(self) -> str:
        return clock_ja(self.end)


class Shift(FixedHours, Bilingual):
    """12. B. one combination of working hours (002:3689-3707)."""

    days: Text = Field(title="適用日", description="例: 早番")
    days_en: Text | None = Field(None, title="適用日（英語）", description="英語版に印刷（例: Early shift）")


class ShiftSystem(CaseModel):
    """12. B. 変形労働時間制又は交替制の場合 (002:3685-3707)."""

    period: Count = Field(title="単位の変形労働時間制・交替制", description="( ) の数（例: 1）")
    unit: Literal["週", "ヶ月", "年"] = Field(title="単位")
    shifts: list[Shift] = Field(title="勤務時間の組合せ", min_length=1, max_length=10)

    @property
    def unit_en(self) -> str:
        return {"週": "week", "ヶ月": "month", "年": "year"}[self.unit] + ("s" if self.period != 1 else "")


class WorkingHours(Bilingual):
    """12. 労働時間、休憩 (002:3677-3708)."""

    fixed: FixedHours | None = Field(None, title="A. 定刻の場合")
    shift_system: ShiftSystem | None = Field(None, title="B. 変形労働時間制又は交替制の場合")
    remarks: Text | None = Field(None, title="備考")
    remarks_en: Text | None = Field(None, title="備考（英語）", description="英語版に印刷")

    @model_validator(mode="after")
    def _one_of_them(self) -> WorkingHours:
        if self.fixed is None and self.shift_system is None:
            raise field_error(
                "始業・終業の時刻がありません（A. 定刻 か B. 変形労働時間制・交替制 のどちらか）。",
                "no working hours: give A. fixed hours or B. a shift system.",
                "working_hours: の下に fixed: か shift_system: を書いてください。",
                "write fixed: or shift_system: under working_hours:.")
        return self


class LeaveGrant(CaseModel):
    months: Count = Field(title="継続勤務月数", description="ヶ月")
    days: Count = Field(title="付与日数", description="日")


class Leave(Bilingual):
    """13. 休暇 (002:3710-3727)."""

    annual: list[LeaveGrant] = Field(title="年次有給休暇", min_length=1, max_length=10)
    annual_remarks: Text | None = Field(None, title="備考")
    annual_remarks_en: Text | None = Field(None, title="備考（英語）", description="英語版に印刷")
    hourly: YesNo = Field(False, title="時間単位休暇")
    substitute: YesNo = Field(False, title="代替休暇")
    other_paid: Text | None = Field(None, title="その他の休暇（有給）")
    other_paid_en: Text | None = Field(None, title="その他の休暇（有給）（英語）", description="英語版に印刷")
    other_unpaid: Text | None = Field(None, title="その他の休暇（無給）")
    other_unpaid_en: Text | None = Field(None, title="その他の休暇（無給）（英語）", description="英語版に印刷")

    @field_validator("annual")
    @classmethod
    def _at_least_the_law(cls, grants: list[LeaveGrant]) -> list[LeaveGrant]:
        # 労働基準法39条1項: 10 days after 6 months of continuous service.
        first = min(grants, key=lambda g: g.months)
        if first.months > 6 or first.days < 10:
            raise field_error(
                f"年次有給休暇の最初の付与（{first.months}ヶ月・{first.days}日）が法定を下回ります。",
                f"the first annual leave grant ({first.months} months, {first.days} days) is below the law.",
                "労働基準法第39条により、継続勤務6ヶ月で10日以上を付与してください。",
                "Labour Standards Act art. 39: at least 10 days after 6 months of service.")
        return grants


class IrregularHolidays(CaseModel):
    count: Count = Field(title="非定例日の場合", description="（ ）の数（例: 4）")
    unit: Literal["週", "月", "年"] = Field(title="週 / 月 / 年")
    days: Count = Field(title="日", description="当たりの休日数")

    @property
    def unit_en(self) -> str:
        return {"週": "week", "月": "month", "年": "year"}[self.unit] + ("s" if self.count != 1 else "")


class Holidays(Bilingual):
    """14. 休日 (002:3729-3737)."""

    weekly: Text | None = Field(None, title="毎週（ ）曜日", description="定例日の場合の曜日（例: 土・日）")
    weekly_en: Text | None = Field(None, title="曜日（英語）", description="英語版に印刷（例: Saturday and Sunday）")
    regular_other: Text | None = Field(None, title="定例日 その他")
    regular_other_en: Text | None = Field(None, title="定例日 その他（英語）", description="英語版に印刷")
    irregular: IrregularHolidays | None = Field(None, title="非定例日の場合")
    other: Text | None = Field(None, title="その他")
    other_en: Text | None = Field(None, title="その他（英語）", description="英語版に印刷")
    remarks: Text | None = Field(None, title="備考")
    remarks_en: Text | None = Field(None, title="備考（英語）", description="英語版に印刷")

    @model_validator(mode="after")
    def _some_holidays(self) -> Holidays:
        if self.weekly is None and self.irregular is None:
            raise field_error(
                "休日がありません（定例日の曜日 か 非定例日 のどちらか）。",
                "no holidays: give the weekly days or the irregular holidays.",
                "holidays: の下に weekly: か irregular: を書いてください。",
                "write weekly: or irregular: under holidays:.")
        return self


class OtherTerms(Bilingual):
    """32. その他 (002:3823-3838)."""

    meals_and_tools: Text | None = Field(None, title="労働者に負担させるべき食費、作業用品その他に関する事項")
    meals_and_tools_en: Text | None = Field(None, title="(1) 食費・作業用品等（英語）", description="英語版に印刷")
    safety_and_health: Text | None = Field(None, title="安全及び衛生に関する事項")
    safety_and_health_en: Text | None = Field(None, title="(2) 安全及び衛生（英語）", description="英語版に印刷")
    vocational_training: Text | None = Field(None, title="職業訓練に関する事項")
    vocational_training_en: Text | None = Field(None, title="(3) 職業訓練（英語）", description="英語版に印刷")
    non_work_injury: Text | None = Field(None, title="業務外の傷病扶助に関する事項")
    non_work_injury_en: Text | None = Field(None, title="(4) 業務外の傷病扶助（英語）", description="英語版に印刷")
    awards_and_sanctions: Text | None = Field(None, title="表彰及び制裁に関する事項")
    awards_and_sanctions_en: Text | None = Field(None, title="(5) 表彰及び制裁（英語）", description="英語版に印刷")
    leave_of_absence: Text | None = Field(None, title="休職に関する事項")
    leave_of_absence_en: Text | None = Field(None, title="(6) 休職（英語）", description="英語版に印刷")
    other: Text | None = Field(None, title="その他")
    other_en: Text | None = Field(None, title="(7) その他（英語）", description="英語版に印刷")


class ComparisonEmployee(CaseModel):
    """The Japanese employee doing the same work: pay at least equal (同等報酬, 002:344, 414, 690, 3759)."""

    title: Text = Field(title="職種・役職", description="例: 介護職員（介護福祉士資格なし・経験1年未満）")
    monthly_base_pay: Yen = Field(title="基本給（月額）")
    monthly_fixed_allowances: Yen = Field(0, title="毎月固定的に支払われる手当（月額合計）")

    @computed_field(title="月額報酬（基本給＋固定手当）")
    @property
    def monthly_pay(self) -> int:
        return self.monthly_base_pay + self.monthly_fixed_allowances


class Signing(Bilingual):
    date: Date | None = Field(None, title="署名日")
    place: Text | None = Field(None, title="署名地")
    place_en: Text | None = Field(None, title="署名地（英語）", description="英語版に印刷（例: Chiba, Japan）")


# --- the parties as the English version names them ----------------------------------------------------

def _first_contact(party: Organisation | Facility, english: str | None) -> Iterator[EnglishPair]:
    if party.contacts:
        yield EnglishPair(("contacts", 0, "name"), party.contacts[0].name, "contact_name_en", english, beside_ref=True)


class ContractEmployer(Organisation, Bilingual):
    """X. 雇用主: the institution (parties file) with the English the English version prints."""

    name_en: Text | None = Field(None, title="機関名（英語）",
                                 description="英語版に印刷（例: Social Welfare Corporation Sakura Fukushi-kai）")
    representative_en: Text | None = Field(None, title="代表者の役職・氏名（英語）",
                                           description="英語版に印刷（例: Ichiro Yamada, Chairperson）")
    contact_name_en: Text | None = Field(None, title="担当者の氏名（英語）",
                                         description="contacts の1人目の氏名。英語版に印刷（例: Hanako Sato）")

    def english_pairs(self) -> Iterator[EnglishPair]:
        yield EnglishPair(("name",), self.name, "name_en", self.name_en, beside_ref=True)
        yield EnglishPair(("representative",), self.representative.title_and_name, "representative_en",
                          self.representative_en, beside_ref=True)
        yield from _first_contact(self, self.contact_name_en)


class ContractFacility(Facility, Bilingual):
    """The facility of work (parties file) with the English the English version prints."""

    name_en: Text | None = Field(None, title="施設名（英語）",
                                 description="英語版に印刷（例: Special Nursing Home Sakura-en）")
    address_en: Text | None = Field(None, title="施設住所（英語）",
                                    description="英語版に印刷（例: 4-5-6 Kakucho, Chuo-ku, Chiba-shi, Chiba）")
    contact_name_en: Text | None = Field(None, title="施設の連絡先の氏名（英語）",
                                         description="contacts の1人目の氏名。英語版に印刷（例: Misaki Tanaka）")

    def english_pairs(self) -> Iterator[EnglishPair]:
        yield EnglishPair(("name",), self.name, "name_en", self.name_en, beside_ref=True)
        yield EnglishPair(("address",), self.address, "address_en", self.address_en, beside_ref=True)
        yield from _first_contact(self, self.contact_name_en)


# --- the case ---------------------------------------------------------------------------------------

def _date_order(later: str, earlier: str, later_ja: str, earlier_ja: str, source: str):
    """A field validator: `later` must come after `earlier` (both top-level dates)."""

    def check(value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        before = info.data.get(earlier)
        if value is not None and before is not None and value <= before:
            raise field_error(
                f"{later_ja}（{value}）が{earlier_ja}（{before}）より後になっていません。",
                f"{later} ({value}) is not after {earlier} ({before}).",
                f"日付を確かめてください（{source}）。", f"check the dates ({source}).")
        return value

    return check


class EpaEmploymentContract(CaseFile, Bilingual, title="雇用契約書（JICWELS 様式10-2、日本語版・英語版）"):
    kind: Literal["epa_employment_contract"] = Field(title="種類")
    employer: ContractEmployer = Field(
        title="雇用主", description="X. 雇用主（受入れ機関）。contacts の1人目を担当者として印刷。"
                                  "ref と並べて英語版の name_en・representative_en・contact_name_en を書く")
    facility: ContractFacility = Field(
        title="就労予定施設", description="contacts の1人目を施設の連絡先として印刷。"
                                      "ref と並べて英語版の name_en・address_en・contact_name_en を書く")
    person: EpaPerson = Field(title="就労者", description="Y. 就労者（介護福祉士候補者）")
    home_address: Text = Field(title="本国における住所")
    home_address_en: Text | None = Field(None, title="本国における住所（英語）",
                                         description="本国の住所を日本語で書いたときに英語版に印刷")
    home_phone: Phone = Field(title="電話番号", description="本国の電話番号（例: +62 22 0000 1234）")
    passport_issue_date: Date = Field(title="旅券発行日")
    passport_issue_place: Text = Field(title="旅券発行地")
    passport_issue_place_en: Text | None = Field(None, title="旅券発行地（英語）",
                                                 description="旅券発行地を日本語で書いたときに英語版に印刷")
    sending_agency: SendingAgencyCode | None = Field(
        None, title="送り出し調整機関", description="省略すると国籍から決まります（BP2MI / POEA / DOLAB）")

    contract_date: Date = Field(title="契約締結日", description="雇用主の署名日（入国前: 002:686）")
    entry_date: Date = Field(title="入国日", description="入国（予定）日")
    training_end_date: Date = Field(title="日本語研修修了日", description="訪日後日本語等研修の修了日")
    work_start_date: Date | None = Field(None, title="就労開始日", description="省略すると研修修了日の翌日")
    contract_end_date: Date | None = Field(None, title="雇用契約の終了日",
                                           description="省略すると入国日の翌日から起算して3年後の日")
    training_program_submitted: Date | None = Field(
        None, title="介護研修プログラム提出日",
        json_schema_extra=not_printed("deadline: the programme reaches JICWELS before work starts (002:1507-1525)"))

    duties: LongText = Field(title="業務内容")
    duties_en: LongText | None = Field(None, title="業務内容（英語）", description="英語版に印刷")
    base_pay: BasePay = Field(title="基本給")
    fixed_allowances: list[Allowance] = Field(default_factory=list, title="毎月固定的に支払われる手当", max_length=5)
    variable_allowances: list[Allowance] = Field(default_factory=list, title="毎月支払額が変動する手当", max_length=5)
    overtime: Overtime = Field(title="所定時間外労働")
    holiday_work: HolidayWork = Field(title="休日労働")
    night_work: NightWork = Field(title="深夜労働")
    pay_schedule: PaySchedule = Field(title="賃金の締切日、支払日、支払方法")
    pay_raise: Provision = Field(title="昇給")
    bonus: Provision = Field(title="賞与")
    retirement_allowance: Provision = Field(title="退職金")
    working_hours: WorkingHours = Field(title="労働時間、休憩")
    leave: Leave = Field(title="休暇")
    holidays: Holidays = Field(title="休日")
    extra_accident_compensation: Text | None = Field(None, title="法定外の災害補償に関する事項")
    extra_accident_compensation_en: Text | None = Field(None, title="法定外の災害補償に関する事項（英語）",
                                                        description="英語版に印刷")
    trial_period: Literal["無し"] = Field(
        "無し", title="試用期間", description="EPA では試用期間は設けない（002:692, 3755）。「無し」のみ")
    other_terms: OtherTerms = Field(default_factory=OtherTerms, title="その他")

    comparison_employee: ComparisonEmployee = Field(
        title="比較対象の日本人職員", description="同等報酬の確認用（002:344, 414）",
        json_schema_extra=not_printed("evidence for the 同等報酬 check; the contract prints clause 19 instead"))
    employer_signing: Signing = Field(default_factory=Signing, title="雇用主の署名",
                                      description="署名日（省略時は契約締結日）・署名地")
    worker_signing: Signing = Field(default_factory=Signing, title="就労者の署名")

    @field_validator("trial_period", mode="before")
    @classmethod
    def _no_trial_period(cls, value: object) -> object:
        if value in (None, "無し", "なし", "無", "none", "None", False):
            return "無し"
        raise field_error(
            f"試用期間「{value}」は設けられません。", f"a trial period ('{value}') is not allowed.",
            "EPA の雇用契約では試用期間は設けません（002:692, 3755）。trial_period を消すか「無し」にしてください。",
            "EPA contracts have no trial period (002:692, 3755): delete trial_period or write 無し.")

    @field_validator("sending_agency")
    @classmethod
    def _agency_of_the_country(cls, value: str | None, info: ValidationInfo) -> str | None:
        person = info.data.get("person")
        if person is None:
            return value
        expected = agency_code(person.nationality)
        if value is not None and value != expected:
            raise field_error(
                f"国籍「{person.nationality}」の送り出し調整機関は {expected} です（{value} ではありません）。",
                f"the sending agency for {person.nationality} is {expected}, not {value}.",
                f"sending_agency を {expected} にするか、消してください（002:709-776）。",
                f"write {expected} or delete sending_agency (002:709-776).")
        return expected

    _entry_after_contract = field_validator("entry_date")(
        _date_order("entry_date", "contract_date", "入国日", "契約締結日", "002:686 雇用契約は入国前に締結"))
    _training_after_entry = field_validator("training_end_date")(
        _date_order("training_end_date", "entry_date", "日本語研修修了日", "入国日", "002:3541"))

    @field_validator("work_start_date")
    @classmethod
    def _day_after_training(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        training_end = info.data.get("training_end_date")
        if training_end is None:
            return value
        expected = work_start_for(training_end)
        if value is not None and value != expected:
            raise field_error(
                f"就労開始日（{value}）が訪日後日本語等研修修了の翌日（{expected}）ではありません。",
                f"the work start date ({value}) is not the day after the end of training ({expected}).",
                f"雇用契約の期間は研修修了の翌日から始まります（002:3541）。{expected} にするか、消してください。",
                f"the contract term starts the day after training ends (002:3541): write {expected} or delete it.")
        return expected

    @field_validator("contract_end_date")
    @classmethod
    def _three_years_from_entry(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        entry = info.data.get("entry_date")
        if entry is None:
            return value
        expected = period_end(entry, CONTRACT_YEARS)
        if value is not None and value != expected:
            raise field_error(
                f"雇用契約の終了日（{value}）が入国日の翌日から起算して3年後の日（{expected}）ではありません。",
                f"the contract end date ({value}) is not 3 years from the day after entry ({expected}).",
                f"002:3541 により {expected} です（民法140条・143条）。{expected} にするか、消してください。",
                f"002:3541 gives {expected} (Civil Code arts. 140, 143): write it or delete the field.")
        start = info.data.get("work_start_date")
        if start is not None and expected <= start:
            raise field_error(
                f"就労開始日（{start}）が雇用契約の終了日（{expected}）より後です。",
                f"the work start date ({start}) is after the contract end date ({expected}).",
                "入国日と日本語研修修了日を確かめてください。", "check entry_date and training_end_date.")
        return expected

    @model_validator(mode="after")
    def _person_agrees_with_the_contract(self) -> EpaEmploymentContract:
        for field, label in (("entry_date", "入国日"), ("work_start_date", "就労開始年月日")):
            own, persons = getattr(self, field), getattr(self.person, field)
            if persons is not None and persons != own:
                raise field_error(
                    f"就労者の{label}（person.{field}: {persons}）が契約の{label}（{own}）と違います。",
                    f"person.{field} ({persons}) differs from the contract's {field} ({own}).",
                    "どちらかを直すか、person 側を消してください。", "correct one of them or delete the person's.")
        if not self.person.passport_number:
            raise field_error(
                "就労者の旅券番号（person.passport_number）がありません。", "person.passport_number is missing.",
                "雇用契約書の Y. 就労者 欄に旅券番号を印刷します。", "the contract prints it in block Y.")
        if not self.employer.contacts or not self.facility.contacts:
            raise field_error(
                "受入れ機関担当者または就労予定施設の連絡先（contacts）がありません。",
                "the employer's or the facility's contact (contacts) is missing.",
                "employer.contacts と facility.contacts に1人ずつ書いてください（X. 雇用主 欄）。",
                "give one contact each in employer.contacts and facility.contacts (block X).")
        return self

    # --- computed values the templates and the requirement checks use ---

    @computed_field(title="更新後の終了日")
    @property
    def renewal_end_date(self) -> dt.date:
        """入国日の翌日から起算して4年後の日 (002:3543, 3815)."""
        return period_end(self.entry_date, RENEWAL_YEARS)

    @computed_field(title="国別の文言")
    @property
    def country(self) -> dict[str, str]:
        return COUNTRIES[self.person.nationality]

    @computed_field(title="就労者の月額報酬（基本給＋固定手当）")
    @property
    def candidate_monthly_pay(self) -> int | None:
        """Base pay plus the fixed monthly allowances, for a monthly base (同等報酬, 002:344); else None."""
        if self.base_pay.basis not in MONTHLY_BASES:
            return None
        return self.base_pay.amount + sum(a.amount or 0 for a in self.fixed_allowances)
