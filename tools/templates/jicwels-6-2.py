"""研修責任者職歴証明書 (JICWELS 様式6-2), seed 002:3361-3381: the 研修責任者 of each facility that has
`training:`; five career rows, the first the current post, and the total 年 か月 computed."""

from templatekit import L, V, grid, new_document, p, spacer
from training_style import facility_pages_end, facility_pages_start

C = "f.training.responsible_career"


def build():
    doc = new_document(size=10)
    facility_pages_start(doc, "JICWELS 様式6-2", "研修責任者職歴証明書")
    rows = [
        [L("氏名"), V(f"{{{{ {C}.name }}}}", span=3)],
        [L("介護福祉士登録年月日"), V(f"和暦 {{{{ {C}.registration_date|wareki }}}}", span=2),
         V(f"登録番号: {{{{ {C}.registration_number|nobreak }}}}")],
        [L("◆職歴", span=4)],
        [L(""), L("業務内容"), L("業務期間", span=2)],
    ]
    for index in range(5):
        career = f"{C}.careers[{index}]"
        have = f"{C}.careers|length > {index}"
        if index == 0:
            period = (f"{{% if {have} %}}{{{{ {career}.start|year_month }}}}から "
                      f"{{{{ {C}.as_of|year_month }}}}現在{{% else %}}年 月から 年 月現在{{% endif %}}")
        else:
            period = (f"{{% if {have} %}}{{{{ {career}.start|year_month }}}}から "
                      f"{{{{ {career}.end|year_month }}}}まで{{% else %}}年 月から 年 月まで{{% endif %}}")
        rows.append([
            L(f"勤務先名称({index + 1})\n{{% if {have} %}}{{{{ {career}.employer }}}}{{% endif %}}"),
            V(f"{{% if {have} %}}{{{{ {career}.duties }}}}{{% endif %}}"),
            V(period, span=2),
        ])
    rows.append([V(""), L("合計"), V(f"{{{{ {C}.total_years_part }}}} 年 {{{{ {C}.total_months_part }}}} か月", span=2)])
    grid(doc, rows, widths_mm=[50, 50, 30, 50], row_height_mm=11)
    spacer(doc, 4)
    p(doc, "* 介護福祉士登録証の写しを添付すること。")
    facility_pages_end(doc)
    return doc
