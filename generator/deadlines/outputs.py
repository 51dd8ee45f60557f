"""The deadlines of one case or of all cases, as Markdown, iCalendar, CSV, a static HTML page and a DOCX checklist."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Sequence
from pathlib import Path

from icalendar import Alarm, Calendar, Event
from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator.deadlines.compute import STATUS_LABELS, Deadline
from generator.deadlines.rules import TYPE_LABELS
from generator.formats import seireki
from generator.sources import cite, readable
from schemas import kind_title

HERE = Path(__file__).resolve().parent
CHECKLIST_TEMPLATE = HERE / "checklist.docx"
UID_DOMAIN = "formgen.deadlines"
CSV_COLUMNS = ("case_id", "person", "rule_id", "title", "office", "type", "legal_due", "effective_due",
               "status", "status_label", "source", "opens", "other_limits", "notes", "key")
ALARM_DAYS = (7, 1)


def _day(value: dt.date | None) -> str:
    return "" if value is None else f"{seireki(value)}（{'月火水木金土日'[value.weekday()]}）"


def short_source(source: str) -> str:
    """"002_e5f9a0dfd8ef1d48.txt:2377 (2065-2071)" → "002:2377" (the terminal table's narrow column)."""
    name, colon, rest = source.partition(":")
    if not colon:  # a legal source after the seeds: its short title
        return cite(source)
    return f"{name.split('_')[0]}:{rest.split(' ')[0]}"


def _when(deadline: Deadline) -> str:
    if deadline.type == "immediate":
        return f"{_day(deadline.legal_due)} から直ちに・速やかに"
    text = _day(deadline.legal_due)
    if deadline.opens:
        text = f"{_day(deadline.opens)} 〜 {text}"
    return text


# ---- Markdown (outbox/<case-id>/deadlines.md)

def markdown(case_id: str, person: str, deadlines: Sequence[Deadline], today: dt.date) -> str:
    lines = [f"# 期限一覧: {case_id}", ""]
    if person:
        lines += [f"- 対象: {person}"]
    lines += [f"- 基準日: {seireki(today)}（「7日以内」は法定の期限から数えます）", ""]
    if not deadlines:
        return "\n".join(lines + ["このケースに期限はありません。", ""])
    lines += ["| 状態 | 法定の期限 | 実際の期限 | 内容 | 種別 | 提出先 | 根拠 |", "|---|---|---|---|---|---|---|"]
    for d in deadlines:
        effective = _day(d.effective_due) if d.moved else "同じ"
        lines.append(f"| {STATUS_LABELS[d.status]} | {_when(d)} | {effective} | {d.title} | "
                     f"{TYPE_LABELS[d.type]} | {d.rule.office} | {cite(d.rule.source)} |")
    lines += ["", "## 詳細", ""]
    for d in deadlines:
        lines.append(f"### {d.title}")
        lines.append(f"- ルール `{d.key}`: {d.rule.text}")
        lines.append(f"- 期限の根拠: {d.limit_label}（{cite(d.rule.source)}）")
        for label, day in d.others:
            lines.append(f"- もう一つの期限: {label} → {_day(day)}（早い方を期限としています）")
        if d.done_date:
            lines.append(f"- 提出・実施済み: {_day(d.done_date)}")
        for note in d.notes:
            lines.append(f"- {readable(note)}")
        for problem in d.violations:
            lines.append(f"- **計画に問題**: {readable(problem)}")
        lines.append("")
    return "\n".join(lines)


# ---- iCalendar

def uid_of(deadline: Deadline) -> str:
    """Stable across builds: re-importing the calendar updates the event instead of adding another."""
    return f"{deadline.key}.{deadline.case_id}@{UID_DOMAIN}"


def _event(deadline: Deadline, stamp: dt.datetime) -> Event:
    event = Event()
    prefix = {"done": "【済】", "violation": "【要確認】", "overdue": "【期限超過】"}.get(deadline.status, "")
    who = f" {deadline.person}" if deadline.person else ""
    event.add("uid", uid_of(deadline))
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.effective_due)
    event.add("dtend", deadline.effective_due + dt.timedelta(days=1))
    event.add("summary", f"{prefix}{deadline.title}（{deadline.case_id}{who}）")
    event.add("description", "\n".join([
        deadline.rule.text, f"提出先: {deadline.rule.office}", f"法定の期限: {deadline.legal_due.isoformat()}",
        f"実際の期限: {deadline.effective_due.isoformat()}", f"根拠: {cite(deadline.rule.source)}",
        *map(readable, deadline.notes + deadline.violations)]))
    event.add("categories", [TYPE_LABELS[deadline.type], STATUS_LABELS[deadline.status]])
    event.add("transp", "TRANSPARENT")
    if deadline.status != "done":
        for alarm in _alarms(deadline):
            event.add_component(alarm)
    return event


def _alarms(deadline: Deadline) -> list[Alarm]:
    """7 days and 1 day before the legal date (or the effective date when that is earlier), so that
    nobody relies on a weekend extension by accident; 直ちに items ring on the day."""
    anchor = min(deadline.legal_due, deadline.effective_due)
    offsets = (0,) if deadline.type == "immediate" else ALARM_DAYS
    alarms = []
    for days in offsets:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{deadline.title}: {'本日' if days == 0 else f'{days}日後'}が期限です")
        alarm.add("trigger", (anchor - dt.timedelta(days=days)) - deadline.effective_due)
        alarms.append(alarm)
    return alarms


def icalendar(deadlines: Sequence[Deadline], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//formgen//deadlines//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for deadline in deadlines:
        calendar.add_component(_event(deadline, stamp))
    return calendar.to_ical()


# ---- CSV and JSON rows

def rows(deadlines: Sequence[Deadline]) -> list[dict]:
    return [d.as_dict() for d in deadlines]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""A cell starting with one of these is a formula to Excel and LibreOffice Calc (OWASP "CSV injection"),
the full-width forms included: Japanese Excel turns ＝ into = as it reads."""


def spreadsheet_safe(value: object) -> object:
    """A text cell that cannot become a formula: a leading ' makes the spreadsheet show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(deadlines: Sequence[Deadline]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n",
                            quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows(deadlines):
        row["other_limits"] = " / ".join(f"{o['label']} {o['date']}" for o in row["other_limits"])
        row["notes"] = " / ".join(row["notes"] + row["violations"])
        row["opens"] = row["opens"] or ""
        row["status_label"] = STATUS_LABELS[row["status"]]
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens UTF-8 Japanese correctly


# ---- the static dashboard (outbox/index.html)

@functools.cache
def _html_environment() -> Environment:
    """One per process: the dashboard's template is compiled once (and again only when its file changes)."""
    env = Environment(loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(["html", "j2"]))
    env.filters["day"] = _day
    env.filters["cite"] = cite
    env.filters["readable"] = readable
    env.filters["kind_title"] = kind_title
    return env


def index_html(cases: Sequence[dict], deadlines: Sequence[Deadline], today: dt.date, state: str = "") -> str:
    """cases: [{case_id, kind, person, links: [(title, relative href)]}] ; deadlines sorted by date; `state`:
    what the page was made of (generator/deadlines outbox_state), kept in a meta tag of its head."""
    ordered = sorted(deadlines, key=lambda d: (d.effective_due, d.case_id, d.key))
    counts = {status: sum(d.status == status for d in ordered) for status in STATUS_LABELS}
    from generator.cutover import CUTOVER_DATES

    return _html_environment().get_template("index.html.j2").render(
        cases=cases, deadlines=ordered, today=today, status_labels=STATUS_LABELS, type_labels=TYPE_LABELS,
        cutover=CUTOVER_DATES, state=state,
        counts=counts, generated=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"))


# ---- the checklist page: DOCX from generator/deadlines/checklist.docx, PDF drawn (generator/drawing.py)

CHECKLIST_HEADING = "期限チェックリスト（事務所用・提出しません）"
CHECKLIST_CASE_LINE = "{kind}　{person}　（ケースID {case_id}）"
CHECKLIST_INTRO = ("基準日 {today}。期限は法定の日付です。土日祝・年末年始（12/29〜1/3）に当たるときは「実際の期限」に"
                   "移動後の日を示します。「〜」は直ちに・速やかに（その日から）。")
CHECKLIST_COLUMNS = ("✓", "期限", "実際の期限", "内容・備考", "提出先", "状態", "根拠")
CHECKLIST_WIDTHS_MM = (7, 33, 31, 45, 22, 16, 20)
CHECKLIST_FOOTER = ("提出・実施したらケースファイルの filed: に「〔 〕内のキー: 提出日」を書くと「済」になります。"
                    "根拠は資料名とその行です。")
"""The words of the sheet, for both layouts: build_checklist.py writes them into the DOCX template."""


def checklist_context(case_id: str, person: str, kind: str, deadlines: Sequence[Deadline], today: dt.date) -> dict:
    """The office's own deadline sheet: the case id and the `filed:` key of each item are there for the
    office; citations read as the document's title and lines."""
    items = []
    for d in deadlines:
        notes = [f"{label}: {seireki(day)}" for label, day in d.others] + d.notes + d.violations
        items.append({
            "box": "■" if d.status == "done" else "□",
            "legal": seireki(d.legal_due) + ("〜" if d.type == "immediate" else ""),
            "effective": seireki(d.effective_due) if d.moved else "",
            "title": d.title, "key": d.key, "office": d.rule.office, "status": STATUS_LABELS[d.status],
            "source": cite(d.rule.source),
            "notes": readable(" / ".join(notes)),
        })
    return {"case_id": case_id, "person": person, "kind": kind_title(kind), "today": seireki(today), "items": items}


def checklist_docx(context: dict, destination: Path) -> Path:
    from generator.render import render_template

    return render_template(CHECKLIST_TEMPLATE, context, destination)


def checklist_item_text(item: dict) -> str:
    """The 内容・備考 cell: the title, its notes in brackets, the `filed:` key in 〔 〕."""
    notes = f"（{item['notes']}）" if item["notes"] else ""
    return f"{item['title']}{notes}〔{item['key']}〕"


def checklist_pdf(context: dict, destination: Path) -> Path:
    """The same sheet as the DOCX, drawn: ~40 ms of formgen's time instead of a conversion (~0.15-0.2 s).
    The table runs on to further pages with its header row repeated."""
    from reportlab.platypus import Spacer

    from generator.drawing import grid, register_fonts, style, text, write_pdf

    register_fonts()
    heading = style("heading", 14, 20, gothic=True, alignment=1, spaceAfter=6)
    case_line, small = style("case", 10, 15), style("small", 8, 11)
    cell, centred = style("cell", 8, 10.5), style("centred", 8, 10.5, alignment=1)
    rows = [[text(column, centred if n == 0 else cell) for n, column in enumerate(CHECKLIST_COLUMNS)]]
    for item in context["items"]:
        rows.append([text(item["box"], centred), text(item["legal"], cell), text(item["effective"], cell),
                     text(checklist_item_text(item), cell), text(item["office"], cell), text(item["status"], cell),
                     text(item["source"], cell)])
    story = [text(CHECKLIST_HEADING, heading), text(CHECKLIST_CASE_LINE.format(**context), case_line),
             text(CHECKLIST_INTRO.format(**context), small), Spacer(1, 6),
             grid(rows, CHECKLIST_WIDTHS_MM, True, size=8, padding=1.5, side_padding=3, repeat_header=True),
             Spacer(1, 6), text(CHECKLIST_FOOTER, small)]
    return write_pdf(story, destination, CHECKLIST_HEADING, margins_mm=(18, 18))
