"""The labels and fixed texts a printed form carries (forms/<id>/labels.yaml).

A template is complete when each of them appears in the rendered document. A label's blanks (the
spaces in "年 月 日" or "勤務時間 時間") are where the values go: a filled value may stand in each.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from conftest import ROOT
from generator.catalogue import FormLabels, FormManifest, load_catalogue

BLANK = ".{0,40}?"  # a filled value standing in a label's blank


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def form_of(name: str) -> FormManifest:
    """A form of the repository's forms/, by id (`mhlw-4`, or `mhlw-4.yaml` as older tests name it)."""
    forms = {form.id: form for form in load_catalogue(ROOT / "forms")}
    return forms[name.removesuffix(".yaml")]


def printed_labels(name: str) -> FormLabels:
    labels = form_of(name).printed_labels()
    assert labels is not None, f"forms/{name.removesuffix('.yaml')}/labels.yaml is missing"
    return labels


def inventory_items(name: str) -> list[tuple[str, str, int]]:
    """(what, text, source line) for each label and fixed text of one form."""
    labels = printed_labels(name)
    items = [("label", item.label, item.line) for item in labels.labels]
    items += [("fixed text", item.text, item.line) for item in labels.fixed_text]
    return items


def missing_from(text: str, name: str) -> list[str]:
    """The labels and fixed texts that the rendered text lacks (spacing and full/half width ignored)."""
    haystack = _normal(text)
    missing = []
    for what, item, line in inventory_items(name):
        parts = [_normal(part) for part in unicodedata.normalize("NFKC", item).split()]
        if not re.search(BLANK.join(re.escape(part) for part in parts), haystack):
            missing.append(f"{what} {item!r} (source line {line})")
    return missing


def inventory_path(name: str) -> Path:
    return form_of(name).labels_path
