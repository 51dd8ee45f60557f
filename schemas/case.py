"""What every case file has, whatever its kind."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, Field

from schemas.base import CaseModel, field_error, not_printed
from schemas.types import Date, Text


def _relative_inside(value: str) -> str:
    posix, windows = PurePosixPath(value), PureWindowsPath(value)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or ".." in posix.parts or ".." in windows.parts:
        raise field_error(
            f"添付ファイルのパス「{value}」は使えません（受信箱の外を指しています）。",
            f"attachment path '{value}' is not allowed (it leaves the inbox).",
            "ケースファイルのあるフォルダからの相対パスで書いてください（例: attachments/zairyu-card.pdf）。",
            "write a path relative to the case file's folder (e.g. attachments/zairyu-card.pdf).",
        )
    return value


RelativePath = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_relative_inside)]


class AttachmentFile(CaseModel):
    title: Text = Field(title="書類名", description="例: 在留カードの写し")
    file: RelativePath = Field(title="ファイル", description="PDF ファイルの場所（ケースファイルからの相対パス）")


class RuleException(CaseModel):
    """An explicit, reasoned exception to a requirement (e.g. a permission the office granted)."""

    rule: Text = Field(title="要件ID", description="例外とする要件のID（formgen validate の表示どおり）")
    reason: Text = Field(title="理由", description="例外とする理由・根拠（許可日・担当部署など）")


class CaseFile(CaseModel):
    """Fields common to every kind; each kind adds `kind: Literal[...]` and its own data."""

    if TYPE_CHECKING:
        kind: str

        def print_values(self, today: dt.date) -> dict:
            """The values a kind computes for printing, when it names them in PRINTED_VALUES."""

    case_id: Text | None = Field(
        None, title="ケースID", description="出力フォルダ名。省略するとファイル名（.yaml を除く）",
        json_schema_extra=not_printed("names the output folder"))
    filed: dict[str, Date] = Field(
        default_factory=dict, title="提出済み",
        description="提出した書類・届出と提出日（キーは期限ルールID または様式ID）",
        json_schema_extra=not_printed("marks deadlines as done"))
    attachments: list[AttachmentFile] = Field(
        default_factory=list, title="添付ファイル",
        description="パケットに綴じ込む PDF（指定順）",
        json_schema_extra=not_printed("merged into the packet as files"))
    exceptions: list[RuleException] = Field(
        default_factory=list, title="要件の例外",
        json_schema_extra=not_printed("turns a requirement error into a recorded warning"))
    memo: Text | None = Field(None, title="メモ", json_schema_extra=not_printed("for the office only"))
