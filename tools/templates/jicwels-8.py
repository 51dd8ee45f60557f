"""職業紹介に関する契約書 (JICWELS 様式8), seed 002:3389-3496: cover, the contract, two copies (3482)."""

from pathlib import Path

from contract_style import contract_document


def build():
    return contract_document(
        "JICWELS 様式8",
        ["インドネシア人・フィリピン人・ベトナム人", "看護師候補者・介護福祉士候補者の", "職業紹介に関する契約書"],
        "【受入れ機関番号】",
        ["インドネシア人・フィリピン人・ベトナム人 看護師候補者・介護福祉士候補者の職業紹介に関する契約書"],
        Path(__file__).with_name("jicwels-8.body.txt"),
        "{{ placement_contract_date|seireki }}",
    )
