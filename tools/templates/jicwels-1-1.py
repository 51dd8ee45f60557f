"""求人登録申請書 (JICWELS 様式1-1), seed 002:2481-2511, with the 求人申込手数料 table (2499-2510).

The declaration cites the guideline of each country the application registers for (the seed prints
the Indonesian one, 2485; schemas/countries.py). The fee formgen computes (2174, 2185-2197) is not
printed: the form has no field for it; it is checked against the case's `fees:` instead
(generator/requirements/epa.py EPA-FEE-AMOUNT).
"""

from templatekit import GOTHIC, V, grid, new_document, p, signature_block, spacer, title

DECLARATION = (
    "は、{{ guidelines }}及び『出入国管理及び難民認定法』等入管関係法令の定める事項を理解し遵守すること及び、"
    "貴殿によるマッチングの結果によって採用を行うことを約束し、ここに求人票を添えて求人登録の申請をします。"
    "なお、下記に掲げる求人申込手数料を請求書到着後10日以内に貴殿に支払います。"
)

FEE_ROWS = (  # 002:2503-2508
    ("同一コースにおいて、比・尼・越いずれか 1か国に求人登録した場合", "30,000円 (税別)", "20,000円 (税別)"),
    ("同一コースにおいて、比・尼・越いずれか 2か国に求人登録した場合", "45,000円 (税別)", "30,000円 (税別)"),
    ("同一コースにおいて、比・尼・越 3か国に求人登録した場合", "67,500円 (税別)", "45,000円 (税別)"),
)


def build():
    doc = new_document(size=10.5)
    p(doc, "（様式1-1）", size=9)
    title(doc, "求人登録申請書", space_after=12)
    p(doc, "公益社団法人 国際厚生事業団 理事長 殿", size=11, space_after=10)
    paragraph = p(doc, "{{ institution.name }}" + DECLARATION, align="justify", space_after=8)
    paragraph.paragraph_format.first_line_indent = None
    p(doc, "記", align="center", space_after=8)
    p(doc, "(西暦) {{ application_date|seireki }}", align="right", space_after=8)
    signature_block(doc, [
        ("受入れ希望機関名", "{{ institution.name }}"),
        ("受入れ希望機関住所", "〒{{ institution.postal_code }}　{{ institution.address }}"),
        ("受入れ希望機関代表者名", "{{ institution.representative.title }}　{{ institution.representative.name }}"),
    ], indent_mm=40)
    p(doc, "{% if institution.institution_number %}（受入れ機関番号 {{ institution.institution_number }}）{% endif %}",
      align="right", size=9)
    spacer(doc, 10)
    p(doc, "(求人申込手数料について)", font=GOTHIC, bold=True)
    p(doc, "単位：円", align="right", size=9)
    rows = []
    for group, new, existing in FEE_ROWS:
        rows.append([V(group, vspan=2, size=9.5), V("新規受入れ施設の場合", size=9.5), V(new, align="right", size=9.5)])
        rows.append([V("既受入れ施設の場合", size=9.5), V(existing, align="right", size=9.5)])
    grid(doc, rows, widths_mm=[95, 45, 40], row_height_mm=7)
    p(doc, "※1 求人申込手数料の請求書は、求人登録申請書類到着確認後、当事業団から貴機関請求担当者宛てに送付いたします。",
      size=8.5, space_before=3)
    p(doc, "※2 なお、求人申込手数料の割引は、同一コース（看護師コース/介護福祉士コース）に求人登録申請をした場合のみ"
           "適用されます。", size=8.5)
    return doc
