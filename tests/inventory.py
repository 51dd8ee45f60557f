"""The forms inventory (../shared/forms-inventory/): every label and fixed text a printed form carries.

A template is complete when each of them appears in the rendered document. Date blanks such as
"年 月 日" are not words on the form once filled: they count as present when a filled date is.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from conftest import SHARED

INVENTORY = SHARED / "forms-inventory"
_DATE_BLANK = re.compile(r"^[\s年月日（）()西暦和]*$")
_FILLED_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|(令和|平成|昭和)(元|\d+)年\d{1,2}月\d{1,2}日")


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def inventory_items(name: str) -> list[tuple[str, str, int]]:
    """(what, text, seed line) for each label and fixed text of one inventory file."""
    data = yaml.safe_load((INVENTORY / name).read_text(encoding="utf-8"))
    items = [("label", f["label"], f.get("line")) for f in data.get("fields", [])]
    items += [("fixed text", f["text"], f.get("line")) for f in data.get("fixed_text", [])]
    return items


def missing_from(text: str, inventory_name: str) -> list[str]:
    """The inventory items that the rendered text lacks (spacing and full/half width ignored)."""
    haystack = _normal(text)
    has_date = bool(_FILLED_DATE.search(text))
    missing = []
    for what, item, line in inventory_items(inventory_name):
        if _DATE_BLANK.match(item) and has_date:
            continue
        if _normal(item) not in haystack:
            missing.append(f"{what} {item!r} (seed line {line})")
    return missing


def inventory_path(name: str) -> Path:
    return INVENTORY / name
