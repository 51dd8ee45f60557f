"""帰国状況報告書 (JITCO 帰国旅費立替払制度 様式6): filed 速やかに after the person flew home on the ticket
bought with the advance (003:143-145). Named, not printed."""

from jitco_style import applicant_signature, header, labelled, person_brief, section
from templatekit import new_document, p, spacer


def build():
    doc = new_document()
    header(doc, "様式6", "帰国状況報告書", "{{ return_report.report_date|seireki }}")
    p(doc, "帰国旅費立替払金により購入した航空券を利用し、下記の{{ trainee_type }}が帰国しましたので報告します。",
      space_after=4)
    person_brief(doc)
    section(doc, "帰国の状況")
    labelled(doc, [
        ("帰国予定日", "{{ planned_return_date|seireki }}"),
        ("帰国日", "{{ actual_return_date|seireki }}"),
        ("搭乗便", "{{ return_report.flight }}"),
        ("区間", "{{ trip.departure_airport }} → {{ trip.arrival_airport }}"),
        ("出国を確認した者（職氏名）", "{{ return_report.seen_off_by }}"),
        ("特記事項", "{{ return_report.remarks|multiline }}"),
    ])
    spacer(doc, 8)
    applicant_signature(doc)
    return doc
