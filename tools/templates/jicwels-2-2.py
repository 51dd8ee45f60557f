"""求人票 (JICWELS 様式2-2), seed 002:2512-2545: the institution, its two contacts, one row per
受入れ希望施設 (受入れ期間 4年間, 受入れ希望人数), the totals, the declaration, date and seal.

`contact_rows` and `one_of` are also used by 受入れ施設説明書 (jicwels-3-2.py).
"""

from templatekit import GOTHIC, L, V, grid, new_document, p, signature_block, spacer, title, unbroken

CONTACT_FIELDS = (("所属", "department"), ("役職", "title"), ("氏名", "name"), ("電話番号", "phone"),
                  ("FAX番号", "fax"), ("E-mail", "email"))


def one_of(items: str, index: int, expression: str) -> str:
    """`expression` (on `c`) for the index-th item of a list, blank when the list is shorter — in one run."""
    return f"{{% for c in {items}[{index}:{index + 1}] %}}{expression}{{% endfor %}}"


def contact_rows(owner: str, heading: str, index: int, size: float = 9) -> list[list]:
    """A contact block as the form prints it: heading on the left, 所属/役職/氏名/電話番号/FAX番号/E-mail."""
    value = {attr: one_of(f"{owner}.contacts", index, f"{{{{ c.{attr}|nobreak }}}}") for _, attr in CONTACT_FIELDS}
    return [
        [L(heading, vspan=5, size=size), L("所属", size=size), V(value["department"], span=3, size=size)],
        [L("役職", size=size), V(value["title"], span=3, size=size)],
        [L("氏名", size=size), V(value["name"], span=3, size=size)],
        [L("電話番号", size=size), V(value["phone"], size=size), L("FAX番号", size=size), V(value["fax"], size=size)],
        [L("E-mail", size=size), V(value["email"], span=3, size=size)],
    ]


def build():
    doc = new_document(size=10.5)
    p(doc, "（様式2-2）", size=9)
    title(doc, "求人票")
    widths = [30, 27, 47, 22, 54]
    grid(doc, [
        [L("機関名"), V("{{ institution.name }}", span=4)],
        [L("機関代表者"), V("{{ institution.representative.title }}　{{ institution.representative.name }}", span=4)],
        [L("機関住所等", vspan=3), V(unbroken("〒{{ institution.postal_code }}　{{ institution.address }}"), span=4)],
        [L("電話番号"), V("{{ institution.phone|nobreak }}"), L("FAX番号"), V("{{ institution.fax|nobreak }}")],
        [L("ホームページ"), V("{{ institution.website }}", span=3)],
        *contact_rows("institution", "機関担当者1", 0),
        *contact_rows("institution", "機関担当者2", 1),
    ], widths_mm=widths)
    spacer(doc, 6)
    grid(doc, [
        [L("受入れ希望施設名", align="center"), L("受入れ期間", align="center"), L("受入れ希望人数", align="center")],
        [V("{%tr for f in facilities %}", span=3)],
        [V("{{ f.name }}"), V("4年間", align="center"), V("{{ f.requested_count }} 名", align="right")],
        [V("{%tr endfor %}", span=3)],
    ], widths_mm=[110, 30, 40], row_height_mm=8)
    grid(doc, [
        [L("受入れ希望施設数 計", align="center"), V("{{ facility_total }} 施設", align="right"),
         L("受入れ希望人数 計", align="center"), V("{{ requested_total }} 名", align="right")],
    ], widths_mm=[45, 45, 45, 45], row_height_mm=8)
    spacer(doc, 10)
    p(doc, "以上の記載内容並びに別紙の内容は事実と相違ありません。", space_after=8)
    p(doc, "(西暦) {{ application_date|seireki }}", align="right", space_after=8)
    signature_block(doc, [
        ("受入れ希望機関名", "{{ institution.name }}"),
        ("受入れ希望機関代表者名", "{{ institution.representative.title }}　{{ institution.representative.name }}"),
    ], indent_mm=60)
    spacer(doc, 8)
    p(doc, "提出日: {{ application_date|seireki }}", size=9)
    p(doc, "※「別紙」は受入れ施設ごとの受入れ施設説明書（様式3-2）です。", size=8.5, font=GOTHIC)
    return doc
