"""立替払申請書 (JITCO 帰国旅費立替払制度 様式1): named at 003:85, 91 but not printed; designed from the
scheme (003:11-111, 166-246). Sections follow the scheme's conditions in the seed's order."""

import sys
from pathlib import Path

from jitco_style import applicant_signature, header, labelled, section
from templatekit import L, V, grid, loop_rows, p, spacer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
from schemas.jitco_airfare_advance import NOT_MADE_REASONS  # noqa: E402  (one list of reasons for schema and form)

CHECKLIST_WIDTHS = [11, 71, 36, 13, 12, 37]


def build():
    from templatekit import new_document

    doc = new_document(size=10)
    header(doc, "様式1", "帰国旅費立替払申請書", "申請日　{{ application_date|seireki }}")
    p(doc, "下記の{{ trainee_type }}について、{{ host_role }}が倒産し、当{{ applicant_role }}が支払うべき帰国旅費を"
           "支払うことが資金調達上困難であるため、帰国旅費立替払制度による立替払いを申請します。", space_after=4)
    applicant_signature(doc)

    section(doc, "1　申請者（{{ applicant_role }}）")
    labelled(doc, [
        ("申請者の区分", "{{ trainee_type|mark('研修生') }} 第1次受入れ機関（研修生の場合）　"
                   "{{ trainee_type|mark('技能実習生') }} 技能実習団体（技能実習生の場合）"),
        ("名称", "{{ applicant.name }}"),
        ("所在地", "〒{{ applicant.postal_code }} {{ applicant.address }}"),
        ("代表者職氏名", "{{ applicant.representative.title }}　{{ applicant.representative.name }}"),
        ("電話・FAX", "{{ applicant.phone }}{% if applicant.fax %}（FAX {{ applicant.fax }}）{% endif %}"),
        ("担当者", "{% for c in applicant.contacts %}{% if not loop.first %}／{% endif %}"
                "{{ c.department|or_blank }} {{ c.title|or_blank }} {{ c.name }}（{{ c.phone }}"
                "{% if c.fax %}、FAX {{ c.fax }}{% endif %}{% if c.email %}、{{ c.email }}{% endif %}）{% endfor %}"),
    ])

    section(doc, "2　帰国する研修生・技能実習生")
    grid(doc, [
        [L("区分", size=9), V("{{ trainee_type|mark('研修生') }} 研修生　　{{ trainee_type|mark('技能実習生') }} 技能実習生",
                              span=3, size=9.5)],
        [L("氏名", size=9), V("{{ person.name }}", size=9.5), L("アルファベット氏名", size=9),
         V("{{ person.name_alphabet }}", size=9.5)],
        [L("国籍", size=9), V("{{ person.nationality }}", size=9.5), L("性別", size=9), V("{{ person.sex }}", size=9.5)],
        [L("生年月日", size=9), V("{{ person.birth_date|seireki }}", size=9.5), L("旅券番号", size=9),
         V("{{ person.passport_number }}", size=9.5)],
        [L("在留カード番号", size=9), V("{{ person.residence_card_number|or_blank }}", size=9.5), L("在留資格", size=9),
         V("{{ person.status_of_residence }}", size=9.5)],
        [L("入国日", size=9), V("{{ person.entry_date|seireki }}", size=9.5), L("在留期限", size=9),
         V("{{ person.residence_expiry|seireki }}", size=9.5)],
        [L("研修・技能実習期間", size=9),
         V("{{ person.program_start|seireki }} ～ {{ person.program_end|seireki }}（終了予定）", span=3, size=9.5)],
        [L("団体移動・企業移動", size=9),
         V("{{ person.transferred|mark(true) }} あり　{{ person.transferred|mark(false) }} なし", span=3, size=9.5)],
        [L("国内住所", size=9), V("{{ person.japan_address }}", span=3, size=9.5)],
        [L("母国住所", size=9), V("{{ person.home_address }}", span=3, size=9.5)],
    ], widths_mm=[34, 56, 34, 56])

    section(doc, "3　倒産した{{ host_role }}")
    labelled(doc, [
        ("名称", "{{ host.name }}"),
        ("所在地", "{% if host.postal_code %}〒{{ host.postal_code }} {% endif %}{{ host.address }}"),
        ("代表者職氏名", "{{ host.representative|or_blank }}"),
        ("倒産の区分", "{{ bankruptcy_kind|mark('法律上の倒産') }} 法律上の倒産　　"
                  "{{ bankruptcy_kind|mark('事実上の倒産') }} 事実上の倒産"),
        ("倒産日・手続", "{{ host.bankruptcy_date|seireki }}{% if host.procedure %}　{{ host.procedure }}{% endif %}"),
        ("倒産の状況", "{{ host.situation|multiline }}"),
    ])

    section(doc, "4　帰国旅費の支払いが困難な事情（詳細は資金繰りの申立書（様式8））")
    labelled(doc, [
        ("資金調達上の困難", "{{ funding.cannot_fund|mark(true) }} 帰国旅費を支払うことが資金調達上困難である"),
        ("事情", "{{ funding.explanation|multiline }}"),
    ])

    section(doc, "5　研修・技能実習の継続支援努力")
    labelled(doc, [
        ("途中帰国", "{{ returns_mid_program|mark(true) }} 該当（終了予定日より前の帰国）　"
                 "{{ returns_mid_program|mark(false) }} 非該当"),
        ("継続のための努力", "{{ continuation.efforts_made|mark(true) }} した　"
                     "{{ continuation.efforts_made|mark(false) }} しなかった"),
        ("努力の内容", "{{ continuation.efforts|multiline }}"),
        ("努力をしなかった理由", "　".join(
            f"{{{{ continuation.reason_not_made|mark('{reason}') }}}} {reason}"
            f"{{% if continuation.reason_not_made == '{reason}' and continuation.reason_detail %}}"
            "（{{ continuation.reason_detail }}）{% endif %}" for reason in NOT_MADE_REASONS)),
        ("本人の継続希望", "{{ continuation.wants_continuation|mark(true) }} あり　"
                    "{{ continuation.wants_continuation|mark(false) }} なし　／　JITCOへの継続支援の申請 "
                    "{{ continuation.support_applied|mark(true) }} 申請済み"),
    ])

    section(doc, "6　帰国予定日・経路・立替払申請額")
    labelled(doc, [
        ("帰国予定日", "{{ planned_return_date|seireki }}"),
        ("出発空港（国内最寄り）", "{{ trip.departure_airport }}"),
        ("到着空港（母国最寄り）", "{{ trip.arrival_airport }}"),
        ("経路・便", "{{ trip.route }}"),
        ("旅行代理店・見積日", "{{ trip.travel_agency }}（見積日 {{ trip.estimate_date|seireki }}）"),
        ("見積額", "{{ trip.estimate_amount|yen }} 円"),
        ("立替払申請額", "{{ amount|yen }} 円"),
        ("やむを得ない事情", "{{ trip.special_circumstances|multiline }}"),
    ])
    p(doc, "※ 立替払いの額は1人当たり10万円を限度とします。帰国予定日及び経路についてやむを得ない事情のある場合は"
           "この限りではありません。", size=8.5)

    section(doc, "7　提出")
    labelled(doc, [
        ("提出先", "{{ submit_to.name }}"),
        ("提出先の所在地・電話", "{{ submit_to.address }}（電話 {{ submit_to.phone }}）"),
        ("提出者", "{{ (proxy is none)|mark(true) }} 代表者本人　{{ (proxy is none)|mark(false) }} 代理人"
                "{% if proxy %}（{{ proxy.name }}、{{ proxy.relationship }}）{% endif %}"),
    ])

    section(doc, "8　添付書類（■ 本件で必要／添付　《n》は用意できない場合の代替書類）")
    loop_rows(doc, [L("番号", align="center", size=8.5), L("書類", align="center", size=8.5),
                    L("提出が必要な場合", align="center", size=8.5), L("本件で必要", align="center", size=8.5),
                    L("添付", align="center", size=8.5), L("代替書類", align="center", size=8.5)],
              ["{{ row.mark }}", "{{ row.title }}", "{{ row.condition }}", "{{ row.applies|check }}",
               "{{ row.provided|check }}",
               "{% if row.substituted_by %}{{ row.substitute_mark }} {{ row.substituted_by }}"
               "{% elif row.substitute_mark %}（{{ row.substitute_mark }}で代替可）{% endif %}"],
              "for row in attachment_checklist", CHECKLIST_WIDTHS, size=8.5)
    spacer(doc, 2)
    p(doc, "※ 申請書は、第1次受入れ機関等の代表者が直接、最寄りのJITCO駐在事務所に提出してください。"
           "代理人が持参する場合は⑭が必要です。", size=8.5)
    return doc
