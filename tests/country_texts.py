"""The seed prints the Indonesian forms (002_e5f9a0dfd8ef1d48.txt:2452-2454); a form made for another
country prints that country's words. To hold a Philippine or Vietnamese form to the inventory of the
Indonesian one, its country words are read back as the Indonesian form prints them. The words are
spelled out here, apart from schemas/countries.py, so that a wrong word in the table fails a test.
"""

from __future__ import annotations

INDONESIAN_GUIDELINE = (
    "『経済上の連携に関する日本国とインドネシア共和国との間の協定に基づく看護及び介護分野におけるインドネシア人"
    "看護師等の受入れの実施に関する指針（平成20年5月19日厚生労働大臣告示）』")  # 002:2485
GUIDELINES = {  # neutral wording: the seed does not name these guidelines
    "フィリピン": "フィリピン人看護師等の受入れについて厚生労働大臣が定める指針（経済上の連携に関する日本国と"
                 "フィリピン共和国との間の協定に基づくもの）",
    "ベトナム": "ベトナム人看護師等の受入れについて厚生労働大臣が定める指針（平成二十四年四月十八日にベトナム社会主義"
               "共和国政府との間で交換が完了した看護師及び介護福祉士の入国及び一時的な滞在に関する書簡に基づくもの）",
}
WORDS = {  # (what the country's form prints, what the Indonesian form prints), longest first
    "フィリピン": [
        ("フィリピン海外雇用庁 (POEA)", "インドネシア海外労働者派遣・保護庁 (National Board)"),  # 様式5 (002:114, 3171)
        ("フィリピン海外雇用庁", "インドネシア海外労働者派遣・保護庁"),  # 10-2 (002:114, 3848)
        ("海外雇用庁", "海外労働者派遣・保護庁"),  # 10-2 signatory's second line (3852)
        ("タガログ語の語学資格", "インドネシア語技能検定"),  # 様式5: the seed names no Tagalog test
        ("タガログ語", "インドネシア語"),  # 002:1255
        ("フィリピン共和国", "インドネシア共和国"),
        ("フィリピン人", "インドネシア人"),
        ("フィリピン", "インドネシア"),
    ],
    "ベトナム": [
        # the contract rests on the exchange of letters of 2012 (002:106), not the EPA
        ("平成二十四年四月十八日に日本国政府とベトナム社会主義共和国政府との間で交換が完了した看護師及び介護福祉士の"
         "入国及び一時的な滞在に関する書簡（以下「交換公文」という。）",
         "経済上の連携に関する日本国とインドネシア共和国との間の協定（以下「協定」という。）"),
        ("交換公文に基づ", "協定に基づ"),
        ("ベトナム労働・傷病兵・社会問題省海外労働局 (DOLAB)", "インドネシア海外労働者派遣・保護庁 (National Board)"),
        ("ベトナム労働・傷病兵・社会問題省海外労働局", "インドネシア海外労働者派遣・保護庁"),  # 002:114, 124
        ("ベトナム労働・傷病兵・社会問題省", "インドネシア"),  # 10-2 signatory's first line
        ("海外労働局", "海外労働者派遣・保護庁"),  # and its second
        ("ベトナム語の語学資格", "インドネシア語技能検定"),
        ("ベトナム社会主義共和国", "インドネシア共和国"),
        ("ベトナム", "インドネシア"),
    ],
}
UNMODELLED = [  # printed differently on purpose: (what the form prints, what the seed prints)
    ("介護福祉士候補者用雇用契約書】", "介護福祉士候補者用雇用契約書（雛型）】"),  # an executed contract is no model
]


def as_the_indonesian_form(text: str, countries: list[str]) -> str:
    """`text` of a form made for `countries`, followed by the same text with their words read back as the
    Indonesian form prints them (the form's own pre-printed words of other countries stay readable too)."""
    read_back = text
    for printed, seed in UNMODELLED:
        read_back = read_back.replace(printed, seed)
    others = [c for c in countries if c != "インドネシア"]
    if "インドネシア" in countries:  # one application citing several guidelines: the Indonesian one first
        for country in others:
            read_back = read_back.replace("、" + GUIDELINES[country], "")
    elif others:
        read_back = read_back.replace("、".join(GUIDELINES[c] for c in others), INDONESIAN_GUIDELINE)
        for country in others:
            for printed, seed in WORDS[country]:
                read_back = read_back.replace(printed, seed)
    return text if read_back == text else text + "\n" + read_back
