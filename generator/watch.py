"""`formgen watch`: case files saved or copied into the inbox become packets in the outbox.

One thread (watchdog's observer) only records file events; the main thread waits until a file is
complete (its size and mtime unchanged for the settle time), then builds it with the pipeline
(generator/api.py: one case at a time for DOCX, several at once on warm LibreOffice converters for PDF).
Events get lost (network shares, overflowing buffers), so the inbox is also
compared with the outbox at start and every few minutes (generator/state.py decides what is stale).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import queue
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from generator import api, outbox
from generator.cases import IGNORED_DIRS, CaseSource, is_case_file
from generator.exceptions import ExternalProgramError, FormgenError, InvalidInput, OutputError
from generator.fingerprint import ERRORS_FILE
from generator.load import PARTIES_DIR, LoadedCase, load_case
from generator.messages import Msg
from generator.pipeline import BuildOptions, CaseResult
from generator.privacy import mask, one_line
from generator.settings import Settings
from generator.state import CaseState, TemplateHashes, file_sha256, inspect_case, output_folder_name

IGNORED_EVENTS = {"opened", "closed_no_write"}  # our own reads of case files must not trigger builds
TEMPORARY_ENDINGS = ("~", ".swp", ".swx", ".tmp", ".bak", ".part", ".crdownload")


@dataclass
class WatchSettings:
    inbox: Path
    options: BuildOptions
    settings: Settings
    settle: float = 1.0
    rescan_every: float = 120.0  # 0: never
    polling: bool = False
    poll_interval: float = 1.0
    tick: float = 0.1
    debug: bool = False


@dataclass
class Pending:
    """A path that had an event and is waiting to be complete (unchanged for the settle time)."""

    signature: tuple | None
    since: float
    from_event: bool


@dataclass
class Log:
    stream: TextIO = field(default_factory=lambda: sys.stderr)

    def __call__(self, message: Msg) -> None:
        stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        # one line per message: a file name holding a line break cannot forge a line of the log
        print(f"{stamp} {one_line(mask(message.render()))}", file=self.stream, flush=True)


def signature(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def result_lines(result: CaseResult) -> list[str]:
    """The messages `formgen build` prints for a case (generator.cli._print_problems)."""
    lines = [problem.render() for problem in result.problems]
    error = result.error
    if error is not None and (not isinstance(error, InvalidInput) or not error.problems):
        lines.append(f"{result.source}: {error.render()}")
    return lines


class _Recorder(FileSystemEventHandler):
    """Runs in the observer's thread: hands every relevant path to the main thread, nothing more."""

    def __init__(self, events: queue.Queue):
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in IGNORED_EVENTS:
            return
        # A folder's own "modified" events (a file inside it changed) bring nothing the file's events do not.
        if event.is_directory and event.event_type not in ("created", "moved"):
            return
        self.events.put((os.fsdecode(event.src_path), event.is_directory))
        if getattr(event, "dest_path", ""):
            self.events.put((os.fsdecode(event.dest_path), event.is_directory))


class Watcher:
    def __init__(self, settings: WatchSettings, log: Log | None = None):
        self.settings = settings
        self.inbox = settings.inbox.resolve()
        self.out_dir = settings.options.out_dir.resolve()
        self.options = replace(settings.options, out_dir=self.out_dir)
        self.log = log or Log()
        self.stopping = threading.Event()
        self.events: queue.Queue = queue.Queue()
        self.pending: dict[Path, Pending] = {}
        self.failed: dict[Path, tuple] = {}  # case file → failure_key of its last failed build
        self.case_ids: dict[Path, str] = {}
        self.loaded: dict[Path, tuple[tuple | None, LoadedCase | None]] = {}  # by signature, for the set checks
        self.peers: dict[Path, tuple[Path, ...]] = {}  # case file → the other files with its case id
        self.warned_duplicates: set[Path] = set()
        self.next_rescan = 0.0
        self.observer: BaseObserver | None = None
        self.pool: api.Converter | None = None
        self.pool_owner: contextlib.ExitStack | None = None
        self.last_errors: dict[Path, FormgenError | None] = {}

    # --- what a path is ---------------------------------------------------------------------

    def kind_of(self, path: Path) -> str | None:
        """"case", "parties" or None (hidden, temporary, an Office lock, .schema/, attachments/, ...)."""
        try:
            relative = path.relative_to(self.inbox)
        except ValueError:
            return None
        if self.out_dir == path or self.out_dir in path.parents:
            return None
        name = path.name
        if any(part.startswith(".") for part in relative.parts) or name.startswith("~") \
                or name.endswith(TEMPORARY_ENDINGS):
            return None
        if len(relative.parts) >= 2 and relative.parts[-2] == PARTIES_DIR and path.suffix == ".yaml":
            return "parties"
        if any(part in IGNORED_DIRS for part in relative.parts[:-1]):
            return None
        return "case" if is_case_file(path) else None

    # --- the loop ---------------------------------------------------------------------------

    def run(self) -> None:
        outbox.ensure_outbox(self.out_dir, self.options.output_mode)
        self.clean_leftovers()  # refuses (OutputError) a staging folder that is a link or someone else's
        self.observer = self.start_observer()
        self.log(Msg(f"監視を開始しました: {self.inbox} → {self.out_dir}（形式 {self.options.formats}"
                     f"{'、ポーリング' if self.settings.polling else ''}）",
                     f"watching {self.inbox} → {self.out_dir} (format {self.options.formats}"
                     f"{', polling' if self.settings.polling else ''})"))
        restore = self.install_signal_handlers()
        try:
            self.start_converters()
            self.rescan(Msg("起動時の確認", "start-up check"), always_log=True)
            while not self.stopping.is_set():
                try:
                    self.step()
                except Exception as error:  # noqa: BLE001 - the watcher outlives its own bugs; the rescan repairs
                    self.log(Msg(f"内部エラー（{type(error).__name__}: {error}）。監視を続けます。",
                                 f"internal error ({type(error).__name__}: {error}); still watching."))
                    if self.settings.debug:
                        traceback.print_exc()
                    self.stopping.wait(1.0)
                self.stopping.wait(self.settings.tick)
            self.log(Msg("停止します。", "stopping."))
        except KeyboardInterrupt:
            self.log(Msg("作成を中断しました。", "build abandoned."))
        finally:
            restore()
            self.stop_converters()
            if self.observer is not None:
                self.observer.stop()
                self.observer.join(timeout=5)
            self.clean_leftovers(quiet=True)
            self.log(Msg("監視を終了しました。", "stopped watching."))

    def stop(self) -> None:
        self.stopping.set()

    def step(self) -> None:
        if self.observer is None or not self.observer.is_alive():
            self.log(Msg("ファイル監視が止まったため、再開します。", "the file observer stopped; restarting it."))
            self.observer = self.start_observer()
        self.take_events()
        ready = self.ready_paths()
        if ready:
            self.handle(ready)
        if self.settings.rescan_every and time.monotonic() >= self.next_rescan:
            self.rescan(Msg("定期確認", "periodic check"))

    def start_observer(self) -> BaseObserver:
        if not self.settings.polling:
            try:
                observer = Observer()
                observer.schedule(_Recorder(self.events), str(self.inbox), recursive=True)
                observer.start()
                return observer
            except OSError as error:  # e.g. the inotify watch limit
                self.log(Msg(f"ファイル監視を開始できません（{error}）。ポーリングに切り替えます。",
                             f"cannot watch natively ({error}); switching to polling."))
                self.settings.polling = True
        observer = PollingObserver(timeout=self.settings.poll_interval)
        observer.schedule(_Recorder(self.events), str(self.inbox), recursive=True)
        observer.start()
        return observer

    def install_signal_handlers(self):
        if threading.current_thread() is not threading.main_thread():
            return lambda: None

        def first_signal(signum, frame):
            if self.stopping.is_set():
                raise KeyboardInterrupt  # a second Ctrl-C abandons the build in progress
            self.stopping.set()  # no logging here: the main thread may be in the middle of a write

        previous = {s: signal.signal(s, first_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        return lambda: [signal.signal(s, handler) for s, handler in previous.items()]

    # --- from events to complete files ------------------------------------------------------

    def take_events(self) -> None:
        now = time.monotonic()
        while True:
            try:
                raw, is_directory = self.events.get_nowait()
            except queue.Empty:
                return
            path = Path(raw)
            if is_directory:  # a folder moved or copied in: its files may bring no events of their own
                if path.is_dir() and path != self.inbox:
                    for inner in path.rglob("*.y*ml"):
                        if self.kind_of(inner):
                            self.expect(inner, now, from_event=True)
            elif self.kind_of(path):
                self.expect(path, now, from_event=True)

    def expect(self, path: Path, since: float, from_event: bool) -> None:
        entry = self.pending.get(path)
        if entry is None:
            self.pending[path] = Pending(signature(path), since, from_event)
        else:
            entry.since = max(entry.since, since)
            entry.from_event |= from_event

    def ready_paths(self) -> list[tuple[Path, Pending]]:
        """Paths whose size and mtime (or absence) have not changed for the settle time."""
        now, ready = time.monotonic(), []
        for path, entry in list(self.pending.items()):
            current = signature(path)
            if current != entry.signature:
                entry.signature, entry.since = current, now
            elif now - entry.since >= self.settings.settle:
                ready.append((path, entry))
                del self.pending[path]
        return ready

    # --- deciding and building --------------------------------------------------------------

    def handle(self, ready: list[tuple[Path, Pending]]) -> None:
        cases = []
        for path, entry in ready:
            kind = self.kind_of(path)
            if entry.signature is None:
                self.report_deletion(path, kind)
            elif kind == "parties":
                self.log(Msg(f"parties ファイル {path.name} が変わりました。参照するケースを確認します。",
                             f"parties file {path.name} changed; checking the cases that use it."))
                self.failed.clear()  # a missing or broken parties file may have been their problem
                self.rescan(Msg(f"{path.name} の変更", f"{path.name} changed"), settle=False)
            elif kind == "case":
                cases.append((path, entry.from_event))
        self.build_batch(cases)

    def report_deletion(self, path: Path, kind: str | None) -> None:
        if kind == "case":
            folder = self.out_dir / self.case_ids.pop(path, output_folder_name(None, path))
            self.failed.pop(path, None)
            if folder.is_dir():
                self.log(Msg(f"ケースファイル {path} が削除されました。出力 {folder} はそのまま残します。",
                             f"case file {path} was deleted; its outputs in {folder} are kept."))
            else:
                self.log(Msg(f"ケースファイル {path} が削除されました。", f"case file {path} was deleted."))
        elif kind == "parties":
            self.log(Msg(f"parties ファイル {path} が削除されました。参照するケースを確認します。",
                         f"parties file {path} was deleted; checking the cases that use it."))
            self.rescan(Msg(f"{path.name} の削除", f"{path.name} deleted"), settle=False)

    def rescan(self, why: Msg, settle: bool = True, always_log: bool = False) -> None:
        """Compare the inbox with the outbox; queue every case whose outputs are missing or stale."""
        self.next_rescan = time.monotonic() + self.settings.rescan_every
        templates = TemplateHashes()
        stale = []
        self.update_peers()
        for source in api.find_cases([self.inbox]).sources:
            path = source.path
            if path in self.pending or not self.kind_of(path):
                continue
            state = self.inspect(path, templates)
            if not state.current and self.failed.get(path) != self.failure_key(path, state):
                stale.append(path)
        if stale or always_log:
            self.log(Msg(f"{why.ja}: 作成が必要なケース {len(stale)} 件", f"{why.en}: {len(stale)} case(s) to build"))
        now, wall = time.monotonic(), time.time()
        for path in stale:
            if settle:  # a file found by a scan may still be being written: it settles like any other
                try:
                    age = wall - path.stat().st_mtime
                except OSError:
                    age = 0
                self.expect(path, now - self.settings.settle if age >= self.settings.settle else now, False)
            else:
                self.expect(path, now - self.settings.settle, False)

    def inspect(self, path: Path, templates: TemplateHashes | None = None) -> CaseState:
        try:
            state = inspect_case(path, self.inbox, self.out_dir, self.options.formats, templates, options=self.options)
        except Exception as error:  # noqa: BLE001 - then the build says what is wrong, in ERRORS.txt
            return CaseState(path, output_folder_name(None, path), (file_sha256(path),),
                             Msg(f"確認できません（{type(error).__name__}）", f"cannot check ({type(error).__name__})"))
        if state.duplicate_of and path not in self.warned_duplicates:
            self.warned_duplicates.add(path)
            self.log(Msg(f"警告: {path} と {state.duplicate_of} のケースID「{state.case_id}」が同じです。"
                         "どちらも作成しません。どちらかの case_id またはファイル名を変えてください。",
                         f"warning: {path} and {state.duplicate_of} have the same case id '{state.case_id}'; "
                         "neither is built. Change the case_id or file name of one."))
        return state

    def build_batch(self, cases: list[tuple[Path, bool]]) -> None:
        templates = TemplateHashes()
        self.update_peers()
        todo: dict[Path, CaseState] = {}
        for path, from_event in cases:
            state = self.inspect(path, templates)
            self.case_ids[path] = state.case_id
            if state.current and not (from_event and state.duplicate_of):
                if from_event:
                    self.log(Msg(f"変更なし: {state.case_id}（{path.name}）", f"unchanged: {state.case_id} ({path.name})"))
            elif from_event or self.failed.get(path) != self.failure_key(path, state):
                todo[path] = state
        for path in list(todo):  # files sharing a case id are refused together, each naming the other
            for other in self.peers.get(path, ()):
                self.add_to(todo, other, templates)
        for path in list(self.failed):  # refused for a case id it no longer shares: build it again
            if self.peers_changed(path):
                self.add_to(todo, path, templates)
        todo_list = list(todo.items())
        # In chunks, so that a stop request waits for a few cases only; the rest stays stale and is
        # built at the next start.
        size = max(8, 2 * ((self.pool.capacity if self.pool else 0) + 1))
        for start in range(0, len(todo_list), size):
            if self.stopping.is_set():
                break
            self.build_chunk(todo_list[start:start + size])

    def add_to(self, todo: dict[Path, CaseState], path: Path, templates: TemplateHashes) -> None:
        if path not in todo and path not in self.pending and path.exists():
            todo[path] = self.inspect(path, templates)

    def build_chunk(self, chunk: list[tuple[Path, CaseState]]) -> None:
        states = dict(chunk)
        finished: set[Path] = set()

        def done(result: CaseResult) -> None:
            finished.add(result.source)
            self.finish(result, states[result.source])

        for _path, state in chunk:
            reason = state.reason or Msg("重複", "duplicate")
            self.log(Msg(f"作成開始: {state.case_id}（{reason.ja}）", f"building {state.case_id} ({reason.en})"))
        try:
            checked = [api.check_source(CaseSource(path, self.inbox)) for path, _ in chunk]
            api.check_set(checked + self.other_cases(states))  # duplicate case ids across the whole inbox
            report = api.build(api.CaseSet(checked, []), self.options, self.pool, on_done=done)
            if report.outbox_error is not None:
                self.log(Msg(f"期限一覧を更新できません: {report.outbox_error.message.ja}",
                             f"cannot refresh the deadline calendar: {report.outbox_error.message.en}"))
        except Exception as error:  # noqa: BLE001 - a bug must not stop the watcher for every other case
            if self.settings.debug:
                traceback.print_exc()
            left = [(path, state) for path, state in chunk if path not in finished]
            if not left:
                self.log(Msg(f"期限一覧を更新できません: {type(error).__name__}: {error}",
                             f"cannot refresh the deadline calendar: {type(error).__name__}: {error}"))
                return
            for path, state in left:
                self.finish(self.build_alone(path, state), state)
            self.refresh_deadlines()
        if self.pool is not None and any(isinstance(self.last_errors.get(p), ExternalProgramError) for p in states):
            self.restart_converters()

    def build_alone(self, path: Path, state: CaseState) -> CaseResult:
        try:
            return api.build_one(api.check_source(CaseSource(path, self.inbox)), self.options, self.pool)
        except Exception as error:  # noqa: BLE001
            if self.settings.debug:
                traceback.print_exc()
            return CaseResult(source=path, case_id=state.case_id, error=FormgenError(Msg(
                f"内部エラーです（{type(error).__name__}: {error}）。開発者に知らせてください。",
                f"internal error ({type(error).__name__}: {error}). Please report it.")))

    def finish(self, result: CaseResult, state: CaseState) -> None:
        path = result.source
        folder_name = output_folder_name(result.case_id, path)
        self.case_ids[path] = folder_name
        self.last_errors[path] = result.error
        if result.ok:
            self.failed.pop(path, None)
            self.log(Msg(f"作成しました: {folder_name}（{path.name}、ファイル {len(result.documents)} 件、{result.seconds:.2f} 秒）",
                         f"built {folder_name} ({path.name}, {len(result.documents)} files, {result.seconds:.2f} s)"))
            for problem in result.problems:
                self.log(Msg(problem.render("ja"), problem.render("en")))
            return
        if not isinstance(result.error, (ExternalProgramError, OutputError)):
            # it fails the same way until something it reads (or a file sharing its case id) changes;
            # LibreOffice and output errors (disk full, read-only) are transient: retried at the next rescan
            self.failed[path] = self.failure_key(path, state)
        lines = result_lines(result)
        self.log(Msg(f"作成できません: {folder_name}（{path.name}）。{self.out_dir / folder_name / ERRORS_FILE} を見てください。",
                     f"failed {folder_name} ({path.name}); see {self.out_dir / folder_name / ERRORS_FILE}."))
        for line in lines:
            self.log(Msg(line, line))
        self.write_errors(folder_name, path, lines)

    # --- the converters (PDF) ---------------------------------------------------------------

    def start_converters(self) -> None:
        """Warm LibreOffice converters for the whole run (generator/libreoffice.py restarts a dead one)."""
        if not self.options.wants_pdf or self.pool is not None:
            return
        self.pool_owner = contextlib.ExitStack()
        self.pool = self.pool_owner.enter_context(api.open_converter(self.settings.settings, kept_warm=True))

    def stop_converters(self) -> None:
        if self.pool_owner is not None:
            self.pool_owner.close()
        self.pool = self.pool_owner = None

    def restart_converters(self) -> None:
        self.log(Msg("変換（LibreOffice）に失敗したため、変換サーバーを起動し直します。",
                     "a conversion (LibreOffice) failed; restarting the converters."))
        self.stop_converters()
        self.start_converters()

    def write_errors(self, folder_name: str, path: Path, lines: list[str]) -> None:
        """ERRORS.txt beside the previous good outputs (kept), or alone for a case never built."""
        stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        head = Msg(f"# {stamp} {path} を作成できませんでした。直して保存すると、このファイルは消えます。",
                   f"# {stamp} {path} could not be built. Fix it and save: this file goes away.")
        target = self.out_dir / folder_name / ERRORS_FILE
        mode = self.options.output_mode
        try:
            with outbox.outbox_lock(self.out_dir, mode):
                outbox.write_text_atomically(target, "\n".join([head.render(), *lines]) + "\n", mode)
        except (FormgenError, OSError) as error:
            message = error.render() if isinstance(error, FormgenError) else str(error)
            self.log(Msg(f"{target} を書けません: {message}", f"cannot write {target}: {message}"))

    def refresh_deadlines(self) -> None:
        try:
            api.refresh_outbox(self.options)
        except Exception as error:  # noqa: BLE001 - the calendar is refreshed again after the next build
            message = error.render() if isinstance(error, FormgenError) else f"{type(error).__name__}: {error}"
            self.log(Msg(f"期限一覧を更新できません: {message}", f"cannot refresh the deadline calendar: {message}"))

    # --- duplicate case ids across the inbox ----------------------------------------------------

    def update_peers(self) -> None:
        """Which inbox files share a case id (files are read again only when they change)."""
        by_id: dict[str, list[Path]] = {}
        seen = set()
        for source in api.find_cases([self.inbox]).sources:
            if not self.kind_of(source.path):
                continue
            seen.add(source.path)
            loaded = self.loaded_case(source.path)
            if loaded is not None:
                by_id.setdefault(loaded.case_id.casefold(), []).append(source.path)
        for gone in set(self.loaded) - seen:
            del self.loaded[gone]
        self.peers = {path: tuple(p for p in group if p != path) for group in by_id.values() if len(group) > 1
                      for path in group}

    def loaded_case(self, path: Path) -> LoadedCase | None:
        current = signature(path)
        cached = self.loaded.get(path)
        if cached is None or cached[0] != current:
            try:
                loaded = load_case(path, self.inbox)
            except (FormgenError, OSError, ValueError):
                loaded = None
            self.loaded[path] = cached = (current, loaded)
        return cached[1]

    def other_cases(self, chunk: dict[Path, CaseState]) -> list[api.CheckedCase]:
        """The inbox's other case files, as far as the set checks need them (their case id)."""
        return [api.CheckedCase(CaseSource(path, self.inbox), loaded)
                for path, (_, loaded) in self.loaded.items() if path not in chunk and loaded is not None]

    def failure_key(self, path: Path, state: CaseState) -> tuple:
        return (state.fingerprint, self.peers.get(path, ()))

    def peers_changed(self, path: Path) -> bool:
        recorded = self.failed.get(path)
        return recorded is not None and recorded[1] != self.peers.get(path, ())

    # --- leftovers of an interrupted run ----------------------------------------------------

    def clean_leftovers(self, quiet: bool = False) -> None:
        """Staging folders and half-written temporary files left by killed runs (kill -9, power loss);
        never what a running `formgen build` or another watcher is writing (generator/outbox.py)."""
        removed = outbox.clean_leftovers(self.out_dir, self.options.output_mode)
        if removed and not quiet:
            self.log(Msg(f"前回の中断で残った作業ファイル {removed} 件を削除しました。",
                         f"removed {removed} leftover work file(s) of an interrupted run."))
