"""航空券受け取り確認書 (JITCO 帰国旅費立替払制度 様式4): the person signs on receiving the ticket bought with
the advance (003:128-133); the estimate and the price are compared and the difference settled
(003:134-141). Named, not printed."""

from jitco_style import applicant_signature, header, labelled, person_brief, section
from templatekit import new_document, p, signature_block, spacer


def build():
    doc = new_document()
    header(doc, "様式4", "航空券受け取り確認書", "{{ ticket.handed_over_date|seireki }}")
    p(doc, "私は、帰国旅費立替払金により購入された下記の航空券を受け取りました。", space_after=4)
    person_brief(doc)
    section(doc, "航空券")
    labelled(doc, [
        ("購入日", "{{ ticket_purchase_date|seireki }}"),
        ("旅行代理店", "{{ trip.travel_agency }}"),
        ("航空会社・便名", "{{ ticket.flight }}"),
        ("搭乗日", "{{ ticket.flight_date|seireki }}"),
        ("区間", "{{ trip.departure_airport }} → {{ trip.arrival_airport }}"),
        ("受取日", "{{ ticket.handed_over_date|seireki }}"),
    ])
    section(doc, "見積り額と購入額")
    labelled(doc, [
        ("申請時の見積り額", "{{ trip.estimate_amount|yen }} 円"),
        ("実際の購入額", "{{ ticket.price|yen }} 円"),
        ("差額（購入額－見積り額）", "{% if fare_difference < 0 %}△{{ (0 - fare_difference)|yen }}{% else %}{{ fare_difference|yen }}{% endif %} 円"),
        ("精算", "{{ fare_settlement }}"),
    ])
    spacer(doc, 6)
    signature_block(doc, [
        ("受取人（{{ trainee_type }}）署名", "＿＿＿＿＿＿＿＿＿＿＿＿＿＿"),
        ("氏名", "{{ person.name_alphabet }}（{{ person.name }}）"),
    ], seal=False, indent_mm=45)
    spacer(doc, 8)
    p(doc, "上記のとおり航空券を本人に手渡しました。", space_after=4)
    applicant_signature(doc)
    p(doc, "※ 旅行代理店発行の領収書を添付してください。", size=8.5, space_before=6)
    return doc
