"""Requirement checks: a valid case can still break the rules the authorities apply.

Returns located problems: severity "error" stops the case's build (unless the case records a reasoned
exception), "warning" is printed with the build and on the packet's cover.
"""

from __future__ import annotations

from generator.load import LoadedCase
from generator.problems import Problem
from schemas import CaseFile


def check_case(case: CaseFile, loaded: LoadedCase) -> list[Problem]:
    return []
