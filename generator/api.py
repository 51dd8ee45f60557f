"""The front door of formgen: every front end (the CLI commands, `formgen watch`, the web app, the
spreadsheet importer) reads, checks and builds cases through these functions and nothing else.

    cases = api.check_paths([Path("inbox")])             # find → load → validate → check, as a set
    with api.open_converter(settings) as converter:      # warm LibreOffice (only when PDFs are wanted)
        report = api.build(cases, options, converter)    # plan → render → convert → deadlines → packet → publish
    api.deadlines_of(cases, today)                       # what is due, computed for `today`

Bad input never raises here: it is reported on the case (`CheckedCase.problems`) or on the result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cases import (CaseSet, CaseSource, CheckedCase, Discovery, check_data, check_paths, check_set,
                             check_source, find_cases, is_case_file)
from generator.deadlines import write_outbox_deadlines
from generator.deadlines.compute import Deadline, compute_deadlines, status_of
from generator.exceptions import ExitCode
from generator.pipeline import BuildOptions, CaseResult, Converter, build_all, build_checked
from generator.settings import FORMATS, Settings, active

__all__ = [
    "FORMATS", "BuildOptions", "BuildReport", "CaseResult", "converter_settings", "CaseSet", "CaseSource", "CheckedCase", "Converter",
    "Deadline", "Discovery", "build", "build_one", "check_data", "check_paths", "check_set", "check_source",
    "cutover_dates", "deadlines_of", "exit_code_of", "find_cases", "is_case_file", "open_converter", "options_from", "output_state",
    "refresh_outbox",
]


def options_from(settings: Settings, out_dir: Path, today: dt.date | None = None) -> BuildOptions:
    return BuildOptions(out_dir=out_dir, formats=settings.format, pdfa=settings.pdfa, today=today,
                        output_mode=settings.output_mode)


def converter_settings(settings: Settings):
    from generator.libreoffice import ConverterSettings, parse_endpoints

    return ConverterSettings(count=settings.converter_count, endpoints=parse_endpoints(",".join(settings.converters)),
                             timeout=settings.convert_timeout, recycle_after=settings.converter_recycle,
                             python=settings.uno_python)


@contextlib.contextmanager
def open_converter(settings: Settings | None = None, wanted: bool = True) -> Iterator[Converter | None]:
    """Warm LibreOffice converters for as long as the block runs (None when no PDF is wanted)."""
    if not wanted:
        yield None
        return
    from generator.libreoffice import ConverterPool

    pool = ConverterPool(converter_settings(settings or active())).start()
    try:
        yield pool
    finally:
        pool.close()


@dataclass
class BuildReport:
    results: list[CaseResult]
    cases: CaseSet

    @property
    def built(self) -> list[CaseResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[CaseResult]:
        return [r for r in self.results if not r.ok]

    @property
    def exit_code(self) -> int:
        return exit_code_of(self.results)


def exit_code_of(results: Iterable[CaseResult]) -> int:
    """Input errors give 1; any other failure (LibreOffice, output, template) wins over them."""
    codes = [int(r.error.exit_code) for r in results if r.error is not None]
    if not codes:
        return ExitCode.ok
    others = [c for c in codes if c != ExitCode.invalid_input]
    return max(others) if others else ExitCode.invalid_input


def build(cases: CaseSet | Iterable[Path], options: BuildOptions, converter: Converter | None = None, *,
          settings: Settings | None = None,
          on_done: Callable[[CaseResult], None] | None = None) -> BuildReport:
    """Build every case of the set (or of the paths) into options.out_dir, then refresh the outbox's
    deadline files. Without a converter and with PDFs wanted, warm converters are started for the batch."""
    case_set = cases if isinstance(cases, CaseSet) else check_paths(cases)
    try:
        with contextlib.ExitStack() as stack:
            if converter is None and options.wants_pdf and case_set.cases:
                converter = stack.enter_context(open_converter(settings))
            results = build_all(case_set.cases, options, converter, on_done)
    finally:
        refresh_outbox(options)
    return BuildReport(results, case_set)


def build_one(checked: CheckedCase, options: BuildOptions, converter: Converter | None) -> CaseResult:
    """Build one case that was checked alone (the watcher, the web app), then refresh the outbox."""
    try:
        return build_checked(checked, options, converter)
    finally:
        refresh_outbox(options)


def refresh_outbox(options: BuildOptions) -> None:
    """outbox/deadlines.csv, deadlines.ics and index.html from every built case."""
    write_outbox_deadlines(options.out_dir, options.day)


def output_state(source: CaseSource, options: BuildOptions):
    """Whether outbox/<case-id>/ holds the outputs of the case file as it is now (generator/state.py)."""
    from generator.state import inspect_case

    return inspect_case(source.path, source.root, options.out_dir, options.formats)


def deadlines_of(cases: CaseSet | Iterable[CheckedCase], today: dt.date) -> list[Deadline]:
    """Every deadline of the valid cases, with its status as of `today`, by date."""
    items = cases.cases if isinstance(cases, CaseSet) else cases
    found = [d for c in items if c.case is not None for d in compute_deadlines(c.case, c.case_id, today)]
    for deadline in found:
        deadline.status = status_of(deadline, today)
    return sorted(found, key=lambda d: (d.legal_due, d.case_id, d.key))


def cutover_dates():
    """The dates of 技能実習's end (2027-03-31 last application, 2027-04-01 育成就労, 2027-06-30 last start),
    each with its title, what it means and its source: what a dashboard shows (generator/cutover.py)."""
    from generator.cutover import CUTOVER_DATES

    return list(CUTOVER_DATES)
