"""帰国後フォローアップ記録: one returned technical intern's record kept by the 監理団体 (seed
000_9473d0198d46728e.txt: SNS contact 27-31, 110-116, 263-271; asking within half a year 112; 3号 wishes
14-23, 28-30), with the next contact date and, for a wish to come back under 3号, the earliest timeline
(001_1fdeeed8bbae3b1d.txt:315-372) and whether the end of 技能実習 on 2027-04-01 still allows it.
Not printed in the seeds: formgen's design (see the manifest). Computed values: `followup`
(generator/followup.py record_sheet)."""

from record_style import record_document, section, source_line
from templatekit import L, V, grid, loop_rows, p

FULL = (58, 122)


def build():
    doc = record_document("帰国後フォローアップ記録", [
        ("監理団体", "{{ supervising_org }}"),
        ("氏名（アルファベット氏名）", "{{ returnee.name }}{% if returnee.name_alphabet %}（{{ returnee.name_alphabet }}）{% endif %}"),
        ("国籍", "{{ returnee.nationality }}"),
        ("職種・作業", "{{ returnee.occupation }}"),
        ("実習実施者", "{{ returnee.implementer }}"),
        ("修了した段階", "技能実習{{ stage_completed }}"),
        ("帰国日", "{{ return_date|seireki }}"),
    ])
    section(doc, "連絡手段")
    loop_rows(doc, [L("連絡手段", align="center"), L("連絡先", align="center")],
              ["{{ c.channel }}", "{{ c.address|or_blank }}"], "for c in channels", list(FULL), size=9)
    section(doc, "連絡の記録")
    p(doc, "{%p if followup.contacts %}")
    loop_rows(doc, [L("連絡日", align="center"), L("連絡手段", align="center"), L("内容", align="center")],
              ["{{ c.date|seireki }}", "{{ c.channel }}", "{{ c.note|or_blank }}"], "for c in followup.contacts",
              [36, 30, 114], size=9)
    p(doc, "{%p else %}")
    p(doc, "帰国後の連絡の記録はまだありません。", size=9)
    p(doc, "{%p endif %}")
    section(doc, "現在の状況")
    grid(doc, [
        [L("帰国後の状況"), V("{{ current.status }}")],
        [L("就職先・会社名・学校名"), V("{{ current.where|or_blank }}")],
        [L("修得した技能の活用"),
         V("{% if current.uses_skills is none %}不明{% elif current.uses_skills %}活かしている{% else %}活かしていない{% endif %}")],
        [L("確認日"), V("{% if current.confirmed_on %}{{ current.confirmed_on|seireki }}{% endif %}")],
        [L("次回の連絡予定日"),
         V("{{ followup.next_contact|seireki }}（最終連絡または帰国日から{{ contact_interval_months or followup.interval_months }}か月）"
           "{% if followup.overdue %}　※作成日の時点で予定日を過ぎています{% endif %}")],
    ], widths_mm=list(FULL), size=9)
    p(doc, "{%p if stage3 %}")
    section(doc, "技能実習3号での再来日")
    grid(doc, [
        [L("3号での再来日の希望"), V("{% if stage3.wishes %}希望する{% else %}希望しない{% endif %}")],
        [L("随時3級（専門級）実技試験の合格日"),
         V("{% if stage3.grade3_practical_passed_on %}{{ stage3.grade3_practical_passed_on|seireki }}"
           "{% else %}未合格{% endif %}")],
        [L("希望する実習実施者"), V("{{ stage3.implementer|or_blank }}")],
        [L("3号の計画の認定申請日"),
         V("{% if stage3.plan_applied_date %}{{ stage3.plan_applied_date|seireki }}{% endif %}")],
        [L("2号の在留資格変更許可日"),
         V("{% if stage3.stage2_permission_date %}{{ stage3.stage2_permission_date|seireki }}{% endif %}")],
    ], widths_mm=list(FULL), size=9)
    p(doc, "{%p if followup.stage3 %}")
    grid(doc, [
        [L("一時帰国1か月の満了"), V("{{ followup.stage3.home_month_ends|seireki }}（3号の開始は早くともその翌日"
                                    " {{ followup.stage3.rule_earliest|seireki }}）")],
        [L("作成日からの最短の開始日"), V("{{ followup.stage3.earliest_start|seireki }}")],
        [L("新規入国となる日"), V("{{ followup.stage3.new_entry_after|seireki }} を過ぎての入国は在留資格認定証明書による新規入国")],
        [L("技能実習の終了（2027年4月1日）後も3号に"),
         V("{{ followup.stage3.verdict }}: {{ followup.stage3.cutover }}")],
    ], widths_mm=list(FULL), size=9)
    p(doc, "{%p for note in followup.stage3.notes %}")
    p(doc, "・{{ note }}", size=8.5)
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p endif %}")
    source_line(doc, "3号の要件: 技能実習3号の延長・一時帰国の解説（2020年10月現在）、出入国在留管理庁・厚生労働省"
                     "「育成就労制度の施行に伴う技能実習の経過措置について」。")
    return doc
