"""EPA facility and contract requirements (seed 002_e5f9a0dfd8ef1d48.txt: 279-310, 339-344, 414-433,
437, 692, 1503, 2174-2197, 2606, 2623, 3175, 3755, 4038-4039, 4109).

Each rule is a row of REQUIREMENTS; its test yields a Violation per offending facility or field.
Cases are pydantic models of schemas/epa_job_offer.py, epa_employment_contract.py and
epa_annual_report.py; the rule functions only read attributes, so tests may pass stand-ins.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from generator.checks import Requirement, Violation
from generator.messages import Msg
from schemas.epa_employment_contract import MONTHLY_BASES

SEED = "002_e5f9a0dfd8ef1d48.txt"
MIN_CAPACITY = 30  # 002:281, 339
CERTIFIED_SHARE = Fraction(4, 10)  # 4割 (002:285, recorded in 割 at 2606)
MIN_CARE_YEARS = 5  # 002:296, 1503
PER_COUNTRY_MIN, PER_COUNTRY_MAX = 2, 5  # 002:425


def cite(*lines: str) -> str:
    return f"{SEED}:{', '.join(lines)}"


def type_major(code: str | None) -> int | None:
    """The facility kind 1-15 of a JICWELS type code "3-1" (002:319-337)."""
    if not code:
        return None
    head = str(code).split("-")[0]
    return int(head) if head.isdigit() else None


def job_offer_facilities(case) -> Iterator[tuple[tuple, Any]]:
    for index, facility in enumerate(getattr(case, "facilities", []) or []):
        yield ("facilities", index), facility


def job_offer_facilities_of_kinds(case, kinds: range) -> Iterator[tuple[tuple, Any]]:
    """The job offer's facilities whose kind (the type code's head, 002:319-337) is in `kinds`."""
    for path, facility in job_offer_facilities(case):
        if type_major(facility.type_code) in kinds:
            yield path, facility


# --- facility type and 定員 ----------------------------------------------------------------------------

def unknown_type_code(case) -> Iterable[Violation]:
    for path, facility in job_offer_facilities(case):
        major = type_major(facility.type_code)
        if major is None or not 1 <= major <= 15:
            yield Violation(path + ("type_code",), Msg(
                f"「{facility.name}」の種別コード「{facility.type_code}」は受入れ施設の種別（1～15）にありません"
                f"（{cite('319-337')}）。",
                f"'{facility.name}': type code {facility.type_code} is not a facility kind 1-15 ({cite('319-337')})."))


def capacity_below_30(case) -> Iterable[Violation]:
    """Types 1-5: 定員 30 or more; 指定介護療養型医療施設: 介護保険の指定を受けた病床数 30 or more (002:281, 339)."""
    for path, facility in job_offer_facilities_of_kinds(case, range(1, 6)):
        beds = getattr(facility, "insured_beds", None)
        counted, label, field = ((beds, "介護保険の指定を受けた病床数", "insured_beds") if beds is not None
                                 else (facility.capacity, "入所定員数", "capacity"))
        if counted < MIN_CAPACITY:
            yield Violation(path + (field,), Msg(
                f"「{facility.name}」（種別コード{facility.type_code}）の{label}が{counted}人です。"
                f"種別1～5の施設は30名以上が必要です（{cite('281', '339')}）。",
                f"'{facility.name}' (type {facility.type_code}): {label} is {counted}; kinds 1-5 need 30 or more "
                f"({cite('281', '339')})."))


def main_facility_below_30(case) -> Iterable[Violation]:
    """Types 6-9 (サテライト型): the 本体施設's 定員 30 or more (002:281, 339)."""
    for path, facility in job_offer_facilities_of_kinds(case, range(6, 10)):
        main = getattr(facility, "main_facility", None)
        if main is None:
            yield Violation(path + ("main_facility",), Msg(
                f"「{facility.name}」（種別コード{facility.type_code}）はサテライト型施設です。本体施設（main_facility）と"
                f"その入所定員数を書いてください（{cite('281', '339')}）。",
                f"'{facility.name}' (type {facility.type_code}) is a satellite facility: give main_facility with its "
                f"capacity ({cite('281', '339')})."))
        elif main.capacity < MIN_CAPACITY:
            yield Violation(path + ("main_facility", "capacity"), Msg(
                f"「{facility.name}」の本体施設「{main.name}」の入所定員数が{main.capacity}人です。種別6～9の施設は"
                f"本体施設の定員が30名以上必要です（{cite('281', '339')}）。",
                f"'{facility.name}': its main facility '{main.name}' has capacity {main.capacity}; kinds 6-9 need "
                f"a main facility of 30 or more ({cite('281', '339')})."))


def day_service_without_residential_site(case) -> Iterable[Violation]:
    """Types 10-15: only run together on the site of a type 1-9 facility (002:281, 339)."""
    for path, facility in job_offer_facilities_of_kinds(case, range(10, 16)):
        site = getattr(facility, "same_site_facility", None)
        site_major = type_major(site.type_code) if site else None
        if site_major is None or not 1 <= site_major <= 9:
            shown = f"（今は「{site.name}」種別コード{site.type_code}）" if site else ""
            yield Violation(path + ("same_site_facility",), Msg(
                f"「{facility.name}」（種別コード{facility.type_code}）は、種別1～9の介護施設と同一敷地内で一体的に"
                f"運営されている場合に限り受入れ施設になれます{shown}。same_site_facility にその施設を書いてください"
                f"（{cite('281', '339')}）。",
                f"'{facility.name}' (type {facility.type_code}) qualifies only when run together with a kind 1-9 "
                f"facility on the same site: give it as same_site_facility ({cite('281', '339')})."))


# --- staff ---------------------------------------------------------------------------------------------

def certified_share_shortfall(name: str, fulltime: int, certified: int) -> Msg | None:
    if fulltime and Fraction(certified, fulltime) >= CERTIFIED_SHARE:
        return None
    share = f"{certified * 100 / fulltime:.1f}%" if fulltime else "0%"
    needed = -(-fulltime * 4 // 10)  # ceil(40%)
    return Msg(
        f"「{name}」の常勤介護職員{fulltime}人のうち介護福祉士は{certified}人（{share}）です。4割以上"
        f"（{needed}人以上）が必要です（{cite('285', '2606')}）。",
        f"'{name}': {certified} of {fulltime} full-time care staff ({share}) are 介護福祉士; 40% "
        f"({needed} or more) are required ({cite('285', '2606')}).")


def too_few_certified_job_offer(case) -> Iterable[Violation]:
    for path, facility in job_offer_facilities(case):
        message = certified_share_shortfall(facility.name, facility.fulltime_care_staff, facility.certified_care_workers)
        if message:
            yield Violation(path + ("certified_care_workers",), message)


def too_few_certified_annual_report(case) -> Iterable[Violation]:
    status = case.facility_status
    message = certified_share_shortfall(case.facility.name, status.care_staff_fulltime,
                                        status.care_staff_fulltime_certified)
    if message:
        yield Violation(("facility_status", "care_staff_fulltime_certified"), message)


def capacity_below_30_annual_report(case) -> Iterable[Violation]:
    major = type_major(getattr(case.facility, "type_code", None))
    status = case.facility_status
    if major not in range(1, 6):
        return
    beds = status.long_term_care_beds
    counted = beds if beds is not None else status.capacity
    if counted < MIN_CAPACITY:
        yield Violation(("facility_status", "long_term_care_beds" if beds is not None else "capacity"), Msg(
            f"「{case.facility.name}」の定員が{counted}人です。種別1～5の施設は30名以上が必要です（{cite('281', '339')}）。",
            f"'{case.facility.name}': capacity {counted}; kinds 1-5 need 30 or more ({cite('281', '339')})."))


# --- 研修責任者 ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingManager:
    """What the rule needs to know of a 研修責任者, whatever schema recorded it."""

    name: str
    certified_care_worker: bool
    care_work_years: float
    instructor_course_completed: bool | None  # None: not recorded anywhere


def manager_from_job_offer(training) -> TrainingManager:
    """From 介護研修計画書 4-2 (資格) and 研修責任者職歴証明書 6-2 (登録年月日, 職歴の合計) of the job offer."""
    career = training.responsible_career
    qualification = training.care_plan.responsible.qualification or ""
    return TrainingManager(
        name=career.name,
        certified_care_worker="介護福祉士" in qualification and career.registration_date is not None,
        care_work_years=career.total_months / 12,
        instructor_course_completed=None,
    )


def training_manager_shortfall(manager: TrainingManager) -> Msg | None:
    """介護福祉士 AND (5年以上の介護業務 OR 介護福祉士実習指導者講習会修了) (002:296, 1503)."""
    if not manager.certified_care_worker:
        return Msg(f"研修責任者「{manager.name}」が介護福祉士ではありません。研修責任者は介護福祉士の資格が必要です"
                   f"（{cite('296', '1503')}）。",
                   f"the training manager '{manager.name}' is not a 介護福祉士, which is required "
                   f"({cite('296', '1503')}).")
    if manager.care_work_years >= MIN_CARE_YEARS or manager.instructor_course_completed:
        return None
    course = ("実習指導者講習会を修了している場合は、修了証を添えて exceptions に EPA-TRAINING-MANAGER と理由を書いてください"
              if manager.instructor_course_completed is None else "実習指導者講習会も未修了です")
    return Msg(f"研修責任者「{manager.name}」の介護業務の職歴が{manager.care_work_years:.1f}年で、5年に足りません。"
               f"{course}（{cite('296', '1503')}）。",
               f"the training manager '{manager.name}' has {manager.care_work_years:.1f} years of care work, under 5; "
               f"the 実習指導者講習会 would also qualify ({cite('296', '1503')}).")


def training_managers(case) -> Iterator[tuple[tuple, TrainingManager]]:
    """The job offer's facilities with their training documents (schemas/epa_training_plan.py).

    The annual report's training_manager has only a free-text career and is not checked.
    """
    for path, facility in job_offer_facilities(case):
        training = getattr(facility, "training", None)
        if training is not None:
            yield path + ("training", "responsible_career"), manager_from_job_offer(training)


def unqualified_training_manager(case) -> Iterable[Violation]:
    for path, manager in training_managers(case):
        message = training_manager_shortfall(manager)
        if message:
            yield Violation(path, message)


def facility_without_training_documents(case) -> Iterable[Violation]:
    """Every 受入れ施設 files its 介護研修計画書 and 研修実施体制説明書 (002:437, 3175): none may be left out."""
    for path, facility in job_offer_facilities(case):
        if getattr(facility, "training", None) is None:
            yield Violation(path + ("training",), Msg(
                f"「{facility.name}」の研修の書類（training: 介護研修計画書 4-2・研修実施体制説明書 5・研修責任者職歴証明書 6-2）"
                f"がありません。求人登録では全受入れ施設について作成・提出します（{cite('437', '3175')}）。"
                "内容が同じなら、ほかの施設と同じ parties ファイルを ref で参照できます（書類は施設ごとに作られます）。",
                f"'{facility.name}' has no training documents (training: 4-2, 5, 6-2); the job registration needs "
                f"them for every facility ({cite('437', '3175')}). A facility may reference the same parties file "
                "as another (the documents are still made per facility)."))


# --- 求人申込手数料 ------------------------------------------------------------------------------------------

CONSUMPTION_TAX = Fraction(110, 100)  # 消費税法29条・地方税法72条の83: 10% in all (the seed's fees are 税別)


def fee_disagrees_with_the_table(case) -> Iterable[Violation]:
    """The fee recorded in `fees:` is the one the fee table gives (002:2174, 2185-2197, 2503-2508)."""
    expected = getattr(case, "application_fee_total", None)
    if expected is None:
        return
    with_tax = expected * CONSUMPTION_TAX
    for index, fee in enumerate(getattr(case, "fees", []) or []):
        if "求人申込手数料" not in fee.name or fee.amount is None or fee.amount in (expected, with_tax):
            continue
        breakdown = "、".join(f"{f.name} {len(f.countries)}か国・{'新規' if f.new_facility else '既受入れ'} "
                             f"{f.application_fee:,}円" for f in case.facilities)
        yield Violation(("fees", index, "amount"), Msg(
            f"「{fee.name}」の金額 {fee.amount:,}円が、手数料表から計算した額（税別 {expected:,}円、税込 "
            f"{int(with_tax):,}円）と合いません。内訳（税別）: {breakdown}（{cite('2174', '2185-2197', '2503-2508')}）。",
            f"'{fee.name}' {fee.amount:,} yen differs from the fee table's {expected:,} yen before tax "
            f"({int(with_tax):,} yen with tax); per facility: {breakdown} ({cite('2174', '2185-2197', '2503-2508')})."))


# --- the annual report: 研修年次 and 就業日数 from the dates ---------------------------------------------------

def annual_candidates(case) -> Iterator[tuple[tuple, Any]]:
    for index, candidate in enumerate(getattr(case, "candidates", []) or []):
        yield ("candidates", index), candidate


def training_year_disagrees(case) -> Iterable[Violation]:
    """研修年次 (4109, 4127) is the n-th year since the work start date, on the status date (1月1日: 2013)."""
    if case.qualified:
        return
    for path, candidate in annual_candidates(case):
        derived = candidate.derived_training_year
        if candidate.training_year is not None and derived is not None and candidate.training_year != derived:
            yield Violation(path + ("training_year",), Msg(
                f"{candidate.person.name}の研修年次が{candidate.training_year}年目になっていますが、就労開始年月日"
                f"（{candidate.person.work_start_date}）から{case.status_date}までは{derived}年目です"
                f"（{cite('2013', '4109')}）。training_year を消すと計算した年次を印刷します。",
                f"{candidate.person.name}: 研修年次 {candidate.training_year}, but the work start date "
                f"({candidate.person.work_start_date}) gives year {derived} on {case.status_date}: delete training_year "
                "to print the computed one."))


def working_days_beyond_the_calendar(case) -> Iterable[Violation]:
    """就業日数 (4039) cannot exceed the days from the work start date to the status date; nor can work
    start after it."""
    for path, candidate in annual_candidates(case):
        days = candidate.days_in_work
        if days is None:
            continue
        if days < 1:
            yield Violation(path + ("person", "work_start_date"), Msg(
                f"{candidate.person.name}の就労開始年月日（{candidate.person.work_start_date}）が報告の基準日"
                f"（{case.status_date}）より後です。基準日に就労していない人は報告に含めません（{cite('2013')}）。",
                f"{candidate.person.name} starts work after the status date ({case.status_date})."))
        elif candidate.working_days > days:
            yield Violation(path + ("working_days",), Msg(
                f"{candidate.person.name}の就業日数 {candidate.working_days:,}日が、就労開始年月日"
                f"（{candidate.person.work_start_date}）から{case.status_date}までの暦日数 {days:,}日を超えています"
                f"（{cite('4039')}）。",
                f"{candidate.person.name}: {candidate.working_days:,} working days, but only {days:,} calendar days "
                f"passed from {candidate.person.work_start_date} to {case.status_date} ({cite('4039')})."))


# --- the contract --------------------------------------------------------------------------------------

def pay_below_japanese_colleague(case) -> Iterable[Violation]:
    """同等報酬: the candidate's pay ≥ the Japanese 介護職員's in the same job (002:301, 344, 414)."""
    other = getattr(case, "comparison_employee", None)
    if other is None:
        return
    if case.base_pay.basis in MONTHLY_BASES and case.base_pay.amount < other.monthly_base_pay:
        yield Violation(("base_pay", "amount"), Msg(
            f"基本給（{case.base_pay.amount:,}円）が比較対象の日本人職員「{other.title}」の基本給"
            f"（{other.monthly_base_pay:,}円）より低く、同等報酬の要件を満たしません（{cite('301', '344', '414')}）。",
            f"the base pay ({case.base_pay.amount:,} yen) is below the Japanese colleague's "
            f"({other.monthly_base_pay:,} yen): equal pay is required ({cite('301', '344', '414')})."))
    total = case.candidate_monthly_pay
    if total is not None and total < other.monthly_pay:
        yield Violation(("fixed_allowances",), Msg(
            f"基本給と固定手当の月額（{total:,}円）が比較対象の日本人職員「{other.title}」の月額"
            f"（{other.monthly_pay:,}円）より低く、同等報酬の要件を満たしません（{cite('301', '344', '414')}）。",
            f"base pay plus fixed allowances ({total:,} yen) is below the Japanese colleague's "
            f"({other.monthly_pay:,} yen): equal pay is required ({cite('301', '344', '414')})."))


def pay_not_comparable(case) -> Iterable[Violation]:
    if getattr(case, "comparison_employee", None) is not None and case.base_pay.basis not in MONTHLY_BASES:
        yield Violation(("base_pay", "basis"), Msg(
            f"基本給が{case.base_pay.basis}のため、日本人職員の月額との比較（同等報酬）を自動で確かめられません。"
            f"月額に換算して確かめてください（{cite('344', '414')}）。",
            f"the base pay is {case.base_pay.basis}: formgen cannot compare it with the colleague's monthly pay; "
            f"check the monthly equivalent ({cite('344', '414')})."))


def trial_period_set(case) -> Iterable[Violation]:
    """No trial period (002:692, 2623, 3755)."""
    def has_trial(value) -> bool:
        return value not in (None, False, "無し")

    if has_trial(getattr(case, "trial_period", None)):
        yield Violation(("trial_period",), Msg(
            f"試用期間は設けられません（{cite('692', '2623', '3755')}）。",
            f"no trial period is allowed ({cite('692', '2623', '3755')})."))
    for path, facility in job_offer_facilities(case):
        if has_trial(getattr(facility, "trial_period", None)):
            yield Violation(path + ("trial_period",), Msg(
                f"「{facility.name}」に試用期間があります。EPA 候補者には試用期間を設けません（求人票は「試用期間 無し」"
                f"と印刷されます。{cite('692', '2623', '3755')}）。",
                f"'{facility.name}' has a trial period; EPA candidates get none ({cite('692', '2623', '3755')})."))


# --- how many candidates ------------------------------------------------------------------------------

def requested_count_out_of_range(case) -> Iterable[Violation]:
    """2-5 per country per facility per year; 1 only in the cases of 002:427-433 (single_acceptance_facility)."""
    for path, facility in job_offer_facilities(case):
        countries = max(len(facility.countries), 1)
        count = facility.requested_count
        single_allowed = count == 1 and countries == 1 and getattr(facility, "single_acceptance_facility", None)
        if count > PER_COUNTRY_MAX * countries:
            yield Violation(path + ("requested_count",), Msg(
                f"「{facility.name}」の受入れ希望人数{count}人は、1か国につき5名以下（{countries}か国で"
                f"{PER_COUNTRY_MAX * countries}名以下）を超えています（{cite('425')}）。",
                f"'{facility.name}': {count} requested exceeds 5 per country ({PER_COUNTRY_MAX * countries} for "
                f"{countries}) ({cite('425')})."))
        elif count < PER_COUNTRY_MIN and not single_allowed:
            yield Violation(path + ("requested_count",), Msg(
                f"「{facility.name}」の受入れ希望人数{count}人は、1か国につき2名以上に足りません。1名のみの受入れは、"
                f"同国出身の候補者・EPA介護福祉士が就労している施設などの場合に限られ、その施設を "
                f"single_acceptance_facility に書きます（{cite('425', '427-433')}）。",
                f"'{facility.name}': {count} requested is below 2 per country; one only in the cases of "
                f"{cite('427-433')}, naming the facility in single_acceptance_facility."))


def per_country_split_unclear(case) -> Iterable[Violation]:
    """With several countries the form gives one total: below 2 per country it cannot be right for all."""
    for path, facility in job_offer_facilities(case):
        countries = len(facility.countries)
        count = facility.requested_count
        if countries > 1 and PER_COUNTRY_MIN <= count < PER_COUNTRY_MIN * countries:
            yield Violation(path + ("requested_count",), Msg(
                f"「{facility.name}」は{countries}か国（{'・'.join(facility.countries)}）に求人登録し、受入れ希望人数は"
                f"{count}人です。1か国につき2名以上（{PER_COUNTRY_MIN * countries}名以上）の原則に合うか、国ごとの内訳を"
                f"確かめてください（{cite('425', '427-433')}）。",
                f"'{facility.name}' registers {countries} countries for {count} candidates: check that each country "
                f"gets 2 or more ({cite('425', '427-433')})."))


def single_candidate_reminder(case) -> Iterable[Violation]:
    for path, facility in job_offer_facilities(case):
        if facility.requested_count == 1 and getattr(facility, "single_acceptance_facility", None):
            yield Violation(path + ("single_acceptance_facility",), Msg(
                f"「{facility.name}」は1名のみの受入れです。候補者のメンタルヘルスケアのため、"
                f"「{facility.single_acceptance_facility.name}」の同国出身者と交流できる研修計画にしてください"
                f"（{cite('427-431')}）。",
                f"'{facility.name}' requests one candidate: plan exchanges with the compatriots at "
                f"'{facility.single_acceptance_facility.name}' ({cite('427-431')})."))


JOB_OFFER = ("epa_job_offer",)
CONTRACT = ("epa_employment_contract",)
ANNUAL = ("epa_annual_report",)

REQUIREMENTS = [
    Requirement("EPA-FAC-TYPE", JOB_OFFER, "error", cite("319-337"),
                Msg("受入れ施設は種別1～15の介護施設であること（種別コードを確かめてください）",
                    "the facility is one of the kinds 1-15 (check its type code)"), unknown_type_code),
    Requirement("EPA-FAC-CAPACITY", JOB_OFFER, "error", cite("281", "339"),
                Msg("種別1～5の施設は定員30名以上（指定介護療養型医療施設は指定病床数30床以上）",
                    "kinds 1-5: capacity 30 or more (insured beds for 介護療養型)"), capacity_below_30),
    Requirement("EPA-FAC-MAIN-CAPACITY", JOB_OFFER, "error", cite("281", "339"),
                Msg("種別6～9の施設は本体施設の定員が30名以上", "kinds 6-9: the main facility has 30 or more"),
                main_facility_below_30),
    Requirement("EPA-FAC-SAME-SITE", JOB_OFFER, "error", cite("281", "339"),
                Msg("種別10～15の施設は種別1～9の介護施設と同一敷地内で一体的に運営されていること",
                    "kinds 10-15: run together with a kind 1-9 facility on the same site"),
                day_service_without_residential_site),
    Requirement("EPA-FAC-CERTIFIED-SHARE", JOB_OFFER, "error", cite("285", "2606"),
                Msg("常勤介護職員の4割以上が介護福祉士であること（介護福祉士の採用か、人数の見直しを）",
                    "40% or more of full-time care staff are 介護福祉士"), too_few_certified_job_offer),
    Requirement("EPA-FAC-CERTIFIED-SHARE-REPORT", ANNUAL, "warning", cite("285"),
                Msg("常勤介護職員の4割以上が介護福祉士であること（受入れ要件。報告はそのまま提出し、体制を改善してください）",
                    "40% or more of full-time care staff are 介護福祉士 (file the report; fix the staffing)"),
                too_few_certified_annual_report),
    Requirement("EPA-FAC-CAPACITY-REPORT", ANNUAL, "warning", cite("281", "339"),
                Msg("種別1～5の施設は定員30名以上（受入れ要件。報告はそのまま提出してください）",
                    "kinds 1-5: capacity 30 or more (file the report anyway)"), capacity_below_30_annual_report),
    Requirement("EPA-TRAINING-DOCS", JOB_OFFER, "error", cite("437", "3175"),
                Msg("全受入れ施設について介護研修計画書（4-2）・研修実施体制説明書（5）を作成・提出すること（施設ごとに training:）",
                    "every facility files its 4-2 and 5 (training: per facility)"),
                facility_without_training_documents),
    Requirement("EPA-FEE-AMOUNT", JOB_OFFER, "error", cite("2174", "2185-2197", "2503-2508"),
                Msg("fees: の求人申込手数料は、受入れ施設ごとの手数料表の額の合計（税別、または消費税10%込み）であること",
                    "the 求人申込手数料 in fees: is the sum of the fee table per facility (before tax, or with 10% tax)"),
                fee_disagrees_with_the_table),
    Requirement("EPA-REPORT-TRAINING-YEAR", ANNUAL, "error", cite("2013", "4109", "4127"),
                Msg("研修年次は就労開始年月日から1月1日現在で数えた年次（training_year を書くならそれと一致させる）",
                    "研修年次 is the year of work on 1 January, counted from the work start date"),
                training_year_disagrees),
    Requirement("EPA-REPORT-WORKING-DAYS", ANNUAL, "error", cite("2013", "4039"),
                Msg("就業日数は就労開始年月日から報告の基準日までの暦日数以下（就労開始は基準日以前）",
                    "working days do not exceed the calendar days from the work start date to the status date"),
                working_days_beyond_the_calendar),
    Requirement("EPA-TRAINING-MANAGER", JOB_OFFER, "error", cite("296", "1503"),
                Msg("研修責任者は介護福祉士で、5年以上の介護業務経験があるか介護福祉士実習指導者講習会を修了していること",
                    "the training manager is a 介護福祉士 with 5 years of care work or the 実習指導者講習会"),
                unqualified_training_manager),
    Requirement("EPA-EQUAL-PAY", CONTRACT, "error", cite("301", "344", "414"),
                Msg("同様の職務に従事する日本人介護職員と同等額以上の報酬（給与規程は候補者にも同様に適用）",
                    "pay at least equal to the Japanese care worker in the same job"), pay_below_japanese_colleague),
    Requirement("EPA-EQUAL-PAY-UNCHECKED", CONTRACT, "warning", cite("344", "414"),
                Msg("月給以外の基本給は月額に換算して同等報酬を確かめること",
                    "convert a non-monthly base pay to check equal pay"), pay_not_comparable),
    Requirement("EPA-NO-TRIAL", JOB_OFFER + CONTRACT, "error", cite("692", "2623", "3755"),
                Msg("試用期間は設けないこと", "no trial period"), trial_period_set),
    Requirement("EPA-COUNT-RANGE", JOB_OFFER, "error", cite("425", "427-433"),
                Msg("受入れ人数は1か国につき1施設1年間2名以上5名以下（1名は427-433行の場合のみ）",
                    "2 to 5 candidates per country per facility per year (1 only in the cases of 427-433)"),
                requested_count_out_of_range),
    Requirement("EPA-COUNT-PER-COUNTRY", JOB_OFFER, "warning", cite("425"),
                Msg("1か国につき2名以上: 複数国に求人登録するときは国ごとの内訳を確かめること",
                    "2 or more per country: check the split when registering several countries"),
                per_country_split_unclear),
    Requirement("EPA-COUNT-SINGLE", JOB_OFFER, "warning", cite("427-431"),
                Msg("1名受入れでは同国出身者と交流できる研修計画を立てること",
                    "with a single candidate, plan exchanges with compatriots"), single_candidate_reminder),
]
