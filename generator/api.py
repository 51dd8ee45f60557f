"""The front door of formgen: every front end (the CLI commands, `formgen watch`, the web app, the
spreadsheet importer) reads, checks and builds cases through these functions and nothing else.

    cases = api.check_paths([Path("inbox")])             # find → load → validate → check, as a set
    with api.open_converter(settings) as converter:      # warm LibreOffice (only when PDFs are wanted)
        report = api.build(cases, options, converter)    # plan → render → convert → deadlines → packet → publish
    api.deadlines_of(cases, today)                       # what is due, computed for `today`
    store = api.CaseStore(Path("inbox"))                  # the same, kept between requests (web app, watcher)

Bad input never raises here: it is reported on the case (`CheckedCase.problems`) or on the result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cases import (
    CaseSet,
    CaseSource,
    CheckedCase,
    Discovery,
    check_data,
    check_paths,
    check_set,
    check_source,
    find_cases,
    is_case_file,
)
from generator.catalogue import one_look_at_forms
from generator.deadlines import write_outbox_deadlines
from generator.deadlines.compute import STATUS_LABELS, STATUS_LABELS_EN, Deadline, compute_deadlines, status_of
from generator.exceptions import ExitCode, FormgenError
from generator.pipeline import BuildOptions, CaseResult, Converter, build_all, build_checked, unexpected_failure
from generator.settings import FORMATS, Settings, active
from generator.store import CaseStore

__all__ = [
    "FORMATS", "BuildOptions", "BuildReport", "CaseResult", "CaseStore", "current_result", "converter_settings",
    "CaseSet", "CaseSource", "CheckedCase", "Converter",
    "Deadline", "Discovery", "build", "build_one", "check_data", "check_paths", "check_set", "check_source",
    "cite_source", "cutover_dates", "deadlines_of", "exit_code_of", "find_cases", "icalendar", "is_case_file", "open_converter", "options_from",
    "output_state", "party_problems", "refresh_outbox", "template_hashes", "STATUS_LABELS", "STATUS_LABELS_EN",
]


def options_from(settings: Settings, out_dir: Path, today: dt.date | None = None) -> BuildOptions:
    return BuildOptions(out_dir=out_dir, formats=settings.format, pdfa=settings.pdfa, today=today,
                        output_mode=settings.output_mode)


def converter_settings(settings: Settings, kept_warm: bool = False):
    from generator.libreoffice import ConverterSettings, parse_endpoints

    return ConverterSettings(count=settings.converter_count, endpoints=parse_endpoints(",".join(settings.converters)),
                             timeout=settings.convert_timeout, recycle_after=settings.converter_recycle,
                             python=settings.uno_python, warm_up=kept_warm)


@contextlib.contextmanager
def open_converter(settings: Settings | None = None, wanted: bool = True,
                   kept_warm: bool = False) -> Iterator[Converter | None]:
    """Warm LibreOffice converters for as long as the block runs (None when no PDF is wanted). `kept_warm`:
    they wait for a user's next document (watch, the web app), so each converts a small one before use."""
    if not wanted:
        yield None
        return
    from generator.libreoffice import ConverterPool

    pool = ConverterPool(converter_settings(settings or active(), kept_warm)).start()
    try:
        yield pool
    finally:
        pool.close()


@dataclass
class BuildReport:
    results: list[CaseResult]
    cases: CaseSet
    outbox_error: FormgenError | None = None
    """Why outbox/deadlines.csv, deadlines.ics and index.html could not be refreshed (disk full…)."""

    @property
    def built(self) -> list[CaseResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[CaseResult]:
        return [r for r in self.results if not r.ok]

    @property
    def exit_code(self) -> int:
        code = exit_code_of(self.results)
        return max(code, int(self.outbox_error.exit_code)) if self.outbox_error is not None else code


def exit_code_of(results: Iterable[CaseResult]) -> int:
    """Input errors give 1; any other failure (LibreOffice, output, template) wins over them."""
    codes = [int(r.error.exit_code) for r in results if r.error is not None]
    if not codes:
        return ExitCode.ok
    others = [c for c in codes if c != ExitCode.invalid_input]
    return max(others) if others else ExitCode.invalid_input


def build(cases: CaseSet | Iterable[Path], options: BuildOptions, converter: Converter | None = None, *,
          settings: Settings | None = None, on_done: Callable[[CaseResult], None] | None = None,
          force: bool = False) -> BuildReport:
    """Build every case of the set (or of the paths) into options.out_dir, then refresh the outbox's
    deadline files. A case whose outputs are current (generator/fingerprint.py) is skipped unless
    `force`. Without a converter and with PDFs wanted, warm converters are started for what is built."""
    case_set = cases if isinstance(cases, CaseSet) else check_paths(cases)
    with one_look_at_forms():
        current = {} if force else {i: r for i, c in enumerate(case_set.cases) if (r := current_result(c, options))}
    todo = [c for i, c in enumerate(case_set.cases) if i not in current]
    for result in current.values():
        if on_done:
            on_done(result)
    try:
        with contextlib.ExitStack() as stack:
            if converter is None and options.wants_pdf and todo:
                converter = stack.enter_context(open_converter(settings))
            built = iter(build_all(todo, options, converter, on_done))
    except BaseException:
        with contextlib.suppress(FormgenError):
            refresh_outbox(options)  # what was built before the interruption is on the dashboard
        raise
    report = BuildReport([current[i] if i in current else next(built) for i in range(len(case_set.cases))], case_set)
    try:
        refresh_outbox(options)
    except Exception as error:  # noqa: BLE001 - reported beside the cases' results, with its exit code
        report.outbox_error = error if isinstance(error, FormgenError) else unexpected_failure(error, options.out_dir)
    return report


def current_result(checked: CheckedCase, options: BuildOptions) -> CaseResult | None:
    """The result of a case whose outputs in options.out_dir are current, without building it; else None."""
    from generator.fingerprint import case_fingerprint, read_manifest, why_stale

    if not checked.ok or checked.loaded is None:
        return None
    folder = options.out_dir / checked.loaded.case_id
    manifest = read_manifest(folder)
    recorded = (manifest or {}).get("input")
    if not isinstance(recorded, dict) or Path(str(recorded.get("path"))).resolve() != checked.source.path.resolve():
        return None
    if why_stale(case_fingerprint(checked.loaded, options), folder, manifest) is not None:
        return None
    return CaseResult(source=checked.source.path, case_id=checked.case_id, kind=checked.kind, output=folder,
                      documents=sorted(p.name for p in folder.iterdir()), problems=list(checked.problems),
                      skipped=True)


def build_one(checked: CheckedCase, options: BuildOptions, converter: Converter | None) -> CaseResult:
    """Build one case that was checked alone (the watcher, the web app), then refresh the outbox."""
    result = build_checked(checked, options, converter)  # never raises for one case's failure
    refresh_outbox(options)
    return result


def refresh_outbox(options: BuildOptions) -> None:
    """outbox/deadlines.csv, deadlines.ics and index.html from every built case."""
    write_outbox_deadlines(options.out_dir, options.day, options.output_mode)


def output_state(source: CaseSource, options: BuildOptions, templates=None, loaded=None):
    """Whether outbox/<case-id>/ holds the outputs of the case file as it is now (generator/state.py).

    `templates` (from `template_hashes()`) lets a caller asking about many cases hash each template once;
    `loaded` (CheckedCase.loaded, read just now) saves reading the case file again."""
    from generator.state import inspect_case

    return inspect_case(source.path, source.root, options.out_dir, options.formats, templates, loaded,
                        options=options)


def template_hashes():
    """The forms' template hashes, read once, for `output_state` over many cases."""
    from generator.state import TemplateHashes

    return TemplateHashes()


def party_problems(data: dict, model, path: Path, root: Path | None = None) -> list:
    """The problems of a parties file's data against its party model (schemas/parties.py & co.), with the
    messages `formgen validate` gives; for a parties file no case uses yet."""
    from pydantic import ValidationError

    from generator.exceptions import InvalidInput
    from generator.load import load_data
    from generator.validate import problems_from

    try:
        loaded = load_data(data, {}, path, root)
    except InvalidInput as error:
        return error.problems
    try:
        model.model_validate(loaded.data)
    except ValidationError as error:
        return loaded.errors + problems_from(error, loaded, model)
    return loaded.errors


def icalendar(deadlines: Iterable[Deadline], name: str) -> bytes:
    """Deadlines as an iCalendar file (stable UIDs: re-importing updates the events)."""
    from generator.deadlines.outputs import icalendar as calendar_of

    return calendar_of(list(deadlines), name)


def deadlines_of(cases: CaseSet | Iterable[CheckedCase], today: dt.date) -> list[Deadline]:
    """Every deadline of the valid cases, with its status as of `today`, by date."""
    items = cases.cases if isinstance(cases, CaseSet) else cases
    found = [d for c in items if c.case is not None and c.loaded is not None
             for d in compute_deadlines(c.case, c.loaded.case_id, today)]
    for deadline in found:
        deadline.status = status_of(deadline, today)
    return sorted(found, key=lambda d: (d.legal_due, d.case_id, d.key))


def cutover_dates():
    """The dates of 技能実習's end (2027-03-31 last application, 2027-04-01 育成就労, 2027-06-30 last start),
    each with its title, what it means and its source: what a dashboard shows (generator/cutover.py)."""
    from generator.cutover import CUTOVER_DATES

    return list(CUTOVER_DATES)


def cite_source(source: str) -> str:
    """A rule's source as the office reads it: 「受入れの手引き 2377行」, never the seed's file name
    (generator/sources.py; docs/sources.md lists the documents)."""
    from generator.sources import cite

    return cite(source)
