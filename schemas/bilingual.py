"""English counterparts of Japanese entries, for forms printed in English (the English 雇用契約書).

A model with a field `X_en` beside its field `X` prints `X_en` in English and `X` in Japanese. A
value written in Japanese (kana or kanji) that has no English counterpart would print untranslated
in the English version: that is an error at the Japanese value, naming its field and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from schemas.base import CaseModel, errors_at

JAPANESE_SCRIPT = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]")
"""Hiragana, katakana, kanji (and 々) and full-width forms: text a reader of English cannot read."""


def is_japanese(value: object) -> bool:
    return isinstance(value, str) and JAPANESE_SCRIPT.search(value) is not None


def _shown(value: str, limit: int = 24) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


class EnglishPair:
    """A Japanese entry (where it is, its value) and the field that holds its English."""

    def __init__(self, where: tuple, value: object, english_field: str, english: object, beside_ref: bool = False):
        self.where, self.value, self.english_field, self.english = where, value, english_field, english
        self.beside_ref = beside_ref  # the value comes from a parties file: the English goes beside `ref:`

    @property
    def missing(self) -> bool:
        return is_japanese(self.value) and not self.english


class Bilingual(CaseModel):
    """A model whose `X_en` fields are the English of its `X` fields."""

    def english_pairs(self) -> Iterator[EnglishPair]:
        fields = type(self).model_fields
        for name in fields:
            source = name[:-3]
            if name.endswith("_en") and source in fields:
                yield EnglishPair((source,), getattr(self, source), name, getattr(self, name))

    @model_validator(mode="after")
    def _japanese_has_english(self) -> Bilingual:
        errors = [(pair.where, _missing_english(pair), pair.value) for pair in self.english_pairs() if pair.missing]
        if errors:
            raise errors_at(type(self).__name__, errors)
        return self


def _missing_english(pair: EnglishPair) -> PydanticCustomError:
    value = _shown(str(pair.value))
    return PydanticCustomError("formgen", "{en}", {
            "ja": f"「{value}」は日本語ですが、英語版の雇用契約書に印刷する英語（{pair.english_field}）がありません。",
            "en": f"'{value}' is Japanese, and its English for the English contract ({pair.english_field}) is "
                  "missing.",
            "hint_ja": (f"ケースファイルの ref: と並べて {pair.english_field}: を英語で書いてください（parties ファイルは"
                        "ほかの種類のケースも使うため、英語はケースファイルに書きます）。" if pair.beside_ref else
                        f"同じところに {pair.english_field}: を英語で書いてください（英語版はその値を印刷します）。"),
            "hint_en": (f"write {pair.english_field}: in English beside ref: in the case file (other kinds of case "
                        "use the parties file too)." if pair.beside_ref else
                        f"write {pair.english_field}: in English beside it (the English version prints that)."),
    })
