"""技能実習 ends on 2027-04-01: what a technical intern's plan may still do (generator/cutover.py).

The rules of the transitional measures (出入国在留管理庁・厚生労働省「育成就労制度の施行に伴う技能実習の
経過措置について」, docs/sources.md): a new plan — any stage that starts on or after 2027-04-01 and is not
the next stage of 技能実習 being carried out on that day — must have been applied for by 2027-03-31 and
start by 2027-06-30; a move to 3号 on or after 2027-04-01 needs one year of 2号 activity by that day,
counted from the 2号 在留資格変更許可日.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks import Requirement, Violation
from generator.cutover import (
    EFFECTIVE,
    LAST_APPLICATION,
    LAST_START,
    SOURCE,
    STAGE2_NEEDED_BY,
    new_plans,
    stage2_permission_of,
    stage3_after_cutover_blocked,
)
from generator.messages import Msg

KINDS = ("technical_intern_plan",)


def _new_plan_starts_too_late(case) -> Iterator[Violation]:
    for stage in new_plans(case):
        if stage.start > LAST_START:
            yield Violation((stage.field,), Msg(
                f"{stage.name}の開始日 {stage.start} は2027年4月1日以降に始まる新しい計画で、経過措置で認定されるのは"
                f"実習開始日が {LAST_START} 以前の計画だけです（技能実習は2027年4月1日に育成就労制度に替わります）。"
                f"この計画では{stage.name}の技能実習を始められません。",
                f"the {stage.name} starting {stage.start} is a new plan after 2027-04-01: the transitional measures "
                f"certify only plans starting by {LAST_START} (技能実習 is replaced by 育成就労 on 2027-04-01)."))


def _new_plan_applied_too_late(case) -> Iterator[Violation]:
    for stage in new_plans(case):
        if stage.applied is not None and stage.applied > LAST_APPLICATION:
            yield Violation((f"stage{stage.number}_application_date",), Msg(
                f"{stage.name}の計画の認定申請日 {stage.applied} は {EFFECTIVE} 以降です。2027年4月1日からは新たに技能実習"
                f"計画の認定を申請できません（{stage.name}は施行日に行っている技能実習の次の段階でもありません）。",
                f"the {stage.name} plan was applied for on {stage.applied}: from {EFFECTIVE} no new 技能実習 plan can "
                "be applied for."))


def _new_plan_application_unknown(case) -> Iterator[Violation]:
    for stage in new_plans(case):
        if stage.applied is None and stage.start <= LAST_START:
            yield Violation((stage.field,), Msg(
                f"{stage.name}（{stage.start} 開始）は2027年4月1日以降に始まる新しい計画です。認定申請が {LAST_APPLICATION} "
                f"までであることを確かめ、stage{stage.number}_application_date に申請日を書いてください。",
                f"the {stage.name} (from {stage.start}) is a new plan after 2027-04-01: make sure it was applied for by "
                f"{LAST_APPLICATION} and record stage{stage.number}_application_date."))


def _stage3_without_a_year_of_stage2(case) -> Iterator[Violation]:
    if not stage3_after_cutover_blocked(case):
        return
    permission, recorded = stage2_permission_of(case)
    counted = (f"2号の在留資格変更許可日 {permission}" if recorded else
               f"2号開始日 {permission}（在留資格変更許可日 stage2_permission_date が書かれていないため）")
    yield Violation(("stage3_start",), Msg(
        f"3号（{case.stage3_start} 開始）へ移れません: 2027年4月1日以降の3号への移行には、その日に2号の活動が1年以上"
        f"（2号の在留資格変更許可日から数えて、許可日が {STAGE2_NEEDED_BY} 以前）必要ですが、{counted}からでは1年に"
        "足りません。",
        f"no move to 3号 (from {case.stage3_start}): from 2027-04-01 it needs one year of 2号 activity by that day "
        f"(2号 permission on or before {STAGE2_NEEDED_BY}); counted from {permission} it is less."))


REQUIREMENTS = [
    Requirement("TI-CUTOVER-START", KINDS, "error", SOURCE, Msg(
        "2027年3月31日までに申請した技能実習計画は、実習開始日が2027年6月30日以前のものに限り認定されます（原則として"
        "同日までに入国）。それより後に始まる段階は、技能実習ではなく育成就労制度で検討してください。",
        "a plan applied for by 2027-03-31 is certified only with a start on or before 2027-06-30; later stages "
        "fall under 育成就労."), _new_plan_starts_too_late),
    Requirement("TI-CUTOVER-APPLICATION", KINDS, "error", SOURCE, Msg(
        "2027年4月1日以降は、新たに技能実習計画の認定を申請できません（施行日に行っている技能実習の継続・次の段階への"
        "移行を除く）。",
        "from 2027-04-01 no new 技能実習 plan can be applied for (except continuing the training carried out on "
        "that day)."), _new_plan_applied_too_late),
    Requirement("TI-CUTOVER-APPLICATION-DATE", KINDS, "warning", SOURCE, Msg(
        "2027年4月1日以降に始まる新しい計画は、2027年3月31日までに認定を申請したものだけが認定されます。",
        "a new plan starting after 2027-04-01 is certified only if applied for by 2027-03-31."),
        _new_plan_application_unknown),
    Requirement("TI-CUTOVER-STAGE3", KINDS, "error", SOURCE, Msg(
        "技能実習3号への移行は、2027年4月1日時点で技能実習2号の活動を1年以上行っている場合に限られます（2号の活動期間は"
        "在留資格変更許可日から数えます）。",
        "a move to 技能実習3号 needs at least one year of 2号 activity as of 2027-04-01, counted from the 在留資格変更許可日."),
        _stage3_without_a_year_of_stage2),
]
