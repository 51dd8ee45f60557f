"""JITCO 帰国旅費立替払制度: the host of a 研修生/技能実習生 went bankrupt and the applicant cannot fund the
fare home → 立替払申請書 (様式1) with 資金繰りの申立書 (様式8); later 領収書兼誓約書 (様式3), 航空券受け取り確認書
(様式4) and 帰国状況報告書 (様式6). Seed 003_ecca0ff951baa801.txt (the whole file).

The attachment list ①-⑱ (003:89-111) and the substitutes 《1》-《6》 (003:166-226) are data here: the
様式1 template prints `attachment_checklist`, and generator/requirements/jitco.py checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, get_args

from pydantic import Field, computed_field, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.case import CaseFile
from schemas.jitco_offices import OFFICE_NAMES, PREFECTURES, office_by_city, office_for_prefecture, prefecture_of
from schemas.parties import Organisation
from schemas.types import Date, LongText, PassportNumber, PostalCode, ResidenceCardNumber, Text, Yen

SEED = "003_ecca0ff951baa801.txt"
AMOUNT_LIMIT = 100_000  # 1人当たり10万円を限度 (003:62)

TraineeType = Literal["研修生", "技能実習生"]
BankruptcyKind = Literal["法律上の倒産", "事実上の倒産"]
AttachmentNumber = Annotated[int, Field(ge=1, le=18)]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱"
NotMadeReason = Literal["本人が継続を希望しない", "残余の期間が短期間", "その他"]
NOT_MADE_REASONS: tuple[NotMadeReason, ...] = get_args(NotMadeReason)
if TYPE_CHECKING:  # the choices are read from the office table at run time: a type checker sees text
    Prefecture: TypeAlias = str
    OfficeName: TypeAlias = str
else:
    Prefecture = Literal[PREFECTURES]
    OfficeName = Literal[OFFICE_NAMES]


# ---------------------------------------------------------------- the parts of a case


class JitcoApplicant(Organisation):
    """申請者の団体 (a parties/ file like any Organisation); JITCO asks for neither of these two numbers."""

    website: Text | None = Field(None, title="ホームページ", json_schema_extra=not_printed("JITCO does not ask for it"))
    institution_number: Text | None = Field(
        None, title="受入れ機関番号", description="JICWELS が付番した番号",
        json_schema_extra=not_printed("a JICWELS number; JITCO does not ask for it"))


class JitcoPerson(CaseModel):
    """帰国する研修生・技能実習生."""

    name: Text = Field(title="氏名", description="カタカナ等、届出どおりの氏名")
    name_alphabet: Text = Field(title="アルファベット氏名", description="旅券どおりのローマ字氏名")
    nationality: Text = Field(title="国籍", description="例: ベトナム")
    sex: Literal["男", "女"] = Field(title="性別")
    birth_date: Date = Field(title="生年月日")
    passport_number: PassportNumber = Field(title="旅券番号")
    residence_card_number: ResidenceCardNumber | None = Field(
        None, title="在留カード番号", description="英字2文字・数字8桁・英字2文字（例: AB12345678CD）")
    status_of_residence: Text = Field(title="在留資格", description="例: 研修／特定活動（003:23-27）")
    residence_expiry: Date = Field(title="在留期限")
    entry_date: Date = Field(title="入国日")
    program_start: Date = Field(title="研修・技能実習の開始日")
    program_end: Date = Field(title="研修・技能実習の終了予定日",
                              description="この日より前の帰国は途中帰国（継続支援努力が必要: 003:51-53）")
    japan_address: Text = Field(title="国内住所")
    home_address: Text = Field(title="母国住所")
    transferred: bool = Field(False, title="団体移動・企業移動した",
                              description="true のとき⑮（研修生）または⑯（技能実習生）が必要（003:108-109）")


class BankruptHost(CaseModel):
    """倒産した第2次受入れ機関（研修生）／技能実習実施機関（技能実習生）."""

    name: Text = Field(title="名称")
    representative: Text | None = Field(None, title="代表者職氏名")
    postal_code: PostalCode | None = Field(None, title="郵便番号")
    address: Text = Field(title="所在地")
    bankruptcy_date: Date = Field(title="倒産日",
                                  description="法律上の倒産: 手続開始等の申立日／事実上の倒産: 労基署の認定日など")
    procedure: Text | None = Field(None, title="手続の種類", description="例: 破産手続開始の申立て（法律上の倒産）")
    situation: LongText = Field(title="倒産の状況")


class Funding(CaseModel):
    """資金繰りの申立て（様式8, 003:94）: why the applicant cannot fund the fare (003:43-47)."""

    cannot_fund: bool = Field(title="帰国旅費の支払いが資金調達上困難",
                              description="true でなければ立替払いは受けられません（003:43, 47）")
    as_of: Date = Field(title="資金繰りの基準日")
    cash_on_hand: Yen = Field(title="現預金残高")
    expected_income: Yen = Field(title="今後3か月の収入見込み")
    expected_expenses: Yen = Field(title="今後3か月の支出見込み")
    explanation: LongText = Field(title="資金調達が困難な事情")

    @property
    def balance(self) -> int:
        return self.cash_on_hand + self.expected_income - self.expected_expenses


class Continuation(CaseModel):
    """研修・技能実習の継続支援努力（003:49-53）."""

    efforts_made: bool = Field(title="継続のための努力をした")
    efforts: LongText | None = Field(None, title="努力の内容", description="例: 他の第1次受入れ機関への問い合わせ")
    reason_not_made: NotMadeReason | None = Field(
        None, title="努力をしなかった理由", description="途中帰国で努力をしなかったとき（003:53）")
    reason_detail: LongText | None = Field(None, title="理由の詳細")
    wants_continuation: bool = Field(False, title="本人が継続を希望している",
                                     description="true のとき⑰が必要（003:110）")
    support_applied: bool = Field(False, title="継続支援をJITCOに申請済み",
                                  description="true のとき⑱が必要（003:111）")

    @model_validator(mode="after")
    def _detail_belongs_to_a_reason(self) -> Continuation:
        if self.reason_detail and self.reason_not_made is None:
            raise field_error(
                "理由の詳細（reason_detail）がありますが、努力をしなかった理由（reason_not_made）が選ばれていません。",
                "reason_detail is given but no reason_not_made is chosen.",
                f"reason_not_made に {' / '.join(NOT_MADE_REASONS)} のどれかを書いてください（詳細はその理由に添えて印刷します）。",
                f"choose reason_not_made: {' / '.join(NOT_MADE_REASONS)} (the detail prints with it).")
        if self.reason_not_made == "その他" and not self.reason_detail:
            raise field_error(
                "努力をしなかった理由が「その他」のときは、その内容（reason_detail）を書いてください。",
                "with reason_not_made その他, say what the reason is (reason_detail).")
        return self


class Trip(CaseModel):
    """帰国の経路と旅行代理店の見積り（003:61-63）."""

    departure_airport: Text = Field(title="出発空港", description="国内住所の最寄り空港（例: 成田国際空港）")
    arrival_airport: Text = Field(title="到着空港", description="母国住所の最寄り空港（例: ノイバイ国際空港）")
    route: Text = Field(title="経路・便", description="例: 成田→ハノイ 直行便（VN 301）")
    travel_agency: Text = Field(title="旅行代理店")
    estimate_date: Date = Field(title="見積日")
    estimate_amount: Yen = Field(title="見積額")
    special_circumstances: LongText | None = Field(
        None, title="帰国予定日・経路のやむを得ない事情",
        description="申請額が10万円を超えるときに書く（003:63）")


class Proxy(CaseModel):
    """代理人が書類を持参するとき（⑭が必要: 003:87, 107）."""

    name: Text = Field(title="代理人氏名")
    relationship: Text = Field(title="申請者との関係", description="例: 職員（事務局次長）")


class SubstituteUse(CaseModel):
    number: AttachmentNumber = Field(title="代替する書類の番号", description="例: 8（⑧在留資格認定証明書の写）")
    documents: list[Text] = Field(min_length=1, title="代わりに提出する書類",
                                  description="003:166-226 の例示から（例: 研修生名簿の写）")


class Documents(CaseModel):
    """添付書類（①〜⑱）のうち用意したもの、用意できず代替するもの."""

    provided: list[AttachmentNumber] = Field(
        default_factory=list, title="提出する書類の番号",
        description="①立替払申請書は formgen が作るので書かなくてよい（例: [2, 3, 4, 5, 7, 8, 9]）")
    substitutes: list[SubstituteUse] = Field(default_factory=list, title="代替書類")


class Ticket(CaseModel):
    """購入した航空券（様式4, 003:128-141）."""

    price: Yen = Field(title="購入額")
    flight: Text = Field(title="航空会社・便名")
    flight_date: Date = Field(title="搭乗日")
    handed_over_date: Date = Field(title="本人への手渡し日")


class ReturnReport(CaseModel):
    """帰国状況報告（様式6, 003:143-145）."""

    flight: Text = Field(title="搭乗便")
    seen_off_by: Text = Field(title="出国を確認した者（職氏名）")
    remarks: LongText | None = Field(None, title="特記事項", description="帰国予定日と違う日に帰国した理由など")
    report_date: Date = Field(title="報告日")


# ---------------------------------------------------------------- attachments ①-⑱ and substitutes 《1》-《6》


@dataclass(frozen=True)
class Substitute:
    mark: str  # 《1》…《6》
    title: str  # the document it replaces, as 003:166-226 names it
    purposes: tuple[tuple[str, tuple[str, ...]], ...]  # (確認項目, examples)
    source: str

    @property
    def examples(self) -> tuple[str, ...]:
        return tuple(example for _, items in self.purposes for example in items)


@dataclass(frozen=True)
class AttachmentSpec:
    number: int
    title: str
    condition: str  # when the seed asks for it, as printed
    applies: Callable[[JitcoAirfareAdvance], bool]
    source: str
    substitute: Substitute | None = None

    @property
    def mark(self) -> str:
        return CIRCLED[self.number - 1]


def _always(case: JitcoAirfareAdvance) -> bool:
    return True


SUBSTITUTES: dict[int, Substitute] = {
    # 003:170 prints "未払貸金" for 未払賃金 (cf. ⑥ at 003:96): printed corrected.
    6: Substitute("《1》", "未払賃金立替払制度の労基署による「確認通知書」の写", (
        ("第2次受入れ機関が事実上の倒産状態であることの確認のため", ("申立書", "銀行取引停止処分の通知書の写")),
    ), f"{SEED}:170-175"),
    8: Substitute("《2》", "在留資格認定証明書の写", (
        ("団体監理型の研修生であること及び第1次受入れ機関等が研修生受入れ事業を行っていることの確認のため",
         ("研修生名簿の写（第1次受入れ機関等・第2次受入れ機関の名称入り）",)),
        ("途中帰国する研修生の第1次受入れ機関等であることの確認のため",
         ("研修生名簿の写（第1次受入れ機関等の名称入り）", "送出し機関派遣状の写")),
        ("当該研修生の第2次受入れ機関であることの確認のため",
         ("研修引受け保証書の写", "研修生処遇概要書の写", "第2次受入れ機関名簿の写",
          "研修生名簿の写（第1次受入れ機関等の名前入り）")),
    ), f"{SEED}:177-193"),
    10: Substitute("《3》", "研修計画の写", (
        ("研修期間の確認のため（研修生）", ("在留資格認定証明書の写",)),
    ), f"{SEED}:195-199"),
    13: Substitute("《4》", "第1次受入れ機関等の旅費負担責任に関する書類", (
        ("第1次受入れ機関等の旅費負担義務の確認のため（技能実習生）",
         ("在留資格変更許可申請書の写", "旅費負担に関する団体の規約",
          "送出し機関との研修引受け契約の写", "旅費負担に関する技能実習生との契約書の写",
          "旅費負担に関する第2次受入れ機関との契約書の写", "契約の取り交わしについての申立書")),
    ), f"{SEED}:201-210"),
    15: Substitute("《5》", "研修生受入れ先変更願いの写", (
        ("企業移動・団体移動した研修生の場合、第2次受入れ機関であることの確認のため",
         ("研修生処遇概要書の写", "研修生名簿", "移動元との契約文書の写")),
    ), f"{SEED}:212-218"),
    16: Substitute("《6》", "変更事項報告書の写", (
        ("企業移動・団体移動した技能実習生の場合、第2次受入れ機関であることの確認のため",
         ("技能実習先変更理由書の写", "移動元との契約文書の写")),
    ), f"{SEED}:220-226"),
}


def _trainee(case: JitcoAirfareAdvance) -> bool:
    return case.trainee_type == "研修生"


def _intern(case: JitcoAirfareAdvance) -> bool:
    return case.trainee_type == "技能実習生"


ATTACHMENTS: tuple[AttachmentSpec, ...] = (
    AttachmentSpec(1, "立替払申請書（様式1）", "常に", _always, f"{SEED}:91"),
    AttachmentSpec(2, "申請者（代表者）の本人確認書類（免許証又は旅券）の写、印鑑登録証明書", "常に", _always,
                   f"{SEED}:92"),
    AttachmentSpec(3, "第1次受入れ機関の履歴事項全部証明書", "常に", _always, f"{SEED}:93"),
    AttachmentSpec(4, "実績資金繰り表、直近2年分の決算書類及び資金繰りの申立書（様式8）", "常に", _always,
                   f"{SEED}:94"),
    AttachmentSpec(5, "手続き開始等の申立書の写", "法律上の倒産の場合",
                   lambda case: case.bankruptcy_kind == "法律上の倒産", f"{SEED}:95"),
    AttachmentSpec(6, "未払賃金立替払制度の労基署による「確認通知書」の写", "事実上の倒産の場合",
                   lambda case: case.bankruptcy_kind == "事実上の倒産", f"{SEED}:96", SUBSTITUTES[6]),
    AttachmentSpec(7, "外国人登録証（在留カード）の写（表・裏）、旅券（在留期限記載部分）の写", "常に", _always,
                   f"{SEED}:97"),
    AttachmentSpec(8, "在留資格認定証明書の写", "常に", _always, f"{SEED}:98", SUBSTITUTES[8]),
    AttachmentSpec(9, "旅行代理店発行の航空券の見積書", "常に", _always, f"{SEED}:99"),
    AttachmentSpec(10, "研修計画の写", "研修生の場合", _trainee, f"{SEED}:100", SUBSTITUTES[10]),
    AttachmentSpec(11, "技能実習移行希望申請書の写", "技能実習生の場合", _intern, f"{SEED}:101"),
    AttachmentSpec(12, "技能実習移行希望者票の写", "技能実習生の場合", _intern, f"{SEED}:102"),
    AttachmentSpec(13, "第1次受入れ機関の旅費負担責任に関する書類", "技能実習生の場合", _intern, f"{SEED}:103",
                   SUBSTITUTES[13]),
    AttachmentSpec(14, "委任状、代理人の本人確認書類（免許証又は旅券）の写", "代理で書類持参する場合",
                   lambda case: case.proxy is not None, f"{SEED}:107"),
    AttachmentSpec(15, "研修生受入れ先変更願いの写", "団体移動・企業移動した研修生の場合",
                   lambda case: _trainee(case) and case.person.transferred, f"{SEED}:108", SUBSTITUTES[15]),
    AttachmentSpec(16, "変更事項報告書の写", "団体移動・企業移動した技能実習生の場合",
                   lambda case: _intern(case) and case.person.transferred, f"{SEED}:109", SUBSTITUTES[16]),
    AttachmentSpec(17, "他の第1次受入れ機関へ問い合わせた文書および連絡先リスト", "継続希望の場合",
                   lambda case: case.continuation.wants_continuation, f"{SEED}:110"),
    AttachmentSpec(18, "継続支援の申請書の写", "継続希望がありJITCOに継続支援を申請している場合",
                   lambda case: case.continuation.wants_continuation and case.continuation.support_applied,
                   f"{SEED}:111"),
)
ATTACHMENTS_BY_NUMBER = {spec.number: spec for spec in ATTACHMENTS}


# ---------------------------------------------------------------- the case


class JitcoAirfareAdvance(CaseFile, title="JITCO 帰国旅費立替払申請（様式1・3・4・6・8）"):
    kind: Literal["jitco_airfare_advance"] = Field(title="種類")
    applicant: JitcoApplicant = Field(
        title="申請者", description="研修生: 第1次受入れ機関／技能実習生: 技能実習団体（003:29-37）。代表者が申請者")
    applicant_prefecture: Prefecture | None = Field(
        None, title="申請者の都道府県",
        description="省略すると申請者の住所の先頭から読み取ります（提出先の駐在事務所を決めます: 003:227-246）",
        json_schema_extra=not_printed("chooses the JITCO office (submit_to), which the forms print"))
    jitco_office: OfficeName | None = Field(
        None, title="提出する駐在事務所",
        description="管轄の事務所以外の最寄りの事務所に出すとき（例: 東京）。省略時は管轄の事務所",
        json_schema_extra=not_printed("chooses the JITCO office (submit_to), which the forms print"))
    trainee_type: TraineeType = Field(title="対象者の区分")
    person: JitcoPerson = Field(title="帰国する研修生・技能実習生")
    host: BankruptHost = Field(title="倒産した第2次受入れ機関（技能実習実施機関）")
    bankruptcy_kind: BankruptcyKind = Field(title="倒産の区分")
    funding: Funding = Field(title="資金繰り")
    continuation: Continuation = Field(title="研修・技能実習の継続支援努力")
    planned_return_date: Date = Field(title="帰国予定日")
    trip: Trip = Field(title="帰国の経路と見積り")
    amount: Yen = Field(title="立替払申請額", description="1人当たり10万円まで（やむを得ない事情があるときを除く: 003:62-63）")
    application_date: Date = Field(title="申請日")
    proxy: Proxy | None = Field(None, title="代理人", description="代表者本人が持参しないとき")
    documents: Documents = Field(default_factory=Documents, title="添付書類（①〜⑱）",
                                 json_schema_extra=not_printed("printed through attachment_checklist"))
    disbursement_date: Date | None = Field(None, title="立替払金の振込日", description="決定通知書（様式2）の振込日")
    advance_received_date: Date | None = Field(None, title="立替払金の入金確認日",
                                               description="書くと領収書兼誓約書（様式3）を作ります")
    ticket_purchase_date: Date | None = Field(None, title="航空券の購入日",
                                              description="書くと航空券受け取り確認書（様式4）を作ります")
    ticket: Ticket | None = Field(None, title="購入した航空券")
    actual_return_date: Date | None = Field(None, title="帰国日", description="書くと帰国状況報告書（様式6）を作ります")
    return_report: ReturnReport | None = Field(None, title="帰国状況報告")
    repayment_date: Date | None = Field(None, title="償還日（予定・実績）",
                                        description="振込日から1年以内に全額一括（003:68, 153）")
    false_statement_found_date: Date | None = Field(
        None, title="虚偽記載が判明した日",
        json_schema_extra=not_printed("starts the 返還 deadline only (003:161-164)"))

    # ------------------------------------------------------------ computed values the forms print

    @computed_field(title="申請者の区分")
    @property
    def applicant_role(self) -> str:
        return "第1次受入れ機関" if self.trainee_type == "研修生" else "技能実習団体"

    @computed_field(title="倒産した機関の区分")
    @property
    def host_role(self) -> str:
        return "第2次受入れ機関" if self.trainee_type == "研修生" else "技能実習実施機関"

    @computed_field(title="申請者の都道府県（使用した値）")
    @property
    def prefecture(self) -> str | None:
        return self.applicant_prefecture or prefecture_of(self.applicant.address)

    @computed_field(title="提出先")
    @property
    def submit_to(self) -> dict[str, str | None]:
        """The JITCO office the application goes to: {name, address, phone, note} (003:85, 227-246)."""
        if self.jitco_office:
            return office_by_city(self.jitco_office).as_submit_to()
        prefecture = self.prefecture
        assert prefecture is not None, "_office_is_known refuses a case with neither"
        return office_for_prefecture(prefecture).as_submit_to()

    @computed_field(title="途中帰国")
    @property
    def returns_mid_program(self) -> bool:
        return self.planned_return_date < self.person.program_end

    @computed_field(title="添付書類チェックリスト")
    @property
    def attachment_checklist(self) -> list[dict[str, Any]]:
        """One row per ①-⑱: whether the seed asks for it here, and whether it is provided or substituted."""
        provided = set(self.documents.provided) | {1}  # ① is this application, made by formgen
        substituted = {use.number: use.documents for use in self.documents.substitutes}
        rows = []
        for spec in ATTACHMENTS:
            applies = spec.applies(self)
            replacement = substituted.get(spec.number) if spec.substitute else None
            rows.append({
                "number": spec.number,
                "mark": spec.mark,
                "title": spec.title,
                "condition": spec.condition,
                "applies": applies,
                "provided": spec.number in provided,
                "substitute_mark": spec.substitute.mark if spec.substitute else "",
                "substituted_by": "、".join(replacement) if replacement else "",
                "status": _status(applies, spec.number in provided, bool(replacement)),
            })
        return rows

    @computed_field(title="資金繰りの差引額")
    @property
    def funding_balance(self) -> int:
        """現預金残高 + 収入見込み − 支出見込み (様式8)."""
        return self.funding.balance

    @computed_field(title="見積額と購入額の差額")
    @property
    def fare_difference(self) -> int | None:
        """購入額 − 見積額 (003:134): positive → JITCO pays the difference, negative → the applicant does."""
        return None if self.ticket is None else self.ticket.price - self.trip.estimate_amount

    @computed_field(title="差額の精算")
    @property
    def fare_settlement(self) -> str:
        """How the difference is settled (003:134-141), within the 10万円 limit (003:62-63): what lies above
        it is paid only when JITCO accepts the やむを得ない事情 (003:63, 119-121), so it is not promised."""
        difference = self.fare_difference
        if self.ticket is None or difference is None or difference == 0:  # no ticket: no difference
            return "差額なし"
        if difference < 0:
            return ("購入額が見積り額より少ないため、JITCO本部から差額の請求書が届き、申請者が差額を振り込みます"
                    "（差額領収書が届きます）。")
        paid = "JITCO本部から差額の振込通知書が届き、差額が指定口座に振り込まれます。"
        if self.ticket.price <= AMOUNT_LIMIT:
            return "購入額が見積り額より多いため、" + paid
        over = self.ticket.price - AMOUNT_LIMIT
        reviewed = (f"1人当たりの限度額（{AMOUNT_LIMIT:,}円）を超える部分（{over:,}円）は、帰国予定日及び経路の"
                    "やむを得ない事情をJITCO本部が審査し、認めた場合に限り精算されます。")
        within = AMOUNT_LIMIT - self.trip.estimate_amount
        if within <= 0:
            return "購入額が見積り額より多く、見積り額がすでに限度額に達しているため、差額の全額について、" + reviewed
        return (f"購入額が見積り額より多いため、限度額までの差額（{within:,}円）は、{paid}ただし、" + reviewed)

    # ------------------------------------------------------------ what cannot be true of any case

    @model_validator(mode="after")
    def _consistent(self) -> JitcoAirfareAdvance:
        self._office_is_known()
        self._follow_on_data_present()
        self._dates_in_order()
        return self

    def _office_is_known(self) -> None:
        if self.jitco_office is None and self.prefecture is None:
            raise field_error(
                f"申請者の住所「{self.applicant.address}」から都道府県が分かりません（提出先の駐在事務所を決められません）。",
                f"cannot tell the prefecture from the applicant's address '{self.applicant.address}' "
                "(needed to choose the JITCO office).",
                "applicant.address を都道府県名から書くか、applicant_prefecture（例: 千葉県）を書いてください。",
                "start applicant.address with the prefecture, or write applicant_prefecture (e.g. 千葉県).",
            )

    def _follow_on_data_present(self) -> None:
        pairs = (
            ("ticket_purchase_date", "ticket", "航空券の購入日", "購入した航空券（ticket）"),
            ("actual_return_date", "return_report", "帰国日", "帰国状況報告（return_report）"),
            ("advance_received_date", "disbursement_date", "立替払金の入金確認日", "立替払金の振込日（disbursement_date）"),
        )
        for date_name, data_name, date_label, data_label in pairs:
            if getattr(self, date_name) is not None and getattr(self, data_name) is None:
                raise field_error(
                    f"{date_label}（{date_name}）を書いたときは {data_label} も書いてください。",
                    f"when {date_name} is given, {data_name} is needed too.",
                    f"{data_name}: を追加してください（様式に印字します）。",
                    f"add {data_name}: (the form prints it).",
                )

    def _dates_in_order(self) -> None:
        # the bankruptcy date against the application date is a requirement (generator/requirements/jitco.py)
        order = (
            ("application_date", self.application_date, "申請日"),
            ("disbursement_date", self.disbursement_date, "立替払金の振込日"),
            ("advance_received_date", self.advance_received_date, "立替払金の入金確認日"),
        )
        self._in_order(order)
        self._in_order((
            ("application_date", self.application_date, "申請日"),
            ("ticket_purchase_date", self.ticket_purchase_date, "航空券の購入日"),
            ("actual_return_date", self.actual_return_date, "帰国日"),
        ))

    @staticmethod
    def _in_order(order) -> None:
        known = [(name, value, label) for name, value, label in order if value is not None]
        for (name_a, a, label_a), (name_b, b, label_b) in pairwise(known):
            if b < a:
                raise field_error(
                    f"{label_b}（{b}）が{label_a}（{a}）より前です。",
                    f"{name_b} ({b}) is before {name_a} ({a}).",
                    f"{name_a} と {name_b} を確かめてください。",
                    f"check {name_a} and {name_b}.",
                )


def _status(applies: bool, provided: bool, substituted: bool) -> str:
    if provided:
        return "添付"
    if substituted:
        return "代替"
    return "不足" if applies else "—"
