"""Completeness of the printed 厚労省 forms: every label and fixed text of each form's
forms/<id>/labels.yaml appears in its rendered DOCX."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import INBOX, ROOT, run_formgen
from docxread import full_text

EXAMPLE_OF_FORM = {
    "mhlw-1-2": "epa-annual-report-sakura-en",
    "mhlw-2-2": "epa-annual-report-sakura-en",
    "mhlw-2-2-b1": "epa-annual-report-sakura-en",
    "mhlw-2-2-b2": "epa-annual-report-sakura-en",
    "mhlw-3-b": "epa-annual-report-sakura-en",
    "mhlw-4": "epa-status-change-maria",
    "mhlw-5-1": "epa-death-nam",
    "mhlw-5-2": "epa-disappearance-rina",
    "mhlw-5-3": "epa-illegal-work-joseph",
    "mhlw-6-1": "epa-contract-end-hoa",
}
DATE_ONLY = re.compile(r"^[年月日]+$")  # the unlabelled 報告日 line ("年 月 日"), filled with a date
A_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def squeeze(text: str) -> str:
    """Letter-spaced labels (失 踪 発 覚 日) and line breaks do not matter for finding a label."""
    return re.sub(r"\s+", "", text)


def manifest(form_id: str) -> dict:
    return yaml.safe_load((ROOT / "forms" / form_id / "manifest.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outbox")
    cases = sorted(set(EXAMPLE_OF_FORM.values()))
    run_formgen("build", *(str(INBOX / f"{case}.yaml") for case in cases), "--out", str(out), "--format", "docx",
                check=True)
    return out


def test_every_printed_form_of_this_set_has_its_labels():
    for form_id in EXAMPLE_OF_FORM:
        assert (ROOT / "forms" / form_id / "labels.yaml").is_file()


@pytest.mark.parametrize("form_id", sorted(EXAMPLE_OF_FORM))
def test_every_inventory_label_and_fixed_text_is_printed(built, form_id):
    inventory = yaml.safe_load((ROOT / "forms" / form_id / "labels.yaml").read_text(encoding="utf-8"))
    output = manifest(form_id)["output"]
    text = squeeze(full_text(built / EXAMPLE_OF_FORM[form_id] / f"{output}.docx"))
    missing = []
    for field in inventory.get("labels", []):
        label = squeeze(field["label"])
        if DATE_ONLY.match(label):
            if not A_DATE.search(text):
                missing.append(field["label"])
        elif label not in text:
            missing.append(field["label"])
    missing += [item["text"] for item in inventory.get("fixed_text", []) if squeeze(item["text"]) not in text]
    assert not missing, f"{form_id}: not printed: {missing}"
