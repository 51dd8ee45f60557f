"""What `formgen deadlines [PATH...] [--today DATE] [--within DAYS] [--json]` prints: what is due, across cases."""

from __future__ import annotations

import datetime as dt
import json

import click
from rich.table import Table

from generator.console import out
from generator.deadlines.compute import STATUS_LABELS, STATUS_LABELS_EN, Deadline
from generator.deadlines.outputs import short_source
from generator.messages import Msg

JSON_KEYS = ("case_id", "person", "rule_id", "title", "office", "type", "legal_due", "effective_due", "status",
             "source")
STATUS_STYLES = {"overdue": "bold red", "violation": "bold magenta", "due_soon": "bold yellow", "open": "cyan",
                 "upcoming": "", "passed": "dim", "done": "green"}

def _selected(deadlines: list[Deadline], today: dt.date, within: int | None) -> list[Deadline]:
    if within is None:
        return deadlines
    horizon = today + dt.timedelta(days=within)
    return [d for d in deadlines if d.status in ("overdue", "violation")
            or (d.status not in ("done", "passed") and d.legal_due <= horizon)]


def _table(deadlines: list[Deadline], today: dt.date) -> Table:
    table = Table(title=Msg(f"期限一覧（基準日 {today.isoformat()}）", f"Deadlines (as of {today.isoformat()})").render())
    for column, wrap in ((Msg("状態", "status"), False), (Msg("法定の期限", "legal due"), False),
                         (Msg("実際の期限", "effective due"), False), (Msg("ケース・対象", "case, person"), True),
                         (Msg("内容", "what"), True), (Msg("提出先", "office"), True), (Msg("根拠", "source"), False)):
        table.add_column(column.render(), no_wrap=not wrap)
    for d in deadlines:
        effective = d.effective_due.isoformat() if d.moved else ""
        table.add_row(Msg(STATUS_LABELS[d.status], STATUS_LABELS_EN[d.status]).render(), d.legal_due.isoformat(), effective, f"{d.case_id}\n{d.person}",
                      "\n".join([d.title, *d.violations]), d.rule.office, short_source(d.rule.source),
                      style=STATUS_STYLES.get(d.status, ""))
    return table


def print_deadlines(deadlines: list[Deadline], today: dt.date, within: int | None, as_json: bool) -> None:
    """`formgen deadlines`: the deadlines (already sorted by date) as a table or JSON."""
    shown = _selected(deadlines, today, within)
    if as_json:
        rows = [{key: d.as_dict()[key] for key in JSON_KEYS} for d in shown]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    out.print(_table(shown, today))
    urgent = sum(d.status in ("overdue", "due_soon", "violation") for d in shown)
    out.print(Msg(f"{len(shown)} 件（要対応 {urgent} 件）", f"{len(shown)} deadlines ({urgent} need action)").render())
