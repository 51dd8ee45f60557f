"""Checks of a set of cases: the same person, facility or job written differently in two case files.

A job offer, the employment contract and the reports of one facility are separate case files, built
one by one; what they say about the same thing must agree. Each rule is a `SetRule` row (id, rule text,
source) with a test that finds `Conflict`s between valid cases; every case a conflict names is refused
at its own field, and the message names the other file and line. A case may record a reasoned
exception (`exceptions: [{rule: ID, reason: …}]`) that turns its side of the conflict into a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.messages import Msg
from generator.problems import Problem
from generator.subject import PEOPLE_PATHS, PERSON_PATHS

S002 = "002_e5f9a0dfd8ef1d48.txt"


@dataclass(frozen=True)
class Place:
    """A field of one case: where a conflict shows."""

    case: Any  # generator.cases.CheckedCase
    path: tuple
    label: str
    value: str

    @property
    def where(self) -> str:
        position = self.case.loaded.position_of(self.path) if self.case.loaded else None
        return str(position) if position else str(self.case.source.path)


@dataclass(frozen=True)
class Conflict:
    places: tuple[Place, ...]
    about: Msg  # what both sides are about: 「特別養護老人ホームさくら苑の基本給」


@dataclass(frozen=True)
class SetRule:
    id: str
    source: str
    text: Msg
    test: Callable[[list], Iterable[Conflict]]

    def __call__(self, checked: list) -> list[Problem]:
        problems = []
        for conflict in self.test([c for c in checked if c.case is not None]):
            for place in conflict.places:
                problem = self._problem(place, [o for o in conflict.places if o is not place], conflict.about)
                place.case.refuse(problem)
                problems.append(problem)
        return problems

    def _problem(self, place: Place, others: list[Place], about: Msg) -> Problem:
        told = "、".join(f"{o.where} では「{o.value}」" for o in others)
        told_en = ", ".join(f"'{o.value}' in {o.where}" for o in others)
        detail = Msg(f"{about.ja}が「{place.value}」ですが、{told}です。", f"{about.en} is '{place.value}' here but {told_en}.")
        severity = "error"
        excepted = {e.rule: e.reason for e in getattr(place.case.case, "exceptions", [])}
        if self.id in excepted:
            severity = "warning"
            detail = Msg(f"{detail.ja}（例外として届出: {excepted[self.id]}）",
                         f"{detail.en} (recorded exception: {excepted[self.id]})")
        from generator.validate import masked

        problem = Problem(detail, place.case.loaded.position_of(place.path) if place.case.loaded else None,
                          place.path, place.label, hint=self.text, severity=severity, rule=f"{self.id} {self.source}")
        return masked([problem], place.case.loaded.data if place.case.loaded else {})[0]


# ── reading the cases ──────────────────────────────────────────────────────────────────────────────

def _get(item: object, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def same_name(text: object) -> str:
    """Names compared as a reader would: full-width/half-width, spaces and case do not count."""
    return re.sub(r"[\s　・･.]", "", unicodedata.normalize("NFKC", str(text or ""))).casefold()


def of_kind(checked: list, kind: str) -> list:
    return [c for c in checked if c.kind == kind]


def _yen(value: int) -> str:
    return f"{value:,}円"


# ── 1. the contract keeps the job offer's pay (002:707, 721; 410, 990) ─────────────────────────────

def _allowance_key(name: object) -> str:
    key = same_name(name)
    return key[:-2] if key.endswith("手当") and len(key) > 2 else key


YEN = re.compile(r"([0-9０-９][0-9０-９,，]*)\s*円")


def _first_yen(text: object) -> int | None:
    found = YEN.search(unicodedata.normalize("NFKC", str(text or "")))
    return int(found.group(1).replace(",", "")) if found else None


def _offer_facilities(offer) -> Iterator[tuple[int, Any]]:
    yield from enumerate(offer.case.facilities)


def _same_workplace(contract, offer, facility) -> bool:
    return (same_name(contract.case.facility.name) == same_name(facility.name)
            and same_name(contract.case.employer.name) == same_name(offer.case.institution.name))


def _pay_conflicts(contract, offer, index: int, facility) -> Iterator[Conflict]:
    wages, where = facility.wages, ("facilities", index, "wages")
    name = facility.name
    pay = contract.case.base_pay
    if pay.basis == wages.pay_form and pay.amount < wages.base_amount:
        yield Conflict((
            Place(contract, ("base_pay", "amount"), "基本給", _yen(pay.amount)),
            Place(offer, where + ("base_amount",), "基本給", f"{_yen(wages.base_amount)}以上")),
            Msg(f"{name}の基本給（{pay.basis}）", f"the base pay ({pay.basis}) at {name}"))
    contract_fixed = {_allowance_key(a.name): (i, a) for i, a in enumerate(contract.case.fixed_allowances)}
    for number, promised in enumerate(wages.fixed_allowances):
        found = contract_fixed.get(_allowance_key(promised.name))
        given = found[1].amount if found and found[1].amount is not None else 0
        if given < promised.amount:
            path = ("fixed_allowances", found[0], "amount") if found else ("fixed_allowances",)
            yield Conflict((
                Place(contract, path, "毎月固定的に支払われる手当", _yen(given) if found else "なし"),
                Place(offer, where + ("fixed_allowances", number, "amount"), "毎月固定的に支払われる手当",
                      _yen(promised.amount))),
                Msg(f"{name}の{promised.name}（月額）", f"the monthly {promised.name} at {name}"))
    contract_variable = {_allowance_key(a.name): (i, a) for i, a in enumerate(contract.case.variable_allowances)}
    for number, promised in enumerate(wages.variable_allowances):
        offered = _first_yen(promised.description)
        found = contract_variable.get(_allowance_key(promised.name))
        if offered is None or found is None:
            continue
        given = found[1].amount if found[1].amount is not None else _first_yen(found[1].method)
        if given is not None and given < offered:
            yield Conflict((
                Place(contract, ("variable_allowances", found[0], "amount"), "毎月支払額が変動する手当", _yen(given)),
                Place(offer, where + ("variable_allowances", number, "description"), "毎月支払額が変動する手当",
                      str(promised.description))),
                Msg(f"{name}の{promised.name}", f"the {promised.name} at {name}"))


def _offer_of(contract, offers: list) -> list:
    """The job offer a contract was made under: of the offers for its workplace, the last one applied for on
    or before the contract date (an office registers a new offer each year, often with new pay); all of them
    when none was applied for before it."""
    before = [(o, i, f) for o, i, f in offers if o.case.application_date <= contract.case.contract_date]
    if not before:
        return offers
    latest = max(o.case.application_date for o, _, _ in before)
    return [(o, i, f) for o, i, f in before if o.case.application_date == latest]


def contract_below_offer(checked: list) -> Iterator[Conflict]:
    for contract in of_kind(checked, "epa_employment_contract"):
        offers = [(offer, index, facility) for offer in of_kind(checked, "epa_job_offer")
                  for index, facility in _offer_facilities(offer) if _same_workplace(contract, offer, facility)]
        for offer, index, facility in _offer_of(contract, offers):
            yield from _pay_conflicts(contract, offer, index, facility)


# ── 2. one person, one birth date ─────────────────────────────────────────────────────────────────

def _people(checked_case) -> Iterator[tuple[tuple, Any]]:
    case = checked_case.case
    for path in PERSON_PATHS:
        person = _get(case, path)
        if person is not None and not isinstance(person, str):
            yield (path,), person
            break
    for list_path, inner in PEOPLE_PATHS:
        for index, item in enumerate(_get(case, list_path) or ()):
            person = _get(item, inner)
            if person is not None:
                yield (list_path, index, inner), person


def _identities(person) -> set[tuple]:
    keys: set[tuple] = set()
    card = _get(person, "residence_card_number")
    if card:
        keys.add(("card", same_name(card)))
    name, alphabet = _get(person, "name"), _get(person, "name_alphabet")
    if name and alphabet:
        keys.add(("name", same_name(name), same_name(alphabet)))
    return keys


def one_birth_date(checked: list) -> Iterator[Conflict]:
    seen: dict[tuple, list[tuple[Any, tuple, Any]]] = {}
    for item in checked:
        for path, person in _people(item):
            if _get(person, "birth_date") is None:
                continue
            for key in _identities(person):
                seen.setdefault(key, []).append((item, path, person))
    reported: set[tuple] = set()
    for entries in seen.values():
        for number, (first, first_path, first_person) in enumerate(entries):
            for second, second_path, second_person in entries[number + 1:]:
                pair = (id(first), first_path, id(second), second_path)
                if (first is second or first_person.birth_date == second_person.birth_date or pair in reported):
                    continue
                reported.add(pair)
                yield Conflict((
                    Place(first, first_path + ("birth_date",), "生年月日", first_person.birth_date.isoformat()),
                    Place(second, second_path + ("birth_date",), "生年月日", second_person.birth_date.isoformat())),
                    Msg(f"{first_person.name}（同じ人）の生年月日", f"the birth date of {first_person.name} (the same person)"))


# ── 3. the 研修責任者's 介護福祉士登録年: 様式6-2 and the annual report ────────────────────────────

REGISTERED_YEAR = re.compile(r"(\d{4})\s*年\s*登録")


def _registered_year(career: object) -> int | None:
    found = REGISTERED_YEAR.search(unicodedata.normalize("NFKC", str(career or "")))
    return int(found.group(1)) if found else None


def one_registration_year(checked: list) -> Iterator[Conflict]:
    for report in of_kind(checked, "epa_annual_report"):
        manager = report.case.facility_status.training_manager
        year = _registered_year(manager.career) if manager is not None else None
        if year is None:
            continue
        for offer in of_kind(checked, "epa_job_offer"):
            for index, facility in _offer_facilities(offer):
                training = facility.training
                certificate = getattr(training, "responsible_career", None) if training else None
                if (certificate is None or same_name(facility.name) != same_name(report.case.facility.name)
                        or same_name(certificate.name) != same_name(manager.name)
                        or certificate.registration_date.year == year):
                    continue
                yield Conflict((
                    Place(report, ("facility_status", "training_manager", "career"), "研修責任者の資格・経歴",
                          f"{year}年登録"),
                    Place(offer, ("facilities", index, "training", "responsible_career", "registration_date"),
                          "介護福祉士登録年月日（様式6-2）", f"{certificate.registration_date.year}年登録")),
                    Msg(f"{facility.name}の研修責任者 {manager.name} の介護福祉士登録年",
                        f"the 介護福祉士 registration year of {manager.name}, training manager at {facility.name}"))


SET_RULES: tuple[SetRule, ...] = (
    SetRule("SET-CONTRACT-BELOW-OFFER", f"{S002}:707, 721 (410, 990)", Msg(
        "雇用契約書の労働条件は、求人登録した受入れ施設説明書（様式3-2）の内容に沿って作成し、候補者に不利益な形に"
        "変えてはいけません（基本給・固定手当・変動手当が求人より低いと「虚偽の求人申請」に当たる場合があり、3年間の"
        "受入れ停止の対象）。契約か求人のどちらかを正してください。",
        "the employment contract must follow the job offer's 受入れ施設説明書 (様式3-2) and may not be worse for the "
        "candidate: lower base pay or allowances than offered may count as a false job offer (3 years' suspension). "
        "Correct the contract or the job offer."), contract_below_offer),
    SetRule("SET-PERSON-BIRTH-DATE", f"{S002}:441, 796-798", Msg(
        "同じ人（同じ在留カード番号、または同じ氏名とアルファベット氏名）の生年月日は、どのケースでも同じでなければ"
        "なりません。届出の誤りは就労場所・在留の取扱いに関わります。正しい生年月日に直してください"
        "（同姓同名の別人なら、exceptions に rule: SET-PERSON-BIRTH-DATE と理由を書いてください）。",
        "the same person (same residence card, or same name and alphabet name) has one birth date in every case: "
        "correct the wrong one (for two people of the same name, record exceptions: [{rule: SET-PERSON-BIRTH-DATE, "
        "reason: …}])."), one_birth_date),
    SetRule("SET-REGISTRATION-YEAR", f"{S002}:3366, 4028", Msg(
        "研修責任者の介護福祉士登録年は、研修責任者職歴証明書（様式6-2）と定期報告の資格・経歴で同じでなければ"
        "なりません。登録証を確かめて、違う方を直してください。",
        "the training manager's 介護福祉士 registration year must be the same on the career certificate (様式6-2) and "
        "in the annual report: check the registration certificate and correct the other."), one_registration_year),
)
