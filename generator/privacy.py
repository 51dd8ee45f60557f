"""Personal data in messages and logs.

Masking is by field: the schemas mark the fields that hold personal numbers (在留カード番号, 旅券番号,
see schemas.types.Sensitive), validation collects the values typed in them, and every problem that
carries those values shows them masked, whatever their shape (a typo'd number matches no pattern).
The pattern below is only a second net for a card number typed into some other field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# 在留カード番号 (AB12345678CD) and passport numbers as the sending countries print them
# (e.g. A1234567, P1234567A, C12345678): letters and digits with at least six digits in a row.
_SENSITIVE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,2})(\d{6,9})([A-Z]{0,2})(?![A-Za-z0-9])")
_UNSAFE_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _mask(match: re.Match) -> str:
    head, digits, tail = match.groups()
    return f"{head}{'*' * (len(digits) - 2)}{digits[-2:]}{tail}"


def mask(text: str) -> str:
    """AB12345678CD → AB******78CD: enough to tell two people apart, not enough to misuse."""
    return _SENSITIVE.sub(_mask, text)


def mask_secret(value: str) -> str:
    """A personal number shown without its middle: AB12345678CDX → AB*********DX."""
    if len(value) < 6:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


def secret_forms(value: object) -> set[str]:
    """The spellings of a sensitive value a message might echo: as typed, NFKC-normalised, and the
    compact form the format check uses (upper case, without spaces, hyphens and dots)."""
    if value is None or isinstance(value, (dict, list)):
        return set()
    typed = str(value).strip()
    normalised = unicodedata.normalize("NFKC", typed)
    compact = re.sub(r"[\s\-.]", "", normalised).upper()
    return {form for form in (typed, normalised, compact, normalised.upper()) if form}


def redact(text: str, secrets: Iterable[str], *, by_pattern: bool = True) -> str:
    """`text` with every value of a sensitive field masked (longest first, so no piece survives), and,
    unless `by_pattern` is off (formgen's own hints show an example number), anything shaped like one."""
    for secret in sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, mask_secret(secret))
    return mask(text) if by_pattern else text


def one_line(text: str) -> str:
    """`text` made safe for one line of a log: line breaks, control and bidi characters are shown as
    escapes, so a file name with a newline cannot forge a log line."""
    return _UNSAFE_IN_A_LINE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def mask_value(value: object) -> str:
    """A value echoed in an error message: masked, and cut short if long."""
    text = mask(str(value))
    return text if len(text) <= 40 else text[:37] + "…"
