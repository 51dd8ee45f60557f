"""雇用契約書 (JICWELS 様式10-2), Japanese version: the model contract of seed 002:3498-3866.

The country's texts (title, agreement, embassy, sending agency) come from the case's `country`
(schemas/countries.py); the page header drops the seed's 「（雛型）」, since what is printed is the executed
contract, not the model; the blanks of the 32 clauses from its clause fields.
Choices printed "(有 / 無)" keep the seed's option list and print the chosen option after "：".
The layout both language versions share is tools/contract10_style.py.
"""

from __future__ import annotations

from contract10_style import (
    allowance_rows,
    contract_document,
    holiday_work_clause,
    leave_clause,
    night_work_clause,
    other_terms,
    overtime_clause,
    party_table,
    pay_dates_clause,
    signatures,
    term_clause,
    text_clauses,
    wage_clause,
    working_hours_clause,
    yes_no,
    yes_no_detail_clauses,
)
from templatekit import L, V


def allowance_rows_ja(items: str) -> list:
    return allowance_rows(items, ("手当", "金額（円）", "計算方法・備考"),
                          name=lambda item: f"{{{{ {item}.name }}}}手当",
                          method=lambda item: f"{{{{ {item}.method or '' }}}}")


def build():
    doc = contract_document(
        "【{{ country.people_ja }}介護福祉士候補者用雇用契約書】", "雇用契約書",
        "({{ country.people_ja }}介護福祉士候補者用)",
        "以下 X 及び Y により署名された雇用契約書は、{{ country.agreement_ja }}に規定された訪日後の研修及び訪日前の日本語研修を修了することを条件として、"
        "有効となるものとする。")
    parties(doc)
    clauses_1_to_3(doc)
    clause_4_wages(doc)
    clauses_5_to_7_premiums(doc)
    clause_8_pay_dates(doc)
    clauses_9_to_12(doc)
    clauses_13_14_leave(doc)
    clauses_15_to_18(doc)
    clauses_19_to_31(doc)
    clause_32_and_signatures(doc)
    return doc


def parties(doc) -> None:
    party_table(doc, "X. 雇用主", [
        [L("雇用主の名称"), V("{{ employer.name }}")],
        [L("雇用主代表者氏名"), V("{{ employer.representative.title }}　{{ employer.representative.name }}")],
        [L("受入れ機関担当者氏名"), V("{{ employer.contacts[0].name }}")],
        [L("受入れ機関担当者電話番号"), V("{{ employer.contacts[0].phone }}")],
        [L("就労予定施設の名称"), V("{{ facility.name }}")],
        [L("就労予定施設の住所"), V("〒{{ facility.postal_code }} {{ facility.address }}")],
        [L("就労予定施設の連絡先氏名"), V("{{ facility.contacts[0].name }}")],
        [L("就労予定施設の連絡先電話番号"), V("{{ facility.contacts[0].phone }}")],
    ], widths_mm=[58, 116])
    party_table(doc, "Y. 就労者", [
        [L("就労者の氏名"), V("{{ person.name }}（{{ person.name_alphabet }}）")],
        [L("{{ country.state_ja }}における住所"), V("{{ home_address }}")],
        [L("電話番号"), V("{{ home_phone }}")],
        [L("生年月日（年/月/日）"), V("{{ person.birth_date|seireki }}")],
        [L("旅券番号"), V("{{ person.passport_number }}")],
        [L("旅券発行日（年/月/日）"), V("{{ passport_issue_date|seireki }}")],
        [L("旅券発行地"), V("{{ passport_issue_place }}")],
    ], widths_mm=[58, 116], space_before=8)


def clauses_1_to_3(doc) -> None:
    term_clause(
        doc, "1. 雇用契約の期間", "訪日後日本語等研修修了の翌日から、入国日の翌日から起算して3年後の日まで",
        "* 本契約は30の規定に従い入国日の翌日から起算して4年後の日まで更新されるものとする。", [
            [L("入国日"), V("{{ entry_date|seireki }}"), L("訪日後日本語等研修修了日"),
             V("{{ training_end_date|seireki }}")],
            [L("雇用契約の期間"), V("{{ work_start_date|seireki }}から{{ contract_end_date|seireki }}まで", span=3)],
            [L("更新後の期間の満了日"), V("{{ renewal_end_date|seireki }}", span=3)],
        ], widths_mm=[36, 42, 48, 43])
    text_clauses(doc, [
        ("2. 就労の場所", ["上記就労予定施設内（{{ facility.name }}　{{ facility.address }}）"]),
        ("3. 業務内容", ["{{ duties|multiline }}"]),
    ])


def clause_4_wages(doc) -> None:
    wage_clause(
        doc, "4. 賃金", [
            L("(1) 基本給 (月給 / 日給 / 時給 / 日給月給)", size=9), V("{{ base_pay.basis }}", align="center"),
            V("{{ base_pay.amount|yen }} 円", align="right"), L("年齢給 (有 / 無)", size=9),
            V(yes_no("base_pay.age_based"), align="center"),
        ], [56, 22, 38, 32, 21],
        ("(2) 諸手当の額及び計算方法", "A. 毎月固定的に支払われる手当", "B. 毎月支払額が変動する手当"),
        allowance_rows_ja, [9, 48, 30, 82])


def clauses_5_to_7_premiums(doc) -> None:
    overtime_clause(
        doc, "5. 所定時間外労働",
        exists=f"(1) 所定時間外労働の有無 (有 / 無)：{yes_no('overtime.exists')}",
        over_60_hours=f"(2) 月60時間を超える法定時間外労働の有無 (有 / 無)：{yes_no('overtime.over_60_hours')}",
        rates="(3) 所定時間外労働に対して支払われる割増賃金率",
        rates_apply="A. 下記に該当する割増賃金率が適用される。",
        unit="(月 / 週 / 日) の労働時間に対する割増賃金率：{{ overtime.unit }}",
        band_header=[L("法定超 / 所定超", align="center"), L("時間超", align="center"),
                     L("時間", align="center"), L("%", align="center")],
        band_cells=["{{ b.basis }}", "{{ b.from_hours }} 時間超",
                    "{{ '～ %d 時間'|format(b.to_hours) if b.to_hours is not none else '（上限なし）' }}",
                    "{{ '%g'|format(b.rate) }} %"],
        other="B. その他（ {{ overtime.other or '' }} ）",
        remarks="備考（ {{ overtime.remarks or '' }} ）")
    holiday_work_clause(
        doc, "6. 休日労働",
        exists=f"(1) 休日労働の有無（有 / 無）：{yes_no('holiday_work.exists')}",
        rates="(2) 休日労働に対して支払われる割増賃金率",
        statutory="A. 法定休日（ {{ '%g'|format(holiday_work.statutory_rate) if holiday_work.statutory_rate is not none "
                  "else '' }} ）%",
        non_statutory="B. 法定外休日（ {{ '%g'|format(holiday_work.non_statutory_rate) if "
                      "holiday_work.non_statutory_rate is not none else '' }} ）%",
        remarks="備考（ {{ holiday_work.remarks or '' }} ）")
    night_work_clause(
        doc, "7. 深夜労働",
        exists=f"(1) 深夜労働の有無（有 / 無）：{yes_no('night_work.exists')}",
        rate="(2) 深夜労働に対して支払われる割増賃金率（ {{ '%g'|format(night_work.rate) if night_work.rate is not none "
             "else '' }} ）%",
        rules=[("A. 深夜労働とは、午後10時から午前5時をいう。", "その他（ {{ night_work.definition_other or '' }} ）"),
               ("B. この割増率は、所定時間外労働に対して支払われる割増賃金率が適用される時間については、"
                "所定時間外労働と深夜労働の割増率を合算する。", "その他（ {{ night_work.with_overtime_other or '' }} ）"),
               ("C. この割増率は、休日労働に対して支払われる割増賃金率が適用される時間については、"
                "休日労働と深夜労働の割増率を合算する。", "その他（ {{ night_work.with_holiday_other or '' }} ）")],
        remarks="備考（ {{ night_work.remarks or '' }} ）")


def clause_8_pay_dates(doc) -> None:
    closing = "{% for d in pay_schedule.%s %}毎月{{ d }}日{% if not loop.last %}、{% endif %}{% endfor %}"
    paying = ("{% for d in pay_schedule.%s %}{{ d.month }} {{ d.day_ja }}{% if not loop.last %}、"
              "{% endif %}{% endfor %}")
    pay_dates_clause(doc, "8. 賃金の締切日、支払日、支払方法", [
        [L(""), L("(1) 賃金締切日", align="center"), L("(2) 賃金支払日（当月 / 翌月）", align="center")],
        [L("A. 基本賃金"), V(closing.replace("%s", "base_closing_days"), align="center"),
         V(paying.replace("%s", "base_pay_days"), align="center")],
        [L("B. 諸手当"), V(closing.replace("%s", "allowance_closing_days"), align="center"),
         V(paying.replace("%s", "allowance_pay_days"), align="center")],
    ], "(3) 賃金の支払方法 (銀行振込 / 現金支給)：{{ pay_schedule.method }}")


def clauses_9_to_12(doc) -> None:
    yes_no_detail_clauses(doc, [(9, "昇給", "pay_raise"), (10, "賞与", "bonus"), (11, "退職金", "retirement_allowance")],
                          lambda field: f"(有 / 無)：{yes_no(field + '.exists')}（ {{{{ {field}.detail or '' }}}} ）")
    working_hours_clause(
        doc, "12. 労働時間、休憩",
        times="始業及び終業の時刻",
        fixed_heading="A. 定刻の場合",
        fixed="{% if working_hours.fixed %}始業（ {{ working_hours.fixed.start_ja }} ）　終業（ "
              "{{ working_hours.fixed.end_ja }} ）　休憩時間（ {{ working_hours.fixed.break_minutes }} 分）"
              "{% else %}始業（　時　分）　終業（　時　分）　休憩時間（　分）　（該当なし）{% endif %}",
        shift_heading="B. 変形労働時間制又は交替制の場合",
        shift="{% if working_hours.shift_system %}（ {{ working_hours.shift_system.period }} ）"
              "（週 / ヶ月 / 年：{{ working_hours.shift_system.unit }}）{% else %}（　）（週 / ヶ月 / 年）{% endif %}"
              "単位の変形労働時間制・交替制として次の勤務時間の組合せによる。",
        shift_header=[L("適用日", align="center"), L("始業", align="center"), L("終業", align="center"),
                      L("休憩時間", align="center")],
        shift_cells=["{{ s.days }}", "{{ s.start_ja }}", "{{ s.end_ja }}", "{{ s.break_minutes }} 分"],
        remarks="備考（ {{ working_hours.remarks or '' }} ）")


def clauses_13_14_leave(doc) -> None:
    leave_clause(
        doc, "13. 休暇",
        annual="(1) 年次有給休暇",
        annual_header=[L("継続勤務月数", align="center"), L("付与日数", align="center")],
        annual_cells=["{{ g.months }} ヶ月", "{{ g.days }} 日"],
        annual_remarks="備考（ {{ leave.annual_remarks or '' }} ）",
        hourly=f"時間単位休暇（有 / 無）：{yes_no('leave.hourly')}",
        substitute=f"(2) 代替休暇（有 / 無）：{yes_no('leave.substitute')}",
        other="(3) その他の休暇",
        other_paid="有給（ {{ leave.other_paid or '' }} ）",
        other_unpaid="無給（ {{ leave.other_unpaid or '' }} ）")
    text_clauses(doc, [("14. 休日", [
        "(1) 定例日の場合{% if not holidays.weekly %}（該当なし）{% endif %}：毎週（ {{ holidays.weekly or '' }} ）"
        "曜日、国民の祝日、その他（ {{ holidays.regular_other or '' }} ）",
        "(2) 非定例日の場合{% if holidays.irregular %}：（ {{ holidays.irregular.count }} "
        "{{ holidays.irregular.unit }} ）当たり（ {{ holidays.irregular.days }} ）日　［（週 / 月 / 年）："
        "{{ holidays.irregular.unit }}］{% else %}（該当なし）：（　）（週 / 月 / 年）当たり（　）日{% endif %}",
        "その他（ {{ holidays.other or '' }} ）",
        "備考（ {{ holidays.remarks or '' }} ）",
    ])])


def clauses_15_to_18(doc) -> None:
    text_clauses(doc, [
        ("15. 宿泊施設", ["雇用主は、就労者に対して適切な宿泊施設を確保するものとする。"]),
        ("16. 社会保険・労働保険",
         ["雇用主は、健康保険、厚生年金、労働者災害補償保険及び雇用保険の適用があることを確保するものとする。"]),
        ("17. 災害補償", ["(1) 雇用主は、日本国の法令に従い、業務に起因する疾病又は負傷に対する補償の義務を負うものとする。",
                        "(2) 法定外の災害補償に関する事項: {{ extra_accident_compensation or '' }}"]),
        ("18. 試用期間", ["試用期間は設けない。（試用期間：{{ trial_period }}）"]),
    ])


def clauses_19_to_31(doc) -> None:
    texts = [
        ("19. 給与の額",
         ["報酬は、日本人が従事する場合に受ける報酬と同等額以上とする。月給制の場合には、各月の基本給は、当該月の所定労働日数又は"
          "所定労働時間数に応じては変動させないものとする。なお、法定労働時間を超えて労働させた場合又は深夜若しくは法定休日に"
          "労働させた場合には、雇用主は、本契約で定める割増賃金を支払うものとする。"]),
        ("20. 事故、重大な疾病又は死亡時の処置",
         ["就労者の事故、重大な疾病又は死亡の場合、雇用主は、在日{{ country.state_ja }}大使館に連絡するものとし、死亡の際には、"
          "死亡者の遺体及び遺品を{{ country.state_ja }}に返送する費用を負担するものとする。遺体の返送が不可能な場合には、"
          "就労者の近親者又は在日{{ country.state_ja }}大使館の事前の許可により、遺体を処理することができる。"]),
        ("21. 介護福祉士国家資格の取得のための研修",
         ["雇用主は、就労者が日本国の法律に基づく介護福祉士の国家資格を取得するうえで必要な知識及び技術の修得が図られるよう"
          "研修体制の確保に取り組むものとする。就労者は、介護福祉士の国家資格の取得に必要な知識及び技術の修得に励むものとする。"]),
        ("22. 就労施設における研修",
         ["就労者は、{{ country.agreement_short_ja }}に基づく介護福祉士候補者である限りにおいて、介護福祉士国家試験の受験に配慮した適切な内容の研修を"
          "就労中に受けることとする。"]),
        ("23. 就労者の個人情報の提供",
         ["(1) 就労者は、在留管理等の目的で、雇用主により自らの個人情報が関係行政機関、受入れ調整機関その他の関連機関に"
          "提供されることに同意する。",
          # 002:3777 prints 可否結果: corrected to 合否結果 (manifest corrections)
          "(2) 就労者は、雇用主が関係の法務省告示や厚生労働省告示に基づく報告を適切に行えるよう、介護福祉士国家試験の合否結果、"
          "及び在留資格の変更の許可を受けた場合には在留期限その他の必要な情報を、雇用主に提供するものとする。"]),
        ("24. 雇用契約の終了",
         ["(1) 雇用主による終了",
          # 002:3785 prints 天変事変: corrected to 天災事変 (manifest corrections)
          "雇用主は、やむを得ない事由がある場合でなければ、期間が満了するまでの間において、本契約を終了しないものとする。"
          "雇用主は、やむを得ない事由により契約の期間中に本契約を終了させる場合は、少なくとも30日前にその予告を行うか、"
          "30日以上平均賃金を支払うものとする。ただし、天災事変その他のやむを得ない事由のために事業の継続が不可能になった"
          "場合又は就労者の責に帰すべき事由に基づき解雇する場合においては、この限りではない。",
          "（2）就労者による終了",
          "就労者は、やむを得ない事由があるときは、期間が満了するまでの間において、本契約を終了させることができる。"
          "また、本契約期間の開始時より1年が経過した後は、就労者はやむを得ない事由がなくても本契約を終了させることができる。"]),
        ("25. 帰還費用の負担",
         ["雇用契約の終了の際の就労者の帰還費用は、契約の終了の原因が就労者の重大な責に帰する場合を除き、雇用主が負担するもの"
          "とする。就労者が介護福祉士候補者として滞在を認められた期間に日本国の介護福祉士国家資格を取得できなかったこと自体を"
          "以て、就労者の重大な責に帰する場合はみなされない。"]),
        ("26. 日本国の法令及び就労施設の規則の遵守",
         ["就労者は、就労施設の規則及び日本国の法令を遵守するものとし、かつ日本国の慣習及び伝統を尊重するものとする。"]),
        ("27. 紛争処理",
         ["就労者の雇用契約に関する苦情は、当事者のいずれかが希望する場合であって、かつ、利用可能な場合には、日本国の紛争処理"
          "機関（裁判所又は都道府県労働局）に付託されるものとする。また、雇用地の最寄りの{{ country.state_ja }}大使館又は"
          "総領事館の労働書記官又は権限のある代表者の参加により友好的に解決することもできる。"]),
        ("28. 準拠法", ["この契約の準拠法は日本国の法令とする。"]),
        ("29. 日本の介護福祉士国家資格の取得",
         ["就労者が本雇用契約の期間内に介護福祉士資格を取得した場合、就労者は介護福祉士候補者ではなく介護福祉士として就労する"
          "ものとする。それに伴い、それ以降の雇用契約は、雇用主のもとで就労している他の介護福祉士の労働条件を考慮し、就労者"
          "及び雇用主の間で誠実に協議して新たに締結されるものとする。"]),
        ("30. 更新の有無",
         ["本契約は、就労者に適法な在留資格及び有効な在留期間が付与される場合、雇用主または就労者のいずれかが契約を更新しない"
          "意思を表明しない限り、入国日の翌日から起算して4年後の日まで更新されるものとする。ただし、雇用主が契約を更新しない"
          "意思を表明する場合は、客観的に合理的な理由を必要とする。",
          "その後については、就労者に適法な在留資格及び有効な在留期間が付与される場合、上記と同様の条件で更新されるものとする。"]),
        ("31. 日本国への渡航費用",
         ["雇用主及び就労者は、就労者の{{ country.state_ja }}から日本国への渡航費用については就労者が負担しないことを確認する。"
          "かかる費用については、日本国で日本語研修を実施する団体又は雇用主が負担する。"]),
    ]
    text_clauses(doc, texts)


OTHER_TERMS = [
    ("(1) 労働者に負担させるべき食費、作業用品その他に関する事項", "meals_and_tools"),
    ("(2) 安全及び衛生に関する事項", "safety_and_health"),
    ("(3) 職業訓練に関する事項", "vocational_training"),
    ("(4) 業務外の傷病扶助に関する事項", "non_work_injury"),
    ("(5) 表彰及び制裁に関する事項", "awards_and_sanctions"),
    ("(6) 休職に関する事項", "leave_of_absence"),
    ("(7) その他", "other"),
]


def clause_32_and_signatures(doc) -> None:
    other_terms(doc, "32. その他", OTHER_TERMS, "（ {} ）")
    signatures(doc, "上記の証拠として、雇用主及び就労者は本契約に署名した。", [
        ["就労者", "{{ person.name_alphabet }}",
         "署名日：{{ worker_signing.date|seireki if worker_signing.date else '' }}",
         "署名地：{{ worker_signing.place or '' }}"],
        ["雇用主", "{{ employer.name }}", "{{ employer.representative.title_and_name }}",
         "署名日：{{ (employer_signing.date or contract_date)|seireki }}", "署名地：{{ employer_signing.place or '' }}"],
    ], "{{ country.agency_ja }}及び公益社団法人国際厚生事業団は、本契約が、{{ country.agreement_short_ja }}に基づき、{{ country.agency_ja }}"
       "によって実施された募集過程を経た就労者と、公益社団法人国際厚生事業団が紹介した雇用主との間で締結されたもの"
       "であることを証明する。", [
        ["{{ country.agency_line1_ja }}", "{{ country.agency_line2_ja }}", "（{{ sending_agency }}）", "署名日："],
        ["公益社団法人 国際厚生事業団", "（JICWELS）", "署名日："],
    ])
