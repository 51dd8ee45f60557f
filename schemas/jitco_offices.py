"""JITCO 駐在事務所 (受付窓口) and the prefectures each one serves (seed 003_ecca0ff951baa801.txt:227-246).

The application (様式1) is filed in person at the JITCO office (003:85); formgen proposes the office
whose 管轄地域 holds the applicant's prefecture. Addresses and numbers are as the seed prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

SEED = "003_ecca0ff951baa801.txt"

PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県",
    "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県",
    "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)


@dataclass(frozen=True)
class JitcoOffice:
    city: str  # the office's name in the seed's table, e.g. 札幌
    postal_code: str
    address: str
    phones: tuple[str, ...]
    fax: str
    prefectures: tuple[str, ...]  # 管轄地域, as the seed's short names (東京, 神奈川…)
    source_line: int
    mail_note: str | None = None

    @property
    def name(self) -> str:
        return f"JITCO {self.city}駐在事務所"

    @property
    def full_address(self) -> str:
        return f"〒{self.postal_code} {self.address}"

    @property
    def source(self) -> str:
        return f"{SEED}:{self.source_line}"

    def as_submit_to(self) -> dict[str, str | None]:
        """{name, address, phone, note}: the shape of a form manifest's `submit_to` (catalogue.Office)."""
        note = f"FAX {self.fax}"
        if self.mail_note:
            note += f"／{self.mail_note}"
        return {"name": self.name, "address": self.full_address, "phone": self.phones[0], "note": note}


OFFICES: tuple[JitcoOffice, ...] = (
    JitcoOffice("札幌", "060-0003", "札幌市中央区北3条西3-1 札幌北三条ビル6階",
                ("011-242-5820", "011-242-5821"), "011-207-6056", ("北海道",), 230),
    JitcoOffice("仙台", "983-0852", "仙台市宮城野区榴岡3-4-18 タカノボル第22ビル7階",
                ("022-299-8420", "022-299-8421"), "022-299-8422",
                ("青森", "岩手", "宮城", "秋田", "山形", "福島"), 231),
    JitcoOffice("水戸", "310-0021", "水戸市南町3-4-57 水戸セントラルビル2階",
                ("029-233-2275", "029-233-2276"), "029-222-2668", ("茨城",), 232),
    JitcoOffice("宇都宮", "320-0033", "宇都宮市本町4-15 宇都宮NIビル5階",
                ("028-627-6970", "028-627-6903"), "028-650-1258", ("栃木", "群馬"), 233),
    JitcoOffice("千葉", "260-0028", "千葉市中央区新町3-13 千葉TNビル4階",
                ("043-245-2327",), "043-238-1441", ("千葉",), 234),
    JitcoOffice("東京", "105-0013", "東京都港区浜松町1-18-16 住友浜松町ビル5階",
                ("03-6430-1190",), "03-6430-1117", ("東京", "神奈川", "埼玉", "山梨"), 235,
                mail_note="郵送物は4階宛て"),
    JitcoOffice("新潟", "950-0965", "新潟市中央区新光町10-3 技術士センタービルII5階",
                ("025-282-3858",), "025-282-3863", ("新潟",), 236),
    JitcoOffice("富山", "930-0004", "富山市桜橋通り1-18 住友生命富山ビル5階",
                ("076-442-1496", "076-442-1589"), "076-443-2731", ("富山", "石川", "福井"), 237),
    JitcoOffice("長野", "380-0838", "長野市大字県町484-1 センターポア302",
                ("026-233-5180",), "026-238-0727", ("長野",), 238),
    JitcoOffice("静岡", "420-0031", "静岡市葵区呉服町2-3-1 ふしみやビル4階",
                ("054-250-0032", "054-250-0034"), "054-205-0772", ("静岡",), 239),
    JitcoOffice("名古屋", "461-0004", "名古屋市東区葵2-12-1 ナカノビル2階",
                ("052-934-3932",), "052-939-1206", ("岐阜", "愛知", "三重"), 240),
    JitcoOffice("大阪", "530-0001", "大阪市北区梅田1-1-3 大阪駅前第3ビル19階",
                ("06-6344-9521", "06-6344-9522"), "06-6344-9523",
                ("兵庫", "滋賀", "京都", "大阪", "奈良", "和歌山"), 241),
    JitcoOffice("松江", "690-0007", "松江市御手船場町565-8 松江東京海上日動ビルディング5階",
                ("0852-32-3501",), "0852-32-3502", ("鳥取", "島根"), 242),
    JitcoOffice("広島", "730-0012", "広島市中区上八丁堀8-2 広島清水ビル5階",
                ("082-224-0253", "082-224-0254"), "082-502-3238", ("岡山", "広島", "山口"), 243),
    JitcoOffice("高松", "760-0019", "高松市サンポート2-1 高松シンボルタワー12階",
                ("087-826-3748", "087-826-3749"), "087-811-7845", ("徳島", "香川", "高知"), 244),
    JitcoOffice("松山", "790-0878", "松山市勝山町2-14-4 朝日生命松山ビル3階",
                ("089-931-1162",), "089-931-1163", ("愛媛",), 245),
    JitcoOffice("福岡", "812-0011", "福岡市博多区博多駅前2-19-27 九勸博多駅前ビル4階",
                ("092-414-1729",), "092-415-5548",
                ("福岡", "佐賀", "長崎", "熊本", "大分", "宮崎", "鹿児島", "沖縄"), 246),
)

OFFICE_NAMES: tuple[str, ...] = tuple(office.city for office in OFFICES)


def short_name(prefecture: str) -> str:
    """東京都 → 東京, 北海道 → 北海道 (the seed's table drops 都・府・県)."""
    return prefecture if prefecture == "北海道" else prefecture[:-1]


def office_for_prefecture(prefecture: str) -> JitcoOffice:
    """The office whose 管轄地域 holds the prefecture (full name, e.g. 神奈川県)."""
    short = short_name(prefecture)
    for office in OFFICES:
        if short in office.prefectures:
            return office
    raise KeyError(prefecture)


def office_by_city(city: str) -> JitcoOffice:
    return next(office for office in OFFICES if office.city == city)


def prefecture_of(address: str) -> str | None:
    """The prefecture an address starts with (住所は都道府県名から書く), or None."""
    for prefecture in PREFECTURES:
        if address.startswith(prefecture):
            return prefecture
    return None
