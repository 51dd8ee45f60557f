"""What a template (and a manifest's `when:`) sees of a case: its fields, computed values, and helpers."""

from __future__ import annotations

import datetime as dt

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from generator.formats import FILTERS
from schemas import CaseFile


def _finalize(value: object) -> object:
    return "" if value is None else value


def make_environment() -> SandboxedEnvironment:
    """Strict (a missing variable is an error), escaped, sandboxed: values are data, never template code."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, finalize=_finalize)
    env.filters.update(FILTERS)
    return env


PRINTED_VALUES = "PRINTED_VALUES"
"""A case model may declare `PRINTED_VALUES: ClassVar[tuple[str, ...]]` and a method
`print_values(today) -> dict` with those keys: values its forms print that depend on the filing day
(a follow-up record's next contact, a score sheet computed from the figures)."""


def case_context(case: CaseFile, today: dt.date | None = None) -> dict:
    names = list(type(case).model_fields) + list(type(case).model_computed_fields)
    context = {name: getattr(case, name) for name in names}
    context["today"] = today or dt.date.today()
    context["sheet"] = 1
    context["sheets"] = 1
    if getattr(type(case), PRINTED_VALUES, ()):
        context.update(case.print_values(context["today"]))
    return context
