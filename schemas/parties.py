"""Parties written once (in parties/NAME.yaml) and referenced from many case files with `ref: NAME`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import CaseModel, not_printed
from schemas.types import Date, Email, PassportNumber, Phone, PostalCode, ResidenceCardNumber, Text


class Representative(CaseModel):
    title: Text = Field(title="役職", description="代表者の役職（例: 理事長）")
    name: Text = Field(title="氏名", description="代表者の氏名")

    @property
    def title_and_name(self) -> str:
        return f"{self.title}　{self.name}"


class Contact(CaseModel):
    department: Text | None = Field(None, title="所属")
    title: Text | None = Field(None, title="役職")
    name: Text = Field(title="氏名")
    phone: Phone = Field(title="電話番号")
    fax: Phone | None = Field(None, title="FAX番号")
    email: Email | None = Field(None, title="E-mail")


class Organisation(CaseModel):
    """受入れ機関 (the legal entity: a social welfare corporation, a company, a 監理団体…)."""

    name: Text = Field(title="機関名", description="法人の正式名称（例: 社会福祉法人〇〇会）")
    representative: Representative = Field(title="代表者")
    postal_code: PostalCode = Field(title="郵便番号")
    address: Text = Field(title="住所")
    phone: Phone = Field(title="電話番号")
    fax: Phone | None = Field(None, title="FAX番号")
    website: Text | None = Field(None, title="ホームページ")
    institution_number: Text | None = Field(None, title="受入れ機関番号", description="JICWELS が付番した番号")
    contacts: list[Contact] = Field(default_factory=list, title="担当者", max_length=2)


class Facility(CaseModel):
    """受入れ施設 (the workplace: a care home run by the organisation)."""

    name: Text = Field(title="施設名")
    type_name: Text = Field(title="施設種別", description="例: 介護老人福祉施設")
    type_code: Text | None = Field(None, title="種別コード", description="JICWELS の受入れ施設種別コード（例: 1-1）")
    representative: Representative = Field(title="施設代表者")
    postal_code: PostalCode = Field(title="郵便番号")
    address: Text = Field(title="施設住所")
    phone: Phone = Field(title="電話番号")
    fax: Phone | None = Field(None, title="FAX番号")
    contacts: list[Contact] = Field(default_factory=list, title="施設担当者", max_length=2)


Country = Literal["インドネシア", "フィリピン", "ベトナム"]


class EpaPerson(CaseModel):
    """An EPA caregiver candidate (介護福祉士候補者) or EPA 介護福祉士."""

    name: Text = Field(title="氏名", description="カタカナ等、届出どおりの氏名")
    name_alphabet: Text = Field(title="アルファベット氏名", description="旅券どおりのローマ字氏名")
    nationality: Country = Field(title="国籍")
    sex: Literal["男", "女"] = Field(title="性別")
    birth_date: Date = Field(title="生年月日")
    candidate_number: Text | None = Field(None, title="候補者番号")
    residence_card_number: ResidenceCardNumber | None = Field(None, title="在留カード番号")
    passport_number: PassportNumber | None = Field(
        None, title="旅券番号", json_schema_extra=not_printed("kept for the 申請取次 records; masked in logs"))
    entry_date: Date | None = Field(None, title="入国日")
    residence_card_expiry: Date | None = Field(None, title="在留期間満了日", description="在留カードの在留期間（満了日）")
    work_start_date: Date | None = Field(None, title="就労開始年月日")
    qualified: bool = Field(False, title="介護福祉士資格取得済み",
                            description="国家試験に合格し EPA 介護福祉士として就労している場合 true",
                            json_schema_extra=not_printed("chooses the deadline rules and report forms"))
