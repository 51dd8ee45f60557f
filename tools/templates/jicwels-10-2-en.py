"""Employment Contract (JICWELS 様式10-2), English version: formgen's own translation of the Japanese
model contract (seed 002:3498-3866), clause by clause parallel to jicwels-10-2 (same numbering, same
filled values). The contract is signed in Japanese and English (002:709-776).

Every free-text entry prints its English field (`X_en`, schemas/bilingual.py): a Japanese entry without
one is refused before anything is printed; an entry already in Latin letters prints as entered.
Dates labelled (Year/Month/Day) print in that order.
"""

from __future__ import annotations

import contract10_style as style
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
    yes_no_detail_clauses,
)
from templatekit import L, V


def en_date(expression: str) -> str:
    """1 April 2026 (the C locale's month names)."""
    return f"{{{{ {expression}.day }}}} {{{{ {expression}.strftime('%B %Y') }}}}"


def ymd(expression: str) -> str:
    """2001/03/09: the order the label (Year/Month/Day) announces."""
    return f"{{{{ {expression}.strftime('%Y/%m/%d') }}}}"


def english(expression: str) -> str:
    """The entry's English field, or the entry itself when it needs none (written in Latin letters)."""
    return f"{{{{ {expression}_en or {expression} or '' }}}}"


def yes_no(expression: str) -> str:
    return style.yes_no(expression, "Yes", "No")


def percent(expression: str) -> str:
    return f"{{{{ '%g'|format({expression}) if {expression} is not none else '' }}}}"


BASIS_EN = ("{{ {'月給': 'Monthly salary', '日給': 'Daily wage', '時給': 'Hourly wage', "
            "'日給月給': 'Monthly salary with deduction for absence'}[base_pay.basis] }}")


def build():
    doc = contract_document(
        "[Employment Contract for {{ country.people_en }} Certified Care Worker Candidates]",
        "EMPLOYMENT CONTRACT", "(for {{ country.people_en }} Certified Care Worker Candidates)",
        "This Employment Contract, signed by X and Y below, shall take effect on condition that the Worker "
        "completes the training after arrival in Japan and the Japanese-language training before arrival in "
        "Japan provided for in {{ country.agreement_en }}.")
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
    party_table(doc, "X. Employer", [
        [L("Name of the Employer"), V(english("employer.name"))],
        [L("Name of the Employer's Representative"),
         V("{{ employer.representative_en or employer.representative.title_and_name }}")],
        [L("Name of the Person in Charge at the Employer"),
         V("{{ employer.contact_name_en or employer.contacts[0].name }}")],
        [L("Telephone Number of the Person in Charge"), V("{{ employer.contacts[0].phone }}")],
        [L("Name of the Facility of Work"), V(english("facility.name"))],
        [L("Address of the Facility of Work"),
         V("{{ facility.address_en or facility.address }} (postal code {{ facility.postal_code }})")],
        [L("Contact Person at the Facility of Work"), V("{{ facility.contact_name_en or facility.contacts[0].name }}")],
        [L("Telephone Number of the Facility Contact"), V("{{ facility.contacts[0].phone }}")],
    ], widths_mm=[70, 104])
    party_table(doc, "Y. Worker", [
        [L("Name of the Worker"), V("{{ person.name_alphabet }}")],
        [L("Address in {{ country.country_en }}"), V(english("home_address"))],
        [L("Telephone Number"), V("{{ home_phone }}")],
        [L("Date of Birth (Year/Month/Day)"), V(ymd("person.birth_date"))],
        [L("Passport Number"), V("{{ person.passport_number }}")],
        [L("Date of Issue of the Passport (Year/Month/Day)"), V(ymd("passport_issue_date"))],
        [L("Place of Issue of the Passport"), V(english("passport_issue_place"))],
    ], widths_mm=[70, 104], space_before=8)


def clauses_1_to_3(doc) -> None:
    term_clause(
        doc, "1. Term of the Employment Contract",
        "From the day following the completion of the Japanese-language and other training after arrival in "
        "Japan, until the last day of the period of three years counted from the day following the date of "
        "entry into Japan.",
        "* This Contract shall be renewed in accordance with Article 30 until the last day of the period of "
        "four years counted from the day following the date of entry into Japan.", [
            [L("Date of entry into Japan"), V(en_date("entry_date")),
             L("Completion of the training after arrival"), V(en_date("training_end_date"))],
            [L("Term of the Contract"),
             V(f"From {en_date('work_start_date')} to {en_date('contract_end_date')}", span=3)],
            [L("End of the renewed term"), V(en_date("renewal_end_date"), span=3)],
        ], widths_mm=[38, 40, 48, 43])
    text_clauses(doc, [
        ("2. Place of Work", ["At the facility of work named above (" + english("facility.name") + ", "
                              + english("facility.address") + ")"]),
        ("3. Duties", ["{{ (duties_en or duties)|multiline }}"]),
    ])


def allowance_rows_en(items: str) -> list:
    return allowance_rows(
        items, ("Allowance", "Amount (yen)", "Calculation method / Remarks"),
        name=lambda item: f"{{{{ {item}.name_en or {item}.name }}}} allowance",
        method=lambda item: english(f"{item}.method"))


def clause_4_wages(doc) -> None:
    wage_clause(
        doc, "4. Wages", [
            L("(1) Basic wage (monthly / daily / hourly / monthly with deduction for absence)", size=8.5),
            V(BASIS_EN, align="center", size=8.5), V("{{ base_pay.amount|yen }} yen", align="right"),
            L("Age-based pay (Yes / No)", size=8.5), V(yes_no("base_pay.age_based"), align="center"),
        ], [58, 34, 30, 30, 17],
        ("(2) Amounts of allowances and their calculation methods", "A. Allowances paid as fixed amounts every month",
         "B. Allowances whose amount varies from month to month"),
        allowance_rows_en, [9, 52, 28, 80])


def clauses_5_to_7_premiums(doc) -> None:
    overtime_clause(
        doc, "5. Work beyond the Prescribed Working Hours",
        exists=f"(1) Work beyond the prescribed working hours (Yes / No): {yes_no('overtime.exists')}",
        over_60_hours="(2) Statutory overtime exceeding 60 hours a month (Yes / No): "
                      f"{yes_no('overtime.over_60_hours')}",
        rates="(3) Premium rates paid for work beyond the prescribed working hours",
        rates_apply="A. The following premium rates apply.",
        unit="Premium rates for working hours per (month / week / day): "
             "{{ {'月': 'month', '週': 'week', '日': 'day'}[overtime.unit] }}",
        band_header=[L("Beyond statutory / prescribed hours", align="center", size=8.5),
                     L("More than (hours)", align="center"), L("Up to (hours)", align="center"),
                     L("%", align="center")],
        band_cells=["{{ {'法定超': 'Beyond statutory hours', '所定超': 'Beyond prescribed hours'}[b.basis] }}",
                    "more than {{ b.from_hours }} hours",
                    "{{ 'up to %d hours'|format(b.to_hours) if b.to_hours is not none else '(no upper limit)' }}",
                    "{{ '%g'|format(b.rate) }} %"],
        other=f"B. Other ( {english('overtime.other')} )",
        remarks=f"Remarks ( {english('overtime.remarks')} )")
    holiday_work_clause(
        doc, "6. Work on Holidays",
        exists=f"(1) Work on holidays (Yes / No): {yes_no('holiday_work.exists')}",
        rates="(2) Premium rates paid for work on holidays",
        statutory=f"A. Statutory holidays ( {percent('holiday_work.statutory_rate')} ) %",
        non_statutory=f"B. Non-statutory holidays ( {percent('holiday_work.non_statutory_rate')} ) %",
        remarks=f"Remarks ( {english('holiday_work.remarks')} )")
    night_work_clause(
        doc, "7. Night Work",
        exists=f"(1) Night work (Yes / No): {yes_no('night_work.exists')}",
        rate=f"(2) Premium rate paid for night work ( {percent('night_work.rate')} ) %",
        rules=[("A. Night work means work between 10 p.m. and 5 a.m.",
                f"Other ( {english('night_work.definition_other')} )"),
               ("B. For hours to which the premium rate for work beyond the prescribed working hours applies, the "
                "premium rates for work beyond the prescribed working hours and for night work are added together.",
                f"Other ( {english('night_work.with_overtime_other')} )"),
               ("C. For hours to which the premium rate for work on holidays applies, the premium rates for work on "
                "holidays and for night work are added together.",
                f"Other ( {english('night_work.with_holiday_other')} )")],
        remarks=f"Remarks ( {english('night_work.remarks')} )")


def clause_8_pay_dates(doc) -> None:
    paying = "{% for d in pay_schedule.%s %}{{ d.text_en }}{% if not loop.last %}; {% endif %}{% endfor %}"
    pay_dates_clause(doc, "8. Closing Days, Pay Days and Method of Payment of Wages", [
        [L(""), L("(1) Closing day of wages", align="center"),
         L("(2) Pay day (same month / following month)", align="center")],
        [L("A. Basic wage"), V("{{ pay_schedule.base_closing_en }} of every month", align="center"),
         V(paying.replace("%s", "base_pay_days"), align="center")],
        [L("B. Allowances"), V("{{ pay_schedule.allowance_closing_en }} of every month", align="center"),
         V(paying.replace("%s", "allowance_pay_days"), align="center")],
    ], "(3) Method of payment of wages (bank transfer / cash): "
       "{{ {'銀行振込': 'Bank transfer', '現金支給': 'Cash'}[pay_schedule.method] }}")


def clauses_9_to_12(doc) -> None:
    yes_no_detail_clauses(doc, [(9, "Pay Raises", "pay_raise"), (10, "Bonuses", "bonus"),
                                (11, "Retirement Allowance", "retirement_allowance")],
                          lambda field: f"(Yes / No): {yes_no(field + '.exists')} ( {english(field + '.detail')} )")
    working_hours_clause(
        doc, "12. Working Hours and Breaks",
        times="Starting and finishing times",
        fixed_heading="A. Fixed hours",
        fixed="{% if working_hours.fixed %}Start ( {{ working_hours.fixed.start }} )　Finish ( "
              "{{ working_hours.fixed.end }} )　Break ( {{ working_hours.fixed.break_minutes }} minutes )"
              "{% else %}Start (　:　)　Finish (　:　)　Break (　minutes )　(not applicable){% endif %}",
        shift_heading="B. Variable working hours or shift work",
        shift="Variable working hours / shift work on the basis of a unit of "
              "{% if working_hours.shift_system %}( {{ working_hours.shift_system.period }} "
              "{{ working_hours.shift_system.unit_en }} ){% else %}(　) (weeks / months / years){% endif %}"
              ", with the following combinations of working hours.",
        shift_header=[L("Applies to", align="center"), L("Start", align="center"), L("Finish", align="center"),
                      L("Break", align="center")],
        shift_cells=["{{ s.days_en or s.days }}", "{{ s.start }}", "{{ s.end }}", "{{ s.break_minutes }} minutes"],
        remarks=f"Remarks ( {english('working_hours.remarks')} )")


def clauses_13_14_leave(doc) -> None:
    leave_clause(
        doc, "13. Leave",
        annual="(1) Annual paid leave",
        annual_header=[L("Months of continuous service", align="center"), L("Days granted", align="center")],
        annual_cells=["{{ g.months }} months", "{{ g.days }} days"],
        annual_remarks=f"Remarks ( {english('leave.annual_remarks')} )",
        hourly=f"Leave in hourly units (Yes / No): {yes_no('leave.hourly')}",
        substitute=f"(2) Substitute leave (Yes / No): {yes_no('leave.substitute')}",
        other="(3) Other leave",
        other_paid=f"Paid ( {english('leave.other_paid')} )",
        other_unpaid=f"Unpaid ( {english('leave.other_unpaid')} )")
    text_clauses(doc, [("14. Holidays", [
        "(1) Fixed holidays{% if not holidays.weekly %} (not applicable){% endif %}: every ( "
        f"{english('holidays.weekly')} ), national holidays, other ( {english('holidays.regular_other')} )",
        "(2) Non-fixed holidays{% if holidays.irregular %}: ( {{ holidays.irregular.days }} ) days per ( "
        "{{ holidays.irregular.count }} {{ holidays.irregular.unit_en }} ){% else %} (not applicable): (　) "
        "days per (　) (week / month / year){% endif %}",
        f"Other ( {english('holidays.other')} )",
        f"Remarks ( {english('holidays.remarks')} )",
    ])])


def clauses_15_to_18(doc) -> None:
    text_clauses(doc, [
        ("15. Accommodation", ["The Employer shall secure appropriate accommodation for the Worker."]),
        ("16. Social Insurance and Labour Insurance",
         ["The Employer shall ensure that health insurance, employees' pension insurance, workers' accident "
          "compensation insurance and employment insurance apply."]),
        ("17. Accident Compensation",
         ["(1) The Employer shall, in accordance with the laws and regulations of Japan, be liable to "
          "compensate for illness or injury arising from work.",
          "(2) Matters concerning accident compensation beyond the statutory compensation: "
          + english("extra_accident_compensation")]),
        ("18. Trial Period",
         ["No trial period shall be set. (Trial period: {{ 'none' if trial_period == '無し' else trial_period }})"]),
    ])


def clauses_19_to_31(doc) -> None:
    texts = [
        ("19. Amount of Remuneration",
         ["The remuneration shall be equal to or greater than the remuneration a Japanese national would receive "
          "for the same work. Under a monthly salary system, the basic wage of each month shall not vary with the "
          "number of prescribed working days or prescribed working hours of that month. When the Worker is made "
          "to work beyond the statutory working hours, at night or on a statutory holiday, the Employer shall pay "
          "the premium wages laid down in this Contract."]),
        ("20. Measures in Case of Accident, Serious Illness or Death",
         ["In case of an accident, serious illness or death of the Worker, the Employer shall contact the Embassy "
          "of {{ country.state_en }} in Japan and, in case of death, shall bear the cost of sending the body and "
          "the belongings of the deceased back to {{ country.state_en }}. Where the body cannot be sent back, it "
          "may be disposed of with the prior permission of the Worker's close relatives or of the Embassy of "
          "{{ country.state_en }} in Japan."]),
        ("21. Training for Obtaining the National Qualification of Certified Care Worker",
         ["The Employer shall endeavour to secure a training system that enables the Worker to acquire the "
          "knowledge and skills needed to obtain the national qualification of certified care worker under the "
          "laws of Japan. The Worker shall strive to acquire the knowledge and skills needed to obtain the "
          "national qualification of certified care worker."]),
        ("22. Training at the Workplace",
         ["As long as the Worker is a certified care worker candidate under {{ country.agreement_short_en }}, the Worker shall receive, "
          "while working, training of appropriate content that takes into account the national examination for "
          "certified care workers."]),
        ("23. Provision of the Worker's Personal Information",
         ["(1) The Worker agrees that the Employer provides the Worker's personal information to the relevant "
          "administrative bodies, the accepting coordination body and other related bodies for purposes such as "
          "residence management.",
          "(2) The Worker shall provide the Employer with the result (pass or fail) of the national examination "
          "for certified care workers and, when permission to change the status of residence is granted, the "
          "period of stay and other necessary information, so that the Employer can properly make the reports "
          "required by the relevant notices of the Ministry of Justice and the Ministry of Health, Labour and "
          "Welfare."]),
        ("24. Termination of the Employment Contract",
         ["(1) Termination by the Employer",
          "The Employer shall not terminate this Contract before the end of its term unless there are unavoidable "
          "reasons. When the Employer terminates this Contract during its term for unavoidable reasons, the "
          "Employer shall give notice at least 30 days in advance or pay the average wage for 30 days or more. "
          "This does not apply where the continuation of the business has become impossible because of a natural "
          "disaster or other unavoidable reason, or where the Worker is dismissed for reasons attributable to the "
          "Worker.",
          "(2) Termination by the Worker",
          "The Worker may terminate this Contract before the end of its term when there are unavoidable reasons. "
          "After one year has passed from the start of the term of this Contract, the Worker may terminate this "
          "Contract even without unavoidable reasons."]),
        ("25. Costs of Return",
         ["The Worker's costs of returning home at the termination of the employment contract shall be borne by the "
          "Employer, unless the termination is caused by a serious fault of the Worker. The Worker's failure to "
          "obtain the Japanese national qualification of certified care worker within the period of stay permitted "
          "as a certified care worker candidate shall not in itself be regarded as a serious fault of the Worker."]),
        ("26. Compliance with the Laws of Japan and the Rules of the Workplace",
         ["The Worker shall comply with the rules of the workplace and the laws and regulations of Japan, and shall "
          "respect the customs and traditions of Japan."]),
        ("27. Settlement of Disputes",
         ["Complaints concerning the Worker's employment contract shall, if either party so wishes and where "
          "available, be referred to the dispute settlement bodies of Japan (courts or Prefectural Labour "
          "Bureaus). They may also be settled amicably with the participation of the labour attaché or an "
          "authorised representative of the Embassy or Consulate-General of {{ country.state_en }} nearest to the "
          "place of employment."]),
        ("28. Governing Law", ["This Contract shall be governed by the laws and regulations of Japan."]),
        ("29. Obtaining the Japanese National Qualification of Certified Care Worker",
         ["If the Worker obtains the qualification of certified care worker within the term of this Employment "
          "Contract, the Worker shall work as a certified care worker and no longer as a certified care worker "
          "candidate. Accordingly, the employment contract from then on shall be newly concluded after sincere "
          "consultation between the Worker and the Employer, taking into account the working conditions of the "
          "other certified care workers working for the Employer."]),
        ("30. Renewal",
         ["Where the Worker is granted a lawful status of residence and a valid period of stay, this Contract shall "
          "be renewed until the last day of the period of four years counted from the day following the date of "
          "entry into Japan, unless either the Employer or the Worker expresses the intention not to renew it. The "
          "Employer's intention not to renew requires objectively reasonable grounds.",
          "Thereafter, where the Worker is granted a lawful status of residence and a valid period of stay, this "
          "Contract shall be renewed on the same conditions as above."]),
        ("31. Travel Costs to Japan",
         ["The Employer and the Worker confirm that the Worker shall not bear the costs of travel from "
          "{{ country.state_en }} to Japan. These costs shall be borne by the body conducting the "
          "Japanese-language training in Japan or by the Employer."]),
    ]
    text_clauses(doc, texts)


OTHER_TERMS = [
    ("(1) Matters concerning meals, work supplies and other costs to be borne by the Worker", "meals_and_tools"),
    ("(2) Matters concerning safety and health", "safety_and_health"),
    ("(3) Matters concerning vocational training", "vocational_training"),
    ("(4) Matters concerning assistance for injury or illness outside work", "non_work_injury"),
    ("(5) Matters concerning awards and sanctions", "awards_and_sanctions"),
    ("(6) Matters concerning leave of absence", "leave_of_absence"),
    ("(7) Others", "other"),
]


def clause_32_and_signatures(doc) -> None:
    other_terms(doc, "32. Others", OTHER_TERMS, "( {} )", english=True)
    signatures(doc, "In witness whereof, the Employer and the Worker have signed this Contract.", [
        ["Worker", "{{ person.name_alphabet }}",
         "Date of signature: {% if worker_signing.date %}" + en_date("worker_signing.date") + "{% endif %}",
         "Place of signature: " + english("worker_signing.place")],
        ["Employer", english("employer.name"),
         "{{ employer.representative_en or employer.representative.title_and_name }}",
         "Date of signature: " + en_date("(employer_signing.date or contract_date)"),
         "Place of signature: " + english("employer_signing.place")],
    ], "{{ country.agency_en[:1]|upper }}{{ country.agency_en[1:] }} ({{ sending_agency }}) and the Japan "
       "International Corporation of Welfare Services (JICWELS) certify that this Contract has been concluded, "
       "under {{ country.agreement_short_en }}, between the Worker, who went through the recruitment process conducted by "
       "{{ country.agency_en }}, and the Employer introduced by the Japan International Corporation of Welfare "
       "Services.", [
        ["{{ country.agency_en[:1]|upper }}{{ country.agency_en[1:] }}", "({{ sending_agency }})", "Date of signature:"],
        ["Japan International Corporation of Welfare Services", "(JICWELS)", "Date of signature:"],
    ])
