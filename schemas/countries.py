"""What the EPA forms print for each sending country, in one table with the seed lines it comes from.

The 2022 guide prints the Indonesian forms only; the Philippine and Vietnamese ones are "the same in
substance" (002_e5f9a0dfd8ef1d48.txt:2452-2454). Where a form names a country, its people, its
sending body, its guideline or its language, the form prints the words below for the case's country.
A name the seed does not give is never made up: the entry is then a neutral description (marked
`neutral` below, and said so in the form's manifest).
"""

from __future__ import annotations

SEED = "002_e5f9a0dfd8ef1d48.txt"

COUNTRIES: dict[str, dict[str, str]] = {
    "インドネシア": {
        # the model contract (3499, 3501, 3763, 3801, 3821, 3848-3854)
        "people_ja": "インドネシア人", "state_ja": "インドネシア共和国",
        "agency_ja": "インドネシア海外労働者派遣・保護庁", "agency_line1_ja": "インドネシア",
        "agency_line2_ja": "海外労働者派遣・保護庁", "agency_code": "BP2MI",  # 114, 116
        # 様式5's opening (3171)
        "sending_body_ja": "インドネシア海外労働者派遣・保護庁 (National Board)",
        # 様式1-1's declaration (2485): the guideline's title, quoted as the form quotes it
        "guideline_ja": "『経済上の連携に関する日本国とインドネシア共和国との間の協定に基づく看護及び介護分野における"
                        "インドネシア人看護師等の受入れの実施に関する指針（平成20年5月19日厚生労働大臣告示）』",
        # 様式5's language blocks (3328-3340)
        "study_country_ja": "インドネシア", "language_ja": "インドネシア語",
        "language_test_ja": "インドネシア語技能検定",
        # the English contract: formgen's translation (the seed prints no English text)
        "people_en": "Indonesian", "state_en": "the Republic of Indonesia", "country_en": "Indonesia",
        # neutral English: the seed gives the agencies' abbreviations (114), not their English names
        "agency_en": "the sending agency of the Republic of Indonesia",
        # the contract's preamble (3501): what the candidate's entry rests on, and its short name in the clauses
        "agreement_ja": "経済上の連携に関する日本国とインドネシア共和国との間の協定（以下「協定」という。）",
        "agreement_short_ja": "協定",
        "agreement_en": "the Agreement between Japan and the Republic of Indonesia for an Economic Partnership "
                        "(hereinafter referred to as \"the Agreement\")",
        "agreement_short_en": "the Agreement",
    },
    "フィリピン": {
        "people_ja": "フィリピン人", "state_ja": "フィリピン共和国",
        "agency_ja": "フィリピン海外雇用庁", "agency_line1_ja": "フィリピン", "agency_line2_ja": "海外雇用庁",
        "agency_code": "POEA",  # 114, 120
        "sending_body_ja": "フィリピン海外雇用庁 (POEA)",  # 114, 120
        # neutral: the seed names the agreement (1269) but not the 厚生労働大臣 guideline's title
        "guideline_ja": "フィリピン人看護師等の受入れについて厚生労働大臣が定める指針（経済上の連携に関する日本国と"
                        "フィリピン共和国との間の協定に基づくもの）",
        "study_country_ja": "フィリピン",
        "language_ja": "タガログ語",  # the language the seed names for Filipinos (1255)
        "language_test_ja": "",  # neutral: the seed names no Tagalog test
        "people_en": "Filipino", "state_en": "the Republic of the Philippines", "country_en": "the Philippines",
        "agency_en": "the sending agency of the Republic of the Philippines",
        # the contract's preamble (3501): what the candidate's entry rests on, and its short name in the clauses
        "agreement_ja": "経済上の連携に関する日本国とフィリピン共和国との間の協定（以下「協定」という。）",
        "agreement_short_ja": "協定",
        "agreement_en": "the Agreement between Japan and the Republic of the Philippines for an Economic Partnership "
                        "(hereinafter referred to as \"the Agreement\")",
        "agreement_short_en": "the Agreement",
    },
    "ベトナム": {
        "people_ja": "ベトナム人", "state_ja": "ベトナム社会主義共和国",
        "agency_ja": "ベトナム労働・傷病兵・社会問題省海外労働局",  # 114, 124
        "agency_line1_ja": "ベトナム労働・傷病兵・社会問題省", "agency_line2_ja": "海外労働局",
        "agency_code": "DOLAB",
        "sending_body_ja": "ベトナム労働・傷病兵・社会問題省海外労働局 (DOLAB)",  # 114, 124
        # neutral: the seed names the exchange of letters (106, 1269-1271), not the guideline's title
        "guideline_ja": "ベトナム人看護師等の受入れについて厚生労働大臣が定める指針（平成二十四年四月十八日にベトナム"
                        "社会主義共和国政府との間で交換が完了した看護師及び介護福祉士の入国及び一時的な滞在に関する書簡に"
                        "基づくもの）",
        "study_country_ja": "ベトナム", "language_ja": "ベトナム語",  # 1253
        "language_test_ja": "",  # neutral: the seed names no Vietnamese test
        "people_en": "Vietnamese", "state_en": "the Socialist Republic of Viet Nam", "country_en": "Viet Nam",
        "agency_en": "the sending agency of the Socialist Republic of Viet Nam",
        # Vietnamese candidates come under the exchange of letters of 2012, not the EPA itself (106, 124)
        "agreement_ja": "平成二十四年四月十八日に日本国政府とベトナム社会主義共和国政府との間で交換が完了した看護師及び"
                        "介護福祉士の入国及び一時的な滞在に関する書簡（以下「交換公文」という。）",
        "agreement_short_ja": "交換公文",
        "agreement_en": "the Exchange of Letters completed on 18 April 2012 between the Government of Japan and the "
                        "Government of the Socialist Republic of Viet Nam concerning the entry and temporary stay of "
                        "nurses and certified care workers (hereinafter referred to as \"the Exchange of Letters\")",
        "agreement_short_en": "the Exchange of Letters",
    },
}


def country_texts(country: str) -> dict[str, str]:
    return COUNTRIES[country]


def language_qualification_name(country: str, given_name: str | None) -> str:
    """The row of 様式5's qualification table for the candidates' language (3340).

    Indonesia: the seed's 「インドネシア語技能検定」; elsewhere the seed names no test, so the row says
    which language and prints the name the case gives.
    """
    texts = COUNTRIES[country]
    if texts["language_test_ja"]:
        return texts["language_test_ja"]
    return f"{texts['language_ja']}の語学資格" + (f"（{given_name}）" if given_name else "")


def joined(countries: list[str], key: str, separator: str = "・") -> str:
    """The countries' texts in the form's order of the countries, e.g. 「インドネシア語・ベトナム語」."""
    return separator.join(COUNTRIES[c][key] for c in countries)
