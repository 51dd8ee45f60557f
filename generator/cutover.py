"""技能実習 ends on 2027-04-01: the dates of the cutover to 育成就労 and what they allow (law after the seeds).

育成就労制度 replaces 技能実習 from 2027-04-01 (令和6年法律第60号; the date fixed by Cabinet decision on
2025-09-26). The transitional measures (出入国在留管理庁・厚生労働省「育成就労制度の施行に伴う技能実習の
経過措置について」, docs/sources.md):

- 技能実習 being carried out on 2027-04-01 under a certified plan continues, and moves on to the next
  stage (1号 → 2号, 2号 → 3号) on a plan certified later; so does a stage begun under the measures below
  (formgen's reading: the measures let such interns finish 2号; 3号 is then barred by the 1-year rule);
- a plan applied for by 2027-03-31 may still be certified later, but only with an 実習開始日 on or before
  2027-06-30 (entry, in principle, by that date); no new plan can be applied for from 2027-04-01;
- a move to 技能実習3号 needs at least one year of 2号 activity as of 2027-04-01, counted from the
  在留資格変更許可日 of 2号.

The checks (generator/requirements/technical_intern.py), the 3号 timeline of `formgen followup`, the
deadline table and the dashboard all read the dates from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.deadlines.calendar import add_years
from generator.sources import CUTOVER_MEASURES

SOURCE = CUTOVER_MEASURES.key
EFFECTIVE = dt.date(2027, 4, 1)  # 育成就労法の施行日
LAST_APPLICATION = EFFECTIVE - dt.timedelta(days=1)  # 2027-03-31: 認定申請の最終日
LAST_START = dt.date(2027, 6, 30)  # 経過措置で認定される計画の実習開始日の最終日
STAGE2_NEEDED_BY = add_years(EFFECTIVE, -1)  # 2026-04-01
"""The latest 2号 在留資格変更許可日 that gives one year of 2号 activity by 2027-04-01. Counted from the
permission day as the first day of activity, a permission on 2026-04-01 completes the year at the end
of 2027-03-31; one day later completes it only at the end of 2027-04-01, no longer "as of" that date."""


@dataclass(frozen=True)
class CutoverDate:
    day: dt.date
    title: str
    detail: str
    source: str = SOURCE


CUTOVER_DATES = (
    CutoverDate(LAST_APPLICATION, "技能実習計画の新規の認定申請の最終日",
                "2027年4月1日以降は、新たに技能実習計画の認定を申請できません。"),
    CutoverDate(EFFECTIVE, "育成就労制度の施行（技能実習の新規受入れの終了）",
                "この日に認定計画で行っている技能実習は継続。3号への移行は、この日に2号の活動が1年以上"
                "（2号の在留資格変更許可日から）ある場合のみ。"),
    CutoverDate(LAST_START, "経過措置で認定される計画の実習開始の最終日",
                "3月31日までに申請した計画は、実習開始日がこの日以前のものに限り認定されます（原則この日までに入国）。"),
)


def carried_out_on_effective_day(periods: list[tuple[dt.date, dt.date | None]]) -> bool:
    """Whether one of the (start, end) periods of 技能実習 covers 2027-04-01."""
    return any(start <= EFFECTIVE and (end is None or EFFECTIVE <= end) for start, end in periods)


def stage2_year_by_cutover(permission_date: dt.date) -> bool:
    """At least one year of 2号 activity as of 2027-04-01, counted from the 在留資格変更許可日."""
    return permission_date <= STAGE2_NEEDED_BY


# ── a technical intern's plan across the cutover ──────────────────────────────────────────────────

@dataclass(frozen=True)
class Stage:
    """One 号 of a technical intern's plan: its own certified plan (技能実習計画) and period."""

    number: int  # 1, 2, 3
    start: dt.date
    end: dt.date | None
    applied: dt.date | None  # 技能実習計画の認定申請日, when the case records it

    @property
    def name(self) -> str:
        return f"{self.number}号"

    @property
    def field(self) -> str:
        return f"stage{self.number}_start"

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def _get(plan, name: str):
    return plan.get(name) if isinstance(plan, dict) else getattr(plan, name, None)


def stages_of(plan) -> list[Stage]:
    """The stages a technical_intern_plan (the model, or its data) gives a start for, in order."""
    found = []
    for number in (1, 2, 3):
        start = _get(plan, f"stage{number}_start")
        if start is not None:
            found.append(Stage(number, start, _get(plan, f"stage{number}_end"),
                               _get(plan, f"stage{number}_application_date")))
    return found


def new_plans(plan) -> list[Stage]:
    """The stages that start on or after 2027-04-01 on a new plan, only certifiable when applied for by
    2027-03-31 and starting by 2027-06-30. Not new: the next stage of 技能実習 being carried out on
    2027-04-01, or of a stage admitted under the measures (started by 2027-06-30), which moves on."""
    found, in_training, previous = [], False, None
    for stage in stages_of(plan):
        if stage.start < EFFECTIVE:
            in_training = stage.covers(EFFECTIVE)
        elif in_training and previous is not None and previous.number == stage.number - 1:
            pass  # a move to the next stage of the training that goes on
        else:
            found.append(stage)
            in_training = stage.start <= LAST_START
        previous = stage
    return found


def stage2_permission_of(plan) -> tuple[dt.date | None, bool]:
    """The 2号 在留資格変更許可日 the plan records, else its 2号 start; and whether it was recorded."""
    recorded = _get(plan, "stage2_permission_date")
    return (recorded, True) if recorded is not None else (_get(plan, "stage2_start"), False)


def stage3_after_cutover_blocked(plan) -> bool:
    """A 3号 starting on or after 2027-04-01 without one year of 2号 activity by that day."""
    start = _get(plan, "stage3_start")
    permission, _ = stage2_permission_of(plan)
    return start is not None and start >= EFFECTIVE and (permission is None or not stage2_year_by_cutover(permission))
