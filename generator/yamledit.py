"""Changing case and parties files the way a person would: only what changed, comments and layout kept.

The web app and the spreadsheet importer change YAML files that people also edit by hand (and keep in
git). ruamel.yaml's round-trip mode keeps every comment, key order and untouched value as written; the
changes are the differences between the data a form was made from (`before`, as formgen read it) and
what was submitted (`after`), so a value nobody touched is never rewritten.

Every write is checked against the version (sha256 of the bytes) the writer started from, under a lock,
and the file is replaced atomically: a second save from another browser, or a file changed on disk
meanwhile, is refused with `EditConflict` instead of silently overwriting it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.exceptions import ExitCode, FormgenError
from generator.messages import Msg

ABSENT = "absent"
"""The version of a file that does not exist yet."""
LOCK_NAME = ".formgen-edit.lock"
NEW_FILE_MODE = 0o600  # case files hold residence card numbers


class EditConflict(FormgenError):
    """The file changed since the writer read it; nothing was written."""

    exit_code = ExitCode.invalid_input

    def __init__(self, message: Msg, path: Path, current_version: str):
        super().__init__(message)
        self.path = path
        self.current_version = current_version


def version_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ABSENT


def _yaml() -> YAML:
    yaml = YAML()  # round-trip, YAML 1.2
    yaml.width = 4096  # long Japanese lines are not folded
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


# ── what changed ──────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Change:
    path: tuple
    value: Any = None
    delete: bool = False

    def describe(self) -> str:
        where = ".".join(str(p) for p in self.path)
        return f"- {where}" if self.delete else f"~ {where}: {_shown(self.value)}"


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"({len(value)}件)"
    return "" if value is None else str(value)


def changes_between(before: Any, after: Any, path: tuple = ()) -> list[Change]:
    """The smallest set of key-level changes that turns `before` into `after`."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = [Change(path + (k,), delete=True) for k in before if k not in after]
        for key, value in after.items():
            if key not in before:
                found.append(Change(path + (key,), value))
            else:
                found.extend(changes_between(before[key], value, path + (key,)))
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [c for i, (b, a) in enumerate(zip(before, after, strict=True)) for c in changes_between(b, a, path + (i,))]
    if _same(before, after):
        return []
    return [Change(path, after)]


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, (dt.date, dt.datetime)) or isinstance(after, (dt.date, dt.datetime)):
        return str(before) == str(after)
    return type(before) is type(after) and before == after


# ── applying changes to a round-trip document ─────────────────────────────────────────────────────

def _node(value: Any) -> Any:
    """Plain data as ruamel nodes: mappings and lists in block style, multi-line text as a literal block."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _node(item)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(_node(item) for item in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def apply_changes(document: Any, changes: list[Change]) -> Any:
    for change in changes:
        if not change.path:
            document = _node(change.value)
            continue
        parent = document
        for key in change.path[:-1]:
            if isinstance(parent, dict) and key not in parent:
                parent[key] = CommentedMap()
            parent = parent[key]
        last = change.path[-1]
        if change.delete:
            if isinstance(parent, dict):
                parent.pop(last, None)
        elif isinstance(parent, list) and last == len(parent):
            parent.append(_node(change.value))
        else:
            parent[last] = _node(change.value)
    return document


def dump(document: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    return buffer.getvalue()


def new_text(data: dict, header: Sequence[str] = ()) -> str:
    """A new YAML file from plain data (key order kept), under optional comment lines."""
    document = _node(data)
    if header:
        document.yaml_set_start_comment("\n".join(header))
    return dump(document)


def edited_text(text: str, changes: list[Change]) -> str:
    return dump(apply_changes(_yaml().load(text), changes))


# ── writing safely ────────────────────────────────────────────────────────────────────────────────

@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _conflict(path: Path, current: str) -> EditConflict:
    if current == ABSENT:
        message = Msg(f"{path.name} はほかの人が削除しました（または移動しました）。",
                      f"{path.name} was deleted (or moved) meanwhile.")
    else:
        message = Msg(f"{path.name} は、開いた後にほかの人（またはほかのプログラム）が変更しました。保存していません。",
                      f"{path.name} was changed by someone (or something) else after you opened it. Not saved.")
    return EditConflict(message, path, current)


def replace_atomically(path: Path, text: str) -> str:
    """Write the whole file at once (a reader sees the old or the new file); return its new version."""
    data = text.encode("utf-8")
    mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return hashlib.sha256(data).hexdigest()


def save(path: Path, expected_version: str, make_text) -> str:
    """Under the folder's lock: refuse when the file is not at `expected_version`, else write
    `make_text(current_text or None)` atomically. Returns the new version."""
    path = Path(path)
    with _folder_lock(path.parent):
        current = version_of(path)
        if current != expected_version:
            raise _conflict(path, current)
        text = path.read_text(encoding="utf-8") if current != ABSENT else None
        return replace_atomically(path, make_text(text))


def save_changes(path: Path, expected_version: str, before: dict, after: dict) -> tuple[str, list[Change]]:
    """Apply what differs between `before` and `after` to the file, keeping everything else as written."""
    changes = changes_between(before, after)
    if not changes:
        return expected_version, []
    return save(path, expected_version, lambda text: edited_text(text or "", changes)), changes


def save_new(path: Path, data: dict, header: Sequence[str] = ()) -> str:
    """Create a file that must not exist yet."""
    return save(path, ABSENT, lambda _text: new_text(data, header))


def save_new_many(files: list[tuple[Path, str]]) -> None:
    """Create many files that must not exist yet (an imported roster): each atomically and owner-only under
    its folder's lock, never over an existing file; flushed to disk once at the end rather than per file."""
    for folder in dict.fromkeys(Path(path).parent for path, _ in files):
        with _folder_lock(folder):
            for path, text in ((Path(p), t) for p, t in files if Path(p).parent == folder):
                handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
                try:
                    with os.fdopen(handle, "wb") as stream:
                        stream.write(text.encode("utf-8"))
                    os.chmod(temporary, NEW_FILE_MODE)
                    os.link(temporary, path)  # unlike a rename, refuses a file that is there
                except FileExistsError:
                    raise _conflict(path, version_of(path)) from None
                finally:
                    Path(temporary).unlink(missing_ok=True)
    os.sync()


def set_value(path: Path, expected_version: str, key_path: tuple, value: Any) -> str:
    """One value (e.g. `filed: {rule: date}`), keeping the rest of the file as it is."""
    return save(path, expected_version, lambda text: edited_text(text or "", [Change(key_path, value)]))
