"""研修実施体制説明書 (JICWELS 様式5), seed 002:3167-3359: one per facility of the job offer (3175). The
seed prints the Indonesian model; the sending body, the candidates' nationality and language follow the
facility's `countries` (PH/VN forms are the same in substance, 2452-2454; the words: schemas/countries.py)."""

from templatekit import L, V, grid, heading, new_document, p
from training_style import facility_pages_end, facility_pages_start

S = "f.training.system"
INTRO = [
    "この「研修実施体制説明書」は「看護研修計画書」又は「介護研修計画書」とともに、貴機関が設置している受入れ施設の研修体制や"
    "研修の実施方法等を、{{ f.presented_through }}もので、"
    "求人条件の1つであり、候補者が受入れ施設を選定する際の判断材料の一つとして活用されるものです。正確な内容を記載し、採用後は"
    "記載どおり実施することが必要です。",
    "また、記述に当たっては、候補者が具体的な内容を把握できるよう、求人登録申請時点で決まっている範囲で、できるだけ詳しい記述を"
    "お願いします。",
    "なお、複数の受入れ施設で研修させる場合には、全受入れ施設について本「研修実施体制説明書」を作成、提出する必要があります。",
    "〔注意事項〕 受入れ機関の要件に、「過去3年間に経済連携協定等の枠組みによる看護師・介護福祉士候補者等の受入れにおいて、"
    "虚偽の求人申請、二重契約その他の不正行為を行ったことがないこと」があります。本「研修実施体制説明書」は候補者に提示する条件"
    "の1つであり、記載した内容が実際に履行されない場合、当該要件に抵触すると判定され、3年間の受入れ停止及び在籍者の移転の対象と"
    "なることがあります。必ず、実際に履行する内容を記載して下さい。",
]


def course(doc, field: str, specialist: bool, outside: bool) -> None:
    c = f"{S}.{field}"
    rows = [[L("* 種別"), V(f"⇒ {{{{ {c}.type }}}}")]]
    if specialist:
        rows.append([L("専門科目の内容"), V(f"{{{{ {c}.content }}}}")])
    rows += [[L("実施主体"), V(f"{{{{ {c}.provider }}}}")],
             [L("頻度、時間数、回数"), V(f"{{{{ {c}.frequency }}}}")],
             [L("対象レベル、実施期間"), V(f"{{{{ {c}.level_and_period }}}}")]]
    if outside:
        rows += [[L("受講費用、うち受入れ機関からの費用助成(率、上限)"), V(f"{{{{ {c}.cost_and_subsidy }}}}")],
                 [L("その他費用助成の条件"), V(f"{{{{ {c}.subsidy_conditions }}}}")]]
    rows.append([L("備考"), V(f"{{{{ {c}.remarks }}}}")])
    if outside:  # optional in the case: an empty block when the facility offers none
        rows = [[cell if i == 0 else V(f"{{% if {c} %}}{cell.text}{{% endif %}}") for i, cell in enumerate(row)]
                for row in rows]
    grid(doc, rows, widths_mm=[60, 120])


def subsidy(doc, heading_text: str, field: str, name_label: str) -> None:
    s = f"{S}.{field}"
    p(doc, heading_text, bold=True, space_before=3)
    p(doc, f"・ {name_label}: {{% if {s} %}}{{{{ {s}.name }}}}{{% endif %}}")
    p(doc, f"・ 費用総額の {{% if {s} %}}{{{{ {s}.percent|number }}}}{{% endif %}} %を助成")


def options(doc, items: list[tuple[str, str]], field: str, columns: int = 2) -> None:
    cells = [V(f"{{{{ {field}|mark('{value}') }}}} {label}") for label, value in items]
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [V("")] * (columns - len(rows[-1]))
    grid(doc, rows, widths_mm=[180 / columns] * columns, size=9)


MATERIALS = [
    ("資格試験対策の過去・模擬問題集等を", "past_papers"),
    ("試験科目の参考書を", "reference_books"),
    ("試験科目関連分野の辞書を", "dictionaries"),
    ("電子辞書(英和辞典や和英辞典、国語辞典等)を", "electronic_dictionary"),
    ("施設が独自に作成した自習用教材を", "own_materials"),
    ("e-ラーニングのためのネットを使用できるPC等の機器を", "e_learning_pc"),
]
CHOICES = ("配置し、貸出を可とする", "配置し、貸出を不可とする", "給付する")
QUALIFICATIONS = [("実用英語技能検定", "級"), ("TOEICスコア", "点"), ("TOEFLスコア", "点"),
                  ("国際連合公用語・英語検定(国連英検)", "級"), ("語学技能検定", "級"), ("その他資格", "")]
COUNTS = [("EPAに基づく外国人看護師候補者", "epa_nurse_candidates"),
          ("EPAに基づく外国人介護福祉士候補者", "epa_care_candidates"),
          ("EPAに基づく外国人看護師", "epa_nurses"), ("EPAに基づく外国人介護福祉士", "epa_care_workers"),
          ("EPA以外の外国人看護・介護職員", "non_epa_care_staff"),
          ("EPA以外の外国人労働者(看護・介護分野を除く)", "non_epa_workers")]


def materials(doc) -> None:
    m = f"{S}.materials"
    rows = [[L("")] + [L(c, align="center") for c in CHOICES]]
    for label, field in MATERIALS:
        rows.append([V(f"・ {label}")] + [V(f"{{{{ {m}.{field}|mark('{c}') }}}}", align="center") for c in CHOICES])
    rows.append([V(f"・ その他：{{{{ {m}.other }}}}")]
                + [V(f"{{{{ {m}.other_choice|mark('{c}') }}}}", align="center") for c in CHOICES])
    grid(doc, rows, widths_mm=[84, 36, 36, 24], size=8.5)


def qualification_row(held: str, name: str, unit: str) -> list:
    """One row of the qualification table; `held` is the Jinja expression of the qualification or none."""
    return [V(f"{{{{ ({held} is not none)|check }}}}"), V(name),
            V(f"{{% if {held} %}}{{{{ {held}.grade_or_score }}}}{{% endif %}} {unit}"),
            V(f"{{% if {held} %}}{{{{ {held}.obtained|year_month }}}}{{% else %}}年 月{{% endif %}}")]


def qualifications(doc) -> None:
    """(保有○○語又は英語資格) (3335-3341): the 語学技能検定 row once per country of the facility."""
    rows = [[L("(保有{{ f.languages }}又は英語資格)", span=2), L("級・点"), L("取得年月(西暦)")]]
    for name, unit in QUALIFICATIONS:
        if name == "語学技能検定":
            rows.append([V("{%tr for t in f.language_test_rows %}", span=4)])
            rows.append(qualification_row("t.held", "{{ t.name }}", unit))
            rows.append([V("{%tr endfor %}", span=4)])
            continue
        match = f"{S}.language_qualifications|selectattr('name', 'equalto', '{name}')|first|default(none)"
        shown = name + (" {{ q.other_name if q else '' }}" if name == "その他資格" else "")
        row = qualification_row("q", shown, unit)
        row[0] = V(f"{{% set q = {match} %}}{row[0].text}")
        rows.append(row)
    grid(doc, rows, widths_mm=[10, 85, 40, 45], size=9)


def build():
    doc = new_document(size=9.5, margins_mm=(12, 18, 12, 18))
    facility_pages_start(doc, "JICWELS 様式5", "研修実施体制説明書")
    for paragraph in INTRO:
        p(doc, paragraph, size=8.5, align="justify", space_after=2)

    heading(doc, "1. 専門科目の研修体制")
    p(doc, "(1) 勤務時間内の専門科目の研修体制")
    course(doc, "specialist_in_hours", specialist=True, outside=False)
    p(doc, "(2) 勤務時間外の専門科目の研修体制", space_before=3)
    course(doc, "specialist_outside_hours", specialist=True, outside=True)

    heading(doc, "2. 日本語研修体制")
    p(doc, "(1) 勤務時間内の日本語研修体制")
    course(doc, "japanese_in_hours", specialist=False, outside=False)
    p(doc, "(2) 勤務時間外の日本語研修体制", space_before=3)
    course(doc, "japanese_outside_hours", specialist=False, outside=True)
    subsidy(doc, "◆ 日本語学校への入学の費用助成", "japanese_school_subsidy", "学校名")
    subsidy(doc, "◆ 大学留学センター・留学生別科への入学の費用助成", "university_subsidy", "大学名")
    subsidy(doc, "◆ 日本語ボランティア教室・サークル等への参加費用助成", "volunteer_class_subsidy", "団体名")
    subsidy(doc, "◆ その他の費用助成", "other_subsidy", "その他助成内容")
    p(doc, "◆ 地域交流の有無", bold=True, space_before=3)
    options(doc, [(v, v) for v in ("行事の際、施設を地域に開放", "地域の学校との交流", "地域の行事に参加",
                                   "施設の一部を地域交流の場として開放", "ホームステイを実施", "地域ボランティアの受入")],
            f"{S}.community")
    p(doc, f"{{{{ {S}.community_other|check }}}} その他: {{{{ {S}.community_other }}}}")

    heading(doc, "3. 自己学習の環境")
    p(doc, "◆ 勤務時間内の自己学習時間の確保", bold=True)
    p(doc, f"{{{{ {S}.study_period }}}} の勤務時間 {{{{ {S}.study_working_hours|number }}}} 時間のうち合計 "
           f"{{{{ {S}.study_hours|number }}}} 時間を自己学習の時間に充てる")
    p(doc, "◆ 自己学習のための場所の確保", bold=True, space_before=3)
    options(doc, [(v, v) for v in ("施設内の一室(会議室・相談室など)を利用", "寮の共有スペースを利用")],
            f"{S}.study_places")
    p(doc, f"{{{{ {S}.study_place_other|check }}}} その他: {{{{ {S}.study_place_other }}}}")

    heading(doc, "4. 自己学習のための教材の配置")
    materials(doc)

    heading(doc, "5. 職場適応の支援")
    p(doc, "◆ 新任の従業員に対する研修、すべての従業員に対する研修の計画的な実施", bold=True)
    p(doc, f"・ 新任従業員に対する研修　・ 実施日数 {{{{ {S}.new_staff_training_days }}}} 日間　"
           f"年間実施回数 {{{{ {S}.new_staff_training_times }}}} 回")
    p(doc, f"・ すべての従業員に対する研修　・ 実施日数 {{{{ {S}.all_staff_training_days }}}} 日間　"
           f"年間実施回数 {{{{ {S}.all_staff_training_times }}}} 回")
    p(doc, "◆ サービス担当者会議、ケース検討会議等による患者・入所者の情報の適切な共有、改善の取組の実施", bold=True,
      space_before=3)
    p(doc, f"{{{{ {S}.meetings|mark('サービス担当者会議') }}}} 候補者をチームの一員として、サービス担当者会議に参加させる")
    p(doc, f"{{{{ {S}.meetings|mark('ケース検討会議') }}}} 候補者をチームの一員として、ケース検討会議に参加させる")
    p(doc, f"{{{{ {S}.meeting_other|check }}}} 候補者をチームの一員として、その他( {{{{ {S}.meeting_other }}}} )会議に参加させる")
    p(doc, "◆ {{ f.languages }}会話能力又は英会話能力のある研修責任者又は研修支援者の配置", bold=True, space_before=3)
    p(doc, f"* 以下の{{{{ f.languages }}}}能力又は英語能力を有する {{{{ {S}.language_staff }}}} を配置する")
    p(doc, "({{ f.languages }}又は英語使用経験)")
    options(doc, [("{{ f.study_countries }}への留学経験がある", "留学経験"),
                  ("{{ f.languages }}で業務を行った経験がある", "業務経験"),
                  ("英語圏への留学経験がある", "英語圏への留学経験"),
                  ("英語で業務を行った経験がある", "英語で業務を行った経験")], f"{S}.language_experience")
    p(doc, f"{{{{ {S}.language_experience_other|check }}}} その他：{{{{ {S}.language_experience_other }}}}")
    qualifications(doc)

    heading(doc, "6. 看護、介護実習の受入れ実績")
    p(doc, f"{{{{ {S}.nursing_practicum|check }}}} 看護師学校養成所の臨地実習の受入れを行っている")
    p(doc, f"{{{{ {S}.care_practicum|check }}}} 介護福祉士養成施設の介護実習の受入れを行っている")

    heading(doc, "7. これまでの外国人労働者の受入れ実績")
    p(doc, f"現状：{{{{ {S}.foreign_staff_as_of|year_month }}}}時点")
    rows = [[V(f"・ {label}"), V(f"{{{{ {S}.{field}.total }}}} 人"),
             V(f"うち{{{{ f.of_countries({S}.{field}.per_country) }}}}")] for label, field in COUNTS]
    grid(doc, rows, widths_mm=[100, 30, 50], size=9)
    p(doc, "過去の実績：", space_before=3)
    p(doc, f"{{{{ {S}.past_record|multiline }}}}")
    facility_pages_end(doc)
    return doc
