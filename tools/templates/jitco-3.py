"""領収書兼誓約書 (JITCO 帰国旅費立替払制度 様式3): sent with the 決定通知書 and signed after the advance
arrives (003:123-126); named, not printed. The pledges restate the scheme's obligations (003:57, 68,
128-164)."""

from jitco_style import applicant_signature, header, labelled, person_brief, section
from templatekit import new_document, p, spacer


def build():
    doc = new_document()
    header(doc, "様式3", "領収書兼誓約書", "{{ advance_received_date|seireki }}")
    p(doc, "金　{{ amount|yen }}　円", align="center", bold=True, size=14, space_after=4)
    p(doc, "上記の金額を、{{ person.name }}（{{ trainee_type }}）の帰国旅費立替払金として領収しました。", space_after=4)
    labelled(doc, [
        ("立替払金額", "{{ amount|yen }} 円"),
        ("振込日", "{{ disbursement_date|seireki }}"),
        ("入金確認日", "{{ advance_received_date|seireki }}"),
        ("償還予定日", "{{ repayment_date|seireki }}"),
    ])
    person_brief(doc)
    section(doc, "誓約事項")
    for line in (
        "1　立替払金により航空券を購入して本人に手渡し、速やかに帰国させます。",
        "2　航空券の購入後速やかに、旅行代理店発行の領収書と本人の署名入りの航空券受け取り確認書（様式4）を"
        "提出します。見積り額と購入額が異なる場合は差額を精算します。",
        "3　本人の帰国後速やかに、帰国状況報告書（様式6）を提出します。",
        "4　立替払金の振込日から1年以内に、立替払金の全額を一括でJITCO指定口座へ振り込み、償還します。",
        "5　償還期限経過後1か月以内に償還しないときは、償還期限の翌日から償還した日の前日までの日数に応じ"
        "年利14.6%を付した額を加えて償還します。",
        "6　申請書に虚偽の事実を記載し、又は添付書類を偽ったときは、立替払金の全額を直ちに返還します。",
    ):
        p(doc, line, size=9.5, space_after=2)
    spacer(doc, 6)
    p(doc, "以上のとおり領収し、誓約します。", space_after=6)
    applicant_signature(doc)
    return doc
