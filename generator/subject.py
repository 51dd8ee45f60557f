"""Who and what a case is about, answered once for the cover, the deadlines, the web app and the export.

The field paths are data: a case kind whose person sits under another name adds its path here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PERSON_PATHS = ("person", "intern", "trainee", "returnee")
"""The one person a case is about (an EPA candidate, a technical intern, a trainee, a returned intern)."""
PEOPLE_PATHS = (("candidates", "person"),)
"""Lists of people (a facility's annual report): (list field, person field inside each item)."""
SUBMITTER_PATHS = ("institution", "applicant", "employer", "supervising_organisation", "supervising_org",
                   "organisation")
FACILITY_PATHS = ("facility",)


def _get(item: object, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _name(item: object) -> str | None:
    if isinstance(item, str):
        return item or None
    value = _get(item, "name")
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Person:
    name: str
    name_alphabet: str | None = None
    birth_date: object = None

    @property
    def label(self) -> str:
        return f"{self.name}（{self.name_alphabet}）" if self.name_alphabet else self.name


@dataclass(frozen=True)
class Subject:
    people: tuple[Person, ...]
    submitter: str | None
    facility: str | None

    @property
    def person(self) -> str:
        """One line for lists: the person's name, or 'N名' for a list of people, or the facility."""
        if len(self.people) == 1:
            return self.people[0].name
        if self.people:
            return f"{self.people[0].name} ほか{len(self.people) - 1}名"
        return self.facility or self.submitter or ""


def _person(item: object) -> Person | None:
    name = _name(item)
    if name is None:
        return None
    alphabet = _get(item, "name_alphabet")
    return Person(name, alphabet if isinstance(alphabet, str) else None, _get(item, "birth_date"))


def subject_of(case: object) -> Subject:
    people: list[Person] = []
    for path in PERSON_PATHS:
        found = _person(_get(case, path))
        if found is not None:
            people.append(found)
            break
    for list_path, inner in PEOPLE_PATHS:
        for item in _get(case, list_path) or ():
            found = _person(_get(item, inner))
            if found is not None:
                people.append(found)
    submitter = next((n for n in (_name(_get(case, p)) for p in SUBMITTER_PATHS) if n), None)
    facility = next((n for n in (_name(_get(case, p)) for p in FACILITY_PATHS) if n), None)
    return Subject(tuple(people), submitter, facility)
