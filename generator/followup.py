"""`formgen followup [PATH...]`: the follow-up records of returned interns (seed 000_9473d0198d46728e.txt).

For each record: the next contact date (last contact, or the return, plus an interval: 6 months by
default, after 000:112 where the 送出機関 is asked within half a year of the return), what the person
does now, and for a wish to come back under 3号 the earliest timeline the rules allow
(001_1fdeeed8bbae3b1d.txt:315-372) and whether the end of 技能実習 on
2027-04-01 still lets the person reach 3号 (generator/cutover.py). Across the records: the share whose
activity after return is known — the evidence for the 優良 items 001:63 (フォローアップ調査への協力)
and 001:65 (就職先の把握).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator import cutover
from generator.deadlines.calendar import add_months
from generator.formats import seireki
from generator.sources import without_citations
from schemas.followup import KNOWN_STATUSES, FollowupRecord

KIND = "followup_record"
DEFAULT_INTERVAL_MONTHS = 6  # 000:112 (帰国後半年以内に就職状況を聴取)
SEED_001 = "001_1fdeeed8bbae3b1d.txt"
ONE_DAY = dt.timedelta(days=1)


@dataclass
class Stage3Timeline:
    rule_earliest: dt.date  # the day after the month at home
    earliest_start: dt.date  # not before today
    home_month_ends: dt.date
    new_entry_after: dt.date
    notes: list[str] = field(default_factory=list)
    reachable: bool | None = None  # can the person still reach 3号 after 技能実習 ends? None: a fact is missing
    cutover: str = ""  # why, in one sentence
    last_application: dt.date | None = None  # the 3号 plan must be applied for by then
    last_start: dt.date | None = None  # and start by then

    @property
    def verdict(self) -> str:
        return {True: "進める", False: "進めない", None: "要確認"}[self.reachable]


def _before_cutover(record: FollowupRecord, earliest: dt.date, today: dt.date) -> tuple[bool, str]:
    """Home before 2027-04-01: no 技能実習 on that day, so the 3号 needs a new plan (generator/cutover.py)."""
    assert record.stage3 is not None, "only a record with a 3号 wish has a timeline"
    applied = record.stage3.plan_applied_date
    if earliest > cutover.LAST_START:
        return False, (f"2027年4月1日より前に帰国したため、3号は2027年3月31日までに申請し {seireki(cutover.LAST_START)} までに"
                       f"始める計画に限られますが、最短の開始日 {seireki(earliest)} はその後です。")
    if applied is not None and applied > cutover.LAST_APPLICATION:
        return False, f"3号の計画の認定申請日 {seireki(applied)} が2027年4月1日以降です（新たな申請はできません）。"
    if applied is None and today > cutover.LAST_APPLICATION:
        return False, ("2027年3月31日までに3号の計画の認定を申請した記録がありません（申請していれば"
                       " stage3.plan_applied_date に書いてください）。")
    return True, (f"{seireki(cutover.LAST_APPLICATION)} までに3号の計画の認定を申請し、{seireki(cutover.LAST_START)} までに実習を"
                  "始める（原則として入国する）ことが条件です。")


def _after_cutover(record: FollowupRecord) -> tuple[bool | None, str]:
    """Home on or after 2027-04-01: in 2号 on that day, so 3号 needs one year of 2号 by then."""
    assert record.stage3 is not None, "only a record with a 3号 wish has a timeline"
    permission = record.stage3.stage2_permission_date
    if permission is None:
        return None, (f"2号の在留資格変更許可日が {seireki(cutover.STAGE2_NEEDED_BY)} 以前（2027年4月1日に2号の活動1年以上）で"
                      "あれば進めます。許可日を stage3.stage2_permission_date に書いてください。")
    if cutover.stage2_year_by_cutover(permission):
        return True, f"2号の在留資格変更許可日 {seireki(permission)} から2027年4月1日までに1年以上あります。"
    return False, (f"2号の在留資格変更許可日 {seireki(permission)} からでは、2027年4月1日時点の2号の活動が1年に足りません"
                   f"（{seireki(cutover.STAGE2_NEEDED_BY)} 以前が必要）。")


def stage3_timeline(record: FollowupRecord, today: dt.date) -> Stage3Timeline | None:
    """Earliest 3号 start for a returned 2号 intern who wishes to come back (001:315-372).

    The stay at home must last 1 month or more (001:356-363): counted from the day after the
    departure (民法140条), it is complete at the end of the corresponding day a month later (民法143条),
    so the earliest re-entry is the day after. Over 3 months away means a new entry with a
    在留資格認定証明書 (001:372).
    """
    if not (record.stage3 and record.stage3.wishes):
        return None
    home_month_ends = add_months(record.return_date, 1)
    new_entry_after = add_months(record.return_date, 3)
    earliest = max(home_month_ends + ONE_DAY, today)
    notes = [f"一時帰国は1か月以上（{record.return_date} 出国 → {home_month_ends} まで本国）［{SEED_001}:356-363］",
             f"{new_entry_after} を過ぎての入国は、在留資格認定証明書交付申請・査証取得による新規入国［{SEED_001}:372］",
             f"実習実施者・監理団体が優良要件（120点中72点以上）に適合していること［{SEED_001}:42］",
             f"一時帰国の時期は第3号技能実習計画の認定申請前に決め、計画に記載する［{SEED_001}:367］",
             f"一時帰国の旅費は3号を監理する監理団体が負担［{SEED_001}:369-370］"]
    if record.stage_completed != "2号":
        notes.insert(0, f"3号に進めるのは第2号を修了した者です（修了した段階: {record.stage_completed}）［{SEED_001}:324-326］")
    if record.stage3.grade3_practical_passed_on is None:
        notes.insert(0, f"随時3級（専門級）実技試験の合格が前提です（未合格）［{SEED_001}:325］")
    if earliest > new_entry_after:
        notes.insert(0, f"帰国から3か月を過ぎているため、在留資格認定証明書による新規入国になります［{SEED_001}:372］")
    timeline = Stage3Timeline(home_month_ends + ONE_DAY, earliest, home_month_ends, new_entry_after, notes)
    if record.return_date < cutover.EFFECTIVE:
        timeline.reachable, timeline.cutover = _before_cutover(record, earliest, today)
        timeline.last_application, timeline.last_start = cutover.LAST_APPLICATION, cutover.LAST_START
    else:
        timeline.reachable, timeline.cutover = _after_cutover(record)
    if record.stage_completed != "2号":
        timeline.reachable = False
    return timeline


@dataclass
class FollowupRow:
    path: Path
    record: FollowupRecord
    next_contact: dt.date
    overdue: bool
    timeline: Stage3Timeline | None


def follow(record: FollowupRecord, path: Path, interval_months: int, today: dt.date) -> FollowupRow:
    interval = record.contact_interval_months or interval_months
    base = record.last_contact or record.return_date
    next_contact = add_months(base, interval)
    return FollowupRow(path, record, next_contact, next_contact < today, stage3_timeline(record, today))


def known_share(rows: list[FollowupRow]) -> tuple[int, int]:
    return sum(r.record.current.status in KNOWN_STATUSES for r in rows), len(rows)


def report_lines(rows: list[FollowupRow], today: dt.date) -> list[str]:
    lines = []
    for row in sorted(rows, key=lambda r: r.next_contact):
        record = row.record
        current = record.current
        doing = current.status + (f"（{current.where}）" if current.where else "")
        mark = "【期限超過】" if row.overdue else ""
        last = record.last_contact or "なし"
        channels = "・".join(c.channel for c in record.channels)
        lines.append(f"{record.returnee.name}（{record.returnee.nationality}、{record.returnee.occupation}、"
                     f"{record.returnee.implementer}）")
        lines.append(f"  帰国日 {record.return_date} / 最終連絡 {last} / 連絡手段 {channels}")
        lines.append(f"  現在: {doing}")
        lines.append(f"  次回連絡 {row.next_contact}{mark}")
        if row.timeline:
            t = row.timeline
            lines.append(f"  3号での再来日を希望: 規則上の最短 {t.rule_earliest}（一時帰国1か月の満了後）"
                         f"、基準日 {today} からは最短 {t.earliest_start}")
            lines.append(f"    技能実習の終了（2027年4月1日、育成就労へ）の後も3号に{t.verdict}: {t.cutover}"
                         f"［{cutover.SOURCE}］")
            lines.extend(f"    - {note}" for note in t.notes)
    known, total = known_share(rows)
    share = f"{known * 100 / total:.0f}%" if total else "-"
    lines.append(f"帰国後の状況を把握している人数: {known}/{total}人（{share}） — 優良要件 ①Ⅴ・①Ⅶ の裏付け"
                 f"［{SEED_001}:63, 65］")
    overdue = sum(r.overdue for r in rows)
    if overdue:
        lines.append(f"連絡が期限を過ぎている人: {overdue}人（基準日 {today}）")
    return lines


def report_dict(rows: list[FollowupRow], today: dt.date) -> dict:
    known, total = known_share(rows)
    return {
        "today": today.isoformat(),
        "known": known,
        "total": total,
        "records": [{
            "file": str(r.path),
            "name": r.record.returnee.name,
            "return_date": r.record.return_date.isoformat(),
            "last_contact": r.record.last_contact.isoformat() if r.record.last_contact else None,
            "status": r.record.current.status,
            "where": r.record.current.where,
            "next_contact": r.next_contact.isoformat(),
            "overdue": r.overdue,
            "stage3": None if r.timeline is None else {
                "rule_earliest": r.timeline.rule_earliest.isoformat(),
                "earliest_start": r.timeline.earliest_start.isoformat(),
                "home_month_ends": r.timeline.home_month_ends.isoformat(),
                "new_entry_after": r.timeline.new_entry_after.isoformat(),
                "notes": r.timeline.notes,
                "reachable": r.timeline.reachable,
                "cutover": r.timeline.cutover,
                "last_application": r.timeline.last_application.isoformat() if r.timeline.last_application else None,
                "last_start": r.timeline.last_start.isoformat() if r.timeline.last_start else None,
            },
        } for r in sorted(rows, key=lambda r: r.next_contact)],
    }


def record_sheet(record: FollowupRecord, today: dt.date) -> dict:
    """What the follow-up record form (forms/followup-record) prints beside the record's own fields."""
    row = follow(record, Path("."), DEFAULT_INTERVAL_MONTHS, today)
    timeline = row.timeline
    return {
        "interval_months": record.contact_interval_months or DEFAULT_INTERVAL_MONTHS,
        "next_contact": row.next_contact,
        "overdue": row.overdue,
        "contacts": sorted(record.contacts, key=lambda c: c.date),
        "stage3": None if timeline is None else {
            "rule_earliest": timeline.rule_earliest, "earliest_start": timeline.earliest_start,
            "home_month_ends": timeline.home_month_ends, "new_entry_after": timeline.new_entry_after,
            "verdict": timeline.verdict, "cutover": timeline.cutover,
            "notes": [without_citations(note.replace("［", "（").replace("］", "）")) for note in timeline.notes],
        },
    }
