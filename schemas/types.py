"""Value types with the format rules of the official forms (DOMAIN.md "Format conventions")."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from schemas.base import field_error

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _nfkc(value: object) -> object:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def _no_control_characters(value: str) -> str:
    match = _CONTROL.search(value)
    if match:
        raise field_error(
            f"制御文字（U+{ord(match.group()):04X}）が含まれています。",
            f"contains a control character (U+{ord(match.group()):04X}).",
            "見えない文字が混じっています。値を打ち直してください。",
            "an invisible character slipped in: type the value again.",
        )
    return value


def _text(max_length: int) -> type:
    return Annotated[str, Field(min_length=1, max_length=max_length), AfterValidator(_no_control_characters)]


Text = _text(200)
"""One line of text: a name, an address, a title."""
LongText = _text(2000)
"""Free text that may run over several lines (reasons, remarks)."""


def _pattern(regex: str, ja: str, en: str, hint_ja: str, hint_en: str, normalise=_nfkc):
    compiled = re.compile(regex)

    def check(value: object) -> str:
        value = normalise(value)
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise field_error(ja.format(value=value), en.format(value=value), hint_ja, hint_en)
        return value

    return check


def _card_normalise(value: object) -> object:
    value = _nfkc(value)
    return value.upper().replace(" ", "") if isinstance(value, str) else value


ResidenceCardNumber = Annotated[str, BeforeValidator(_pattern(
    r"[A-Z]{2}\d{8}[A-Z]{2}",
    "在留カード番号「{value}」の形式が違います。",
    "residence card number '{value}' has the wrong format.",
    "英字2文字・数字8桁・英字2文字の12文字で書いてください（例: AB12345678CD）。",
    "write 2 letters, 8 digits, 2 letters (e.g. AB12345678CD).",
    _card_normalise,
))]


def _postal_normalise(value: object) -> object:
    value = _nfkc(value)
    if isinstance(value, int):
        value = f"{value:07d}"
    if isinstance(value, str) and re.fullmatch(r"\d{7}", value):
        value = f"{value[:3]}-{value[3:]}"
    return value


PostalCode = Annotated[str, BeforeValidator(_pattern(
    r"\d{3}-\d{4}",
    "郵便番号「{value}」の形式が違います。",
    "postal code '{value}' has the wrong format.",
    "3桁-4桁で書いてください（例: 100-0001）。",
    "write NNN-NNNN (e.g. 100-0001).",
    _postal_normalise,
))]

Phone = Annotated[str, BeforeValidator(_pattern(
    r"(0\d{1,4}-\d{1,4}-\d{3,4}|0\d{9,10}|\+\d{1,3}[- ]?\d{1,4}([- ]?\d{2,4}){1,3})",
    "電話番号「{value}」の形式が違います。",
    "phone number '{value}' has the wrong format.",
    "市外局番から、ハイフン区切りで書いてください（例: 03-1234-5678）。",
    "write it with the area code, separated by hyphens (e.g. 03-1234-5678).",
))]

Email = Annotated[str, BeforeValidator(_pattern(
    r"[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}",
    "メールアドレス「{value}」の形式が違います。",
    "e-mail address '{value}' has the wrong format.",
    "name@example.jp の形で書いてください。",
    "write it as name@example.jp.",
))]


def _yen(value: object) -> object:
    if isinstance(value, str):
        cleaned = _nfkc(value).replace(",", "").replace("円", "").replace("¥", "").strip()
        if re.fullmatch(r"\d+", cleaned):
            return int(cleaned)
        raise field_error(
            f"金額「{value}」を読み取れません。", f"cannot read the amount '{value}'.",
            "円単位の整数で書いてください（例: 131400 または 131,400円）。",
            "write whole yen (e.g. 131400 or 131,400円).",
        )
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Yen = Annotated[int, BeforeValidator(_yen), Field(ge=0, le=100_000_000_000)]
"""Whole yen; "131,400円" is accepted and read as 131400."""


_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)


def _date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # 19980714 typed without separators: refused below with the format to use
    if not isinstance(value, str):
        return value
    text = _nfkc(value)
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            y, m, d = (int(match[g]) for g in "ymd")
            try:
                return dt.date(y, m, d)
            except ValueError:
                raise field_error(
                    f"日付「{value}」は存在しない日です。", f"'{value}' is not a real date.",
                    "月と日を確かめてください。", "check the month and the day.",
                ) from None
    raise field_error(
        f"日付「{value}」を読み取れません。", f"cannot read the date '{value}'.",
        "西暦で YYYY-MM-DD の形に書いてください（例: 2026-04-01）。",
        "write it as YYYY-MM-DD (e.g. 2026-04-01).",
    )


Date = Annotated[dt.date, BeforeValidator(_date)]
"""A calendar date, written 2026-04-01 (2026/4/1 and 2026年4月1日 are accepted)."""

Count = Annotated[int, Field(ge=0, le=100_000)]
Percent = Annotated[float, Field(ge=0, le=1000)]
