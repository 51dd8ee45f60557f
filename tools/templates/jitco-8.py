"""資金繰りの申立書 (JITCO 帰国旅費立替払制度 様式8): part of attachment ④ (003:94), filed with the
application to show that paying the fare is 資金調達上困難 (003:43-47). Named, not printed."""

from jitco_style import applicant_signature, header, labelled, section
from templatekit import new_document, p, spacer


def build():
    doc = new_document()
    header(doc, "様式8", "資金繰りの申立書", "{{ application_date|seireki }}")
    p(doc, "当{{ applicant_role }}は、下記のとおり資金繰りが困難であり、{{ trainee_type }}"
           "{{ person.name }}（{{ person.nationality }}）の帰国旅費を支払うことが資金調達上困難であることを申し立てます。",
      space_after=4)
    section(doc, "資金繰りの状況（基準日 {{ funding.as_of|seireki }}）")
    labelled(doc, [
        ("現預金残高", "{{ funding.cash_on_hand|yen }} 円"),
        ("今後3か月の収入見込み", "{{ funding.expected_income|yen }} 円"),
        ("今後3か月の支出見込み", "{{ funding.expected_expenses|yen }} 円"),
        ("差引（残高＋収入－支出）", "{% if funding_balance < 0 %}△{{ (0 - funding_balance)|yen }}{% else %}{{ funding_balance|yen }}{% endif %} 円"),
        ("帰国旅費（立替払申請額）", "{{ amount|yen }} 円"),
    ])
    section(doc, "資金調達が困難な事情")
    labelled(doc, [
        ("倒産した{{ host_role }}", "{{ host.name }}（{{ bankruptcy_kind }}、{{ host.bankruptcy_date|seireki }}）"),
        ("事情", "{{ funding.explanation|multiline }}"),
    ])
    p(doc, "※ 実績資金繰り表及び直近2年分の決算書類を添付します（添付書類④）。", size=8.5, space_before=4)
    spacer(doc, 8)
    applicant_signature(doc)
    return doc
