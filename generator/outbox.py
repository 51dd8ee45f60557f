"""Last pipeline step: outputs are written to a staging folder and moved into place whole.

A reader of outbox/<case-id>/ sees the previous complete set or the new complete set, never a
half-written file. Staging lives inside the outbox so that the final move is a rename on one disk.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.exceptions import OutputError
from generator.messages import Msg

STAGING = ".formgen-staging"


def _fail(action_ja: str, action_en: str, path: Path, error: OSError) -> OutputError:
    return OutputError(Msg(
        f"{path} に{action_ja}できません: {error.strerror}。フォルダの書き込み権限と空き容量を確かめてください。",
        f"cannot {action_en} {path}: {error.strerror}. Check the folder's permissions and free space."))


@contextmanager
def staging_folder(outbox: Path, case_id: str) -> Iterator[Path]:
    """A fresh folder to build one case in; removed if the build does not publish it."""
    root = outbox / STAGING
    try:
        root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{case_id}-", dir=root))
    except OSError as error:
        raise _fail("書き込み", "write to", outbox, error) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


OUTPUT_MODES = {"private": (0o600, 0o700), "group": (0o640, 0o750)}
"""Outputs hold passport and 在留カード numbers: by default only their owner may read them."""


def _seal(folder: Path, mode: str) -> None:
    """Flush every file to disk and give files and folders the output mode's permissions."""
    file_mode, dir_mode = OUTPUT_MODES[mode]
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
            path.chmod(file_mode)
        elif path.is_dir():
            path.chmod(dir_mode)
    folder.chmod(dir_mode)


def publish(folder: Path, outbox: Path, case_id: str, mode: str = "private") -> Path:
    """Move a finished staging folder to outbox/<case-id>, replacing the previous outputs."""
    destination = outbox / case_id
    retired = outbox / STAGING / f"{case_id}-retired-{uuid.uuid4().hex[:8]}"
    try:
        _seal(folder, mode)
        if destination.exists():
            os.replace(destination, retired)
        os.replace(folder, destination)
    except OSError as error:
        if retired.exists() and not destination.exists():
            os.replace(retired, destination)  # put the previous good outputs back
        raise _fail("出力", "publish to", destination, error) from None
    shutil.rmtree(retired, ignore_errors=True)
    return destination


def write_text_atomically(path: Path, text: str) -> None:
    """Replace one file at once (for outbox-wide files such as the deadline calendar)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _fail("書き込み", "write", path, error) from None


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
