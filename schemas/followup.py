"""Follow-up record of a returned technical intern, kept by the 監理団体 (seed 000_9473d0198d46728e.txt:
SNS contact 27-31, 110-116, 263-271; the 送出機関 asked within half a year of the return 112; 3号 wishes
14-23, 28-30). Read by `formgen followup`; the share whose work after return is known is the evidence
for the 優良 items 001_1fdeeed8bbae3b1d.txt:63 and 65. `formgen build` prints it as the 帰国後フォローアップ
記録 (forms/followup-record), with the next contact and the 3号 timeline (`print_values`).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from schemas.base import CaseModel, field_error
from schemas.case import CaseFile
from schemas.types import Date, Text

Channel = Literal["SNS", "電話", "メール", "送出機関経由", "交流会", "訪問", "その他"]
Status = Literal["就職", "起業", "就学", "不明"]
KNOWN_STATUSES = ("就職", "起業", "就学")


class ContactChannel(CaseModel):
    channel: Channel = Field(title="連絡手段")
    address: Text | None = Field(None, title="連絡先", description="SNS のアカウント名、電話番号、メールアドレスなど")


class Contact(CaseModel):
    date: Date = Field(title="連絡日")
    channel: Channel = Field(title="連絡手段")
    note: Text | None = Field(None, title="内容")


class Returnee(CaseModel):
    name: Text = Field(title="氏名")
    name_alphabet: Text | None = Field(None, title="アルファベット氏名")
    nationality: Text = Field(title="国籍")
    occupation: Text = Field(title="職種・作業", description="例: 溶接（手溶接）")
    implementer: Text = Field(title="実習実施者")


class CurrentActivity(CaseModel):
    status: Status = Field(title="帰国後の状況", description="就職 / 起業 / 就学 / 不明")
    where: Text | None = Field(None, title="就職先・会社名・学校名")
    uses_skills: bool | None = Field(None, title="修得した技能を活かしている")
    confirmed_on: Date | None = Field(None, title="確認日")

    @model_validator(mode="after")
    def _where_for_a_known_status(self) -> CurrentActivity:
        if self.status in KNOWN_STATUSES and not self.where:
            raise field_error(f"帰国後の状況が「{self.status}」のときは、その先（where）を書いてください。",
                              f"with status {self.status}, write where.",
                              "分からない場合は status: 不明 にしてください。", "if unknown, write status: 不明.")
        return self


class Stage3Wish(CaseModel):
    """技能実習3号での再来日の希望 (000:21-23, 28-30; rules 001:315-372)."""

    wishes: bool = Field(title="3号での再来日を希望")
    grade3_practical_passed_on: Date | None = Field(None, title="随時3級（専門級）実技試験の合格日",
                                                    description="3号への移行の前提（001:325）")
    implementer: Text | None = Field(None, title="希望する実習実施者")
    plan_applied_date: Date | None = Field(
        None, title="3号の計画の認定申請日",
        description="2027年4月1日より前に帰国した人の3号は、2027年3月31日までの申請が必要（育成就労 経過措置）")
    stage2_permission_date: Date | None = Field(
        None, title="2号の在留資格変更許可日",
        description="2027年4月1日以降に帰国した人の3号は、その日に2号の活動1年以上（許可日が2026年4月1日以前）が必要")


class FollowupRecord(CaseFile, title="帰国した技能実習生のフォローアップ記録"):
    PRINTED_VALUES: ClassVar[tuple[str, ...]] = ("followup",)

    kind: Literal["followup_record"] = Field(title="種類")
    supervising_org: Text = Field(title="監理団体")
    returnee: Returnee = Field(title="帰国した技能実習生")
    stage_completed: Literal["1号", "2号", "3号"] = Field("2号", title="修了した段階")
    return_date: Date = Field(title="帰国日")
    channels: list[ContactChannel] = Field(min_length=1, title="連絡手段")
    contacts: list[Contact] = Field(default_factory=list, title="連絡の記録")
    current: CurrentActivity = Field(title="現在の状況")
    stage3: Stage3Wish | None = Field(None, title="3号での再来日")
    contact_interval_months: int | None = Field(
        None, ge=1, le=24, title="連絡の間隔（月）",
        description="省略すると6か月（formgen followup では --interval の値）")

    @model_validator(mode="after")
    def _contacts_after_return(self) -> FollowupRecord:
        for contact in self.contacts:
            if contact.date < self.return_date:
                raise field_error(f"連絡日（{contact.date}）が帰国日（{self.return_date}）より前です。",
                                  f"a contact ({contact.date}) is before the return ({self.return_date}).",
                                  "帰国後の連絡だけを記録してください。", "record contacts after the return only.")
        return self

    @property
    def last_contact(self) -> dt.date | None:
        return max((c.date for c in self.contacts), default=None)

    def print_values(self, today: dt.date) -> dict:
        """What the follow-up record form prints beside the fields: the next contact, the 3号 timeline."""
        from generator.followup import record_sheet

        return {"followup": record_sheet(self, today)}
