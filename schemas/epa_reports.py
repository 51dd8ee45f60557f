"""厚生労働省通知様式 event reports of an EPA candidate / EPA 介護福祉士 to JICWELS (seed 002:1982-2165,
table 2371-2381, form texts 4180-4381; 7-2 listed at 4001, not printed).

Every report shares `institution`, `facility`, `person` and `report_date` (MhlwReport). Cross-field
checks are field validators on the later field, so that a message points at the line to fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal, get_args

from pydantic import Field, ValidationInfo, computed_field, field_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.case import CaseFile
from schemas.parties import EpaPerson, Facility, Organisation
from schemas.types import Date, LongText, OneToFive, Text


def require_not_before(value: dt.date | None, earlier: dt.date | None, label: str, earlier_label: str,
                       en: str, earlier_en: str) -> dt.date | None:
    """Refuse `value` when it lies before `earlier` (both optional)."""
    if value is not None and earlier is not None and value < earlier:
        raise field_error(
            f"{label}（{value}）が{earlier_label}（{earlier}）より前です。",
            f"the {en} ({value}) is before the {earlier_en} ({earlier}).",
            f"{label}と{earlier_label}を確かめてください。",
            f"check the {en} and the {earlier_en}.",
        )
    return value


def require_not_after(value: dt.date | None, later: dt.date | None, label: str, later_label: str,
                      en: str, later_en: str, hint_ja: str, hint_en: str) -> dt.date | None:
    """Refuse `value` when it lies after `later` (both optional); `en` / `later_en` name them in English."""
    if value is not None and later is not None and value > later:
        raise field_error(
            f"{label}（{value}）が{later_label}（{later}）より後です。",
            f"{en} ({value}) is after {later_en} ({later}).",
            hint_ja,
            hint_en,
        )
    return value


def not_before_field(field: str, earlier: str, label: str, earlier_label: str, en: str, earlier_en: str):
    """A field validator: `field` may not lie before the model's earlier field `earlier`."""

    def check(value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return require_not_before(value, info.data.get(earlier), label, earlier_label, en, earlier_en)

    return field_validator(field)(check)


class MhlwReport(CaseFile):
    """The common part of the 厚労省 report kinds. Subclasses declare `report_date` last (so that its
    validator sees the event dates) and name their event dates in EVENT_DATES."""

    EVENT_DATES: ClassVar[tuple[tuple[str, str, str], ...]] = ()  # (field, 日本語, English)

    institution: Organisation = Field(title="受入れ機関")
    facility: Facility = Field(title="受入れ施設")
    person: EpaPerson = Field(title="候補者・介護福祉士")

    @field_validator("report_date", check_fields=False)
    @classmethod
    def _report_after_the_event(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        for name, label, en in cls.EVENT_DATES:
            require_not_before(value, info.data.get(name), "報告日", label, "report date", en)
        return value


def _report_date() -> Any:
    return Field(title="報告日", description="報告書に記載する日付")


STATUS_CHANGE_REASONS = {
    1: "特定活動の在留資格から、特定活動以外の在留資格の変更の許可を受けた",
    2: "特定活動以外の在留資格から、特定活動の在留資格への変更の許可を受けた",
    3: "受入れ施設の変更に伴い、在留資格の変更の許可を受けた",
    4: "受入れ機関の変更に伴い、在留資格の変更の許可を受けた",
    5: "その他",
}
"""様式4 在留許可の変更理由 (002:4192-4197); reason 1 corrected from 「特定活動以外の…」 (4193, cf. 2079-2081)."""

# which sub-fields each reason asks for (002:4193-4196)
REASON_FIELDS = {
    1: ("status_after",),
    2: ("status_before",),
    3: ("previous_facility_name",),
    4: ("labour_contract_date", "previous_institution_name", "previous_facility_name"),
    5: ("other_detail",),
}
REASON_FIELD_LABELS = {
    "status_after": "変更後の在留資格", "status_before": "変更前の在留資格",
    "previous_facility_name": "変更前の受入れ施設名称", "labour_contract_date": "労働契約締結日",
    "previous_institution_name": "変更前受入れ機関名称", "other_detail": "その他の内容",
}


class EpaStatusChange(MhlwReport, title="在留資格変更報告書（様式第4号）"):
    """在留資格変更報告書 (様式第4号): within 2 weeks of the permission (002:2073-2087, 2378-2381)."""

    kind: Literal["epa_status_change"] = Field(title="種類")
    permission_date: Date = Field(title="在留資格の変更の許可を受けた日")
    status_after: Text | None = Field(None, title="変更後の在留資格", description="理由1のとき（例: 日本人の配偶者等）")
    status_before: Text | None = Field(None, title="変更前の在留資格", description="理由2のとき")
    previous_facility_name: Text | None = Field(None, title="変更前の受入れ施設名称", description="理由3・4のとき")
    labour_contract_date: Date | None = Field(None, title="労働契約締結日", description="理由4のとき")
    previous_institution_name: Text | None = Field(None, title="変更前受入れ機関名称", description="理由4のとき")
    other_detail: Text | None = Field(None, title="その他の内容", description="理由5のとき")
    reason: OneToFive = Field(title="在留許可の変更理由", description="1〜5 の番号")
    report_date: Date = _report_date()

    EVENT_DATES = (("permission_date", "在留資格の変更の許可を受けた日", "permission date"),)

    @field_validator("reason")
    @classmethod
    def _reason_has_its_details(cls, value: int, info: ValidationInfo) -> int:
        wanted = REASON_FIELDS[value]
        missing = [n for n in wanted if info.data.get(n) is None]
        if missing:
            keys = ", ".join(f"{n}:" for n in missing)
            raise field_error(
                f"変更理由{value}のときは{'・'.join(REASON_FIELD_LABELS[n] for n in missing)}を書いてください。",
                f"reason {value} needs {', '.join(missing)}.",
                f"{keys} を追加してください（理由{value}:「{STATUS_CHANGE_REASONS[value]}」）。",
                f"add {keys} (reason {value}: {STATUS_CHANGE_REASONS[value]}).",
            )
        extra = [n for names in REASON_FIELDS.values() for n in names
                 if n not in wanted and info.data.get(n) is not None]
        if extra:
            raise field_error(
                f"変更理由{value}では{'・'.join(REASON_FIELD_LABELS[n] for n in extra)}は書きません。",
                f"reason {value} does not take {', '.join(extra)}.",
                "理由の番号か、余分な項目を確かめてください。",
                "check the reason number or remove the extra fields.",
            )
        return value

    @field_validator("labour_contract_date")
    @classmethod
    def _contract_not_after_permission(cls, value, info: ValidationInfo):
        return require_not_after(value, info.data.get("permission_date"), "労働契約締結日", "在留資格の変更の許可を受けた日",
                                 "the labour contract date", "the permission date",
                                 "受入れ機関の変更では、新しい労働契約を結んでから在留資格の変更許可を受けます。",
                                 "the new labour contract comes before the permission.")


class EpaDeath(MhlwReport, title="死亡報告書（様式第5-1号）"):
    """死亡報告書 (様式第5-1号): 直ちに after the death is confirmed (002:2023-2031, 2373)."""

    kind: Literal["epa_death"] = Field(title="種類")
    person: EpaPerson = Field(title="死亡した者")
    death_date: Date = Field(title="死亡日")
    confirmed_date: Date = Field(
        title="死亡を確認した日",
        json_schema_extra=not_printed("starts the 直ちに deadline (002:2373); the form prints only 死亡日"))
    circumstances: LongText = Field(title="死亡原因・経緯")
    report_date: Date = _report_date()

    EVENT_DATES = (("confirmed_date", "死亡を確認した日", "date the death was confirmed"),)

    @field_validator("death_date")
    @classmethod
    def _death_after_birth(cls, value, info: ValidationInfo):
        person = info.data.get("person")
        return require_not_before(value, person.birth_date if person else None, "死亡日", "生年月日",
                                  "death date", "birth date")

    _confirmed_after_death = not_before_field("confirmed_date", "death_date", "死亡を確認した日", "死亡日",
                                              "date the death was confirmed", "death date")


class EpaDisappearance(MhlwReport, title="失踪報告書（様式第5-2号）"):
    """失踪報告書 (様式第5-2号): within 2 weeks of discovery (002:2037-2043, 2374)."""

    kind: Literal["epa_disappearance"] = Field(title="種類")
    person: EpaPerson = Field(title="失踪した者")
    discovered_date: Date = Field(title="失踪発覚日")
    circumstances: LongText = Field(title="発覚の契機及び失踪状況等")
    immigration_office: Text | None = Field(None, title="地方入国管理局通報先", description="例: 東京出入国在留管理局")
    notified_date: Date | None = Field(None, title="通報日")
    report_date: Date = _report_date()

    EVENT_DATES = (("discovered_date", "失踪発覚日", "discovery date"),)

    _notified_after_discovery = not_before_field("notified_date", "discovered_date", "通報日", "失踪発覚日",
                                                 "notification date", "discovery date")


class EpaIllegalWork(MhlwReport, title="不法就労活動報告書（様式第5-3号）"):
    """不法就労活動報告書 (様式第5-3号): 速やかに (002:2035, 2045, 2375)."""

    kind: Literal["epa_illegal_work"] = Field(title="種類")
    discovered_date: Date = Field(title="不法就労活動が行われていると思料された日")
    details: LongText = Field(title="不法就労活動の内容及び発覚の契機")
    immigration_office: Text | None = Field(None, title="地方入国管理局通報先")
    notified_date: Date | None = Field(None, title="通報日")
    report_date: Date = _report_date()

    EVENT_DATES = (("discovered_date", "不法就労活動が行われていると思料された日", "discovery date"),)

    _notified_after_discovery = not_before_field("notified_date", "discovered_date", "通報日",
                                                 "不法就労活動が行われていると思料された日", "notification date",
                                                 "discovery date")


AfterStatus = Literal["帰国", "転職", "その他"]
AFTER_STATUSES: tuple[AfterStatus, ...] = get_args(AfterStatus)


class ContractEndFacts(CaseModel):
    """What 様式6-1 prints, from an epa_contract_end case or a return home that ends the contract."""

    end_date: dt.date
    reason: str
    after_status: AfterStatus
    new_employer_name: str | None = None
    new_employer_address: str | None = None
    after_detail: str | None = None


def require_after_details(after_status: str, new_employer_name, new_employer_address, after_detail) -> None:
    if after_status == "転職" and not (new_employer_name and new_employer_address):
        raise field_error("終了後の状況が「転職」のときは転職先の名称と住所（new_employer_name, "
                          "new_employer_address）を書いてください。",
                          "after a change of employer, write new_employer_name and new_employer_address.")
    if after_status == "その他" and not after_detail:
        raise field_error("終了後の状況が「その他」のときは内容（after_detail）を書いてください。",
                          "when the status after the end is その他, write after_detail.")


class EpaContractEnd(MhlwReport, title="雇用契約終了報告書（様式第6-1号）"):
    """雇用契約終了報告書 (様式第6-1号): after the decision, before the end date and within 2 weeks of
    the decision (002:2059-2063, 2376); also during 日本語研修 (2061)."""

    kind: Literal["epa_contract_end"] = Field(title="種類")
    decision_date: Date = Field(
        title="雇用契約の終了を決定した日",
        json_schema_extra=not_printed("starts the 2-week deadline (002:2376); the form prints only the end date"))
    end_date: Date = Field(title="雇用契約を終了させる日")
    reason: LongText = Field(title="雇用契約終了の理由")
    new_employer_name: Text | None = Field(None, title="転職先の名称")
    new_employer_address: Text | None = Field(None, title="転職先の住所")
    after_detail: Text | None = Field(None, title="その他の状況の内容")
    after_status: AfterStatus = Field(title="雇用契約終了後の状況", description="帰国・転職・その他")
    report_date: Date = _report_date()

    EVENT_DATES = (("decision_date", "雇用契約の終了を決定した日", "decision date"),)

    _end_after_decision = not_before_field("end_date", "decision_date", "雇用契約を終了させる日",
                                           "雇用契約の終了を決定した日", "contract end date", "decision date")

    @field_validator("after_status")
    @classmethod
    def _after_status_has_details(cls, value, info: ValidationInfo):
        require_after_details(value, info.data.get("new_employer_name"), info.data.get("new_employer_address"),
                              info.data.get("after_detail"))
        return value

    @computed_field
    @property
    def contract_end(self) -> ContractEndFacts:
        return ContractEndFacts(end_date=self.end_date, reason=self.reason, after_status=self.after_status,
                                new_employer_name=self.new_employer_name,
                                new_employer_address=self.new_employer_address, after_detail=self.after_detail)


class EpaExamResult(MhlwReport, title="介護福祉士国家試験合否結果報告書（様式第7-2号）"):
    """介護福祉士国家試験合否結果報告書 (様式第7-2号): within 2 weeks of the announcement (002:1548-1556,
    2047-2053, 2358). Listed at 4001, not printed: designed in the house style."""

    kind: Literal["epa_exam_result"] = Field(title="種類")
    exam_number: Text = Field(title="受験番号")
    exam_date: Date = Field(title="試験日", description="筆記試験の日")
    announcement_date: Date = Field(title="合格発表日")
    result: Literal["合格", "不合格"] = Field(title="合否結果")
    registration_date: Date | None = Field(None, title="介護福祉士登録日",
                                           description="登録証を受け取った場合（合格のときのみ）")
    next_step: LongText | None = Field(None, title="今後の予定", description="例: 在留資格変更許可申請の予定、再受験など")
    report_date: Date = _report_date()

    EVENT_DATES = (("announcement_date", "合格発表日", "announcement date"),)

    _announced_after_exam = not_before_field("announcement_date", "exam_date", "合格発表日", "試験日",
                                             "announcement date", "exam date")

    @field_validator("registration_date")
    @classmethod
    def _registered_after_passing(cls, value, info: ValidationInfo):
        if value is None:
            return value
        if info.data.get("result") == "不合格":
            raise field_error("不合格のときは介護福祉士登録日を書きません。",
                              "a failed exam has no registration date.",
                              "result か registration_date を確かめてください。", "check result or registration_date.")
        return require_not_before(value, info.data.get("announcement_date"), "介護福祉士登録日", "合格発表日",
                                  "registration date", "announcement date")
