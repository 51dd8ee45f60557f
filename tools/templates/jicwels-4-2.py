"""介護研修計画書 (JICWELS 様式4-2), seed 002:2986-3071: one per facility of the job offer that has
`training:`."""

from templatekit import L, V, grid, heading, new_document, p, spacer
from training_style import facility_pages_end, facility_pages_start

NOTICE = ("〔注意事項〕 受入れ機関の要件に、「過去3年間に経済連携協定等の枠組みによる看護師・介護福祉士候補者等の受入れにおいて、"
          "虚偽の求人申請、二重契約その他の不正行為を行ったことがないこと」があります。本「介護研修計画書」は候補者に提示する"
          "条件の1つであり、記載した内容が実際に履行されない場合、当該要件に抵触すると判定され、3年間の受入れ停止及び在籍者の"
          "移転の対象となることがあります。必ず、実際に履行する内容を記載して下さい。")
PLAN = "f.training.care_plan"


def method_table(doc, field: str, first_label: str = "研修方法") -> None:
    grid(doc, [[L(first_label), V(f"{{{{ {PLAN}.{field}.method|multiline }}}}")],
               [L("特記事項"), V(f"{{{{ {PLAN}.{field}.notes|multiline }}}}")]], widths_mm=[30, 150])


def sessions(doc, field: str, outside: bool) -> None:
    header = [L(""), L("内容:"), L("回数:"), L("1回あたり約　時間")] + ([L("本人負担:")] if outside else [])
    cells = ["{{ loop.index|circled }}", "{{ s.content }}", "{{ s.times }}", "約 {{ s.hours_each|number }} 時間"]
    if outside:
        cells.append("{{ s.own_cost|yen_mark }}")
    widths = [10, 75, 30, 40, 25] if outside else [10, 95, 35, 40]
    rows = [header, [V(f"{{%tr for s in {PLAN}.{field} %}}", span=len(widths))], [V(c) for c in cells],
            [V("{%tr endfor %}", span=len(widths))]]
    grid(doc, rows, widths)


def build():
    doc = new_document(size=9.5, margins_mm=(10, 18, 10, 18))
    facility_pages_start(doc, "JICWELS 様式4-2", "介護研修計画書")
    p(doc, NOTICE, size=8.5, align="justify")
    heading(doc, "◆研修指導体制")
    grid(doc, [
        [L("研修 責任者", vspan=3), L("氏名"), V(f"{{{{ {PLAN}.responsible.name }}}}")],
        [L("資格"), V(f"{{{{ {PLAN}.responsible.qualification }}}}")],
        [L("特記事項"), V(f"{{{{ {PLAN}.responsible.notes }}}}")],
    ], widths_mm=[30, 30, 120])
    grid(doc, [
        [V(f"{{%tr for t in {PLAN}.supporters %}}", span=3)],
        [L("研修 支援者 {{ loop.index|circled }}", vspan=3), L("氏名"), V("{{ t.name }}")],
        [L("資格"), V("{{ t.qualification }}")],
        [L("特記事項"), V("{{ t.notes }}")],
        [V("{%tr endfor %}", span=3)],
    ], widths_mm=[30, 30, 120])
    heading(doc, "◆研修時間等")
    p(doc, "1. 勤務時間内の研修", bold=True)
    p(doc, "※1 勤務時間内の研修であり、勤務したものと換算し、賃金の対象となるものをいいます。講師経費等は施設が負担する"
           "もの(自習用教材等を除く。)です。", size=8.5)
    p(doc, "※2 求人時は就労初年度の研修について記入してください。", size=8.5)
    sessions(doc, "sessions_in_hours", outside=False)
    p(doc, "2. 勤務時間外の研修", bold=True, space_before=4)
    p(doc, "※1 賃金の対象とならないものをいいます。候補者の自由参加となりますが、候補者が希望した場合、施設として必ず参加"
           "させるもののみここに記入して下さい。", size=8.5)
    p(doc, "※2 就労初年度の研修について記入してください。", size=8.5)
    sessions(doc, "sessions_outside_hours", outside=True)
    heading(doc, "◆研修方法")
    p(doc, "1. 国家試験科目", bold=True)
    p(doc, "<筆記試験科目>")
    method_table(doc, "written_exam")
    p(doc, "<実技試験科目>")
    method_table(doc, "practical_exam")
    p(doc, "2. 日本語学習", bold=True, space_before=4)
    method_table(doc, "japanese")
    p(doc, "3. 職場への適応促進・日本の生活習慣の習得", bold=True, space_before=4)
    method_table(doc, "adaptation", first_label="内容")
    p(doc, "4. 候補者へのメンタルヘルスケア等", bold=True, space_before=4)
    mh = f"{PLAN}.mental_health"
    grid(doc, [
        [L(""), L("内容"), L("頻度"), L("回数")],
        [V(f"{{%tr for m in {mh}.items %}}", span=4)],
        [V("{{ loop.index|circled }}"), V("{{ m.content }}"), V("{{ m.frequency }}"), V("{{ m.times }} 回")],
        [V("{%tr endfor %}", span=4)],
        [V(f"{{{{ {mh}.internet_at_home|check }}}} 住居にインターネット環境を整備する", span=2), L("使用料の負担"),
         V(f"{{{{ {mh}.internet_fee_payer }}}}")],
        [L("特記事項"), V(f"{{{{ {mh}.notes|multiline }}}}", span=3)],
    ], widths_mm=[20, 100, 35, 25])
    p(doc, "5. その他", bold=True, space_before=4)
    grid(doc, [[L("研修方法"), V(f"{{% if {PLAN}.other %}}{{{{ {PLAN}.other.method|multiline }}}}{{% endif %}}")],
               [L("特記事項"), V(f"{{% if {PLAN}.other %}}{{{{ {PLAN}.other.notes|multiline }}}}{{% endif %}}")]],
         widths_mm=[30, 150])
    spacer(doc, 2)
    facility_pages_end(doc)
    return doc
