"""Value types with the format rules of the official forms (docs/templates.md 「フィルター」 prints them).

Case files give every value as the text that was typed (generator.yamlread); these types read it:
Japanese dates (令和9年4月30日, R9.4.30, 2027年4月30日, 2027/4/30), amounts (185,000円, １８５，０００),
phone numbers, 郵便番号 and card numbers in full-width characters (normalised with NFKC before the
format check). Names, addresses and other text are never normalised: they print exactly as typed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Annotated, Any, Literal, TypeAlias, overload

from japanera import EraDate
from pydantic import AfterValidator, BeforeValidator, Field, GetJsonSchemaHandler
from pydantic_core import core_schema as cs

from schemas.base import field_error

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")
_DASHES = re.compile(r"[‐‑‒–—―−ー－]")
SENSITIVE = "x-formgen-sensitive"
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


class Sensitive:
    """Marks a personal number (在留カード番号, 旅券番号): no message, log or ERRORS.txt shows it in full.

    generator.validate finds the fields with this marker and masks their values in every problem."""

    def __get_pydantic_json_schema__(self, schema: cs.CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {**handler(schema), SENSITIVE: True}

    def __repr__(self) -> str:
        return "Sensitive()"


class InputForm:
    """What a field accepts, in words (field descriptions, `formgen new`) and as JSON Schema (`formgen
    schema`): editors must accept every form formgen reads, as a YAML 1.2 editor types it."""

    def __init__(self, ja: str, json_schema: dict[str, Any] | None = None):
        self.ja = ja
        self.json_schema = json_schema

    def __get_pydantic_json_schema__(self, schema: cs.CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        produced = handler(schema)
        if self.json_schema is None:
            return produced
        kept = {k: v for k, v in produced.items() if k.startswith("x-")}  # e.g. the Sensitive mark
        return {**self.json_schema, **kept}

    def __repr__(self) -> str:
        return f"InputForm({self.ja!r})"


_DIGIT = "[0-9０-９]"
_NUMBER_OR_TEXT = {"type": ["string", "number", "integer"]}


@overload
def _nfkc(value: str) -> str: ...
@overload
def _nfkc(value: object) -> object: ...
def _nfkc(value: object) -> object:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def _no_control_characters(value: str) -> str:
    match = _CONTROL.search(value) or _BIDI.search(value)
    if match:
        raise field_error(
            f"制御文字（U+{ord(match.group()):04X}）が含まれています。",
            f"contains a control character (U+{ord(match.group()):04X}).",
            "見えない文字が混じっています。値を打ち直してください。",
            "an invisible character slipped in: type the value again.",
        )
    return value


def _one_line(value: str) -> str:
    if _LINE_BREAK.search(value) or "\t" in value:
        raise field_error(
            "改行やタブは入れられません（1行の項目です）。", "line breaks and tabs are not allowed (a one-line field).",
            "1行で書いてください。「|」で始まる複数行の書き方や引用符の中の \\n を使わないでください。",
            "write it on one line (no '|' block, no \\n inside quotes).",
        )
    return value


Text: TypeAlias = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_control_characters),
                            AfterValidator(_one_line), InputForm("1行の文字（200文字まで、改行不可）")]
"""One line of text: a name, an address, a title (no line breaks, no bidi controls)."""
LongText: TypeAlias = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_no_control_characters),
                                InputForm("文章（2000文字まで、複数行可）")]
"""Free text that may run over several lines (reasons, remarks)."""


def _blank() -> Exception:
    return field_error("空欄です。値を書いてください。", "this is blank: write a value.")


def _pattern(regex: str, ja: str, en: str, hint_ja: str, hint_en: str, normalise=_nfkc):
    """A format check; `ja`/`en` may show the value as {value} (never for a Sensitive field)."""
    compiled = re.compile(regex)

    def check(value: object) -> str:
        if value is None:
            raise _blank()
        value = normalise(value)
        if not isinstance(value, str) or not compiled.fullmatch(value):
            shown = value if isinstance(value, str) else str(value)
            raise field_error(ja.format(value=shown, length=len(shown)), en.format(value=shown, length=len(shown)),
                              hint_ja, hint_en)
        return value

    return check


def _card_normalise(value: object) -> object:
    value = _nfkc(value)
    return value.upper().replace(" ", "") if isinstance(value, str) else value


ResidenceCardNumber = Annotated[str, Sensitive(), InputForm(
    "在留カード番号: 英字2文字・数字8桁・英字2文字（例: AB12345678CD、全角も可）", {"type": "string"}), BeforeValidator(_pattern(
    r"[A-Z]{2}\d{8}[A-Z]{2}",
    "在留カード番号の形式が違います（今は{length}文字）。",
    "the residence card number has the wrong format ({length} characters).",
    "英字2文字・数字8桁・英字2文字の12文字で書いてください（例: AB12345678CD）。ハイフンや点は入れません。",
    "write 2 letters, 8 digits, 2 letters (e.g. AB12345678CD), without hyphens or dots.",
    _card_normalise,
))]

PassportNumber = Annotated[str, Sensitive(), InputForm(
    "旅券番号: 旅券に印字された英数字（全角も可）", _NUMBER_OR_TEXT), BeforeValidator(_pattern(
    r"[A-Z0-9]{5,12}",
    "旅券番号の形式が違います（今は{length}文字）。",
    "the passport number has the wrong format ({length} characters).",
    "旅券に印字された英数字だけを書いてください（空白・ハイフンは入れません）。",
    "write the letters and digits printed in the passport (no spaces or hyphens).",
    _card_normalise,
))]


def _dial_normalise(value: object) -> object:
    value = _nfkc(value)
    return _DASHES.sub("-", value) if isinstance(value, str) else value


def _postal_normalise(value: object) -> object:
    value = _dial_normalise(value)
    if isinstance(value, str):
        value = value.removeprefix("〒").strip()
        if re.fullmatch(r"\d{7}", value):
            value = f"{value[:3]}-{value[3:]}"
    return value


PostalCode = Annotated[str, InputForm("郵便番号（例: 100-0001 または 1000001、全角も可）", _NUMBER_OR_TEXT),
                      BeforeValidator(_pattern(
    r"\d{3}-\d{4}",
    "郵便番号「{value}」の形式が違います。",
    "postal code '{value}' has the wrong format.",
    "3桁-4桁で書いてください（例: 100-0001）。",
    "write NNN-NNNN (e.g. 100-0001).",
    _postal_normalise,
))]

Phone = Annotated[str, InputForm("電話番号（例: 03-1234-5678、0312345678、+62 22 0000 1234、全角も可）",
                                 _NUMBER_OR_TEXT), BeforeValidator(_pattern(
    r"(0\d{1,4}-\d{1,4}-\d{3,4}|0\d{9,10}|\+\d{1,3}[- ]?\d{1,4}([- ]?\d{2,4}){1,3})",
    "電話番号「{value}」の形式が違います。",
    "phone number '{value}' has the wrong format.",
    "市外局番から、ハイフン区切りで書いてください（例: 03-1234-5678）。",
    "write it with the area code, separated by hyphens (e.g. 03-1234-5678).",
    _dial_normalise,
))]

Email = Annotated[str, InputForm("メールアドレス（例: name@example.jp）", {"type": "string"}), BeforeValidator(_pattern(
    r"[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}",
    "メールアドレス「{value}」の形式が違います。",
    "e-mail address '{value}' has the wrong format.",
    "name@example.jp の形で書いてください。",
    "write it as name@example.jp.",
))]

_AMOUNT = re.compile(r"[¥\\]?\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)\s*円?")


def _yen(value: object) -> object:
    if isinstance(value, str):
        match = _AMOUNT.fullmatch(_nfkc(value))
        if match:
            return int(match["digits"].replace(",", ""))
        raise field_error(
            f"金額「{value}」を読み取れません。", f"cannot read the amount '{value}'.",
            "円単位の整数で書いてください（例: 185000、185,000、185,000円）。",
            "write whole yen (e.g. 185000, 185,000 or 185,000円).",
        )
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_AMOUNT_PATTERN = rf"^\s*[¥￥\\]?\s*(?:{_DIGIT}{{1,3}}(?:[,，]{_DIGIT}{{3}})+|{_DIGIT}+)\s*円?\s*$"
Yen = Annotated[int, BeforeValidator(_yen), Field(ge=0, le=100_000_000_000), InputForm(
    "金額（円単位の整数。例: 185000、185,000、185,000円、全角も可）",
    {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": _AMOUNT_PATTERN}]})]
"""Whole yen; 185,000円 and full-width １８５，０００ are read as 185000."""


_WESTERN_DATES = (
    re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)
_ERA_DATE = re.compile(r"(?P<era>[^\W\d_]{1,2}?)\s*(?P<y>\d{1,2}|元)\s*[年./\-]\s*(?P<m>\d{1,2})\s*[月./\-]\s*"
                       r"(?P<d>\d{1,2})\s*日?")
_ERAS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
DATE_FORMS_JA = "2026-04-01、2026/4/1、2026年4月1日、令和8年4月1日、R8.4.1"
DATE_FORMS_EN = "2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日 or R8.4.1"


def _not_a_day(value: object) -> Exception:
    return field_error(f"日付「{value}」は存在しない日です。", f"'{value}' is not a real date.",
                       "月と日を確かめてください。", "check the month and the day.")


@functools.cache
def _era_span(name: str) -> tuple[dt.date, dt.date | None]:
    """(first day, first day of the next era) of a modern era, from japanera's era table."""
    era = EraDate.strptime(f"{name}2年1月1日", "%-K%-y年%m月%d日")[0].era
    return era.since, era.until


def _era_date(era: str, year: str, month: int, day: int, typed: object) -> dt.date | None:
    """令和9年4月30日 / R9.4.30 (元年 is year 1) as a date; None when `era` names no era."""
    name = _ERAS.get(era.upper(), era)
    if name not in _ERAS.values():
        return None
    since, until = _era_span(name)
    try:
        found = dt.date(since.year + (1 if year == "元" else int(year)) - 1, month, day)
    except ValueError:
        raise _not_a_day(typed) from None
    if found < since or (until is not None and found >= until):
        raise _outside_era(typed)
    return found


def _outside_era(typed: object) -> Exception:
    return field_error(f"日付「{typed}」はその元号の期間にありません。", f"'{typed}' is not within that era.",
                       "元号と年を確かめてください（例: 平成31年4月30日の翌日は令和元年5月1日）。",
                       "check the era and the year (e.g. the day after 平成31年4月30日 is 令和元年5月1日).")


def _in_range(day: dt.date, typed: object) -> dt.date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise field_error(
            f"日付「{typed}」は扱える範囲（1900-01-01〜2100-12-31）の外です。",
            f"'{typed}' is outside the dates formgen accepts (1900-01-01 to 2100-12-31).",
            "西暦の年を確かめてください。期限のないもの（無期限）は日付を書かず、任意の項目なら行ごと消してください。",
            "check the year. For something without an end, leave the date out (delete the line if it is optional).",
        )
    return day


def _date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), value.date())
    if isinstance(value, dt.date):
        return _in_range(value, value)
    if value is None:
        raise _blank()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # 19980714 typed without separators: refused below with the forms to use
    if not isinstance(value, str):
        return value
    text = _nfkc(value)
    for form in _WESTERN_DATES:
        if match := form.fullmatch(text):
            try:
                day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise _not_a_day(value) from None
            return _in_range(day, value)
    if match := _ERA_DATE.fullmatch(text):
        era_day = _era_date(match["era"], match["y"], int(match["m"]), int(match["d"]), value)
        if era_day is not None:
            return _in_range(era_day, value)
    raise field_error(
        f"日付「{value}」を読み取れません。", f"cannot read the date '{value}'.",
        f"次のどれかの形で書いてください: {DATE_FORMS_JA}", f"write it as one of: {DATE_FORMS_EN}",
    )


_SEP = r"\s*[-/.．／－年月]\s*"
_DATE_PATTERN = (rf"^\s*(?:{_DIGIT}{{4}}|(?:明治|大正|昭和|平成|令和|[MTSHRmtshrＭＴＳＨＲ])\s*(?:{_DIGIT}{{1,2}}|元))"
                 rf"{_SEP}{_DIGIT}{{1,2}}{_SEP}{_DIGIT}{{1,2}}\s*日?\s*$")
Date = Annotated[dt.date, BeforeValidator(_date), InputForm(
    f"日付（{DATE_FORMS_JA}）", {"type": "string", "pattern": _DATE_PATTERN})]
"""A calendar date from 1900 to 2100: 2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日, R8.4.1."""


def _whole_number(value: object) -> object:
    text = _nfkc(value)
    return int(text) if isinstance(text, str) and re.fullmatch(r"[+-]?\d+", text) else value


OneToFive: TypeAlias = Annotated[Literal[1, 2, 3, 4, 5], BeforeValidator(_whole_number),
                                 InputForm("次のいずれかの番号: 1 / 2 / 3 / 4 / 5")]
"""One of the numbers 1-5 (a reason, a score): `reason: 3` arrives as the text "3" and is read here."""


Count = Annotated[int, Field(ge=0, le=100_000)]
Percent = Annotated[float, Field(ge=0, le=1000)]
