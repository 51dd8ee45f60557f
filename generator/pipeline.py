"""The pipeline, one pass per case:

load YAML → validate (schemas/, attachment files) → check requirements → plan forms → render DOCX →
convert PDF → deadlines → assemble packet → write outbox atomically.

Each step is a function in its own module; this module only passes data from one to the next.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.artifacts import Document
from generator.checks import check_case
from generator.context import case_context
from generator.convert import convert_documents, wants_pdf
from generator.deadlines import write_case_deadlines, write_outbox_deadlines
from generator.exceptions import FormgenError, InvalidInput
from generator.load import LoadedCase, load_case
from generator.messages import Msg
from generator.outbox import publish, staging_folder, write_json
from generator.packet import assemble_packet, attachment_problems
from generator.plan import plan_forms
from generator.problems import Problem
from generator.render import render_docx
from generator.validate import validate_case
from schemas import CaseFile

CASE_SUFFIXES = (".yaml", ".yml")
IGNORED_DIRS = {"parties", "attachments"}


@dataclass
class BuildOptions:
    out_dir: Path = Path("outbox")
    formats: str = "docx"
    pdfa: bool = False
    today: dt.date | None = None
    converter: object | None = None  # the build's generator.libreoffice.ConverterPool (build_many starts one)
    converters: str | None = None  # remote converter endpoints "host:port,..." (else FORMGEN_CONVERTERS, formgen.toml)
    converter_count: int | None = None  # local converters to start (default: one per core)
    convert_timeout: float | None = None  # seconds per conversion before the converter is restarted
    output_mode: str = "private"  # "private": owner only (0600/0700); "group": group may read (0640/0750)


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

    @property
    def ok(self) -> bool:
        return self.error is None


def is_case_file(path: Path) -> bool:
    name = path.name
    return (path.suffix.lower() in CASE_SUFFIXES and not name.startswith((".", "~"))
            and not any(part in IGNORED_DIRS or part.startswith(".") for part in path.parent.parts[-1:]))


def discover_cases(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(case file, build root) for each case file named or found in the folders named."""
    found = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if candidate.is_file() and is_case_file(candidate) and not any(
                        part in IGNORED_DIRS or part.startswith(".") for part in relative.parts[:-1]):
                    found.append((candidate, path))
        else:
            found.append((path, path.parent))
    return found


def _record(case: CaseFile, loaded: LoadedCase, documents: list[Document], options: BuildOptions) -> dict:
    return {
        "case_id": loaded.case_id,
        "kind": case.kind,
        "input": {"path": str(loaded.path), "sha256": loaded.sources[0].sha256},
        "parties": [{"path": str(s.path), "sha256": s.sha256} for s in loaded.sources[1:]],
        "forms": [
            {"id": d.form.id, "official_id": d.form.official_id, "title": d.form.title,
             "template_sha256": d.form.template_sha256(),
             "files": [p.name for p in (d.docx, d.pdf) if p is not None]}
            for d in documents
        ],
        "formgen_version": __version__,
        "built_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def validated(loaded: LoadedCase) -> tuple[CaseFile, list[Problem]]:
    """The case model and its warnings; raises InvalidInput with every error of the file."""
    try:
        case = validate_case(loaded)
    except InvalidInput as error:
        raise InvalidInput(error.message, loaded.warnings + error.problems) from None
    findings = loaded.warnings + check_case(case, loaded) + attachment_problems(case, loaded)
    if any(p.severity == "error" for p in findings):
        raise InvalidInput(Msg("要件を満たしていません", "requirements not met"), findings)
    return case, findings


def inspect_file(path: Path, root: Path | None) -> list[Problem]:
    """Everything `formgen validate` reports for one file, without building it."""
    try:
        return validated(load_case(path, root))[1]
    except InvalidInput as error:
        return error.problems


def build_loaded(loaded: LoadedCase, options: BuildOptions) -> tuple[Path, list[str], list[Problem]]:
    case, findings = validated(loaded)
    context = case_context(case, options.today)
    forms = plan_forms(case, context)
    with staging_folder(options.out_dir, loaded.case_id) as stage:
        documents = [Document(form, render_docx(form, context, stage / f"{form.output}.docx")) for form in forms]
        convert_documents(documents, options, context)
        write_case_deadlines(case, loaded, stage, options)  # before the packet: it may add a checklist page
        assemble_packet(case, context, documents, stage, options, loaded=loaded,
                        warnings=[p for p in findings if p.severity == "warning"])
        if options.formats == "pdf":
            for document in documents:
                document.docx.unlink()
                document.docx = None
        write_json(stage / "manifest.json", _record(case, loaded, documents, options))
        output = publish(stage, options.out_dir, loaded.case_id, options.output_mode)
    names = sorted(p.name for p in output.iterdir())
    return output, names, findings


def build_case(path: Path, root: Path | None, options: BuildOptions) -> CaseResult:
    started = time.perf_counter()
    result = CaseResult(source=path)
    try:
        loaded = load_case(path, root)
        result.case_id = loaded.case_id
        result.kind = loaded.data.get("kind") if isinstance(loaded.data.get("kind"), str) else None
        result.output, result.documents, result.problems = build_loaded(loaded, options)
    except FormgenError as error:
        result.error = error
        if isinstance(error, InvalidInput):
            result.problems = error.problems
    result.seconds = time.perf_counter() - started
    return result


def build_many(cases: list[tuple[Path, Path]], options: BuildOptions,
               on_done: Callable[[CaseResult], None] | None = None) -> list[CaseResult]:
    """Build every case; with PDFs, on warm LibreOffice converters kept busy by concurrent cases.

    `on_done` is called in the calling thread as each case finishes; results come back in input order.
    """
    pool = None
    if options.converter is None and wants_pdf(options) and cases:
        from generator.libreoffice import ConverterPool, load_settings

        settings = load_settings(options.converters, options.converter_count, options.convert_timeout)
        pool = options.converter = ConverterPool(settings).start()
    try:
        results = _build_all(cases, options, on_done)
    finally:
        if pool is not None:
            pool.close()
            options.converter = None
    write_outbox_deadlines(options.out_dir, options)
    return results


def _build_all(cases: list[tuple[Path, Path]], options: BuildOptions,
               on_done: Callable[[CaseResult], None] | None) -> list[CaseResult]:
    # two cases per converter and one more: while a case renders, checks or merges (Python), the
    # converters are fed by the others; LibreOffice does the heavy work in its own processes
    workers = 2 * len(getattr(options.converter, "servers", ())) + 1 if options.converter is not None else 1
    if workers <= 1 or len(cases) <= 1:
        results = []
        for path, root in cases:
            results.append(build_case(path, root, options))
            if on_done:
                on_done(results[-1])
        return results
    results: list[CaseResult | None] = [None] * len(cases)
    executor = ThreadPoolExecutor(max_workers=min(workers, len(cases)), thread_name_prefix="formgen-case")
    try:
        futures = {executor.submit(contextvars.copy_context().run, build_case, path, root, options): index
                   for index, (path, root) in enumerate(cases)}
        for finished in as_completed(futures):
            results[futures[finished]] = finished.result()
            if on_done:
                on_done(results[futures[finished]])
    except BaseException as error:
        executor.shutdown(wait=False, cancel_futures=True)
        if isinstance(error, (KeyboardInterrupt, SystemExit)) and options.converter is not None:
            options.converter.close()  # interrupted: in-flight conversions stop now, not after the batch
        raise
    executor.shutdown(wait=True)
    return results  # type: ignore[return-value]
