"""研修の実施状況の報告(介護施設) (厚生労働省通知様式第2-2号), seed 002:4063-4101: one per candidate.
The instructions and (記載例) the seed prints inside the 研修方法 cells are guidance, not form text."""

from mhlw_style import closing, report_title, sheet_loop_end, sheet_loop_start
from templatekit import L, V, grid, heading, new_document, p

ITEMS = [
    ("国家試験科目関係(筆記)", "written_exam"),
    ("国家試験科目関係(実技)", "practical_exam"),
    ("日本語学習関係", "japanese"),
    ("職場への適応促進・日本の生活習慣習得関係", "adaptation"),
    ("候補者へのメンタルヘルスケア等", "mental_health_care"),
    ("その他", "other"),
]


def build():
    doc = new_document(size=10)
    sheet_loop_start(doc, "c in candidates")
    report_title(doc, "厚生労働省通知様式第2-2号", "研修の実施状況の報告(介護施設)", subtitle=None)
    grid(doc, [
        [L("候補者氏名"), V("{{ c.person.name }} ({{ c.person.name_alphabet }})")],
        [L("受入れ施設名称"), V("{{ facility.name }}")],
        [L("受入れ施設住所"), V("〒{{ facility.postal_code }} {{ facility.address }}")],
    ], widths_mm=[40, 140])
    heading(doc, "研修指導体制")
    manager, supporter = "facility_status.training_manager", "c.training.supporter"
    grid(doc, [
        [L(""), L("研修責任者", align="center"), L("研修支援者", align="center")],
        [L("職氏名"), V(f"{{{{ {manager}.title }}}} {{{{ {manager}.name }}}}"),
         V(f"{{{{ {supporter}.title }}}} {{{{ {supporter}.name }}}}")],
        [L("資格・経歴"), V(f"{{{{ {manager}.career|multiline }}}}", size=9),
         V(f"{{{{ {supporter}.career|multiline }}}}", size=9)],
    ], widths_mm=[30, 75, 75])
    p(doc, "※研修責任者について、前回報告時から変更があった場合には、変更後の者の介護福祉士資格の写し及び①経歴証明書"
           "又は②介護福祉士養成実習施設指導者特別研修課程修了証の写しを添付すること", size=8)
    heading(doc, "研修方法")
    rows = [[L("項目", align="center"), L("研修方法(計画作成時の実施予定時期)", align="center"), L("実績", align="center")]]
    for label, name in ITEMS:
        item = f"c.training.{name}"
        rows.append([L(label, size=9),
                     V(f"{{% if {item} %}}{{{{ {item}.plan|multiline }}}}{{% endif %}}", size=9),
                     V(f"{{% if {item} %}}{{{{ {item}.result|multiline }}}}{{% endif %}}", size=9)])
    grid(doc, rows, widths_mm=[40, 70, 70], row_height_mm=16)
    closing(doc, "研修計画の実施状況について、上記のとおりであることを報告します。", sheet_count=False)
    sheet_loop_end(doc)
    return doc
