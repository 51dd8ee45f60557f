"""The build of checked cases, one pass per case:

(load → validate → check: generator/cases.py) → plan forms → render DOCX → convert PDF → deadlines →
assemble packet → write outbox atomically.

Each step is a function in its own module; this module only passes what one step returns to the next.
Front ends do not call this module: they go through generator/api.py.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from generator import __version__
from generator.artifacts import Document
from generator.cases import CheckedCase
from generator.context import case_context
from generator.convert import convert_documents
from generator.deadlines import write_case_deadlines
from generator.exceptions import FormgenError, InvalidInput, OutputError
from generator.fingerprint import case_fingerprint, output_sizes
from generator.messages import Msg
from generator.outbox import publish, staging_folder, write_json
from generator.packet import assemble_packet
from generator.plan import plan_forms
from generator.privacy import mask_value
from generator.problems import Problem
from generator.render import render_docx
from generator.settings import Format


class Converter(Protocol):
    """DOCX → PDF; generator.libreoffice.ConverterPool is the one formgen uses."""

    @property
    def capacity(self) -> int: ...

    def convert(self, source: Path, target: Path, pdfa: bool = False) -> Path: ...


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("outbox")
    formats: Format = "docx"
    pdfa: bool = False
    today: dt.date | None = None
    output_mode: Literal["private", "group"] = "private"  # private: 0600/0700; group: 0640/0750

    @property
    def wants_pdf(self) -> bool:
        return self.formats in ("pdf", "both")

    @property
    def day(self) -> dt.date:
        return self.today or dt.date.today()


@dataclass
class CaseResult:
    source: Path
    case_id: str | None = None
    kind: str | None = None
    output: Path | None = None
    documents: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: FormgenError | None = None
    seconds: float = 0.0
    skipped: bool = False  # its outputs were current (generator/fingerprint.py): nothing was rebuilt

    @property
    def ok(self) -> bool:
        return self.error is None


def _record(checked: CheckedCase, documents: list[Document], options: BuildOptions, stage: Path) -> dict:
    loaded = checked.loaded
    assert loaded is not None, "only a checked case is recorded"
    return {
        "fingerprint": case_fingerprint(loaded, options),
        "outputs": output_sizes(stage),
        "case_id": loaded.case_id,
        "kind": checked.kind,
        "input": {"path": str(loaded.path), "sha256": loaded.sources[0].sha256},
        "parties": [{"path": str(s.path), "sha256": s.sha256} for s in loaded.sources[1:]],
        "forms": [
            {"id": d.form.id, "official_id": d.form.official_id, "title": d.form.title,
             "internal": d.form.internal, "template_sha256": d.form.template_sha256(),
             "files": [p.name for p in (d.docx, d.pdf) if p is not None]}
            for d in documents
        ],
        "formgen_version": __version__,
        "built_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


_case_locks: dict[tuple[Path, str], threading.Lock] = {}
_case_locks_guard = threading.Lock()


def _case_lock(out_dir: Path, case_id: str) -> threading.Lock:
    """Two builds of one case in this process (a save in the web app while the watcher builds) take turns."""
    key = (out_dir.resolve(), case_id)
    with _case_locks_guard:
        return _case_locks.setdefault(key, threading.Lock())


def _refused(checked: CheckedCase) -> InvalidInput:
    return InvalidInput(Msg("ケースファイルに誤りがあります", "the case file has errors"), checked.problems)


def build_checked(checked: CheckedCase, options: BuildOptions, converter: Converter | None) -> CaseResult:
    """Build one checked case into options.out_dir/<case-id>; a case with errors is refused whole."""
    started = time.perf_counter()
    result = CaseResult(source=checked.source.path, case_id=checked.case_id, kind=checked.kind,
                        problems=list(checked.problems))
    try:
        if not checked.ok or checked.loaded is None:
            raise _refused(checked)
        with _case_lock(options.out_dir, checked.loaded.case_id):
            result.output = _build(checked, options, converter)
        result.documents = sorted(p.name for p in result.output.iterdir())
    except FormgenError as error:
        result.error = error
    except Exception as error:  # noqa: BLE001 - one case's failure never stops the others
        result.error = unexpected_failure(error, options.out_dir)
    result.seconds = time.perf_counter() - started
    return result


def unexpected_failure(error: Exception, out_dir: Path) -> FormgenError:
    """What escaped a step as a plain exception, as the error of that one case (with its exit code)."""
    if isinstance(error, OSError):  # disk full, read-only filesystem, a folder removed under the build
        reason, where = mask_value(error.strerror or error), error.filename or out_dir
        failure: FormgenError = OutputError(Msg(
            f"{where} を読み書きできません: {reason}。{out_dir} の空き容量と書き込み権限を確かめてください"
            "（前の出力はそのまま残っています）。",
            f"cannot read or write {where}: {reason}. Check the free space and permissions of {out_dir} "
            "(the previous outputs are kept)."))
    elif isinstance(error, OverflowError):  # date arithmetic past 9999-12-31
        failure = InvalidInput(Msg(
            "日付の計算が扱える範囲（西暦 9999 年まで）を超えました。「無期限」の代わりに 9999-12-31 のような日付を"
            "書いていないか確かめてください。",
            "a date calculation went past the last date formgen can handle (year 9999). Check that no date such as "
            "9999-12-31 stands for 'indefinite'."))
    else:
        failure = FormgenError(Msg(
            f"内部エラーです（{type(error).__name__}）。--debug を付けて再実行し、表示内容を開発者に知らせてください。",
            f"internal error ({type(error).__name__}). Run again with --debug and report what it prints."))
    failure.__cause__ = error
    return failure


def _build(checked: CheckedCase, options: BuildOptions, converter: Converter | None) -> Path:
    case, loaded = checked.case, checked.loaded
    assert case is not None and loaded is not None, "only a case without errors is built"
    context = case_context(case, options.today)
    forms = plan_forms(case, context)
    pdf_converter = converter if options.wants_pdf else None
    with staging_folder(options.out_dir, loaded.case_id, options.output_mode) as stage:
        documents = [Document(form, render_docx(form, context, stage / f"{form.output}.docx")) for form in forms]
        convert_documents(documents, pdf_converter, context, pdfa=options.pdfa)
        deadlines = write_case_deadlines(case, loaded.case_id, stage, options.day, pdf_converter, options.pdfa)
        assemble_packet(case, context, documents, stage, loaded=loaded, warnings=checked.warnings)
        if options.formats == "pdf":
            deadlines.drop_docx()
            for document in documents:
                document.drop_docx()
        write_json(stage / "manifest.json", _record(checked, documents, options, stage))
        return publish(stage, options.out_dir, loaded.case_id, options.output_mode)


def workers_for(converter: Converter | None) -> int:
    # two cases per converter and one more: while a case renders, checks or merges (Python), the
    # converters are fed by the others; LibreOffice does the heavy work in its own processes
    return 2 * converter.capacity + 1 if converter is not None else 1


def build_all(cases: Sequence[CheckedCase], options: BuildOptions, converter: Converter | None,
              on_done: Callable[[CaseResult], None] | None = None) -> list[CaseResult]:
    """Build every case, several at once on warm converters; `on_done` runs in the calling thread as
    each case finishes; results come back in input order."""
    workers = min(workers_for(converter if options.wants_pdf else None), len(cases))
    if workers <= 1:
        in_order: list[CaseResult] = []
        for checked in cases:
            in_order.append(build_checked(checked, options, converter))
            if on_done:
                on_done(in_order[-1])
        return in_order
    results: list[CaseResult | None] = [None] * len(cases)
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="formgen-case")
    try:
        futures = {executor.submit(contextvars.copy_context().run, build_checked, checked, options, converter): i
                   for i, checked in enumerate(cases)}
        for finished in as_completed(futures):
            result = results[futures[finished]] = finished.result()
            if on_done:
                on_done(result)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return [r for r in results if r is not None]
