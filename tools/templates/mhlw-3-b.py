"""看護師候補者・介護福祉士候補者・看護師・介護福祉士に対する同等報酬について (厚生労働省通知様式第3号別紙),
seed 002:4146-4178: one per person. "※不要な字は抹消" is done by striking through the words that do
not apply (介護施設: 看護師候補者 and 看護師 always; 介護福祉士候補者 or 介護福祉士 by qualification)."""

from mhlw_style import closing, sheet_loop_end, sheet_loop_start, strike_paragraph
from templatekit import new_document, p, spacer, title

QUALIFIED = "{% if c.person.qualified %}"


def build():
    doc = new_document(size=10.5)
    sheet_loop_start(doc, "c in candidates")
    p(doc, "厚生労働省通知様式第3号別紙", size=9)
    p(doc, "(看護師候補者・介護福祉士候補者(就労コース)、看護師・介護福祉士資格取得者受入れ施設記載用)", size=9, align="right")
    title(doc, "看護師候補者・介護福祉士候補者・看護師・介護福祉士 に対する同等報酬について", size=13)
    p(doc, "受入れ施設名称　{{ facility.name }}")
    p(doc, "受入れ施設住所　〒{{ facility.postal_code }} {{ facility.address }}", space_after=8)
    strike_paragraph(doc, [
        ("看護師候補者", True), "・", QUALIFIED, ("介護福祉士候補者", True), "{% else %}", "介護福祉士候補者",
        "{% endif %}", "・", ("看護師", True), "・", QUALIFIED, "介護福祉士", "{% else %}", ("介護福祉士", True),
        "{% endif %}", "　{{ c.person.name }} ({{ c.person.name_alphabet }})"])
    for line in [
        "(候補者番号 {{ c.person.candidate_number }}) に対する報酬は、",
        "当施設において {{ c.pay.comparable_job }} の業務に従事する、経験年数 {{ c.pay.comparable_experience_years }} 年目",
        "の者 ( {{ c.pay.comparable_qualification }} 資格保有) と同等とし、当施設の賃金規定第 {{ c.pay.wage_rule_article }}"
        " 条に基づき、",
        "{{ c.pay.total|yen }} 円 (基本給 {{ c.pay.base_pay|yen }} 円、諸手当 {{ c.pay.allowances|yen }} 円) としています。",
    ]:
        p(doc, line, space_before=4)
    spacer(doc, 4)
    p(doc, "※不要な字は抹消して使用のこと", size=9)
    closing(doc, "看護師候補者・介護福祉士候補者・看護師・介護福祉士に対する報酬について、\n上記のとおりであることを報告します。",
            sheet_count=False)
    sheet_loop_end(doc)
    return doc
