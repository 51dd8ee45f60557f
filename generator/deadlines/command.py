"""`formgen deadlines [PATH...] [--today DATE] [--within DAYS] [--json]`: what is due, across cases."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from rich.table import Table

from generator.console import err, iso_date, out
from generator.deadlines.compute import STATUS_LABELS, STATUS_LABELS_EN, Deadline, compute_deadlines
from generator.deadlines.outputs import short_source
from generator.exceptions import ExitCode, InvalidInput
from generator.messages import Msg

JSON_KEYS = ("case_id", "person", "rule_id", "title", "office", "type", "legal_due", "effective_due", "status",
             "source")
STATUS_STYLES = {"overdue": "bold red", "violation": "bold magenta", "due_soon": "bold yellow", "open": "cyan",
                 "upcoming": "", "passed": "dim", "done": "green"}

def collect(paths: tuple[Path, ...], today: dt.date) -> tuple[list[Deadline], bool]:
    """Deadlines of every case file in `paths`; invalid files are reported and skipped."""
    from generator.load import load_case
    from generator.pipeline import discover_cases
    from generator.validate import validate_case

    found, failed = [], False
    for path, root in discover_cases(paths):
        try:
            loaded = load_case(path, root)
            case = validate_case(loaded)
        except InvalidInput as error:
            failed = True
            for problem in error.problems:
                err.print(problem.render(), markup=False)
            continue
        found.extend(compute_deadlines(case, loaded.case_id, today))
    return found, failed


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


@click.command("deadlines")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--today", callback=iso_date, help="Date the status is counted from (YYYY-MM-DD; default today).")
@click.option("--within", type=click.IntRange(min=0), default=None,
              help="Only what is overdue or due within DAYS days (by the legal date).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def deadlines(paths: tuple[Path, ...], today: dt.date | None, within: int | None, as_json: bool) -> None:
    """List the deadlines of the case files in PATHS (default inbox/), sorted by date."""
    today = today or dt.date.today()
    found, failed = collect(paths or (Path("inbox"),), today)
    found = sorted(_selected(found, today, within), key=lambda d: (d.legal_due, d.case_id, d.key))
    if as_json:
        rows = [{key: d.as_dict()[key] for key in JSON_KEYS} for d in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        out.print(_table(found, today))
        urgent = sum(d.status in ("overdue", "due_soon", "violation") for d in found)
        out.print(Msg(f"{len(found)} 件（要対応 {urgent} 件）", f"{len(found)} deadlines ({urgent} need action)").render())
    sys.exit(ExitCode.invalid_input if failed else ExitCode.ok)


__all__ = ["deadlines", "collect"]
