"""Located problems: what is wrong, where (file:line:column), which field, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.messages import Msg, current_language
from generator.privacy import one_line, redact


@dataclass(frozen=True)
class Position:
    """A place in a text file: file:line:column."""

    file: Path
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple:
        return (str(self.file), "", self.line, self.column)

    def as_dict(self) -> dict:
        return {"file": str(self.file), "line": self.line, "column": self.column}


@dataclass(frozen=True)
class CellPosition:
    """A place in a workbook: 名簿.xlsx!帰国!D7 (a CSV file has one sheet, named after the file)."""

    file: Path
    sheet: str
    row: int  # 1-based
    column: int  # 1-based

    @property
    def cell(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.column)}{self.row}"

    def __str__(self) -> str:
        return f"{self.file.name}!{self.sheet}!{self.cell}"

    def sort_key(self) -> tuple:
        return (str(self.file), self.sheet, self.row, self.column)

    def as_dict(self) -> dict:
        return {"file": str(self.file), "sheet": self.sheet, "cell": self.cell, "line": self.row,
                "column": self.column}


Location = Position | CellPosition


SEVERITY_WORDS = {
    "error": Msg("エラー", "error"),
    "warning": Msg("警告", "warning"),
}


@dataclass(frozen=True)
class Problem:
    message: Msg
    position: Location | None = None
    path: tuple = ()
    label: str | None = None
    hint: Msg | None = None
    severity: str = "error"
    rule: str | None = None  # rule id and seed citation, for requirement checks
    extra: dict = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    """Values of sensitive fields (schemas.types.Sensitive) that the message must never show in full."""

    @property
    def dotted_path(self) -> str:
        return ".".join(str(p) for p in self.path)

    def shown_message(self, lang: str | None = None) -> str:
        """The message as a user may see it: sensitive values masked."""
        return redact(self.message.render(lang), self.secrets)

    def render(self, lang: str | None = None) -> str:
        """One line (whatever the file name or the value holds): where, severity, field, message, fix."""
        lang = lang or current_language.get()
        where = str(self.position) if self.position else "-"
        head = f"{where}: {SEVERITY_WORDS[self.severity].render(lang)}"
        if self.path:
            field_name = self.dotted_path
            if self.label:
                field_name += f"（{self.label}）" if lang == "ja" else f" ({self.label})"
            head += f": {field_name}"
        text = f"{head}: {self.shown_message(lang)}"
        if self.hint:
            text += (" → 対処: " if lang == "ja" else " → fix: ") + redact(self.hint.render(lang), self.secrets, by_pattern=False)
        if self.rule:
            text += (" ［根拠: " if lang == "ja" else " [rule: ") + self.rule + ("］" if lang == "ja" else "]")
        return one_line(text)

    def as_dict(self, lang: str | None = None) -> dict:
        return {
            "severity": self.severity,
            "file": None, "line": None, "column": None,
            **(self.position.as_dict() if self.position else {}),
            "path": self.dotted_path,
            "label": self.label,
            "message": self.shown_message(lang),
            "hint": redact(self.hint.render(lang), self.secrets, by_pattern=False) if self.hint else None,
            "rule": self.rule,
        }
