"""求人登録申請書 (JICWELS 様式1-1), seed 002:2481-2511, with the 求人申込手数料 table (2499-2510) and
formgen's computation of the fee owed per facility (2174: per 受入れ施設; 2185-2197: discounts)."""

from templatekit import GOTHIC, L, V, grid, new_document, p, signature_block, spacer, title

DECLARATION = (
    "は、『経済上の連携に関する日本国とインドネシア共和国との間の協定に基づく看護及び介護分野におけるインドネシア人"
    "看護師等の受入れの実施に関する指針（平成20年5月19日厚生労働大臣告示）』及び『出入国管理及び難民認定法』等"
    "入管関係法令の定める事項を理解し遵守すること及び、貴殿によるマッチングの結果によって採用を行うことを約束し、"
    "ここに求人票を添えて求人登録の申請をします。なお、下記に掲げる求人申込手数料を請求書到着後10日以内に貴殿に"
    "支払います。"
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
    spacer(doc, 8)
    p(doc, "本申請の求人申込手数料（formgen による計算・受入れ施設ごと）", size=9, font=GOTHIC)
    grid(doc, [
        [L("受入れ希望施設名", size=9, align="center"), L("求人登録する国", size=9, align="center"),
         L("区分", size=9, align="center"), L("手数料 (税別)", size=9, align="center")],
        [V("{%tr for f in facilities %}", span=4)],
        [V("{{ f.name }}", size=9), V("{{ f.countries|join('・') }}（{{ f.countries|length }}か国）", size=9),
         V("{% if f.new_facility %}新規受入れ施設{% else %}既受入れ施設{% endif %}", size=9),
         V("{{ f.application_fee|yen }}円", align="right", size=9)],
        [V("{%tr endfor %}", span=4)],
        [L("合計", span=3, size=9, align="right"), V("{{ application_fee_total|yen }}円", align="right", size=9)],
    ], widths_mm=[62, 50, 33, 35])
    return doc
