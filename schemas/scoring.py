"""優良要件 score records: the raw figures of a 監理団体 or a 実習実施者, read by `formgen score FILE`.

The points are not stored here: generator/scoring.py computes them from these figures with the tables
of seed 001_1fdeeed8bbae3b1d.txt:42-241; `formgen build` prints them as the score sheet
(forms/otit-score, `print_values`).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.case import CaseFile
from schemas.types import Count, Date, Percent, Text, Yen

_READ_BY_SCORE = not_printed("scored by generator/scoring.py; the score sheet prints the measured value of each item")


class ScoreRecord(CaseFile):
    """What both score records share: the score sheet their forms print."""

    PRINTED_VALUES: ClassVar[tuple[str, ...]] = ("score_sheet",)

    def print_values(self, today) -> dict:
        from generator.scoring import score_sheet

        return {"score_sheet": score_sheet(self)}


class ExamRecord(CaseModel):
    """基礎級程度の学科・実技試験 (001:68-74, 173-179): who sat and who passed, in the past 3 years."""

    examinees: Count = Field(title="受検者数")
    passers: Count = Field(title="合格者数", description="学科試験及び実技試験の両方に合格した人数")

    @model_validator(mode="after")
    def _passers_within_examinees(self) -> ExamRecord:
        if self.passers > self.examinees:
            raise field_error(f"合格者数（{self.passers}）が受検者数（{self.examinees}）を超えています。",
                              f"passers ({self.passers}) exceed examinees ({self.examinees}).")
        return self


class PracticalExamRecord(CaseModel):
    """2・3級程度の実技試験の合格率の計算材料 (001:191-194)."""

    completers: Count = Field(title="2号・3号修了者数", description="新技能実習生の第2号・第3号修了者数")
    unavoidable_non_examinees: Count = Field(0, title="やむを得ない不受検者数")
    old_system_examinees: Count = Field(0, title="旧技能実習生の受検者数")
    grade3_passers: Count = Field(0, title="3級合格者数")
    grade2_passers: Count = Field(0, title="2級合格者数")

    @model_validator(mode="after")
    def _denominator_not_negative(self) -> PracticalExamRecord:
        if self.unavoidable_non_examinees > self.completers:
            raise field_error("やむを得ない不受検者数が2号・3号修了者数を超えています。",
                              "unavoidable non-examinees exceed the completers.")
        return self


class Violations(CaseModel):
    """法令違反・問題の発生状況 (001:127-145, 226-233): the past 3 years."""

    improvement_order: Literal["なし", "改善実施", "改善未実施"] = Field(
        "なし", title="改善命令", description="直近過去3年以内の改善命令（旧制度の相当する行政指導を含む）")
    interns: Count = Field(title="技能実習生数", description="直近過去3年以内に受け入れた（監理した）技能実習生の数（失踪の割合の分母）")
    disappeared: Count = Field(0, title="失踪者数")
    culpable_disappearance: bool = Field(False, title="責めによるべき失踪")


class SupervisingStructure(CaseModel):
    """監理団体 ① 監査その他の業務を行う体制 (001:56-65)."""

    audit_manual: bool = Field(title="監査マニュアルの策定・周知")
    full_time_staff: Count = Field(title="監理事業に関与する常勤の役職員数")
    implementers: Count = Field(title="実習監理を行う実習実施者数")
    audit_staff: Count = Field(title="監査担当職員数", description="監理責任者以外の、監査を担当する職員")
    audit_staff_trained: Count = Field(title="うち過去3年以内の講習受講者数")
    implementer_support: bool = Field(title="実習実施者の責任者・指導員等への毎年の支援")
    followup_cooperation: bool = Field(title="帰国後のフォローアップ調査への協力")
    pre_interview: bool = Field(title="送出国での事前面接")
    employment_tracking: bool = Field(title="送出機関と連携した帰国後の就職先の把握",
                                      description="formgen followup の把握率が裏付けになります")

    @model_validator(mode="after")
    def _trained_within_staff(self) -> SupervisingStructure:
        if self.audit_staff_trained > self.audit_staff:
            raise field_error("講習受講者数が監査担当職員数を超えています。",
                              "trained staff exceed the audit staff.")
        return self


class SupervisingResults(CaseModel):
    """監理団体 ② 技能等の修得等に係る実績 (001:66-116)."""

    basic_exam: ExamRecord = Field(title="基礎級程度の学科・実技試験（過去3年間）")
    practical_exam: PracticalExamRecord = Field(title="2・3級程度の実技試験（過去3年間）")
    written_exam_implementers: Count = Field(
        0, title="2・3級程度の学科試験の合格者を輩出した実習実施者数")
    exam_cooperation_implementers: Count = Field(0, title="技能検定等の実施に協力した実習実施者数")


class SupervisingViolations(Violations):
    implementers_revoked: Count = Field(0, title="計画認定を取り消された実習実施者数")
    implementers_improvement_ordered: Count = Field(0, title="改善命令を受けた実習実施者数")


class SupervisingConsultation(CaseModel):
    """監理団体 ④ 相談・支援体制 (001:147-150)."""

    mother_tongue_manual: bool = Field(title="母国語相談・支援のマニュアル策定・周知")
    transfer_registration: bool = Field(title="実習継続が困難な実習生の受入れ協力の機構への登録")
    transfer_accepted: bool = Field(title="過去3年以内の実習継続困難者の受入れ")


class SupervisingCommunity(CaseModel):
    """監理団体 ⑤ 地域社会との共生 (001:151-154)."""

    japanese_support: bool = Field(title="日本語学習を支援する実習実施者への支援")
    exchange_support: bool = Field(title="地域社会との交流をアレンジする実習実施者への支援")
    culture_support: bool = Field(title="日本文化を学ぶ機会をアレンジする実習実施者への支援")


class SupervisingOrgScore(ScoreRecord, title="優良な監理団体の要件（得点の計算）"):
    """優良な監理団体の要件の計算材料 (001:44-154)."""

    kind: Literal["score_supervising_org"] = Field(title="種類")
    organisation: Text = Field(title="監理団体名")
    as_of: Date = Field(title="基準日")
    structure: SupervisingStructure = Field(title="①監査その他の業務を行う体制", json_schema_extra=_READ_BY_SCORE)
    results: SupervisingResults = Field(title="②技能等の修得等に係る実績", json_schema_extra=_READ_BY_SCORE)
    violations: SupervisingViolations = Field(title="③法令違反・問題の発生状況", json_schema_extra=_READ_BY_SCORE)
    consultation: SupervisingConsultation = Field(title="④相談・支援体制", json_schema_extra=_READ_BY_SCORE)
    community: SupervisingCommunity = Field(title="⑤地域社会との共生", json_schema_extra=_READ_BY_SCORE)


class ImplementerResults(CaseModel):
    """実習実施者 ① 技能等の修得等に係る実績 (001:171-210)."""

    basic_exam: ExamRecord = Field(title="基礎級程度の学科・実技試験（過去3年間）")
    practical_exam: PracticalExamRecord = Field(title="2・3級程度の実技試験（過去3年間）")
    written_exam_passers: Count = Field(0, title="2・3級程度の学科試験の合格者数")
    exam_cooperation: bool = Field(False, title="技能検定等の実施への協力")


class ImplementerStructure(CaseModel):
    """実習実施者 ② 技能実習を行わせる体制 (001:211-220)."""

    instructors: Count = Field(title="技能実習指導員数")
    instructors_trained: Count = Field(title="うち過去3年以内の講習受講者数")
    life_instructors: Count = Field(title="生活指導員数")
    life_instructors_trained: Count = Field(title="うち過去3年以内の講習受講者数（生活指導員）")


class ImplementerTreatment(CaseModel):
    """実習実施者 ③ 技能実習生の待遇 (001:221-225)."""

    lowest_stage1_hourly_wage: Yen = Field(title="第1号技能実習生の基本給の最低額（時間額）")
    minimum_wage: Yen = Field(title="地域別最低賃金（時間額）")
    raise_rate_percent: Percent = Field(title="各段階ごとの昇給率（%）", description="最も低い段階の昇給率")


class ImplementerConsultation(CaseModel):
    """実習実施者 ⑤ 相談・支援体制 (001:234-237)."""

    mother_tongue_manual: bool = Field(title="母国語相談・支援のマニュアル策定・周知")
    mother_tongue_counsellors: bool = Field(title="全ての母国語で相談できる相談員の確保")
    transfer_accepted: bool = Field(title="過去3年以内の実習継続困難者の受入れ")


class ImplementerCommunity(CaseModel):
    """実習実施者 ⑥ 地域社会との共生 (001:238-241)."""

    japanese_support: bool = Field(title="日本語学習の支援")
    exchange_support: bool = Field(title="地域社会との交流の機会")
    culture_support: bool = Field(title="日本文化を学ぶ機会")


class ImplementerScore(ScoreRecord, title="優良な実習実施者の要件（得点の計算）"):
    """優良な実習実施者の要件の計算材料 (001:158-241)."""

    kind: Literal["score_implementer"] = Field(title="種類")
    organisation: Text = Field(title="実習実施者名")
    as_of: Date = Field(title="基準日")
    results: ImplementerResults = Field(title="①技能等の修得等に係る実績", json_schema_extra=_READ_BY_SCORE)
    structure: ImplementerStructure = Field(title="②技能実習を行わせる体制", json_schema_extra=_READ_BY_SCORE)
    treatment: ImplementerTreatment = Field(title="③技能実習生の待遇", json_schema_extra=_READ_BY_SCORE)
    violations: Violations = Field(title="④法令違反・問題の発生状況", json_schema_extra=_READ_BY_SCORE)
    consultation: ImplementerConsultation = Field(title="⑤相談・支援体制", json_schema_extra=_READ_BY_SCORE)
    community: ImplementerCommunity = Field(title="⑥地域社会との共生", json_schema_extra=_READ_BY_SCORE)
