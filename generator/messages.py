"""Bilingual user messages.

Every text a user reads is a `Msg`: Japanese first (the users' language), English for `--lang en`.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

LANGUAGES = ("ja", "en")
current_language: ContextVar[str] = ContextVar("formgen_language", default="ja")


@dataclass(frozen=True)
class Msg:
    ja: str
    en: str

    def render(self, lang: str | None = None) -> str:
        return self.en if (lang or current_language.get()) == "en" else self.ja

    def format(self, **values: object) -> Msg:
        return Msg(self.ja.format(**values), self.en.format(**values))

    def __str__(self) -> str:
        return self.render()


def set_language(lang: str) -> None:
    current_language.set(lang if lang in LANGUAGES else "ja")
