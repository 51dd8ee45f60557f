"""From a validated case and the rule table to dated deadlines with a status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.deadlines.calendar import (
    add_days,
    add_months,
    add_years,
    closed_reason,
    fiscal_year,
    next_open_day,
    previous_open_day,
)
from generator.deadlines.rules import RULES_BY_ID, Limit, Rule, rules_for_kind

DUE_SOON_DAYS = 7
LATE_RATE_PER_MILLE = 146  # 年利14.6% (日歩4銭 × 365日), 003:159
STATUS_LABELS = {
    "done": "済", "overdue": "期限超過", "due_soon": "7日以内", "open": "受付中",
    "upcoming": "予定", "passed": "経過", "violation": "計画に問題",
}
STATUS_LABELS_EN = {
    "done": "done", "overdue": "overdue", "due_soon": "due within 7 days", "open": "open",
    "upcoming": "upcoming", "passed": "passed", "violation": "plan breaks a rule",
}


@dataclass
class Deadline:
    case_id: str
    kind: str
    person: str
    rule: Rule
    key: str  # rule id, or rule id/occurrence for a recurring rule: the UID and the `filed:` key
    title: str
    type: str
    legal_due: dt.date
    effective_due: dt.date
    limit_label: str
    opens: dt.date | None = None
    others: list[tuple[str, dt.date]] = field(default_factory=list)
    done_date: dt.date | None = None
    notes: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    status: str = "upcoming"

    @property
    def moved(self) -> bool:
        return self.effective_due != self.legal_due

    def as_dict(self) -> dict:
        return {
            "case_id": self.case_id, "person": self.person, "rule_id": self.rule.id, "title": self.title,
            "office": self.rule.office, "type": self.type, "legal_due": self.legal_due.isoformat(),
            "effective_due": self.effective_due.isoformat(), "status": self.status, "source": self.rule.source,
            "key": self.key, "kind": self.kind, "limit": self.limit_label,
            "opens": self.opens.isoformat() if self.opens else None,
            "other_limits": [{"label": label, "date": day.isoformat()} for label, day in self.others],
            "done_date": self.done_date.isoformat() if self.done_date else None,
            "notes": self.notes, "violations": self.violations,
        }

    @classmethod
    def from_dict(cls, row: dict) -> Deadline | None:
        """Read back a row of deadlines.json; None when its rule no longer exists."""
        rule = RULES_BY_ID.get(row.get("rule_id", ""))
        if rule is None:
            return None
        day = dt.date.fromisoformat
        return cls(row["case_id"], row.get("kind", ""), row.get("person", ""), rule, row["key"], row["title"],
                   row["type"], day(row["legal_due"]), day(row["effective_due"]), row.get("limit", ""),
                   opens=day(row["opens"]) if row.get("opens") else None,
                   others=[(o["label"], day(o["date"])) for o in row.get("other_limits", [])],
                   done_date=day(row["done_date"]) if row.get("done_date") else None,
                   notes=list(row.get("notes", [])), violations=list(row.get("violations", [])),
                   status=row.get("status", "upcoming"))


# ---- reading values from a case (pydantic models, dicts, or missing fields alike)

def value_at(root: object, path: str) -> Any:
    value = root
    for part in path.split("."):
        if value is None:
            return None
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
    return value


def _first(sources: Iterable[object], paths: tuple[str, ...]) -> Any:
    for path in paths:
        for source in sources:
            value = value_at(source, path)
            if value is not None:
                return value
    return None


def person_name(case: object) -> str:
    for path in ("person.name", "intern.name", "intern", "applicant.name", "facility.name", "institution.name"):
        value = value_at(case, path)
        if isinstance(value, str):
            return value
    return ""


def _qualifications(case: object) -> set[bool]:
    """Who the case is about: {False} candidates, {True} EPA 介護福祉士, both for a facility's list."""
    if isinstance(value_at(case, "qualified"), bool):  # epa_annual_report: one report kind per file
        return {value_at(case, "qualified")}
    person = value_at(case, "person")
    if person is not None:
        return {bool(value_at(person, "qualified"))}
    people = value_at(case, "candidates")
    if people:
        return {bool(value_at(p, "person.qualified") or value_at(p, "qualified")) for p in people}
    return {False}


def _applies_to(rule: Rule, case: object) -> bool:
    if rule.who == "all":
        return True
    return (rule.who == "qualified") in _qualifications(case)


# ---- limits

def limit_date(limit: Limit, sources: tuple[object, ...]) -> dt.date | None:
    base = _first(sources, limit.paths)
    if base is None:
        return None
    if limit.on is not None:
        if not isinstance(base, int):
            return None
        return dt.date(base, *limit.on)
    if not isinstance(base, dt.date):
        return None
    if limit.next_month_day is not None:
        return add_months(base.replace(day=1), 1).replace(day=limit.next_month_day)
    day = add_months(base, limit.months + 12 * limit.years)
    return add_days(day, limit.days)


def effective_date(limit: Limit, legal: dt.date) -> dt.date:
    if limit.closed == "next":
        return next_open_day(legal)
    if limit.closed == "previous":
        return previous_open_day(legal)
    return legal


# ---- series for recurring rules

def _stay(case: object, today: dt.date) -> tuple[dt.date | None, dt.date]:
    start = _first((case,), ("person.work_start_date", "person.entry_date"))
    end = value_at(case, "person.residence_card_expiry") or dt.date(today.year + 1, 12, 31)
    return start, end


def _years(case: object, today: dt.date) -> list[dict]:
    """Every 1月1日 the person is in Japan and working: the 定期報告 of that year (status as of 1月1日)."""
    start, end = _stay(case, today)
    if start is None:
        return []
    return [{"year": year, "occurrence": str(year)} for year in range(start.year + 1, end.year + 1)][:12]


def _fiscal_years(case: object, today: dt.date) -> list[dict]:
    """滞在管理費: from the fiscal year work starts (3915), then billed each April (784, 1431)."""
    start, end = _stay(case, today)
    if start is None:
        return []
    billed = {value_at(b, "fiscal_year"): b for b in (value_at(case, "fiscal_years_billed") or [])}
    items = []
    for year in range(fiscal_year(start), fiscal_year(end) + 1):
        item = dict(_as_dict(billed.get(year)))
        item.update(fiscal_year=year, occurrence=f"FY{year}",
                    expected_invoice=start if year == fiscal_year(start) else dt.date(year, 4, 1))
        items.append(item)
    return items[:12]


def _as_dict(value: object) -> dict:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    return value.model_dump() if hasattr(value, "model_dump") else dict(vars(value))


def _new_plans(case: object, today: dt.date) -> list[dict]:
    """The stages of a technical intern's plan that start after 技能実習 ends on a new plan (generator/cutover.py)."""
    from generator.cutover import LAST_APPLICATION, LAST_START, new_plans

    if value_at(case, "kind") != "technical_intern_plan":
        return []
    return [{"occurrence": stage.name, "application_due": LAST_APPLICATION, "start_limit": LAST_START,
             "applied": stage.applied} for stage in new_plans(case)]


SERIES: dict[str, Callable[[object, dt.date], list[dict]]] = {
    "@years": _years, "@fiscal_years": _fiscal_years, "@new_plans": _new_plans}


def _occurrences(rule: Rule, case: object, today: dt.date) -> list[tuple[object | None, str | None]]:
    if rule.each is None:
        return [(None, None)]
    if rule.each in SERIES:
        return [(item, item["occurrence"]) for item in SERIES[rule.each](case, today)]
    items = value_at(case, rule.each) or []
    found: list[tuple[object | None, str | None]] = []
    for index, item in enumerate(items, 1):
        label = value_at(item, "name") or value_at(item, "date") or value_at(item, "departure_date") or index
        found.append((item, f"{index}-{label}"))
    return found


# ---- predicates, checks and notes named by the rule table

def _passed(case, item) -> bool:
    return value_at(case, "result") == "合格"


def _one_year_or_more(case, item) -> bool:
    leave, back = value_at(item, "departure_date"), value_at(item, "planned_return_date")
    return bool(leave and back and back >= add_years(leave, 1))


def _over_three_months(case, item) -> bool:
    leave, back = value_at(case, "temporary_return.departure_date"), value_at(case, "temporary_return.return_date")
    return bool(leave and back and back > add_months(leave, 3))


def _dismissal(case, item) -> bool:
    if value_at(case, "dismissal"):
        return True
    return any("解雇" in str(value_at(case, path) or "") for path in ("reason", "reason_detail", "end_reason"))


def _property_requested(case, item) -> bool:
    return value_at(case, "property_request_date") is not None


def _end_decided(case, item) -> bool:
    """様式6-1: its own case, or a return home that records the decision (the 6-1 joins its packet)."""
    return value_at(case, "kind") == "epa_contract_end" or value_at(case, "contract_end_decision_date") is not None


PREDICATES: dict[str, Callable[[object, object], bool]] = {
    "end_decided": _end_decided,
    "passed": _passed, "one_year_or_more": _one_year_or_more, "over_three_months": _over_three_months,
    "dismissal": _dismissal, "property_requested": _property_requested,
}


def late_interest(amount: int, due: dt.date, paid: dt.date) -> tuple[int, int]:
    """JITCO 加算金 (003:158-159): (days, yen). Nothing if paid within 1 month after the due date;
    otherwise 14.6%/year for the days from the day after the due date to the day before payment,
    on a 365-day year, yen rounded down."""
    if paid <= add_months(due, 1):
        return 0, 0
    days = (paid - due).days - 1
    return days, amount * LATE_RATE_PER_MILLE * days // (1000 * 365)


def false_statement_interest(amount: int, demanded: dt.date, paid: dt.date) -> tuple[int, int]:
    """虚偽記載 (003:163-164): 1 month's grace from the 返還期限 (the day the return is demanded, 直ちに);
    after that 14.6%/year "返還期限から返還された日までの日数": the first day not counted (民法140条),
    the day of return counted."""
    if paid <= add_months(demanded, 1):
        return 0, 0
    days = (paid - demanded).days
    return days, amount * LATE_RATE_PER_MILLE * days // (1000 * 365)


def _interest_note(days: int, yen: int, amount: int, paid: dt.date, grace_end: dt.date) -> str:
    if paid <= add_months(grace_end, -1):
        return f"償還（返還）予定日 {paid.isoformat()} は期限内: 加算金なし"
    if yen == 0 and days == 0:
        return f"償還（返還）予定日 {paid.isoformat()} は猶予の最終日 {grace_end.isoformat()} 以内: 加算金なし"
    return (f"償還（返還）予定日 {paid.isoformat()}: 加算金 {yen:,}円"
            f"（{amount:,}円 × 14.6% × {days}日 ÷ 365、円未満切捨て）")


def _repayment_note(case, deadline: Deadline) -> None:
    amount, paid, disbursed = (value_at(case, p) for p in ("amount", "repayment_date", "disbursement_date"))
    if not (amount and paid and disbursed):
        return
    due = add_years(disbursed, 1)
    days, yen = late_interest(amount, due, paid)
    deadline.notes.append(_interest_note(days, yen, amount, paid, add_months(due, 1)))


def _false_statement_note(case, deadline: Deadline) -> None:
    amount, paid, found = (value_at(case, p) for p in ("amount", "repayment_date", "false_statement_found_date"))
    if not (amount and paid and found):
        return
    days, yen = false_statement_interest(amount, found, paid)
    deadline.notes.append(_interest_note(days, yen, amount, paid, add_months(found, 1)))


NOTES: dict[str, Callable[[object, Deadline], None]] = {
    "repayment_interest": _repayment_note, "false_statement_interest": _false_statement_note,
}


def _check_exam(case, deadline: Deadline) -> None:
    exam = value_at(case, deadline.rule.done_field) if deadline.rule.done_field else None
    if exam is None:
        return
    deadline.notes.append(f"受検日 {exam.isoformat()}（合格発表は2〜4週間後: {add_days(exam, 28).isoformat()} ごろまで）")
    if exam > deadline.legal_due:
        deadline.violations.append(f"受検日 {exam.isoformat()} が目標日 {deadline.legal_due.isoformat()} より後です")
        deadline.done_date = None


def _check_temporary_return(case, deadline: Deadline) -> None:
    leave = value_at(case, "temporary_return.departure_date")
    back = value_at(case, "temporary_return.return_date")
    stage2_end, stage3_start = value_at(case, "stage2_end"), value_at(case, "stage3_start")
    if back is not None and back < add_months(leave, 1):
        deadline.violations.append(f"一時帰国が1か月未満です（出国 {leave.isoformat()}・帰国 {back.isoformat()}）")
    if stage3_start is not None:
        latest = add_days(add_years(stage3_start, 1), -1)
        before_stage3 = leave <= stage3_start and (stage2_end is None or leave > stage2_end)
        first_year = stage3_start <= leave <= latest
        if not (before_stage3 or first_year):
            deadline.violations.append(
                f"出国日 {leave.isoformat()} は「2号修了後〜3号開始」にも「3号開始後1年以内（{latest.isoformat()} まで）」"
                "にも入っていません")
    if back is not None and back > add_months(leave, 3):
        deadline.notes.append("3か月を超えるため、再入国には在留資格認定証明書交付申請と査証による新規入国が必要（001:372）")


CHECKS: dict[str, Callable[[object, Deadline], None]] = {"exam": _check_exam, "temporary_return": _check_temporary_return}


def _missing_temporary_return(rule: Rule, case: object, case_id: str, kind: str) -> Deadline | None:
    """A 3号 plan without a temporary return breaks 001:356-363: report it where the departure would be due."""
    start = value_at(case, "stage3_start")
    if start is None:
        return None
    latest = add_days(add_years(start, 1), -1)
    return Deadline(case_id, kind, person_name(case), rule, rule.id, rule.title, rule.type, latest, latest,
                    "3号開始後1年以内に出国", violations=["3号技能実習には1か月以上の一時帰国が必要ですが、計画にありません"])


# ---- the whole computation

def _done_date(rule: Rule, case: object, item: object, key: str) -> dt.date | None:
    filed = value_at(case, "filed") or {}
    for name in (key, rule.form if rule.each is None else None):
        if name and isinstance(filed.get(name), dt.date):
            return filed[name]
    if rule.done_field:
        value = _first((item, case) if item is not None else (case,), (rule.done_field,))
        if isinstance(value, dt.date):
            return value
    return None


def _dated(limits: Iterable[Limit], sources: tuple[object, ...]) -> list[tuple[Limit, dt.date]]:
    """The limits the case has a date for (a rule may give two: the earlier one is the deadline)."""
    pairs = [(limit, limit_date(limit, sources)) for limit in limits]
    return [(limit, day) for limit, day in pairs if day is not None]


def _shown(rule: Rule, occurrence: str) -> str:
    """The occurrence as a reader wants it: "2026-05-30" for the key "1-2026-05-30" of a list item."""
    return occurrence if rule.each in SERIES else occurrence.split("-", 1)[-1]


def _deadline_for(rule: Rule, case: object, case_id: str, kind: str, item: object,
                  occurrence: str | None) -> Deadline | None:
    sources = (item, case) if item is not None else (case,)
    dated, rule_type = _dated(rule.limits, sources), rule.type
    if not dated and "fallback" in rule.extra:  # e.g. a fee not billed yet: when the invoice is expected
        dated, rule_type = _dated((rule.extra["fallback"],), sources), "milestone"
    if not dated:
        return None
    limit, legal = min(dated, key=lambda pair: pair[1])
    key = rule.id if occurrence is None else f"{rule.id}/{occurrence}"
    title = rule.title if occurrence is None else f"{rule.title}（{_shown(rule, occurrence)}）"
    deadline = Deadline(case_id, kind, person_name(case), rule, key, title, rule_type, legal,
                        effective_date(limit, legal), limit.label,
                        others=[(other.label, day) for other, day in dated if other is not limit])
    if rule.opens is not None:
        deadline.opens = limit_date(rule.opens, sources)
    deadline.done_date = _done_date(rule, case, item, key)
    if deadline.done_date and deadline.done_date > deadline.effective_due and rule.type in ("deadline", "window"):
        deadline.notes.append(f"注意: 実施日 {deadline.done_date.isoformat()} は期限より後でした")
    report_date = value_at(case, "report_date")
    if (rule.form and rule.type != "immediate" and isinstance(report_date, dt.date)
            and report_date > deadline.effective_due):
        deadline.notes.append(f"注意: 報告日（report_date）{report_date.isoformat()} は期限より後です")
    if deadline.moved:
        deadline.notes.append(f"法定の期限 {legal.isoformat()} は{closed_reason(legal)}のため、"
                              f"{'翌' if deadline.effective_due > legal else '前の'}開庁日 {deadline.effective_due.isoformat()}")
    return deadline


def _fee_title(rule: Rule, case: object, deadline: Deadline, item: object) -> None:
    if rule.id == "epa-fee-payment" and value_at(item, "amount"):
        deadline.title = f"{rule.title}（{value_at(item, 'name')} {value_at(item, 'amount'):,}円）"
    if rule.id == "residence-management-fee":
        yen = "10,000" if True in _qualifications(case) else "20,000"
        deadline.title = f"{rule.title}（{value_at(item, 'fiscal_year')}年度 {yen}円・税別）"
        if deadline.type == "milestone":
            deadline.title += " — 請求書到着見込み"


def _before_records(case: object, deadline: Deadline) -> bool:
    """A deadline that fell before the record was kept (`records_from`) is not listed."""
    start = value_at(case, "records_from")
    return isinstance(start, dt.date) and deadline.legal_due < start


def compute_deadlines(case: object, case_id: str, today: dt.date) -> list[Deadline]:
    """Every deadline of one case, with its status as of `today`. Unknown kinds give an empty list."""
    kind = value_at(case, "kind") or ""
    found = []
    for rule in rules_for_kind(kind):
        if not _applies_to(rule, case):
            continue
        occurrences = _occurrences(rule, case, today)
        for item, occurrence in occurrences:
            if rule.when and not PREDICATES[rule.when](case, item):
                continue
            deadline = _deadline_for(rule, case, case_id, kind, item, occurrence)
            if deadline is None:
                if rule.check == "temporary_return":
                    deadline = _missing_temporary_return(rule, case, case_id, kind)
                if deadline is None:
                    continue
            else:
                _fee_title(rule, case, deadline, item)
                if rule.check:
                    CHECKS[rule.check](case, deadline)
                if rule.note:
                    NOTES[rule.note](case, deadline)
            if _before_records(case, deadline) or not rule.in_force_on(deadline.legal_due):
                continue
            deadline.status = status_of(deadline, today)
            found.append(deadline)
    return sorted(found, key=lambda d: (d.legal_due, d.key))


def status_of(deadline: Deadline, today: dt.date, within: int = DUE_SOON_DAYS) -> str:
    """done / violation / overdue / due_soon (counted from the LEGAL date) / open / upcoming / passed."""
    if deadline.violations:
        return "violation"
    if deadline.done_date is not None:
        return "done"
    tracked = deadline.rule.type == "milestone" and deadline.rule.done_field  # exam targets
    if deadline.type == "milestone" and not tracked:
        return "passed" if today > deadline.legal_due else (
            "due_soon" if (deadline.legal_due - today).days <= within else "upcoming")
    if today > deadline.effective_due:
        return "overdue"
    if (deadline.legal_due - today).days <= within:
        return "due_soon"
    if deadline.opens is not None and today >= deadline.opens:
        return "open"
    return "upcoming"


__all__ = ["Deadline", "compute_deadlines", "late_interest", "false_statement_interest", "status_of",
           "STATUS_LABELS", "STATUS_LABELS_EN", "person_name", "value_at"]
