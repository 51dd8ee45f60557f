"""Requirement checks: a well-formed case can still break the rules the authorities apply.

Each rule is a `Requirement` row (id, the rule's text, its seed citation, the kinds it applies to,
hard or soft, and the period it is in force: valid_from/valid_until, judged on the day of the check,
the filing day) with a small test function; the tables live in generator/requirements/*.py and are
collected here. A violated hard requirement (severity "error") stops the case's build unless the case
records an explicit, reasoned exception (`exceptions: [{rule: ID, reason: ...}]`); a soft one
("warning") is printed with the build and on the packet's cover.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from generator import requirements as requirement_tables
from generator.load import LoadedCase
from generator.messages import Msg
from generator.problems import Problem
from schemas import CaseFile

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Violation:
    """What a rule found wrong in one case: where (field path) and the details."""

    path: tuple
    detail: Msg


@dataclass(frozen=True)
class Requirement:
    id: str  # e.g. "EPA-FAC-CAPACITY"
    kinds: tuple[str, ...]
    severity: Severity
    source: str  # seed citation, e.g. "002_e5f9a0dfd8ef1d48.txt:285"
    text: Msg  # the rule itself, as the seed states it
    test: Callable[[CaseFile], Iterable[Violation]]
    valid_from: dt.date | None = None  # the first day the rule is in force (None: as long as its source)
    valid_until: dt.date | None = None  # the last day (a rule of a system that ends, an edition replaced)

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until)


def all_requirements() -> list[Requirement]:
    """Every REQUIREMENTS table in the modules of generator/requirements/."""
    rules: list[Requirement] = []
    for module_info in pkgutil.iter_modules(requirement_tables.__path__):
        module = importlib.import_module(f"{requirement_tables.__name__}.{module_info.name}")
        rules.extend(getattr(module, "REQUIREMENTS", ()))
    return rules


def _excepted(case: CaseFile) -> dict[str, str]:
    return {item.rule: item.reason for item in getattr(case, "exceptions", [])}


def check_case(case: CaseFile, loaded: LoadedCase | None = None, day: dt.date | None = None) -> list[Problem]:
    """Every requirement of the case's kind in force on `day` (default: today, the day of the check)."""
    problems = []
    excepted = _excepted(case)
    day = day or dt.date.today()
    for rule in all_requirements():
        if case.kind not in rule.kinds or not rule.in_force_on(day):
            continue
        for violation in rule.test(case):
            severity = rule.severity
            detail = violation.detail
            if severity == "error" and rule.id in excepted:
                severity = "warning"
                detail = Msg(f"{detail.ja}（例外として届出: {excepted[rule.id]}）",
                             f"{detail.en} (recorded exception: {excepted[rule.id]})")
            problems.append(Problem(
                detail,
                loaded.position_of(violation.path) if loaded else None,
                violation.path,
                hint=rule.text,
                severity=severity,
                rule=f"{rule.id} {rule.source}",
            ))
    return problems
