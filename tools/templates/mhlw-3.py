"""雇用契約の要件(同等報酬要件)遵守状況の報告 (厚生労働省通知様式第3号): listed at 002:3994 but not
printed; designed in the house style of the printed 厚労省 reports, one table row per person, with the
same content as 3別紙 (4146-4178) in short and the attachments asked at 2004."""

from mhlw_style import closing, facility_block, report_title
from templatekit import L, V, grid, heading, new_document, p

PERSON = "{% if qualified %}介護福祉士{% else %}介護福祉士候補者{% endif %}"


def build():
    doc = new_document(size=10)
    report_title(doc, "厚生労働省通知様式第3号", "雇用契約の要件(同等報酬要件)遵守状況の報告", subtitle=None)
    p(doc, "({{ status_date|seireki }}現在)", align="center", size=9)
    facility_block(doc)
    heading(doc, "【受け入れている" + PERSON + "】")
    header = [L(t, align="center", size=8.5) for t in (
        "氏名 (アルファベット氏名)", "候補者番号", "就労開始年月日", "報酬月額 (基本給・諸手当)",
        "同等の業務に従事する日本人職員", "同等報酬要件")]
    grid(doc, [
        header,
        [V("{%tr for c in candidates %}", span=6)],
        [V("{{ c.person.name }}\n({{ c.person.name_alphabet }})", size=9), V("{{ c.person.candidate_number|nobreak }}", size=9),
         V("西暦 {{ c.person.work_start_date|seireki }}", size=9),
         V("{{ c.pay.total|yen }}円\n(基本給 {{ c.pay.base_pay|yen }}円、諸手当 {{ c.pay.allowances|yen }}円)", size=9),
         V("{{ c.pay.comparable_job }}・経験{{ c.pay.comparable_experience_years }}年目・"
           "{{ c.pay.comparable_qualification }}\n{{ c.pay.comparable_total|yen }}円", size=9),
         V("遵守 (賃金規定第{{ c.pay.wage_rule_article }}条)", size=9)],
        [V("{%tr endfor %}", span=6)],
    ], widths_mm=[33, 27, 32, 34, 34, 20])
    p(doc, "※同等報酬を確認できる書類として、就業規則(賃金規定)、本人の賃金台帳の写しと同等の職務を行っている"
           "日本人職員の賃金台帳の写し(日本人職員の氏名を伏せたもの)を添付すること", size=8, space_before=2)
    closing(doc, "雇用契約の要件(同等報酬要件)の遵守状況について上記のとおりであることを報告します。")
    return doc
