"""受入れ施設説明書 (JICWELS 様式3-2), seed 002:2546-2945, one per 受入れ希望施設 (a page-broken loop over
`facilities`), with 6. 年間賃金見込み額 computed by the rules at 2946-2985 (schemas/epa_job_offer.py)."""

from build_templates import load_source
from templatekit import GOTHIC, L, V, grid, heading, new_document, p, page_break, spacer, title, unbroken

_common = load_source("jicwels-2-2")
contact_rows = _common.contact_rows

RULE_PROMPT = "【就業規則/給与規程/その他( ) 第( )条】"
RULE_PROMPT_RETIREMENT = "【就業規則/給与規程/退職金規程/その他( ) 第( )条】"
S = 9  # body size inside tables
W = 174  # text width in mm


def rule_value(ref: str) -> str:
    return (f"{{{{ {ref}.book }}}}{{% if {ref}.other_name %}}({{{{ {ref}.other_name }}}}){{% endif %}}"
            f"{{% if {ref}.article %}} 第{{{{ {ref}.article }}}}条{{% endif %}}")


def rule(doc, ref: str, optional: str | None = None, retirement: bool = False) -> None:
    """The form's 【…規程 第( )条】 prompt, then the rule and article that apply (or `optional` when none)."""
    value = rule_value(ref)
    if optional is not None:
        value = f"{{% if {ref} %}}{value}{{% else %}}{optional}{{% endif %}}"
    prompt = RULE_PROMPT_RETIREMENT if retirement else RULE_PROMPT
    grid(doc, [[L(prompt, size=8.5), V(value, size=S)]], widths_mm=[92, W - 92])


def when(obj: str, expression: str) -> str:
    """`expression` (on `c`) when the optional block `obj` is given, else blank — in one run."""
    return f"{{% for c in [{obj}] if c %}}{expression}{{% endfor %}}"


def diamond(doc, text: str) -> None:
    heading(doc, text, size=10, space_before=5)


def line(doc, text: str, size: float = S, **kwargs) -> None:
    p(doc, text, size=size, **kwargs)


def choices(expr: str, options: tuple[str, ...] | list[str]) -> str:
    return "　".join(f"{{{{ {expr}|mark('{o}') }}}}{o}" for o in options)


def clock(expr: str) -> str:
    """"08:30" as the form prints it: 8時30分."""
    return f"{{{{ {expr}[:2]|int }}}}時{{{{ {expr}[3:] }}}}分"


def number(expr: str) -> str:
    """Print 160.0 as 160 and 165.5 as 165.5."""
    return f"{{% if {expr} is not none %}}{{{{ '%g'|format({expr}) }}}}{{% endif %}}"


def head(doc) -> None:
    p(doc, "（様式3-2）　　{{ loop.index }} / {{ facilities|length }} 施設", size=9)
    p(doc, "提出日: {{ application_date|seireki }}", align="right", size=9)
    title(doc, "受入れ施設説明書", space_after=6)
    grid(doc, [
        [L("施設名", size=S), V("{{ f.name }}", span=4, size=S)],
        [L("施設代表者", size=S), V("{{ f.representative.title }}　{{ f.representative.name }}", span=4, size=S)],
        [L("施設住所等", vspan=2, size=S), V(unbroken("〒{{ f.postal_code }}　{{ f.address }}"), span=4, size=S)],
        [L("電話番号", size=S), V("{{ f.phone }}", size=S), L("FAX番号", size=S), V("{{ f.fax }}", size=S)],
        *contact_rows("f", "施設担当者1", 0, size=S),
        *contact_rows("f", "施設担当者2", 1, size=S),
    ], widths_mm=[28, 22, 52, 22, 50])


def outline(doc) -> None:
    grid(doc, [
        [L("◆ 受入れ施設設立年月日", size=S), V("{{ f.established_date|seireki }}", size=S)],
        [L("◆ 受入れ施設種別", size=S), V("{{ f.type_name }}　* 種別コード: ( {{ f.type_code }} )", size=S)],
    ], widths_mm=[50, W - 50])
    line(doc, "※種別コードを10-1~15-1で受入れを希望する場合", bold=True, space_before=3)
    line(doc, "{{ f.satellite_joint_guidance|check }} 本体となる施設と職員に対する技術指導が一体的に行われている")
    line(doc, "{{ f.satellite_mutual_support|check }} 本体となる施設と必要な場合に随時、複数の事業間で相互支援を行える体制にある")
    line(doc, "* 受入れ希望施設の概要", bold=True, space_before=4)
    grid(doc, [
        [L("営業時間", size=S), V(choices("f.business_hours", ("昼間", "夜間")), size=S)],
        [L("主な利用者の介護レベル", size=S), V("{{ f.care_level }}", size=S)],
        [L("主な利用者の種別", size=S), V(choices("f.user_types", ("高齢者", "障害者", "障害児", "生活困窮者")), size=S)],
    ], widths_mm=[50, W - 50])
    site = "f.same_site_facility"
    line(doc, "* 同一敷地内において一体的に運営されている施設名称、種別コード、入所定員数、距離、時間", bold=True,
         space_before=4)
    grid(doc, [
        [L("施設の名称", size=S), V(when(site, "{{ c.name }}"), span=5, size=S)],
        [L("種別コード", size=S), V(when(site, "( {{ c.type_code }} )"), size=S),
         L("入所定員数", size=S), V(when(site, "{{ c.capacity }} 人"), span=3, size=S)],
        [L("同一敷地内において一体的に運営されている施設から受入れ施設までの距離・時間", span=2, size=8),
         L("距離", size=S), V(when(site, "{{ c.distance }}"), size=S),
         L("所要時間", size=S), V(when(site, "{{ c.minutes }} 分"), size=S)],
    ], widths_mm=[30, 36, 26, 36, 22, 24])
    main = "f.main_facility"
    line(doc, "* 本体施設の名称、種別コード、入所定員数", bold=True, space_before=4)
    grid(doc, [
        [L("施設の名称", size=S), V(when(main, "{{ c.name }}"), span=3, size=S)],
        [L("種別コード", size=S), V(when(main, "( {{ c.type_code }} )"), size=S),
         L("入所定員数", size=S), V(when(main, "{{ c.capacity }} 人"), size=S)],
    ], widths_mm=[30, 57, 30, 57])


def staffing(doc) -> None:
    spacer(doc, 4)
    grid(doc, [
        [L("◆入所定員数", size=S), V("{{ f.capacity }} 人", align="right", size=S),
         L("介護保険の指定を受けた病床数", size=S), V("{{ f.insured_beds }} 人", align="right", size=S)],
        [L("◆入所者数", size=S), V("{{ f.residents }} 人", align="right", size=S), V("", span=2)],
        [L("◆介護職員数", size=S), V("{{ f.care_staff }} 人", align="right", size=S),
         L("常勤換算介護職員数", size=S), V(number("f.care_staff_fte") + " 人", align="right", size=S)],
        [L("◆常勤介護職員数", size=S), V("{{ f.fulltime_care_staff }} 人", align="right", size=S),
         L("うち介護福祉士資格取得者数", size=S), V("{{ f.certified_care_workers }} 人", align="right", size=S)],
        [L("介護福祉士資格取得者が常勤介護職員数に占める割合", span=3, size=S),
         V("{{ f.certified_ratio_wari }} 割", align="right", size=S)],
        [L("◆受入れ希望人数", size=S), V("{{ f.requested_count }} 人", align="right", size=S), V("", span=2)],
    ], widths_mm=[44, 36, 58, 36])
    single = "f.single_acceptance_facility"
    grid(doc, [
        [L("1名受入れの条件を満たす施設の名称", span=2, size=S), V(when(single, "{{ c.name }}"), span=4, size=S)],
        [L("該当施設の種別コード", span=2, size=S), V(when(single, "( {{ c.type_code }} )"), span=4, size=S)],
        [L("該当施設から受入れ施設までの距離", span=2, size=S), L("距離", size=S),
         V(when(single, "{{ c.distance }}"), size=S), L("所要時間", size=S),
         V(when(single, "{{ c.minutes }} 分"), size=S)],
    ], widths_mm=[30, 36, 26, 36, 22, 24])


def contract(doc) -> None:
    spacer(doc, 4)
    line(doc, "◆契約の期間 訪日後日本語等研修修了の翌日から、入国日の翌日から起算して3年後の日まで", font=GOTHIC)
    line(doc, "※入国日の翌日から起算して4年後の日まで更新されるものとする。")
    line(doc, "◆就業場所 上記受入れ施設内", font=GOTHIC, space_before=3)
    diamond(doc, "◆従事すべき業務内容")
    grid(doc, [[V("{{ f.duties|multiline }}", size=S)]], widths_mm=[W])
    line(doc, "◆試用期間 無し", font=GOTHIC, space_before=3)


def hours(doc) -> None:
    h = "f.hours"
    diamond(doc, "◆始業、終業の時刻、1箇月平均所定労働時間、休憩時間、就業時転換")
    rule(doc, f"{h}.rule")
    line(doc, "1. 始業及び終業の時刻", bold=True, space_before=2)
    line(doc, f"始業時刻 {clock(h + '.start')} ~ 終業時刻 {clock(h + '.end')}")
    line(doc, f"( {{{{ {h}.variable_unit }}}} )単位の( {{{{ {h}.variable_system }}}} )"
              "として、次の勤務時間の組み合わせによる。")
    line(doc, f"勤務シフトは、実際の作業の( {{{{ {h}.shift_notice_days }}}} )日前に従業員へ通知するものとする。")
    grid(doc, [
        [L("始業時刻", size=S, align="center"), L("終業時刻", size=S, align="center"),
         L("適用日", size=S, align="center"), L("休憩時間", size=S, align="center")],
        [V(f"{{%tr for s in {h}.shifts %}}", span=4)],
        [V(clock("s.start"), size=S, align="center"), V(clock("s.end"), size=S, align="center"),
         V("{{ s.applies_to }}", size=S), V("{{ s.break_time }}", size=S)],
        [V("{%tr endfor %}", span=4)],
        [L("備考", size=S), V(f"{{{{ {h}.remarks|multiline }}}}", span=3, size=S)],
    ], widths_mm=[35, 35, 64, 40])
    line(doc, f"2. 1箇月平均所定労働時間 約 {number(h + '.monthly_hours')} 時間", bold=True, space_before=4)
    rule(doc, f"{h}.monthly_hours_rule")
    grid(doc, [[L("備考", size=S), V(f"{{{{ {h}.monthly_hours_remarks|multiline }}}}", size=S)]], widths_mm=[35, W - 35])


def holidays(doc) -> None:
    h = "f.holidays"
    diamond(doc, "◆休日")
    rule(doc, f"{h}.rule")
    grid(doc, [
        [L("定例日", vspan=2, size=S), V(choices(f"{h}.fixed_days",
                                                 ("月", "火", "水", "木", "金", "土", "日", "国民の祝日も該当")), size=S)],
        [V(f"その他 {{{{ {h}.fixed_other }}}}", size=S)],
        [L("非定例日", vspan=2, size=S),
         V(f"( {{{{ {h}.period }}}} )当たり( {number(h + '.days_per_period')} )日", size=S)],
        [V(f"その他 {{{{ {h}.nonfixed_other }}}}", size=S)],
        [L("備考", size=S), V(f"{{{{ {h}.remarks|multiline }}}}", size=S)],
    ], widths_mm=[30, W - 30])


STATUTORY_GRANTS = (("6ヶ月", "10日"), ("18ヶ月", "11日"), ("30ヶ月", "12日"), ("42ヶ月", "14日"),
                    ("54ヶ月", "16日"), ("66ヶ月", "18日"), ("78ヶ月", "20日"))


def leave(doc) -> None:
    lv = "f.leave"
    diamond(doc, "◆休暇")
    line(doc, "1. 年次有給休暇", bold=True)
    line(doc, "(1) 付与日数")
    rule(doc, f"{lv}.annual_rule")
    grid(doc, [
        [L("継続勤務月数", size=8.5), *[V(m, align="center", size=8.5) for m, _ in STATUTORY_GRANTS]],
        [L("付与日数", size=8.5), *[V(d, align="center", size=8.5) for _, d in STATUTORY_GRANTS]],
    ], widths_mm=[27] + [21] * 7)
    line(doc, "施設の定め（法定と異なる場合）", size=8.5, space_before=2)
    grid(doc, [
        [L("継続勤務月数", size=8.5, align="center"), L("付与日数", size=8.5, align="center")],
        [V(f"{{%tr for g in {lv}.annual_grants %}}", span=2)],
        [V(number("g.months") + "ヶ月", align="center", size=8.5), V(number("g.days") + "日", align="center", size=8.5)],
        [V("{%tr endfor %}", span=2)],
    ], widths_mm=[40, 40])
    grid(doc, [[L("備考", size=S), V(f"{{{{ {lv}.annual_remarks|multiline }}}}", size=S)]], widths_mm=[35, W - 35])
    line(doc, "(2) 時間単位休暇", space_before=3)
    rule(doc, f"{lv}.hourly_rule", optional="制度なし")
    line(doc, "2. 代替休暇", bold=True, space_before=3)
    rule(doc, f"{lv}.substitute_rule", optional="制度なし")
    line(doc, "3. その他の休暇", bold=True, space_before=3)
    line(doc, f"(1) 有給　{{{{ {lv}.other_paid }}}}")
    rule(doc, f"{lv}.other_paid_rule", optional="")
    line(doc, f"(2) 無給　{{{{ {lv}.other_unpaid }}}}")
    rule(doc, f"{lv}.other_unpaid_rule", optional="")


def wages(doc) -> None:
    w = "f.wages"
    diamond(doc, "◆賃金")
    line(doc, "1. 基本給【諸手当・固定残業代を除く】", bold=True)
    rule(doc, f"{w}.base_rule")
    grid(doc, [
        [L("給与形態", size=S), V(f"{{{{ {w}.pay_form }}}}", size=S),
         L("基本給", size=S), V(f"{{{{ {w}.base_amount|yen }}}} 円以上", align="right", size=S)],
        [L("月の平均所定労働日数", size=S), V(number(f"{w}.monthly_workdays") + " 日", align="right", size=S),
         L("※ 年齢給の採用", size=S), V(f"{{{{ {w}.age_based_pay|check }}}}", align="center", size=S)],
    ], widths_mm=[42, 45, 42, 45])
    line(doc, "2. 諸手当", bold=True, space_before=4)
    line(doc, "A. 毎月固定的に支払われる手当")
    rule(doc, f"{w}.fixed_allowances_rule")
    grid(doc, [
        [L("手当", size=S, align="center"), L("金額", size=S, align="center"),
         L("計算方法及び備考", size=S, align="center"), L("対象(※)", size=S, align="center")],
        [V(f"{{%tr for a in {w}.fixed_allowances %}}", span=4)],
        [V("{{ a.name }}", size=S), V("{{ a.amount|yen }} 円", align="right", size=S), V("{{ a.method }}", size=S),
         V("{{ a.counted|check }}", align="center", size=S)],
        [V("{%tr endfor %}", span=4)],
    ], widths_mm=[50, 34, 70, 20])
    line(doc, "※ 上記「対象」とは、毎月固定的に支払われる手当のうち、年間賃金見込み額に含まれる対象の手当を指します。",
         size=8)
    line(doc, "B. 毎月支払額が変動する手当", space_before=3)
    rule(doc, f"{w}.variable_allowances_rule", optional="")
    grid(doc, [
        [L("手当", size=S, align="center"), L("金額、計算方法及び備考", size=S, align="center")],
        [V(f"{{%tr for a in {w}.variable_allowances %}}", span=2)],
        [V("{{ a.name }}", size=S), V("{{ a.description }}", size=S)],
        [V("{%tr endfor %}", span=2)],
    ], widths_mm=[50, W - 50])
    premiums(doc, w)


def yes_no(expr: str) -> str:
    return f"{{% if {expr} %}}有{{% else %}}無{{% endif %}}"


def premiums(doc, w: str) -> None:
    o, hw, n = f"{w}.overtime", f"{w}.holiday_work", f"{w}.night_work"
    line(doc, "3. 所定時間外労働に対して支払われる割増賃金", bold=True, space_before=4)
    rule(doc, f"{o}.rule")
    line(doc, f"* 所定時間外労働の有無　{yes_no(o + '.exists')}")
    line(doc, f"* 月60時間を超える「法定時間外労働」の有無　{yes_no(o + '.over_60_hours')}")
    line(doc, "* 割増賃金率")
    line(doc, f"{{{{ {o}.rates|check }}}}下記に該当する割増賃金率を適用する。")
    line(doc, f"{{{{ {o}.other|check }}}}その他 ( {{{{ {o}.other }}}} )")
    grid(doc, [
        [L("労働時間に対する割増賃金率", span=6, size=S)],
        [V(f"{{%tr for r in {o}.rates %}}", span=6)],
        [V("( {{ r.period }} )の労働時間に対する割増賃金率", size=S), V("が", align="center", size=S),
         V(number("r.from_hours") + " 時間超", align="right", size=S), V("～", align="center", size=S),
         V("{% if r.to_hours is not none %}" + number("r.to_hours") + " 時間{% else %}時間{% endif %}",
           align="right", size=S),
         V(number("r.percent") + " %", align="right", size=S)],
        [V("{%tr endfor %}", span=6)],
        [L("備考", size=S), V(f"{{{{ {o}.remarks|multiline }}}}", span=5, size=S)],
    ], widths_mm=[70, 10, 28, 10, 28, 28])
    line(doc, "4. 休日労働に対して支払われる割増賃金", bold=True, space_before=4)
    rule(doc, f"{hw}.rule")
    line(doc, f"* 休日労働の有無　{yes_no(hw + '.exists')}")
    line(doc, "* 割増賃金率")
    line(doc, f"(1) 法定休日　( {number(hw + '.statutory_percent')} )%　　　"
              f"(2) 法定外休日　( {number(hw + '.non_statutory_percent')} )%")
    grid(doc, [[L("備考", size=S), V(f"{{{{ {hw}.remarks|multiline }}}}", size=S)]], widths_mm=[35, W - 35])
    line(doc, "5. 深夜労働に対して支払われる割増賃金", bold=True, space_before=4)
    rule(doc, f"{n}.rule")
    line(doc, f"* 深夜労働の有無　{yes_no(n + '.exists')}")
    line(doc, f"* 割増賃金率 ( {number(n + '.percent')} )%")
    line(doc, f"※ 深夜労働とは　{{{{ (not {n}.definition_other)|check }}}}午後10時から午前5時をいう。　"
              f"{{{{ {n}.definition_other|check }}}}その他 ( {{{{ {n}.definition_other }}}} )")
    line(doc, "※ 所定時間外労働に対して支払われる割増賃金率が適用される時間については")
    line(doc, f"　{{{{ (not {n}.overtime_overlap_other)|check }}}}所定時間外労働と深夜労働の割増率を合算する。　"
              f"{{{{ {n}.overtime_overlap_other|check }}}}その他 ( {{{{ {n}.overtime_overlap_other }}}} )")
    line(doc, "※ 休日労働に対して支払われる割増賃金率が適用される時間については")
    line(doc, f"　{{{{ (not {n}.holiday_overlap_other)|check }}}}休日労働と深夜労働の割増率を合算する。　"
              f"{{{{ {n}.holiday_overlap_other|check }}}}その他 ( {{{{ {n}.holiday_overlap_other }}}} )")
    line(doc, f"{{{{ {n}.included_in_night_allowance|check }}}}深夜労働に対する割増賃金は夜勤手当に含まれる")
    grid(doc, [[L("備考", size=S), V(f"{{{{ {n}.remarks|multiline }}}}", size=S)]], widths_mm=[35, W - 35])


PAY_FORMS = ("月給", "日給", "時間給", "日給月給")


def lump_sum_rows(number: str, heading: str, items: str, subtotal: str) -> list:
    """③ / ④ of the annual estimate: a heading, one row per named amount, the subtotal."""
    return [
        [L(number, align="center", size=S), L(heading, span=5, size=S)],
        [V(""), L("手当名", span=4, size=S), L("金額", size=S, align="center")],
        [V(f"{{%tr for b in {items} %}}", span=6)],
        [V(""), V("{{ b.name }}", span=4, size=S), V("{{ b.amount|yen }} 円", align="right", size=S)],
        [V("{%tr endfor %}", span=6)],
        [L(f"{number}小計", span=5, size=S), V(f"{{{{ {subtotal}|yen }}}} 円", align="right", size=S)],
    ]


def annual(doc) -> None:
    w = "f.wages"
    line(doc, "6. 年間賃金見込み額(賞与手当を含む)", bold=True, space_before=6)
    line(doc, f"候補者への開示 {{{{ {w}.disclose_annual|circle(true) }}}} 開示する "
              f"{{{{ {w}.disclose_annual|circle(false) }}}} 開示しない")
    base_rows = []
    for form in PAY_FORMS:
        chosen = f"{w}.pay_form == '{form}'"
        base_rows.append([
            V(form, size=S),
            V(f"{{% if {chosen} %}}{{{{ {w}.base_amount|yen }}}}{{% endif %}} 円", align="right", size=S),
            V(f"{{% if {chosen} %}}{number(w + '.monthly_workdays')}{{% endif %}}", align="right", size=S),
            V(f"{{% if {chosen} %}}{number(w + '.daily_hours')}{{% endif %}}", align="right", size=S),
            V(f"{{% if {chosen} %}}{{{{ {w}.base_annual|yen }}}}{{% endif %}} 円", align="right", size=S),
        ])
    widths = [10, 40, 32, 28, 28, 36]
    grid(doc, [
        [L("①", vspan=6, align="center", size=S), L("【基本給】", span=5, size=S)],
        [L("給与形態", size=S), L("金額", size=S, align="center"), L("平均所定日数", size=S, align="center"),
         L("所定労働時間", size=S, align="center"), L("年額", size=S, align="center")],
        *base_rows,
        [L("①小計", span=5, size=S), V(f"{{{{ {w}.base_annual|yen }}}} 円", align="right", size=S)],
        [L("②", align="center", size=S), L("【毎月固定的に支払われる手当】", span=5, size=S)],
        [V(""), L("手当名", span=2, size=S), L("金額", span=2, size=S, align="center"), L("年額", size=S, align="center")],
        [V(f"{{%tr for a in {w}.counted_allowances %}}", span=6)],
        [V(""), V("{{ a.name }}", span=2, size=S), V("{{ a.amount|yen }} 円", span=2, align="right", size=S),
         V("{{ a.annual|yen }} 円", align="right", size=S)],
        [V("{%tr endfor %}", span=6)],
        [L("②小計", span=5, size=S), V(f"{{{{ {w}.allowances_annual|yen }}}} 円", align="right", size=S)],
        *lump_sum_rows("③", "【一時金(賞与など)】", f"{w}.bonuses", f"{w}.bonuses_annual"),
        *lump_sum_rows("④", "【その他】", f"{w}.others", f"{w}.others_annual"),
        [L("備考", span=2, size=S), V(f"{{{{ {w}.annual_remarks|multiline }}}}", span=4, size=S)],
    ], widths_mm=widths)
    grid(doc, [
        [L("算出結果", vspan=3, size=S, align="center"), L("【① + ② + ③ + ④ の合計金額】", span=8, size=S)],
        [L("①", size=S, align="center"), V(f"{{{{ {w}.base_annual|yen }}}} 円", align="right", size=S),
         L("②", size=S, align="center"), V(f"{{{{ {w}.allowances_annual|yen }}}} 円", align="right", size=S),
         L("③", size=S, align="center"), V(f"{{{{ {w}.bonuses_annual|yen }}}} 円", align="right", size=S),
         L("④", size=S, align="center"), V(f"{{{{ {w}.others_annual|yen }}}} 円", align="right", size=S)],
        [L("=", size=S, align="center"), V(f"{{{{ {w}.annual_estimate|yen }}}}", span=4, align="right", size=10, bold=True),
         V("円 (年間賃金見込み額)", span=3, size=S)],
    ], widths_mm=[18, 8, 31, 8, 31, 8, 31, 8, 31])


OTHER_MATTERS = (
    ("1. 労働者に負担させるべき食費、作業用品その他に関する事項", "meals_and_supplies"),
    ("2. 安全及び衛生に関する事項", "safety_and_health"),
    ("3. 職業訓練に関する事項", "vocational_training"),
    ("4. 業務外の傷病扶助に関する事項", "injury_aid"),
    ("5. 表彰及び制裁に関する事項", "awards_and_sanctions"),
    ("6. 休職に関する事項", "leave_of_absence"),
    ("7. その他", "other"),
)


def other_matters(doc) -> None:
    diamond(doc, "◆その他")
    for text, attr in OTHER_MATTERS:
        line(doc, text, space_before=2)
        rule(doc, f"f.other_rules.{attr}", optional="", retirement=True)


SUBSIDIES = (
    ("(1) 家賃・共益費", "rent", "予想される候補者の家賃・共益費の負担額 1ヶ月あたり約 {} 円"),
    ("(2) 礼金・敷金・更新料", "deposit", "予想される候補者の入居時の礼金・敷金の負担額 約 {} 円"),
    ("(3) 水道光熱費補助", "utilities", None),
)
SUBSIDY_MODES = ("全額補助(就労者の負担額:なし)", "全額候補者負担", "一部補助")


def housing(doc) -> None:
    hs = "f.housing"
    diamond(doc, "◆住居")
    grid(doc, [
        [L("1. 住居の種類", size=S), V(f"{{{{ {hs}.type }}}}", span=3, size=S)],
        [L("2. 間取り", size=S), V(f"{{{{ {hs}.layout }}}}", size=S), L("広さ", size=S),
         V(number(f"{hs}.area_m2") + " 平米", align="right", size=S)],
        [L("詳細", size=S), V(f"{{{{ {hs}.detail }}}}", span=3, size=S)],
        [L("3. 共同生活", size=S), V(f"{{{{ {hs}.shared_living }}}}", span=3, size=S)],
        [L("備考", size=S), V(f"{{{{ {hs}.remarks|multiline }}}}", span=3, size=S)],
    ], widths_mm=[40, 64, 30, 40])
    line(doc, "4. その他", bold=True, space_before=3)
    grid(doc, [
        [L("受入れ施設までの距離", size=S),
         V(f"( {{{{ {hs}.commute_means }}}} )で所要時間 {{{{ {hs}.commute_minutes }}}} 分", size=S)],
        [L("近隣家賃水準(1ルーム)", size=S), V(f"{{{{ {hs}.nearby_rent|yen }}}} 円", size=S)],
        [L("備考", size=S), V(f"{{{{ {hs}.other_remarks|multiline }}}}", size=S)],
    ], widths_mm=[50, W - 50])
    line(doc, "5. 家賃補助", bold=True, space_before=3)
    for label, attr, burden in SUBSIDIES:
        s = f"{hs}.{attr}"
        rows = [
            [L(label, vspan=4 if burden else 3, size=S), V(choices(f"{s}.mode", SUBSIDY_MODES), size=S)],
            [V(f"補助内容: {{{{ {s}.detail }}}}", size=S)],
        ]
        if burden:
            rows.append([V(burden.format(f"{{{{ {s}.burden|yen }}}}"), size=S)])
        rows.append([V(f"備考 {{{{ {s}.remarks|multiline }}}}", size=S)])
        grid(doc, rows, widths_mm=[40, W - 40])


def exams(doc) -> None:
    e = "f.exams"
    diamond(doc, "◆これまでの国家試験実績")
    line(doc, f"{{{{ {e}.none_yet|check }}}}求人登録申請時点で国家試験受験者無し")
    grid(doc, [
        [L("国家試験受験者", size=S), V(f"{{{{ {e}.total_examinees }}}} 人中", align="right", size=S),
         V(f"{{{{ {e}.total_passed }}}} 人合格", align="right", size=S)],
        [V(f"{{%tr for r in {e}.rows %}}", span=3)],
        [L("{{ r.group }}", size=S), V("{{ r.examinees }} 人中", align="right", size=S),
         V("{{ r.passed }} 人合格", align="right", size=S)],
        [V("{%tr endfor %}", span=3)],
    ], widths_mm=[80, 47, 47])


def notes(doc) -> None:
    diamond(doc, "◆特記事項")
    line(doc, "(採用を希望する候補者像、研修に対する助成、支援体制、国家資格取得後の手当額等)", size=8.5)
    grid(doc, [[V("{{ f.special_notes|multiline }}", size=S)]], widths_mm=[W], row_height_mm=18)
    diamond(doc, "◆PR事項")
    grid(doc, [[V("{{ f.pr|multiline }}", size=S)]], widths_mm=[W], row_height_mm=18)


def build():
    doc = new_document(size=9.5)
    p(doc, "{%p for f in facilities %}")
    head(doc)
    outline(doc)
    staffing(doc)
    contract(doc)
    hours(doc)
    holidays(doc)
    leave(doc)
    wages(doc)
    annual(doc)
    other_matters(doc)
    housing(doc)
    exams(doc)
    notes(doc)
    p(doc, "{%p if not loop.last %}")
    page_break(doc)
    p(doc, "{%p endif %}")
    p(doc, "{%p endfor %}")
    return doc
