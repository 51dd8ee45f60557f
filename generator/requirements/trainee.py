"""研修 (Trainee) requirements, seed 004_53cd4697b4ebe2ed.txt:9-36 and 51.

Age follows the 年齢計算ニ関スル法律 and 民法143条: a person becomes a year older at the end of the day
before the birthday; born on 2月29日, at the end of 2月28日 in common years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.checks import Requirement, Violation
from generator.deadlines.calendar import add_months
from generator.messages import Msg

SEED = "004_53cd4697b4ebe2ed.txt"
MIN_AGE = 18  # 004:11
MIN_INSTRUCTOR_YEARS = 5  # 004:13
PRACTICAL_TRAINEE_SHARE = 20  # trainees ≤ 1/20 of 常勤職員 (004:17)
AGRICULTURE_LIMIT = 2  # 004:27
OVERSEAS_MIN_HOURS = 160  # 004:51
OVERSEAS_WINDOW_MONTHS = 6  # 004:51

ONE_DAY = dt.timedelta(days=1)


def cite(*lines: str) -> str:
    return f"{SEED}:{', '.join(lines)}"


# --- calendar --------------------------------------------------------------------------------------

def older_after(birth: dt.date, years: int) -> dt.date:
    """The day at whose end the person reaches `years` (年齢計算ニ関スル法律, 民法143条)."""
    year = birth.year + years
    try:
        return dt.date(year, birth.month, birth.day) - ONE_DAY
    except ValueError:  # born 2月29日, a common year: the month's last day ends the period
        return dt.date(year, 2, 28)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years at the start of `day`."""
    years = day.year - birth.year
    return years if older_after(birth, years) < day else years - 1


def one_month_from(start: dt.date) -> dt.date:
    """Last day of a one-month period that starts on (and counts) `start` (民法143条)."""
    corresponding = add_months(start, 1)
    return corresponding - ONE_DAY if corresponding.day == start.day else corresponding


def notice_training_limit(fulltime_staff: int, agriculture: bool) -> int:
    """6の2 ロ: the staff-size table (004:28-33); an agricultural body: 2 (004:27)."""
    if agriculture:
        return AGRICULTURE_LIMIT
    if fulltime_staff >= 301:
        return fulltime_staff // 20
    for floor, limit in ((201, 15), (101, 10), (51, 6)):
        if fulltime_staff >= floor:
            return limit
    return 3


# --- rules -----------------------------------------------------------------------------------------

def under_18_at_entry(case) -> Iterable[Violation]:
    entry = case.planned_entry_date or case.entry_date
    age = age_on(case.person.birth_date, entry)
    if age < MIN_AGE:
        turns = older_after(case.person.birth_date, MIN_AGE) + ONE_DAY
        field = "planned_entry_date" if case.planned_entry_date else "entry_date"
        yield Violation((field,), Msg(
            f"入国（予定）日 {entry} に申請人は{age}歳です。研修は18歳以上が要件です（{turns} から18歳）"
            f"（{cite('11')}）。",
            f"on the entry date {entry} the applicant is {age}; trainees must be 18 or older (18 from {turns}) "
            f"({cite('11')})."))


def instructor_not_qualified(case) -> Iterable[Violation]:
    instructor = case.instructor
    if not instructor.fulltime:
        yield Violation(("instructor", "fulltime"), Msg(
            f"研修指導員「{instructor.name}」が常勤の職員ではありません。研修は受入れ機関の常勤の職員の指導の下で行います"
            f"（{cite('13')}）。",
            f"the instructor '{instructor.name}' is not a full-time employee of the host ({cite('13')})."))
    if instructor.years_experience < MIN_INSTRUCTOR_YEARS:
        yield Violation(("instructor", "years_experience"), Msg(
            f"研修指導員「{instructor.name}」の経験が{instructor.years_experience:g}年です。修得させる技能等について"
            f"5年以上の経験が必要です（{cite('13')}）。",
            f"the instructor '{instructor.name}' has {instructor.years_experience:g} years; 5 or more are required "
            f"({cite('13')})."))


def practical_training_applies(case) -> bool:
    """5号 applies with 実務研修, except for 6の2 training and public hosts (004:14)."""
    return case.training.practical_hours > 0 and not case.training.notice_training and not case.public_body


def too_many_trainees_for_practical(case) -> Iterable[Violation]:
    if not practical_training_applies(case):
        return
    if case.trainees_total * PRACTICAL_TRAINEE_SHARE > case.fulltime_staff:
        limit = case.fulltime_staff // PRACTICAL_TRAINEE_SHARE
        yield Violation(("trainees_total",), Msg(
            f"実務研修を含む研修で、研修生{case.trainees_total}人（申請人を含む）は常勤の職員{case.fulltime_staff}人の"
            f"20分の1（{limit}人）を超えています（{cite('14', '17')}）。",
            f"with 実務研修, {case.trainees_total} trainees exceed 1/20 of the {case.fulltime_staff} full-time staff "
            f"({limit}) ({cite('14', '17')})."))


def practical_hours_over_two_thirds(case) -> Iterable[Violation]:
    training = case.training
    if training.practical_hours and training.practical_hours * 3 > training.total_hours * 2:
        yield Violation(("training", "practical_hours"), Msg(
            f"実務研修の時間（{training.practical_hours}時間）が研修時間全体（{training.total_hours}時間）の3分の2"
            f"（{training.total_hours * 2 // 3}時間）を超えています（{cite('34')}）。",
            f"practical training ({training.practical_hours} h) exceeds 2/3 of all training "
            f"({training.total_hours} h) ({cite('34')})."))


def too_many_trainees_for_notice_training(case) -> Iterable[Violation]:
    if not case.training.notice_training:
        return
    limit = min(notice_training_limit(case.fulltime_staff, case.agriculture), case.fulltime_staff)
    if case.trainees_total > limit:
        basis = ("農業を営む機関は2人以内" if case.agriculture
                 else f"常勤の職員{case.fulltime_staff}人の機関は{limit}人以内")
        yield Violation(("trainees_total",), Msg(
            f"告示で定める研修（6の2）で、研修生{case.trainees_total}人（申請人を含む）は上限を超えています: {basis}"
            f"（{cite('25-33')}）。",
            f"notice training (6の2): {case.trainees_total} trainees exceed the limit of {limit} ({cite('25-33')})."))


def overseas_training_not_countable(case) -> Iterable[Violation]:
    """本邦外研修 counts only: 非実務, ≥ 1 month, ≥ 160 hours, within 6 months before entry (004:51)."""
    overseas = case.overseas_training
    if overseas is None:
        return
    entry = case.planned_entry_date or case.entry_date
    window_start = add_months(entry, -OVERSEAS_WINDOW_MONTHS)
    reasons = []
    if not overseas.non_practical:
        reasons.append(Msg("非実務研修ではない", "it is not non-practical training"))
    if overseas.end_date < one_month_from(overseas.start_date):
        reasons.append(Msg(f"期間が1か月未満（{overseas.start_date}～{overseas.end_date}）",
                           f"it lasted less than a month ({overseas.start_date} to {overseas.end_date})"))
    if overseas.hours < OVERSEAS_MIN_HOURS:
        reasons.append(Msg(f"研修時間が{overseas.hours}時間（160時間未満）", f"{overseas.hours} hours (under 160)"))
    if overseas.start_date < window_start or overseas.end_date >= entry:
        reasons.append(Msg(f"入国予定日 {entry} 前6か月以内（{window_start} 以降）に収まっていない",
                           f"it is not within the 6 months before entry ({window_start} onwards)"))
    if reasons:
        yield Violation(("overseas_training",), Msg(
            f"本邦外で実施した研修は次の理由で事前研修として数えられません: {'、'.join(r.ja for r in reasons)}"
            f"（{cite('51')}）。",
            f"the overseas training does not count: {'; '.join(r.en for r in reasons)} ({cite('51')})."))


KINDS = ("trainee",)

REQUIREMENTS = [
    Requirement("TRN-AGE", KINDS, "error", cite("11"),
                Msg("申請人が18歳以上であること（入国日に、年齢計算ニ関スル法律による年齢で）",
                    "the applicant is 18 or older on entry"), under_18_at_entry),
    Requirement("TRN-INSTRUCTOR", KINDS, "error", cite("13"),
                Msg("研修指導員は受入れ機関の常勤の職員で、修得させる技能等について5年以上の経験を有すること",
                    "the instructor is a full-time employee with 5 years or more in the skill"),
                instructor_not_qualified),
    Requirement("TRN-PRACTICAL-SHARE", KINDS, "error", cite("14", "17"),
                Msg("実務研修を含む場合、研修生（申請人を含む）は常勤の職員の総数の20分の1以内",
                    "with 実務研修, trainees are at most 1/20 of the full-time staff"),
                too_many_trainees_for_practical),
    Requirement("TRN-PRACTICAL-HOURS", KINDS, "error", cite("34"),
                Msg("実務研修の時間は本邦における研修時間全体の3分の2以下",
                    "実務研修 is at most 2/3 of the training hours in Japan"), practical_hours_over_two_thirds),
    Requirement("TRN-NOTICE-LIMIT", KINDS, "error", cite("25-33"),
                Msg("告示で定める研修（6の2）: 研修生は常勤の職員の総数以下で、規模別の上限（301人以上: 20分の1、"
                    "201-300人: 15人、101-200人: 10人、51-100人: 6人、50人以下: 3人、農業: 2人）以内",
                    "notice training: trainees within the staff-size table (agriculture: 2)"),
                too_many_trainees_for_notice_training),
    Requirement("TRN-OVERSEAS", KINDS, "warning", cite("51"),
                Msg("本邦外研修は入国予定日前6か月以内に1か月以上・160時間以上実施された非実務研修のみ該当",
                    "overseas training counts only if non-practical, ≥ 1 month and ≥ 160 h within 6 months before "
                    "entry"), overseas_training_not_countable),
]
