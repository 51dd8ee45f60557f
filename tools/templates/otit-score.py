"""優良要件の点数表: every item of the 優良 tables (seed 001_1fdeeed8bbae3b1d.txt:42-241) with the measured
value, its band and points, each section's subtotal, the total out of 120 and the verdict (72 or more),
and the corrections of the source table. Not printed in the seed: formgen's design (see the manifest).
The values come from the record through `score_sheet` (generator/scoring.py)."""

from record_style import record_document, section, source_line
from templatekit import L, V, grid, p

WIDTHS = (13, 72, 45, 28, 11, 11)


def build():
    doc = record_document("{{ score_sheet.title }}　点数表", [
        ("団体名", "{{ organisation }}"),
        ("基準日", "{{ as_of|seireki }}（直近過去3年間などの期間はこの日から数える）"),
    ])
    section(doc, "各項目の点数")
    n = len(WIDTHS)
    header = [L("項目", align="center"), L("内容", align="center"), L("実績", align="center"),
              L("区分", align="center"), L("点数", align="center"), L("満点", align="center")]
    grid(doc, [
        header,
        [V("{%tr for s in score_sheet.sections %}", span=n)],
        [L("{{ s.id }} {{ s.title }}（最大{{ s.max }}点）", span=n)],
        [V("{%tr for i in s.rows %}", span=n)],
        [V("{{ i.id }}", align="center"), V("{{ i.text }}"), V("{{ i.value }}"),
         V("{{ i.band }}{% if i.corrected %}（※訂正）{% endif %}"), V("{{ i.points }}", align="right"),
         V("{{ i.max }}", align="right")],
        [V("{%tr endfor %}", span=n)],
        [V("小計", span=4, align="right", bold=True), V("{{ s.points }}", align="right", bold=True),
         V("{{ s.max }}", align="right")],
        [V("{%tr endfor %}", span=n)],
        [V("合計", span=4, align="right", bold=True),
         V("{{ score_sheet.total }}", align="right", bold=True), V("{{ score_sheet.full_marks }}", align="right")],
    ], widths_mm=list(WIDTHS), size=8.5)
    section(doc, "判定")
    p(doc, "合計 {{ score_sheet.total }}点／{{ score_sheet.full_marks }}点。満点の6割（{{ score_sheet.pass_mark }}点）以上で"
           "優良要件に適合します。{{ score_sheet.verdict }}", size=9.5)
    section(doc, "注記（出典の表の訂正と計算方法）")
    p(doc, "{%p for note in score_sheet.notes %}")
    p(doc, "・{{ note }}", size=8.5)
    p(doc, "{%p endfor %}")
    source_line(doc, "配点の出典: 「技能実習生3号の延長に要注意!年間合格率に変更が!?」（株式会社ビラスタート、2020年10月現在）"
                     "が引用する外国人技能実習機構の優良要件の表。")
    return doc
