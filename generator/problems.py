"""Located problems: what is wrong, where (file:line:column), which field, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.messages import Msg, current_language
from generator.privacy import mask


@dataclass(frozen=True)
class Position:
    file: Path
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


SEVERITY_WORDS = {
    "error": Msg("エラー", "error"),
    "warning": Msg("警告", "warning"),
}


@dataclass(frozen=True)
class Problem:
    message: Msg
    position: Position | None = None
    path: tuple = ()
    label: str | None = None
    hint: Msg | None = None
    severity: str = "error"
    rule: str | None = None  # rule id and seed citation, for requirement checks
    extra: dict = field(default_factory=dict)

    @property
    def dotted_path(self) -> str:
        return ".".join(str(p) for p in self.path)

    def render(self, lang: str | None = None) -> str:
        lang = lang or current_language.get()
        where = str(self.position) if self.position else "-"
        head = f"{where}: {SEVERITY_WORDS[self.severity].render(lang)}"
        if self.path:
            field_name = self.dotted_path
            if self.label:
                field_name += f"（{self.label}）" if lang == "ja" else f" ({self.label})"
            head += f": {field_name}"
        text = f"{head}: {mask(self.message.render(lang))}"  # hints are formgen's own words, never data
        if self.hint:
            text += (" → 対処: " if lang == "ja" else " → fix: ") + self.hint.render(lang)
        if self.rule:
            text += (" ［根拠: " if lang == "ja" else " [rule: ") + self.rule + ("］" if lang == "ja" else "]")
        return text

    def as_dict(self, lang: str | None = None) -> dict:
        return {
            "severity": self.severity,
            "file": str(self.position.file) if self.position else None,
            "line": self.position.line if self.position else None,
            "column": self.position.column if self.position else None,
            "path": self.dotted_path,
            "label": self.label,
            "message": mask(self.message.render(lang)),
            "hint": self.hint.render(lang) if self.hint else None,
            "rule": self.rule,
        }
