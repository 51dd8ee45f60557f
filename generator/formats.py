"""How values are printed on the forms: 西暦/和暦 dates, yen, check boxes (docs/templates.md 「フィルター」).

These are the Jinja filters every template can use.
"""

from __future__ import annotations

import datetime as dt

from japanera import EraDate
from markupsafe import Markup, escape

BLANK_DATE = "　　年　　月　　日"


def seireki(value: dt.date | None) -> str:
    """2026年4月1日 (the forms' "(西暦) 年 月 日")."""
    if value is None:
        return BLANK_DATE
    return f"{value.year}年{value.month}月{value.day}日"


def wareki_year(value: dt.date) -> str:
    """令和8年, 令和元年 (the first year of an era is 元年)."""
    era = EraDate.from_date(value)
    year = era.strftime("%-Y")
    return f"{era.strftime('%-K')}{'元' if year == '1' else year}年"


def wareki(value: dt.date | None) -> str:
    """令和8年4月1日."""
    if value is None:
        return BLANK_DATE
    return f"{wareki_year(value)}{value.month}月{value.day}日"


def yen(value: int | None) -> str:
    """131,400 (the 円 is printed by the form)."""
    return "" if value is None else f"{value:,}"


def yen_mark(value: int | None) -> str:
    """131,400円."""
    return "" if value is None else f"{value:,}円"


def check(value: object) -> str:
    """■ when true, □ when not (the JIS boxes of the official forms, which the Mincho faces carry)."""
    return "■" if value else "□"


def mark(value: object, option: object) -> str:
    """■ when value equals option (or contains it, for lists), else □."""
    chosen = option in value if isinstance(value, (list, tuple, set)) else value == option
    return "■" if chosen else "□"


def circle(value: object, option: object) -> str:
    """● / ○ radio marks, as the forms print for 開示する/開示しない."""
    return "●" if value == option else "○"


def multiline(value: str | None) -> Markup:
    """Keep the line breaks of a multi-line value inside one Word paragraph."""
    if not value:
        return Markup("")
    lines = [escape(line) for line in str(value).split("\n")]
    return Markup('</w:t><w:br/><w:t xml:space="preserve">').join(lines)


NO_BREAK_HYPHEN = Markup('</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')


def nobreak(value: object) -> Markup:
    """The value with Word's non-breaking hyphens, so that a line never wraps inside 1-2-3, ID-K-2024-0101,
    K-000123 or 043-000-1234 (LibreOffice and Word wrap after a plain hyphen); the text still reads "-"."""
    if value is None:
        return Markup("")
    return NO_BREAK_HYPHEN.join(escape(part) for part in str(value).split("-"))


def circled(number: int) -> str:
    """① … ⑳, as the forms number their rows."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"({number})"


def year_month(value: dt.date | None) -> str:
    """2026年4月 (for the forms' "年 月" blanks)."""
    return "　　年　　月" if value is None else f"{value.year}年{value.month}月"


def number(value: float | int | None) -> str:
    """12 or 1.5: no trailing .0 for whole numbers."""
    return "" if value is None else f"{value:g}"


def or_blank(value: object, blank: str = "") -> object:
    return blank if value is None or value == "" else value


FILTERS = {
    "seireki": seireki,
    "wareki": wareki,
    "wareki_year": wareki_year,
    "yen": yen,
    "yen_mark": yen_mark,
    "check": check,
    "mark": mark,
    "circle": circle,
    "multiline": multiline,
    "nobreak": nobreak,
    "or_blank": or_blank,
    "circled": circled,
    "year_month": year_month,
    "number": number,
}
