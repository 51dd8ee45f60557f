"""How the web app names case kinds and parties to people: Japanese names, never the internal ids."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from schemas import KINDS
from schemas.epa_training_plan import FacilityTraining
from schemas.parties import EpaPerson, Facility, Organisation

KIND_TITLES: dict[str, tuple[str, str]] = {
    "epa_job_offer": ("EPA 求人登録（求人登録申請書・求人票・受入れ施設説明書）", "EPA job offer"),
    "epa_employment_contract": ("EPA 雇用契約書", "EPA employment contract"),
    "epa_return_home": ("帰国（帰国確認報告書）", "Return home"),
    "epa_status_change": ("在留資格変更報告書", "Change of residence status"),
    "epa_death": ("死亡報告書", "Death report"),
    "epa_disappearance": ("失踪報告書", "Disappearance report"),
    "epa_illegal_work": ("不法就労活動報告書", "Illegal work report"),
    "epa_contract_end": ("雇用契約終了報告書", "End of the employment contract"),
    "epa_exam_result": ("介護福祉士国家試験合否結果報告書", "National exam result"),
    "epa_annual_report": ("定期報告（施設ごと）", "Annual report (per facility)"),
    "jitco_airfare_advance": ("JITCO 帰国旅費立替払申請", "JITCO return airfare advance"),
    "jicwels_contracts": ("JICWELS との契約書（様式8・11）", "JICWELS contracts"),
    "epa_residence_record": ("在留の記録（期限のみ）", "Residence record (deadlines only)"),
    "technical_intern_plan": ("技能実習の計画（期限のみ）", "Technical intern plan (deadlines only)"),
    "score_supervising_org": ("優良要件の得点（監理団体）", "優良 score (supervising organisation)"),
    "score_implementer": ("優良要件の得点（実習実施者）", "優良 score (implementing organisation)"),
    "trainee": ("研修生（提出書類チェックリスト）", "Trainee (document checklist)"),
    "followup_record": ("帰国後フォローアップの記録", "Follow-up record"),
}
"""Each kind's name as the office says it (every kind in schemas.KINDS has one: a test checks)."""


def kind_title(kind: str | None, lang: str = "ja") -> str:
    if kind not in KIND_TITLES:
        return kind or "—"
    ja, en = KIND_TITLES[kind]
    return en if lang == "en" else ja


PARTY_MODELS: tuple[tuple[type[BaseModel], str, str], ...] = (
    (Facility, "施設", "facility"),
    (Organisation, "受入れ機関・団体", "organisation"),
    (FacilityTraining, "施設の研修計画", "facility training plan"),
    (EpaPerson, "人（EPA 候補者・介護福祉士）", "person (EPA candidate)"),
)
"""What a parties file can be, and the case fields it can stand for (a field whose model is, or
extends, one of these: a job offer's facility is a Facility plus what the job offer asks of it)."""


def party_base(model: type[BaseModel]) -> type[BaseModel] | None:
    return next((base for base, _ja, _en in PARTY_MODELS if issubclass(model, base)), None)


def party_type_title(base: type[BaseModel] | None, lang: str = "ja") -> str:
    for model, ja, en in PARTY_MODELS:
        if model is base:
            return en if lang == "en" else ja
    return "—"


def classify_party(data: object) -> type[BaseModel] | None:
    """The party model a parties file's data is: the one that accepts it, else the one whose fields
    hold all its keys (a file with a mistake is still listed under its type)."""
    if not isinstance(data, dict):
        return None
    for model, _ja, _en in PARTY_MODELS:
        try:
            model.model_validate(data)
            return model
        except ValidationError:
            continue
    fitting = [m for m, _ja, _en in PARTY_MODELS if set(data) <= set(m.model_fields)]
    return min(fitting, key=lambda m: len(m.model_fields)) if fitting else None


def case_kinds() -> list[str]:
    return [kind for kind in KINDS]
