"""受入れ支援に関する契約書 (JICWELS 様式11), seed 002:3868-3979: cover, the contract, two copies (3965)."""

from pathlib import Path

from contract_style import contract_document


def build():
    return contract_document(
        "JICWELS 様式11",
        ["インドネシア人・フィリピン人・ベトナム人", "看護師候補者及び介護福祉士候補者等の", "受入れ支援に関する契約書"],
        "【 受入れ機関番号 】",
        ["インドネシア人・フィリピン人・ベトナム人", "看護師候補者及び介護福祉士候補者等の受入れ支援に関する契約書"],
        Path(__file__).with_name("jicwels-11.body.txt"),
        "{{ support_contract_date|seireki }}",
    )
