"""What a cell means, and how a value is written to one.

People type dates as 2026/4/1, 令和8年4月1日 or R8.4.1 (and Excel may store them as serial numbers),
amounts as 185,000円, digits full-width, yes/no as はい/いいえ or ○/×. The importer reads each of these
as the value it means — a datetime.date, an int, a str — so that the schemas get the values they
accept today; whatever cannot be read is passed on as text for the schema to refuse with its message.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from openpyxl.utils.datetime import from_excel

from generator.messages import Msg
from generator.sheets.mapping import Column, ValueKind

BOOL_WORDS = {"はい": True, "いいえ": False, "true": True, "false": False, "yes": True, "no": False,
              "○": True, "◯": True, "×": False, "有": True, "無": False, "あり": True, "なし": False,
              "1": True, "0": False}
YES, NO = "はい", "いいえ"
ITEM_SEPARATORS = re.compile(r"\s*[、,，;；\n]\s*")
LINE_SEPARATOR = re.compile(r"\s*\n\s*")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A text beginning with one of these would be taken for a formula by a spreadsheet program."""

ERAS = (("令和", "R", dt.date(2019, 5, 1), None),
        ("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
        ("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)))
"""(name, initial, first day, last day) of the eras a living person's dates fall in."""
_ERA_DATE = re.compile(r"(?P<era>令和|平成|昭和|[RHS])\s*(?P<y>元|\d{1,2})\s*[年./\-]\s*(?P<m>\d{1,2})\s*[月./\-]"
                       r"\s*(?P<d>\d{1,2})\s*日?", re.IGNORECASE)
_WESTERN_DATE = re.compile(r"(?P<y>\d{4})\s*[年./\-]\s*(?P<m>\d{1,2})\s*[月./\-]\s*(?P<d>\d{1,2})\s*日?"
                           r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?")
_COMPACT_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)")
_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")
EXCEL_SERIAL_MAX = 2958465  # 9999-12-31
OUTER_SPACE = " \u3000"


class CellError(Exception):
    """A cell whose value cannot mean anything the column accepts."""

    def __init__(self, message: Msg, hint: Msg | None = None):
        super().__init__(message.ja)
        self.message = message
        self.hint = hint


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ── dates ─────────────────────────────────────────────────────────────────────────────────────────

def _era_date(match: re.Match, raw: str) -> dt.date:
    name = match["era"].upper()
    era = next(e for e in ERAS if name in (e[0], e[1]))
    year = 1 if match["y"] == "元" else int(match["y"])
    try:
        day = dt.date(era[2].year + year - 1, int(match["m"]), int(match["d"]))
    except ValueError:
        raise CellError(Msg(f"日付「{raw}」は存在しない日です。", f"'{raw}' is not a real date."),
                        Msg("月と日を確かめてください。", "check the month and the day.")) from None
    if day < era[2] or (era[3] is not None and day > era[3]):
        last = f"{era[3]:%Y年%m月%d日}まで" if era[3] else ""
        raise CellError(Msg(f"日付「{raw}」は{era[0]}にはありません（{era[0]}は{era[2]:%Y年%m月%d日}から{last}）。",
                            f"'{raw}' is outside the {era[0]} era."),
                        Msg("元号と年を確かめてください（例: 令和元年5月1日）。", "check the era and the year."))
    return day


def _western_date(match: re.Match, raw: str) -> dt.date:
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise CellError(Msg(f"日付「{raw}」は存在しない日です。", f"'{raw}' is not a real date."),
                        Msg("月と日を確かめてください。", "check the month and the day.")) from None


def read_date(raw: Any) -> Any:
    """A date from a date cell, an Excel serial number, or text in the forms people write."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if _COMPACT_DATE.fullmatch(_number_text(raw)):
            return read_date(_number_text(raw))
        if 1 <= raw <= EXCEL_SERIAL_MAX:
            return from_excel(raw).date()
        return _number_text(raw)
    text = _nfkc(str(raw))
    for pattern, make in ((_ERA_DATE, _era_date), (_WESTERN_DATE, _western_date), (_COMPACT_DATE, _western_date)):
        match = pattern.fullmatch(text)
        if match:
            return make(match, str(raw).strip())
    return str(raw).strip()  # the schema refuses it with the forms it accepts


# ── numbers, yes/no, choices ──────────────────────────────────────────────────────────────────────

def read_number(raw: Any, kind: ValueKind) -> Any:
    """An int (or a float for decimal columns) from a number cell or from text like "185,000円"."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)):
        if kind != "float" and float(raw).is_integer():
            return int(raw)
        return raw
    text = _nfkc(str(raw)).replace(",", "")
    if kind == "yen":
        text = text.replace("円", "").replace("¥", "").replace("\\", "").strip()
    if _INTEGER.fullmatch(text):
        return int(text) if kind != "float" else float(text)
    if _DECIMAL.fullmatch(text):
        number = float(text)
        return int(number) if kind != "float" and number.is_integer() else number
    return str(raw).strip()


def read_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _nfkc(_number_text(raw) if isinstance(raw, (int, float)) else str(raw)).lower()
    if text in BOOL_WORDS:
        return BOOL_WORDS[text]
    raise CellError(Msg(f"「{raw}」は はい / いいえ のどちらでもありません。", f"'{raw}' is neither はい nor いいえ."),
                    Msg("「はい」か「いいえ」を選んでください。", "choose はい (yes) or いいえ (no)."))


def read_choice(raw: Any, choices: tuple) -> Any:
    """The choice as the schema spells it (3 for a score, 「インドネシア」 typed with a trailing space…)."""
    if any(isinstance(c, int) for c in choices):
        number = read_number(raw, "int")
        if number in choices:
            return number
    text = _number_text(raw) if isinstance(raw, (int, float)) else str(raw).strip()
    if text in choices:
        return text
    normal = _nfkc(text)
    return next((c for c in choices if isinstance(c, str) and _nfkc(c) == normal), text)


def read_text(raw: Any) -> str:
    if isinstance(raw, dt.time):  # a time typed into a cell that was not formatted as text
        return f"{raw.hour:02d}:{raw.minute:02d}"
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, bool):
        return YES if raw else NO
    if isinstance(raw, (int, float)):
        return _number_text(raw)
    return str(raw).strip(OUTER_SPACE)  # a text block's final line break is part of it


def read_scalar(kind: ValueKind, raw: Any, choices: tuple = ()) -> Any:
    if kind == "date":
        return read_date(raw)
    if kind in ("int", "yen", "float"):
        return read_number(raw, kind)
    if kind == "bool":
        return read_bool(raw)
    if kind == "choice":
        return read_choice(raw, choices)
    if kind == "mixed":
        value = read_number(raw, "int")
        return value if isinstance(value, int) else read_choice(raw, choices)
    return read_text(raw)


def read_value(column: Column, raw: Any) -> Any:
    """The plain value a cell means for its column; None when the cell is blank."""
    if is_blank(raw):
        return None
    if column.kind == "list":
        if isinstance(raw, str):
            items = [item for item in LINE_SEPARATOR.split(raw.strip()) if item]
            if column.item_kind != "text" and len(items) == 1 and items[0] not in map(str, column.choices):
                items = [item for item in ITEM_SEPARATORS.split(items[0]) if item]  # typed on one line: 「A、B」
        else:
            items = [raw]
        return [read_scalar(column.item_kind or "text", item, column.choices) for item in items]
    return read_scalar(column.kind, raw, column.choices)


def read_key(column: Column, raw: Any, is_dict: bool) -> Any:
    """A key cell: a case id or reference name (text), a list number (int ≥ 1), a dict key (text)."""
    if is_blank(raw):
        return None
    if column.key.startswith("#") and column.key[1:].isdigit() and not is_dict:
        number = read_number(raw, "int")
        if isinstance(number, int) and number >= 1:
            return number
        raise CellError(Msg(f"番号「{raw}」は 1 以上の整数ではありません。", f"'{raw}' is not a number from 1 up."),
                        Msg("1, 2, 3… と書いてください（この番号の順に並びます）。", "write 1, 2, 3… (rows are ordered by it)."))
    return read_text(raw)


# ── writing ───────────────────────────────────────────────────────────────────────────────────────

NUMBER_FORMATS = {"text": "@", "ref": "@", "key": "@", "list": "@", "bool": "@", "date": "yyyy/mm/dd",
                  "yen": "#,##0", "int": "0", "float": "General", "mixed": "General"}


def number_format(column: Column) -> str:
    if column.kind == "choice":
        return "General" if any(isinstance(c, int) for c in column.choices) else "@"
    if column.kind == "key" and column.key[1:].isdigit():
        return "0"
    return NUMBER_FORMATS.get(column.kind, "@")


def _item_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


def cell_value(column: Column, value: Any) -> Any:
    """What to put in the cell for a value of the model (None leaves the cell empty)."""
    if value is None:
        return None
    if column.kind == "list":
        if not value:
            return None
        return "\n".join(_item_text(v) for v in value)  # a choice may hold 「、」 itself
    if isinstance(value, bool):
        return YES if value else NO
    if column.kind == "text" and not isinstance(value, str):
        return _item_text(value)
    return value


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)
