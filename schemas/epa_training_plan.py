"""The training documents of a facility's job registration (seed 002:2986-3381):
介護研修計画書 (様式4-2), 研修実施体制説明書 (様式5) and 研修責任者職歴証明書 (様式6-2).

A facility of an `epa_job_offer` case carries them under `training:`; every facility needs them
(002:437, 3175; generator/requirements/epa.py EPA-TRAINING-DOCS). The countries the forms name (the
candidates' language, nationality, sending body) are the facility's `countries` in the job offer, so
one training file may serve a facility registered for any of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field, computed_field, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.parties import Country
from schemas.types import Count, Date, LongText, Percent, Text, Yen

MaterialChoice = Literal["配置し、貸出を可とする", "配置し、貸出を不可とする", "給付する"]
MATERIAL_OPTIONS: tuple[MaterialChoice, ...] = get_args(MaterialChoice)


class Trainer(CaseModel):
    name: Text = Field(title="氏名")
    qualification: Text = Field(title="資格", description="例: 介護福祉士")
    notes: Text | None = Field(None, title="特記事項", description="英会話能力がある場合など（3133）")


class Session(CaseModel):
    """A training held within working hours (paid, 3013) or outside them (free to attend, 3029)."""

    content: Text = Field(title="内容")
    times: Text = Field(title="回数", description="例: 月1回")
    hours_each: float = Field(title="1回あたり約（時間）", gt=0, le=24)
    own_cost: Yen | None = Field(None, title="本人負担（円）", description="勤務時間外の研修のみ")


class Method(CaseModel):
    method: LongText = Field(title="研修方法")
    notes: LongText | None = Field(None, title="特記事項")


class MentalHealthItem(CaseModel):
    content: Text = Field(title="内容")
    frequency: Text = Field(title="頻度", description="例: 月1回")
    times: Count = Field(title="回数（年間）")


class MentalHealth(CaseModel):
    items: list[MentalHealthItem] = Field(title="内容", min_length=1, max_length=5)
    internet_at_home: bool = Field(title="住居にインターネット環境を整備する")
    internet_fee_payer: Text | None = Field(None, title="使用料の負担", description="例: 施設負担")
    notes: LongText | None = Field(None, title="特記事項")


class CarePlan(CaseModel):
    """介護研修計画書 (様式4-2), 002:2986-3063."""

    responsible: Trainer = Field(title="研修責任者")
    supporters: list[Trainer] = Field(title="研修支援者", min_length=1, max_length=3)
    sessions_in_hours: list[Session] = Field(title="勤務時間内の研修", min_length=1, max_length=4)
    sessions_outside_hours: list[Session] = Field(default_factory=list, title="勤務時間外の研修", max_length=4)
    written_exam: Method = Field(title="国家試験科目（筆記試験科目）")
    practical_exam: Method = Field(title="国家試験科目（実技試験科目）")
    japanese: Method = Field(title="日本語学習")
    adaptation: Method = Field(title="職場への適応促進・日本の生活習慣の習得")
    mental_health: MentalHealth = Field(title="候補者へのメンタルヘルスケア等")
    other: Method | None = Field(None, title="その他")


class Course(CaseModel):
    """A row block of 様式5 §1-2: who runs the training, how often, for which level."""

    type: Text = Field(title="種別", description="例: 施設内研修・外部講師")
    content: Text | None = Field(None, title="専門科目の内容", description="専門科目のみ")
    provider: Text = Field(title="実施主体")
    frequency: Text = Field(title="頻度、時間数、回数")
    level_and_period: Text = Field(title="対象レベル、実施期間")
    cost_and_subsidy: Text | None = Field(None, title="受講費用、うち受入れ機関からの費用助成(率、上限)",
                                          description="勤務時間外のみ")
    subsidy_conditions: Text | None = Field(None, title="その他費用助成の条件", description="勤務時間外のみ")
    remarks: Text | None = Field(None, title="備考")


class Subsidy(CaseModel):
    name: Text = Field(title="学校名・団体名・助成内容")
    percent: Percent = Field(title="費用総額の %を助成", le=100)



class Materials(CaseModel):
    """4. 自己学習のための教材の配置 (3303-3326): for each, one of the three choices, or none."""

    past_papers: MaterialChoice | None = Field(None, title="資格試験対策の過去・模擬問題集等を")
    reference_books: MaterialChoice | None = Field(None, title="試験科目の参考書を")
    dictionaries: MaterialChoice | None = Field(None, title="試験科目関連分野の辞書を")
    electronic_dictionary: MaterialChoice | None = Field(None, title="電子辞書(英和辞典や和英辞典、国語辞典等)を")
    own_materials: MaterialChoice | None = Field(None, title="施設が独自に作成した自習用教材を")
    e_learning_pc: MaterialChoice | None = Field(None, title="e-ラーニングのためのネットを使用できるPC等の機器を")
    other: Text | None = Field(None, title="その他（教材名）")
    other_choice: MaterialChoice | None = Field(None, title="その他（配置の方法）")


LANGUAGE_TEST = "語学技能検定"


class LanguageQualification(CaseModel):
    name: Literal["実用英語技能検定", "TOEICスコア", "TOEFLスコア", "国際連合公用語・英語検定(国連英検)",
                  "語学技能検定", "その他資格"] = Field(
        title="資格", description="語学技能検定 は候補者の国の言語の資格（インドネシア: インドネシア語技能検定）")
    country: Country | None = Field(
        None, title="言語の国", description="語学技能検定がどの国の候補者の言語か。施設が1か国だけに求人登録するなら省略可")
    other_name: Text | None = Field(
        None, title="資格の名称",
        description="その他資格の名称。フィリピン・ベトナムの語学技能検定も名称を書く（手引きに名称がないため）")
    grade_or_score: Text = Field(title="級・点")
    obtained: Date = Field(title="取得年月", description="日は 1 日と書いてください（年月のみ印刷）")


class ForeignStaffCount(CaseModel):
    total: Count = Field(title="人数")
    of_country: Count | None = Field(
        None, title="うち候補者の国籍の人数", description="1か国だけに求人登録する施設の、うちその国籍の人数",
        json_schema_extra=not_printed("様式5 prints it through per_country"))
    by_country: dict[Country, Count] = Field(
        default_factory=dict, title="うち国ごとの人数",
        description="複数国に求人登録する施設の、国ごとの人数（例: {インドネシア: 2, ベトナム: 0}）",
        json_schema_extra=not_printed("様式5 prints it through per_country"))

    @property
    def per_country(self) -> int | dict[Country, int]:
        """The count of the facility's one country, or the count of each of its countries."""
        return self.by_country if self.by_country else (self.of_country or 0)

    @model_validator(mode="after")
    def _part_within_total(self) -> ForeignStaffCount:
        if self.of_country is not None and self.by_country:
            raise field_error("of_country と by_country の両方が書かれています。",
                              "both of_country and by_country are given.",
                              "1か国なら of_country、複数国なら by_country のどちらか一方を書いてください。",
                              "write of_country for one country or by_country for several, not both.")
        part = sum(self.by_country.values()) if self.by_country else (self.of_country or 0)
        if part > self.total:
            raise field_error(f"うち同国籍（{part}人）が全体（{self.total}人）を超えています。",
                              f"the count of the candidates' nationalities ({part}) exceeds the total ({self.total}).")
        return self


class TrainingSystem(CaseModel):
    """研修実施体制説明書 (様式5), 002:3167-3359."""

    specialist_in_hours: Course = Field(title="勤務時間内の専門科目の研修体制")
    specialist_outside_hours: Course | None = Field(None, title="勤務時間外の専門科目の研修体制")
    japanese_in_hours: Course = Field(title="勤務時間内の日本語研修体制")
    japanese_outside_hours: Course | None = Field(None, title="勤務時間外の日本語研修体制")
    japanese_school_subsidy: Subsidy | None = Field(None, title="日本語学校への入学の費用助成")
    university_subsidy: Subsidy | None = Field(None, title="大学留学センター・留学生別科への入学の費用助成")
    volunteer_class_subsidy: Subsidy | None = Field(None, title="日本語ボランティア教室・サークル等への参加費用助成")
    other_subsidy: Subsidy | None = Field(None, title="その他の費用助成")
    community: list[Literal["行事の際、施設を地域に開放", "地域の学校との交流", "地域の行事に参加",
                            "施設の一部を地域交流の場として開放", "ホームステイを実施", "地域ボランティアの受入"]] = Field(
        default_factory=list, title="地域交流の有無")
    community_other: Text | None = Field(None, title="地域交流（その他）")
    study_period: Text = Field(title="自己学習時間の単位", description="例: 1週間（「1週間の勤務時間40時間のうち…」）")
    study_working_hours: float = Field(title="勤務時間（時間）", gt=0)
    study_hours: float = Field(title="自己学習に充てる時間（時間）", ge=0)
    study_places: list[Literal["施設内の一室(会議室・相談室など)を利用", "寮の共有スペースを利用"]] = Field(
        default_factory=list, title="自己学習のための場所")
    study_place_other: Text | None = Field(None, title="自己学習の場所（その他）")
    materials: Materials = Field(title="自己学習のための教材の配置")
    new_staff_training_days: Count | None = Field(None, title="新任従業員に対する研修・実施日数")
    new_staff_training_times: Count | None = Field(None, title="新任従業員に対する研修・年間実施回数")
    all_staff_training_days: Count | None = Field(None, title="すべての従業員に対する研修・実施日数")
    all_staff_training_times: Count | None = Field(None, title="すべての従業員に対する研修・年間実施回数")
    meetings: list[Literal["サービス担当者会議", "ケース検討会議"]] = Field(
        default_factory=list, title="候補者をチームの一員として参加させる会議")
    meeting_other: Text | None = Field(None, title="参加させるその他の会議")
    language_staff: Text | None = Field(None, title="語学能力を有する研修責任者・研修支援者",
                                        description="例: 研修支援者（介護主任）")
    language_experience: list[Literal["留学経験", "業務経験", "英語圏への留学経験", "英語で業務を行った経験"]] = Field(
        default_factory=list, title="語学使用経験", description="留学経験・業務経験は候補者の国の言語について")
    language_experience_other: Text | None = Field(None, title="語学使用経験（その他）")
    language_qualifications: list[LanguageQualification] = Field(default_factory=list, title="保有語学資格",
                                                                max_length=6)
    nursing_practicum: bool = Field(False, title="看護師学校養成所の臨地実習の受入れを行っている")
    care_practicum: bool = Field(False, title="介護福祉士養成施設の介護実習の受入れを行っている")
    foreign_staff_as_of: Date = Field(title="受入れ実績の時点", description="「現状：YYYY年M月時点」の年月")
    epa_nurse_candidates: ForeignStaffCount = Field(title="EPAに基づく外国人看護師候補者")
    epa_care_candidates: ForeignStaffCount = Field(title="EPAに基づく外国人介護福祉士候補者")
    epa_nurses: ForeignStaffCount = Field(title="EPAに基づく外国人看護師")
    epa_care_workers: ForeignStaffCount = Field(title="EPAに基づく外国人介護福祉士")
    non_epa_care_staff: ForeignStaffCount = Field(title="EPA以外の外国人看護・介護職員")
    non_epa_workers: ForeignStaffCount = Field(title="EPA以外の外国人労働者(看護・介護分野を除く)")
    past_record: LongText | None = Field(None, title="過去の実績")

    def staff_counts(self) -> list[tuple[str, ForeignStaffCount]]:
        return [(name, getattr(self, name)) for name in STAFF_COUNTS]

    @model_validator(mode="after")
    def _study_hours_within_working_hours(self) -> TrainingSystem:
        if self.study_hours > self.study_working_hours:
            raise field_error(
                f"自己学習に充てる時間（{self.study_hours:g}時間）が勤務時間（{self.study_working_hours:g}時間）を超えています。",
                f"the self-study hours ({self.study_hours:g}) exceed the working hours ({self.study_working_hours:g}).",
                "study_hours は study_working_hours のうちの時間です。", "study_hours is part of study_working_hours.")
        return self


STAFF_COUNTS = ("epa_nurse_candidates", "epa_care_candidates", "epa_nurses", "epa_care_workers",
                "non_epa_care_staff", "non_epa_workers")
"""§7 これまでの外国人労働者の受入れ実績 (3350-3358), each with 「うち○○人」."""


class Career(CaseModel):
    employer: Text = Field(title="勤務先名称")
    duties: Text = Field(title="業務内容")
    start: Date = Field(title="業務期間（から）", description="年月のみ印刷します")
    end: Date | None = Field(None, title="業務期間（まで）", description="現職は省略（証明日現在）")


def months_between(start: dt.date, end: dt.date) -> int:
    """Months of a career row, counting both the first and the last month (2015年4月から2018年3月まで = 36)."""
    return (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1


class CareerCertificate(CaseModel):
    """研修責任者職歴証明書 (様式6-2), 002:3361-3381."""

    name: Text = Field(title="氏名")
    registration_date: Date = Field(title="介護福祉士登録年月日")
    registration_number: Text = Field(title="登録番号")
    careers: list[Career] = Field(title="職歴", min_length=1, max_length=5,
                                  description="1件目が現職（まで を省略）、以下古い順に")
    as_of: Date = Field(title="現在（証明の基準日）", description="現職の「年 月現在」")

    @computed_field(title="合計月数")
    @property
    def total_months(self) -> int:
        return sum(months_between(c.start, c.end or self.as_of) for c in self.careers)

    @computed_field(title="合計（年）")
    @property
    def total_years_part(self) -> int:
        return self.total_months // 12

    @computed_field(title="合計（か月）")
    @property
    def total_months_part(self) -> int:
        return self.total_months % 12

    @model_validator(mode="after")
    def _periods_in_order(self) -> CareerCertificate:
        for index, career in enumerate(self.careers):
            end = career.end or self.as_of
            if end < career.start:
                raise field_error(
                    f"職歴{index + 1}件目の期間が逆です（{career.start} から {end} まで）。",
                    f"career {index + 1} ends before it starts ({career.start} to {end}).")
            if index and career.end is None:
                raise field_error(
                    f"職歴{index + 1}件目に「まで」（end）がありません。現職は1件目に書いてください。",
                    f"career {index + 1} has no end: only the first (current) post may omit it.")
        return self


class FacilityTraining(CaseModel):
    """The training documents of one facility (様式4-2, 5, 6-2)."""

    submission_date: Date = Field(title="提出日")
    care_plan: CarePlan = Field(title="介護研修計画書")
    system: TrainingSystem = Field(title="研修実施体制説明書")
    responsible_career: CareerCertificate = Field(title="研修責任者職歴証明書")
