"""The checked cases of an inbox, kept between requests: a case file is read and checked again only
when it, a parties file it read, or a parties folder it looks in has changed on disk.

The web app asks for every case at every request (the dashboard, the lists), and the watcher could
use it to tell what changed; with hundreds of case files, reading and validating each one every time
would cost seconds. A case's signature is the stat (size, mtime, inode) of the files the check read
(`CheckedCase.loaded.sources`) and of the parties folders it searched, so a parties file added under a
name a case refers to is noticed too. Deadlines are recomputed only for a new `today`.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.cases import CaseSet, CaseSource, CheckedCase, Discovery, check_set, check_source, find_cases
from generator.deadlines.compute import Deadline, compute_deadlines
from generator.load import parties_search_dirs

Signature = tuple


def stat_signature(path: Path | str) -> tuple | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def watched_paths(checked: CheckedCase) -> tuple[Path, ...]:
    """The files the check of a case read, and the parties folders it looked in."""
    read = [s.path for s in checked.loaded.sources] if checked.loaded is not None else [checked.source.path]
    return (*read, *parties_search_dirs(checked.source.path, checked.source.root))


def signature_of(paths: tuple[Path, ...]) -> Signature:
    """Those paths as they are on disk now."""
    return tuple(stat_signature(p) for p in paths)


@dataclass
class _Entry:
    checked: CheckedCase
    paths: tuple[Path, ...]
    signature: Signature
    deadlines: dict[dt.date, list[Deadline]] = field(default_factory=dict)


def _folders_signature(root: Path) -> tuple:
    """Every folder below the inbox with its mtime: a file added, removed or renamed changes one."""
    found = []
    for folder, subfolders, _files in os.walk(root):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found.append((folder, stat_signature(Path(folder))))
    return tuple(found)


class CaseStore:
    """Every case of one inbox, checked alone and as a set, re-checked only when its files change."""

    def __init__(self, inbox: Path, check: Callable[[CaseSource], CheckedCase] = check_source):
        self.inbox = Path(inbox)
        self._check = check
        self._entries: dict[Path, _Entry] = {}
        self._discovery: tuple[tuple, Discovery] | None = None
        self._lock = threading.Lock()
        self.rechecked = 0
        """How many case checks the store ran (for tests and benchmarks)."""

    def _entry(self, source: CaseSource) -> _Entry:
        entry = self._entries.get(source.path)
        if entry is not None and signature_of(entry.paths) == entry.signature:
            return entry
        checked = self._check(source)
        self.rechecked += 1
        paths = watched_paths(checked)
        entry = _Entry(checked, paths, signature_of(paths))
        self._entries[source.path] = entry
        return entry

    def _find(self) -> Discovery:
        folders = _folders_signature(self.inbox)
        if self._discovery is None or self._discovery[0] != folders:
            self._discovery = (folders, find_cases([self.inbox]))
        return self._discovery[1]

    def signature(self, path: Path) -> Signature | None:
        """The signature the cached check of a case was made at (None when it is not cached)."""
        entry = self._entries.get(path if isinstance(path, Path) else Path(path))
        return entry.signature if entry is not None else None

    def case_set(self) -> CaseSet:
        """Every case of the inbox as `api.check_paths` gives it, from the cache where nothing changed."""
        with self._lock:
            discovery = self._find()
            wanted = {s.path for s in discovery.sources}
            for gone in set(self._entries) - wanted:
                del self._entries[gone]
            entries = [self._entry(source) for source in discovery.sources]
        # the set checks add problems to the cases they name: give them copies, keep the cache clean
        copies = [replace(e.checked, problems=list(e.checked.problems)) for e in entries]
        return check_set(copies, list(discovery.problems))

    def checked(self, path: Path) -> CheckedCase | None:
        """One case of the set (with the set's problems), or None when there is no such case file."""
        path = Path(path)
        return next((c for c in self.case_set().cases if c.source.path == path), None)

    def forget(self, path: Path) -> None:
        """Drop a case from the cache (after the app wrote it: the next read checks it again)."""
        with self._lock:
            self._entries.pop(Path(path), None)

    def deadlines(self, cases: CaseSet, today: dt.date) -> list[Deadline]:
        """Every deadline of the valid cases of `cases`, with its status as of `today`, by date."""
        found: list[Deadline] = []
        with self._lock:
            for checked in cases.cases:
                if checked.case is None or not checked.case_id:
                    continue
                entry = self._entries.get(checked.source.path)
                if entry is None:
                    found.extend(compute_deadlines(checked.case, checked.case_id, today))
                    continue
                if today not in entry.deadlines:
                    entry.deadlines = {today: compute_deadlines(checked.case, checked.case_id, today)}
                found.extend(entry.deadlines[today])
        return sorted(found, key=lambda d: (d.legal_due, d.case_id, d.key))

