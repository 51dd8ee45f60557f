"""Personal data in messages and logs: 在留カード and passport numbers are never shown in full."""

from __future__ import annotations

import re

# 在留カード番号 (AB12345678CD) and passport numbers as the sending countries print them
# (e.g. A1234567, P1234567A, C12345678): letters and digits with at least six digits in a row.
_SENSITIVE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,2})(\d{6,9})([A-Z]{0,2})(?![A-Za-z0-9])")


def _mask(match: re.Match) -> str:
    head, digits, tail = match.groups()
    return f"{head}{'*' * (len(digits) - 2)}{digits[-2:]}{tail}"


def mask(text: str) -> str:
    """AB12345678CD → AB******78CD: enough to tell two people apart, not enough to misuse."""
    return _SENSITIVE.sub(_mask, text)


def mask_value(value: object) -> str:
    """A value echoed in an error message: masked, and cut short if long."""
    text = mask(str(value))
    return text if len(text) <= 40 else text[:37] + "…"
