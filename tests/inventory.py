"""The forms inventory (../shared/forms-inventory/): every label and fixed text a printed form carries.

A template is complete when each of them appears in the rendered document. A label's blanks (the
spaces in "年 月 日" or "勤務時間 時間") are where the values go: a filled value may stand in each.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from conftest import SHARED

INVENTORY = SHARED / "forms-inventory"
BLANK = ".{0,40}?"  # a filled value standing in a label's blank


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
    missing = []
    for what, item, line in inventory_items(inventory_name):
        parts = [_normal(part) for part in unicodedata.normalize("NFKC", item).split()]
        if not re.search(BLANK.join(re.escape(part) for part in parts), haystack):
            missing.append(f"{what} {item!r} (seed line {line})")
    return missing


def inventory_path(name: str) -> Path:
    return INVENTORY / name
