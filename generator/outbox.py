"""Last pipeline step: outputs are written to a staging folder and swapped into place whole.

    outbox/.formgen.lock              one lock per outbox (flock): publishing, cleaning and outbox-wide writes
    outbox/.formgen-staging/          the staging area: a real folder owned by the user, never a link
        <pid>-<start>-<random>/       one folder per running formgen process; its .alive is locked while it runs
            <case-id>-<random>/       one case being built
    outbox/<case-id>/                 the published outputs

A reader of outbox/<case-id>/ sees the previous complete set or the new complete set, never a half-written
file and never a missing folder: the new folder and the old one change places in one renameat2
(RENAME_EXCHANGE) call. Where the filesystem lacks it (EINVAL, ENOSYS: some network and FUSE filesystems)
publishing falls back to two renames, old folder out and new one in, under the outbox lock; a reader may
then find the folder missing for the instant between them, but never a partial one.

Cleaning removes only what processes that are gone left behind (kill -9, power loss): a process folder
whose .alive lock can be taken, since the kernel drops a dead process's locks; and hidden *.tmp files,
which are only ever written under the outbox lock, so that a cleaner holding it never sees one in use.
Nothing is followed through a symbolic link: folders are opened with O_NOFOLLOW and removed through
their descriptors.

Every file and folder written here gets the output mode (OUTPUT_MODES), whatever the process's umask.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from generator.exceptions import InvalidInput, OutputError
from generator.messages import Msg

STAGING = ".formgen-staging"
LOCK_FILE = ".formgen.lock"
OUTBOX_FILES = ("deadlines.csv", "deadlines.ics", "index.html")
"""The outbox-wide files (generator/deadlines): no case folder may take one of these names."""
ALIVE = ".alive"
TEMPORARY = re.compile(r"^\..+\.tmp$")

OUTPUT_MODES = {"private": (0o600, 0o700), "group": (0o640, 0o750)}
"""Outputs hold passport and 在留カード numbers: by default only their owner may read them."""


def modes(mode: str) -> tuple[int, int]:
    """(file mode, folder mode) of an output mode."""
    return OUTPUT_MODES[mode]


def _fail(action_ja: str, action_en: str, path: Path, error: OSError) -> OutputError:
    return OutputError(Msg(
        f"{path} に{action_ja}できません: {error.strerror}。フォルダの書き込み権限と空き容量を確かめてください。",
        f"cannot {action_en} {path}: {error.strerror}. Check the folder's permissions and free space."))


def _refuse_staging(path: Path, why_ja: str, why_en: str) -> OutputError:
    return OutputError(Msg(
        f"作業フォルダ {path} は{why_ja}ため使いません（中身も消しません）。確かめて削除してから、もう一度実行してください。",
        f"the staging folder {path} is {why_en}: formgen neither uses nor empties it. Check it, remove it "
        "and run again."))


# ── folders and files with the output mode ────────────────────────────────────────────────────────

def make_folder(path: Path, mode: str) -> Path:
    """Create `path` and any missing parents with the output mode's folder permissions."""
    dir_mode = modes(mode)[1]
    missing = []
    current = Path(path)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=dir_mode)
        except FileExistsError:
            continue  # another process made it in the meantime
        os.chmod(folder, dir_mode)  # mkdir's mode passes through the umask
    return path


def ensure_outbox(outbox: Path, mode: str) -> Path:
    """The outbox folder, made with the output mode if it is not there."""
    try:
        return make_folder(outbox, mode)
    except OSError as error:
        raise _fail("書き込み", "create", outbox, error) from None


def _write_new(path: Path, data: bytes, file_mode: int) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, file_mode)
    try:
        os.fchmod(descriptor, file_mode)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_text_atomically(path: Path, text: str, mode: str = "private") -> None:
    """Replace one file at once (outbox-wide files, ERRORS.txt); the caller holds the outbox lock.

    The temporary file is hidden and ends in .tmp: `clean_leftovers` removes one a killed process left."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        make_folder(path.parent, mode)
        _write_new(temporary, text.encode("utf-8"), modes(mode)[0])
        os.replace(temporary, path)
    except OSError as error:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise _fail("書き込み", "write", path, error) from None


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


# ── the outbox lock ───────────────────────────────────────────────────────────────────────────────

def _open_lock(path: Path, file_mode: int) -> int:
    flags = os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        descriptor = os.open(path, flags | os.O_RDWR | os.O_CREAT, file_mode)
    except OSError as error:
        if error.errno not in (errno.EROFS, errno.EACCES):
            raise
        descriptor = os.open(path, flags | os.O_RDONLY)  # a read-only outbox can still be locked
    with suppress(OSError):
        if os.fstat(descriptor).st_uid == os.geteuid():
            os.fchmod(descriptor, file_mode)
    return descriptor


NO_LOCKS = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EINVAL)
"""flock errors of filesystems without locks (some FUSE and SMB mounts): formgen goes on without."""

_thread_locks: dict[Path, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


def _thread_lock(outbox: Path) -> threading.Lock:
    # Where flock is emulated with POSIX locks (NFS), the threads of one process do not exclude each
    # other through it: they take this lock first.
    with _thread_locks_guard:
        return _thread_locks.setdefault(Path(os.path.abspath(outbox)), threading.Lock())


def _flock(descriptor: int, flags: int) -> bool:
    """flock; False where the filesystem has no locks."""
    try:
        fcntl.flock(descriptor, flags)
    except OSError as error:
        if isinstance(error, BlockingIOError) or error.errno not in NO_LOCKS:
            raise
        return False
    return True


@contextmanager
def outbox_lock(outbox: Path, mode: str = "private") -> Iterator[None]:
    """Hold the outbox's lock: one publish, clean or outbox-wide write at a time, across processes.

    Not re-entrant: code holding it must not call anything that takes it again."""
    with _thread_lock(outbox):
        try:
            make_folder(outbox, mode)
            descriptor = _open_lock(outbox / LOCK_FILE, modes(mode)[0])
        except OSError as error:
            raise _fail("書き込み", "lock", outbox, error) from None
        try:
            _flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # closing drops the lock


# ── staging: one folder per process ───────────────────────────────────────────────────────────────

def _start_time() -> str:
    """The process's start (clock ticks since boot): with the pid, it names this process only."""
    try:
        with open("/proc/self/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return "0"


@dataclass
class _ProcessStage:
    folder: Path
    alive: int  # descriptor of folder/.alive, locked while this process runs
    mode: str
    users: int = 0  # builds of this process in it now; at 0 the folder goes


_stages: dict[Path, _ProcessStage] = {}
_stages_guard = threading.Lock()
_cleaned: dict[Path, str] = {}  # outboxes this process has cleaned once → their output mode


def _forget_stages_in_child() -> None:
    _stages.clear()  # a forked child must not use (or remove) its parent's staging
    _cleaned.clear()
    _thread_locks.clear()  # nor wait for a lock that a thread of its parent held at the fork


os.register_at_fork(after_in_child=_forget_stages_in_child)


def _open_staging_root(outbox: Path, mode: str, create: bool) -> int | None:
    """A descriptor of outbox/.formgen-staging after checking that it is a folder of ours, not a link."""
    root = outbox / STAGING
    if create:
        try:
            root.mkdir(mode=modes(mode)[1])
        except FileExistsError:
            pass  # checked below: it must be a folder of ours
    try:
        descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        if create:
            raise
        return None
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            if root.is_symlink():
                raise _refuse_staging(root, "シンボリックリンクである", "a symbolic link") from None
            raise _refuse_staging(root, "フォルダではない", "not a folder") from None
        raise
    info = os.fstat(descriptor)
    if info.st_uid != os.geteuid():
        os.close(descriptor)
        raise _refuse_staging(root, f"別の利用者（uid {info.st_uid}）のものである", f"owned by another user (uid {info.st_uid})")
    os.fchmod(descriptor, modes(mode)[1])
    return descriptor


def _is_alive(root: int, name: str) -> bool:
    """Whether the process that made staging folder `name` still runs: it holds a lock on its .alive.
    Where locks cannot tell (a filesystem without them), a folder counts as alive: nothing is removed
    that is not known to be abandoned."""
    if any(stage.folder.name == name for stage in list(_stages.values())):
        return True  # this process's own (POSIX-emulated locks would not conflict with themselves)
    try:
        folder = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=root)
    except OSError:
        return False
    try:
        alive = os.open(ALIVE, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder)
    except OSError:
        return False  # killed before it made its .alive (or an older formgen's leftover)
    finally:
        os.close(folder)
    try:
        return not _flock(alive, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError: its process holds the lock
        return True
    finally:
        os.close(alive)


def _remove_entry(directory: int, name: str) -> None:
    """Remove one entry of an open folder; a link is removed itself, never what it points to."""
    info = os.stat(name, dir_fd=directory, follow_symlinks=False)
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(name, dir_fd=directory)  # descriptor-based: never follows a link inside
    else:
        os.unlink(name, dir_fd=directory)


def _clean_staging(outbox: Path, mode: str) -> int:
    root = _open_staging_root(outbox, mode, create=False)
    if root is None:
        return 0
    removed = 0
    try:
        for name in os.listdir(root):
            if _is_alive(root, name):
                continue
            with suppress(OSError):
                _remove_entry(root, name)
                removed += 1
        if not os.listdir(root):
            with suppress(OSError):
                (outbox / STAGING).rmdir()  # rmdir never follows a link
    finally:
        os.close(root)
    return removed


def _clean_temporary_files(outbox: Path) -> int:
    """Hidden *.tmp files in the outbox and in its case folders (only ever written under the lock)."""
    removed = 0
    for folder in [outbox, *_case_folders(outbox)]:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            path = folder / name
            if TEMPORARY.match(name) and stat.S_ISREG(os.lstat(path).st_mode):
                with suppress(OSError):
                    path.unlink()
                    removed += 1
    return removed


def _case_folders(outbox: Path) -> list[Path]:
    try:
        entries = list(os.scandir(outbox))
    except OSError:
        return []
    return [Path(e.path) for e in entries if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)]


def clean_leftovers(outbox: Path, mode: str = "private") -> int:
    """Remove what killed runs left in the outbox (their staging folders, half-written temporary
    files); what running processes are writing stays. Returns how many entries were removed."""
    outbox = Path(outbox)
    if not outbox.is_dir():
        return 0
    with outbox_lock(outbox, mode):
        return _clean_locked(outbox, mode)


def _clean_locked(outbox: Path, mode: str) -> int:
    try:
        return _clean_staging(outbox, mode) + _clean_temporary_files(outbox)
    except OSError as error:
        raise _fail("書き込み", "clean", outbox / STAGING, error) from None


def _new_process_stage(outbox: Path, mode: str, clean: bool) -> _ProcessStage:
    """Under the lock: clean what dead processes left (the first time), then make this process's folder
    and lock its .alive."""
    with outbox_lock(outbox, mode):
        if clean:
            _clean_locked(outbox, mode)
        try:
            root = _open_staging_root(outbox, mode, create=True)
            assert root is not None, "created when missing"
            try:
                name = f"{os.getpid()}-{_start_time()}-{secrets.token_hex(3)}"
                os.mkdir(name, 0o700, dir_fd=root)
                os.chmod(name, modes(mode)[1], dir_fd=root)
            finally:
                os.close(root)
            folder = outbox / STAGING / name
            alive = os.open(folder / ALIVE, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                            modes(mode)[0])
        except OSError as error:
            raise _fail("書き込み", "write to", outbox, error) from None
        _flock(alive, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return _ProcessStage(folder, alive, mode)


def _enter_stage(outbox: Path, mode: str) -> _ProcessStage:
    key = Path(os.path.abspath(outbox))
    with _stages_guard:
        stage = _stages.get(key)
        if stage is not None and not (stage.folder / ALIVE).exists():  # removed by hand: make a new one
            del _stages[key]
            stage = None
        if stage is None:
            stage = _stages[key] = _new_process_stage(key, mode, clean=key not in _cleaned)
            _cleaned[key] = mode
        stage.users += 1
    return stage


def _leave_stage(outbox: Path, stage: _ProcessStage) -> None:
    """The last build of this process in the outbox is done: its staging folder goes (staging exists
    only while something is being built)."""
    key = Path(os.path.abspath(outbox))
    with _stages_guard:
        stage.users -= 1
        if stage.users > 0:
            return
        if _stages.get(key) is stage:
            del _stages[key]
        _remove_stage(key, stage)


def _remove_stage(outbox: Path, stage: _ProcessStage) -> None:
    # .formgen-staging itself stays while this process runs: a reader listing the outbox would otherwise
    # see it come and go with every build; it goes at exit (and when `formgen watch` stops) if empty
    try:
        if stage.folder.is_dir():  # else the outbox (or its staging) was removed meanwhile
            with outbox_lock(outbox, stage.mode):
                shutil.rmtree(stage.folder, ignore_errors=True)
    except OutputError:
        pass  # the outbox is not writable any more: a later run cleans what is left
    finally:
        os.close(stage.alive)


@atexit.register
def _release_all() -> None:
    """At exit (a build interrupted by Ctrl-C): what this process still had in staging goes."""
    with _stages_guard:
        stages = list(_stages.items())
        _stages.clear()
    for outbox, stage in stages:
        _remove_stage(outbox, stage)
    for outbox, mode in list(_cleaned.items()):
        with suppress(OutputError, OSError):
            if (outbox / STAGING).is_dir():
                with outbox_lock(outbox, mode):
                    (outbox / STAGING).rmdir()  # only if empty: another process may be building


@contextmanager
def staging_folder(outbox: Path, case_id: str, mode: str = "private") -> Iterator[Path]:
    """A fresh folder to build one case in; removed if the build does not publish it."""
    stage = _enter_stage(Path(outbox), mode)
    try:
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{case_id}-", dir=stage.folder))
        except OSError as error:
            raise _fail("書き込み", "write to", outbox, error) from None
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        _leave_stage(Path(outbox), stage)


# ── publishing ────────────────────────────────────────────────────────────────────────────────────

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP)


def _load_renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None  # not glibc 2.28+ (or not Linux)
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2 = _load_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (renameat2 RENAME_EXCHANGE); False where the system or filesystem
    cannot, so that the caller falls back to two renames."""
    if _renameat2 is None:
        return False
    if _renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _seal(folder: Path, mode: str) -> None:
    """Flush every file to disk and give files and folders the output mode's permissions."""
    file_mode, dir_mode = modes(mode)
    for path in folder.rglob("*"):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode):
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
            path.chmod(file_mode)
        elif stat.S_ISDIR(info.st_mode):
            path.chmod(dir_mode)
    folder.chmod(dir_mode)


def _swap_into_place(folder: Path, destination: Path) -> Path | None:
    """outbox/<case-id> becomes `folder`; returns where the previous outputs now are (to remove)."""
    try:
        info = destination.lstat()
    except FileNotFoundError:
        os.rename(folder, destination)
        return None
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(Msg(
            f"{destination} はフォルダではないため、出力を置けません（そのままにしています）。移すか名前を変えてください。",
            f"{destination} is not a folder, so the outputs cannot go there (it is left as it is). Move or rename it."))
    if exchange(folder, destination):
        return folder
    retired = folder.with_name(folder.name + "-retired")  # the fallback: two renames, under the outbox lock
    os.rename(destination, retired)
    try:
        os.rename(folder, destination)
    except OSError:
        os.rename(retired, destination)  # put the previous good outputs back
        raise
    return retired


def _sync_folder(path: Path) -> None:
    with suppress(OSError):
        descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def publish(folder: Path, outbox: Path, case_id: str, mode: str = "private") -> Path:
    """Swap a finished staging folder with outbox/<case-id>, replacing the previous outputs."""
    destination = Path(outbox) / case_id
    if case_id.casefold() in OUTBOX_FILES:  # the loader refuses these ids; this keeps the dashboard safe anyway
        raise InvalidInput(Msg(
            f"ケースID「{case_id}」は出力フォルダの一覧ファイルと同じ名前のため使えません。case_id: かファイル名を変えてください。",
            f"the case id '{case_id}' is the name of an outbox-wide file; change the case_id: or the file name."))
    try:
        _seal(folder, mode)
    except OSError as error:
        raise _fail("出力", "publish to", destination, error) from None
    with outbox_lock(Path(outbox), mode):
        try:
            previous = _swap_into_place(folder, destination)
        except OSError as error:
            raise _fail("出力", "publish to", destination, error) from None
        _sync_folder(Path(outbox))
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
    return destination
