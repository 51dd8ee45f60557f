"""The cases of a set of paths: find the case files, then load → validate → check each one.

`find_cases` turns the paths a user names into case sources (a case file and the build root its
parties are looked up to); `check_source` runs the first pipeline steps on one of them and never
raises for bad input: a `CheckedCase` carries the model when the schema accepts the data, and every
problem found. `check_set` adds what only the whole set shows (two files with one case id, …).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalogue import one_look_at_forms
from generator.checks import check_case
from generator.exceptions import InvalidInput
from generator.load import GivenParty, LoadedCase, is_regular_file, load_case, load_data
from generator.messages import Msg
from generator.packet import attachment_problems
from generator.problems import Location, Position, Problem
from generator.set_checks import SET_RULES
from generator.subject import Subject, subject_of
from generator.validate import masked, validate_case
from schemas import CaseFile

CASE_SUFFIXES = (".yaml", ".yml")
IGNORED_DIRS = {"parties", "attachments"}


@dataclass(frozen=True)
class CaseSource:
    """A case file, and the folder up to which its `parties/` folders are looked up."""

    path: Path
    root: Path


@dataclass
class CheckedCase:
    source: CaseSource
    loaded: LoadedCase | None = None
    case: CaseFile | None = None
    """The validated model: set whenever the schema accepts the data, even when requirements fail."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.case is not None and not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def case_id(self) -> str | None:
        return self.loaded.case_id if self.loaded is not None else None

    @property
    def kind(self) -> str | None:
        if self.case is not None:
            return self.case.kind
        kind = self.loaded.data.get("kind") if self.loaded is not None else None
        return kind if isinstance(kind, str) else None

    @property
    def subject(self) -> Subject:
        return subject_of(self.case if self.case is not None else (self.loaded.data if self.loaded else {}))

    def refuse(self, problem: Problem) -> None:
        self.problems.append(problem)


def is_case_file(path: Path) -> bool:
    name = path.name
    return (path.suffix.lower() in CASE_SUFFIXES and not name.startswith((".", "~"))
            and not any(part in IGNORED_DIRS or part.startswith(".") for part in path.parent.parts[-1:]))


def _root_for_file(path: Path) -> Path:
    """A file named on its own looks for parties up to the current folder when it lies inside it."""
    here = Path.cwd()
    return here if path.resolve().is_relative_to(here.resolve()) else path.parent


def _not_regular(path: Path) -> Problem:
    return Problem(Msg(f"{path.name} は通常のファイルではないため読みません（名前付きパイプ・デバイスなど）。",
                       f"{path.name} is not a regular file (a named pipe, a device…): not read."),
                   Position(path, 1, 1),
                   hint=Msg("ケースファイルは通常のファイルとして保存してください。", "save case files as regular files."))


@dataclass
class Discovery:
    sources: list[CaseSource]
    problems: list[Problem]


def find_cases(paths: Iterable[Path]) -> Discovery:
    """Every case file named, or found in the folders named (parties/, attachments/ and hidden skipped)."""
    sources, problems = [], []
    for path in map(Path, paths):
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if not is_case_file(candidate) or any(
                        part in IGNORED_DIRS or part.startswith(".") for part in relative.parts[:-1]):
                    continue
                if is_regular_file(candidate):
                    sources.append(CaseSource(candidate, path))
                elif not candidate.is_dir():
                    problems.append(_not_regular(candidate))
        elif is_regular_file(path):
            sources.append(CaseSource(path, _root_for_file(path)))
        else:
            problems.append(_not_regular(path))
    return Discovery(sources, problems)


def _checked(source: CaseSource, loaded: LoadedCase) -> CheckedCase:
    checked = CheckedCase(source, loaded)
    try:
        checked.case = validate_case(loaded)
    except InvalidInput as error:
        checked.problems = loaded.warnings + error.problems
        return checked
    findings = check_case(checked.case, loaded) + attachment_problems(checked.case, loaded)
    checked.problems = loaded.warnings + masked(findings, loaded.data)
    return checked


def check_source(source: CaseSource) -> CheckedCase:
    """load → validate → requirement checks → attachment files, for one case file."""
    try:
        loaded = load_case(source.path, source.root)
    except InvalidInput as error:
        return CheckedCase(source, problems=error.problems)
    return _checked(source, loaded)


def check_data(data: dict, positions: dict[tuple, Location], path: Path, root: Path, *,
               parties: Mapping[str, GivenParty] | None = None, notes: list[Problem] | None = None) -> CheckedCase:
    """The same checks for case data that is not (yet) a file: a workbook row, a web form.

    `path` is where the case file would be written; `positions` locate each field path (cells, form fields).
    """
    loaded = load_data(data, positions, path, root, notes=notes, parties=parties)
    return _checked(CaseSource(path, root), loaded)


# ── the set ───────────────────────────────────────────────────────────────────────────────────────

def duplicate_case_ids(checked: list[CheckedCase]) -> list[Problem]:
    """Two files that would build the same outbox/<case-id>: both are refused, each naming the other."""
    by_id: dict[str, list[CheckedCase]] = {}
    for item in checked:
        if item.case_id:
            by_id.setdefault(item.case_id.casefold(), []).append(item)
    problems = []
    for group in by_id.values():
        if len(group) < 2:
            continue
        for item in group:
            others = ", ".join(str(o.source.path) for o in group if o is not item)
            problem = Problem(
                Msg(f"ケースID「{item.case_id}」が {others} と同じです。出力フォルダが重なるため、どちらも作成しません。",
                    f"case id '{item.case_id}' is the same as in {others}: both would write one output folder, "
                    "so neither is built."),
                item.loaded.position_of(("case_id",)) if item.loaded else Position(item.source.path, 1, 1),
                ("case_id",), "ケースID",
                hint=Msg("どちらかのファイル名を変えるか、case_id: を書いてください。",
                         "rename one of the files, or give one of them a case_id:."))
            item.refuse(problem)
            problems.append(problem)
    return problems


SET_CHECKS: tuple[Callable[[list[CheckedCase]], object], ...] = (duplicate_case_ids, *SET_RULES)
"""Checks that need every case of the set; each refuses (adds errors to) the cases it names, at their own
fields, naming the other files and lines (the rules with their citations: generator/set_checks.py)."""


@dataclass
class CaseSet:
    cases: list[CheckedCase]
    problems: list[Problem]
    """Problems of the set that belong to no single case (files that could not be read as cases)."""

    def by_id(self) -> dict[str, CheckedCase]:
        return {c.case_id: c for c in self.cases if c.case_id}


def check_set(checked: list[CheckedCase], problems: list[Problem] | None = None) -> CaseSet:
    for rule in SET_CHECKS:
        rule(checked)
    return CaseSet(checked, list(problems or []))


def check_paths(paths: Iterable[Path]) -> CaseSet:
    """Every case of the paths, checked alone and as a set."""
    discovery = find_cases(paths)
    with one_look_at_forms():
        return check_set([check_source(s) for s in discovery.sources], discovery.problems)
