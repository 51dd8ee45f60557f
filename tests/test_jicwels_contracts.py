"""The contracts with JICWELS (様式8 職業紹介, 様式11 受入れ支援), filled from the institution's party data."""

from __future__ import annotations

import pytest

from conftest import run_formgen
from docxread import full_text
from inventory import missing_from

CASE = "jicwels-contracts-sakura.yaml"
PLACEMENT = "jicwels-8_職業紹介に関する契約書.docx"
SUPPORT = "jicwels-11_受入れ支援に関する契約書.docx"


@pytest.fixture
def built(inbox_copy, outbox):
    run_formgen("build", "--format", "docx", str(inbox_copy / CASE), "--out", str(outbox), check=True)
    return outbox / "jicwels-contracts-sakura"


@pytest.mark.parametrize("docx, inventory", [(PLACEMENT, "jicwels-8.yaml"), (SUPPORT, "jicwels-11.yaml")])
def test_every_label_and_fixed_text_of_the_printed_contract_appears(built, docx, inventory):
    assert missing_from(full_text(built / docx), inventory) == []


def test_the_institution_is_party_ko_in_the_preamble_and_the_signature_block(built):
    text = full_text(built / PLACEMENT)
    assert "社会福祉法人さくら福祉会（受入れ希望機関名。以下「甲」という。）と公益社団法人国際厚生事業団" in text
    assert "〒260-0099 千葉県千葉市中央区架空町1-2-3" in text
    assert "理事長 山田 一郎　　印" in text
    assert "2026年6月1日" in text
    support = full_text(built / SUPPORT)
    assert "社会福祉法人さくら福祉会（以下「甲」という。）と公益社団法人国際厚生事業団" in support
    assert "2027年2月15日" in support


def test_each_contract_is_printed_twice_one_copy_for_each_party(built):
    for docx in (PLACEMENT, SUPPORT):
        text = full_text(built / docx)
        assert text.count("第1条 本契約は") == 2
        assert "（甲保管用）" in text and "（乙保管用）" in text


def test_the_cover_sheet_carries_the_institution_number(built):
    from docxread import value_beside

    assert value_beside(built / PLACEMENT, "【受入れ機関番号】") == "EPA-K-0001"
    assert value_beside(built / SUPPORT, "受入れ機関名") == "社会福祉法人さくら福祉会"


def test_only_the_contracts_with_a_date_are_made(inbox_copy, outbox):
    case = inbox_copy / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("support_contract_date: 2027-02-15\n", ""),
                    encoding="utf-8")
    run_formgen("build", "--format", "docx", str(case), "--out", str(outbox), check=True)
    names = {p.name for p in (outbox / "jicwels-contracts-sakura").iterdir()}
    assert PLACEMENT in names and SUPPORT not in names


def test_a_case_with_no_contract_date_is_refused(inbox_copy, outbox):
    case = inbox_copy / CASE
    case.write_text("kind: jicwels_contracts\ninstitution: {ref: sakura-kai}\n", encoding="utf-8")
    result = run_formgen("build", "--format", "docx", str(case), "--out", str(outbox))
    assert result.returncode == 1
    assert "作成する契約書の締結日がありません" in result.stderr
    assert f"{case}:1:1" in result.stderr
    assert not (outbox / "jicwels-contracts-sakura").exists()
