"""The one wrapper around the external program: LibreOffice, kept warm, one converter per core.

A conversion costs ~0.1 s in a warm LibreOffice and ~1.5 s when soffice is started for it, so formgen
starts one converter per core at the beginning of a build and feeds them in parallel (one document at
a time each). A local converter is

    python -m generator.unoserve --folder DIR ...   (its own process group = its own session)
      └─ soffice --headless --accept=pipe,...      (its own profile, UNO over a pipe only it can open)

DIR is a 0700 folder of its own (generator/unoserve.py): formgen puts the DOCX into DIR/in/, asks over
DIR/rpc.sock (a UNIX socket; other users are refused), and takes the PDF from DIR/out/. No port is open,
and no request can make a converter read or write a file outside DIR.

Remote converters (the `converters` setting) run the stock `unoserver` from PyPI: formgen sends the
DOCX bytes over unoserver's XML-RPC API 3 and gets the PDF bytes back. Local and remote converters can
be mixed (ConverterSettings.local_count).

Every PDF that comes back is checked before it is accepted (generator/pdfcheck.py: it opens, has a
plausible page count, prints the DOCX's text); a blank or foreign PDF is a conversion failure (exit 3).

Failures, in the order formgen meets them:
- the unoserver client has no timeout: every call here has one (setting convert_timeout, default 60 s,
  longer for big documents: `seconds_per_megabyte` of document text over the first megabyte);
- a conversion that times out or loses its server → the server's whole process group is killed
  (soffice.bin included), a fresh one is started, and the document is retried once (on any converter);
- a remote endpoint that times out, is unreachable or sends back a PDF that is not the document is
  dropped from the pool for the rest of the run;
- a local converter is replaced after `recycle_after` conversions (setting converter_recycle), in the
  background, because soffice.bin grows over a few hundred documents;
- no LibreOffice is left behind: atexit and SIGTERM/SIGHUP kill every process group formgen started,
  and each server kills its own group when formgen disappears (even after `kill -9`); the folders
  (profiles, pipes) of converters whose formgen was killed are removed by the next run.

The server needs a Python with LibreOffice's `uno` module (python3-uno; the project's .venv has
--system-site-packages): the setting uno_python names it when formgen's own Python lacks it. soffice
runs with jemalloc when it is installed (libjemalloc2): ~20 % less CPU per document than glibc's malloc.
"""

from __future__ import annotations

import atexit
import hashlib
import http.client
import io
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import xmlrpc.client
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from generator import pdfcheck
from generator.exceptions import ExternalProgramError
from generator.messages import Msg

API_VERSION = "3"  # unoserver's XML-RPC API
DEFAULT_TIMEOUT = 60.0
START_TIMEOUT = 60.0
RECYCLE_AFTER = 200
"""Conversions before a converter is replaced: with jemalloc, soffice.bin grows from ~90 to ~170 MiB (PSS) over
its first 100 documents, stays there to 200 and reaches ~260 MiB by 450; a start costs ~1.7 CPU-s."""
SECONDS_PER_MEGABYTE = 30.0  # of word/document.xml beyond the first: a 500-facility 様式3-2 is ~40 MB
PROFILE_PREFIX = "formgen-lo-"  # + owner pid: tests and the clean-up of killed runs find a run's things by it
PIPE_FOLDER = "/tmp"  # where LibreOffice's pipes (sal/osl/unx/pipe.cxx) are, whatever TMPDIR says
PDF_FILTER_OPTIONS = ["ExportBookmarks=false"]
PDFA_FILTER_OPTIONS = ["SelectPdfVersion=2"]  # PDF/A-2b
JEMALLOC_CONF = "dirty_decay_ms:1000,muzzy_decay_ms:0"  # give freed memory back within a second
JEMALLOC = ("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
            "/usr/lib64/libjemalloc.so.2", "/usr/lib/libjemalloc.so.2")
# What a converter's profile must not do: remember documents (recent files hold case paths), save
# recovery copies, check spelling in the background, collect words for autocompletion (2-3 % of a
# conversion's CPU, in the layout LibreOffice does after loading), probe OpenCL. And its locale is
# Japanese: a sign that opens a paragraph (□ ■ ← ①) takes the script of the locale, so that it is set in
# the Japanese face like the rest of the form, not the Latin one.
PROFILE_SETTINGS = (
    ("/org.openoffice.Setup/L10N", "ooSetupSystemLocale", "string", "ja-JP"),
    ("/org.openoffice.Office.Common/History", "PickListSize", "int", "0"),
    ("/org.openoffice.Office.Common/History", "Size", "int", "0"),
    ("/org.openoffice.Office.Common/History", "RecentDocsThumbnail", "boolean", "false"),
    ("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "boolean", "false"),
    ("/org.openoffice.Office.Recovery/RecoveryInfo", "Enabled", "boolean", "false"),
    ("/org.openoffice.Office.Linguistic/SpellChecking", "IsSpellAuto", "boolean", "false"),
    ("/org.openoffice.Office.Writer/AutoFunction/Completion", "Enable", "boolean", "false"),
    ("/org.openoffice.Office.Writer/AutoFunction/Completion", "CollectWords", "boolean", "false"),
    ("/org.openoffice.Office.Common/Misc", "UseOpenCL", "boolean", "false"),
)
PROFILE_SEED = (Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "formgen"
                / f"lo-profile-seed-{hashlib.sha256(repr(PROFILE_SETTINGS).encode()).hexdigest()[:12]}")
"""Named by the settings it was made with: a changed setting makes a new seed."""


# ── configuration ────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass
class ConverterSettings:
    """How many local converters to start, which remote endpoints to use; the time limits."""

    count: int = field(default_factory=lambda: os.cpu_count() or 1)
    endpoints: list[Endpoint] = field(default_factory=list)
    timeout: float = DEFAULT_TIMEOUT
    start_timeout: float = START_TIMEOUT
    recycle_after: int = RECYCLE_AFTER  # a local converter is replaced (in the background) after this many
    python: str = field(default_factory=lambda: sys.executable)
    local_count: int | None = None  # local converters beside the endpoints (None: `count`, or 0 with endpoints)
    seconds_per_megabyte: float = SECONDS_PER_MEGABYTE  # more time for big documents (see time_limit)
    jemalloc: bool = True  # run soffice with jemalloc when it is installed
    warm_up: bool = False
    """Each local converter converts one small document before it says ready (LibreOffice's first document
    costs ~0.3 s more than the next): for converters that wait for a user's next document (watch, the web
    app). A one-off build would pay it on a converter it may never use."""

    @property
    def locals_wanted(self) -> int:
        if self.local_count is not None:
            return self.local_count
        return 0 if self.endpoints else self.count

    def time_limit(self, docx: Path) -> float:
        """The time limit of one conversion: `timeout`, and more for each megabyte of text past the first."""
        try:
            with zipfile.ZipFile(docx) as package:
                size = package.getinfo(pdfcheck.BODY).file_size
        except (OSError, KeyError, zipfile.BadZipFile):
            return self.timeout
        return self.timeout + self.seconds_per_megabyte * max(0.0, size / 1e6 - 1)


def parse_endpoints(text: str) -> list[Endpoint]:
    endpoints = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        host, _, port = item.rpartition(":")
        if not host or not port.isdigit():
            raise ExternalProgramError(Msg(
                f"変換サーバーの指定「{item}」が正しくありません（ホスト:ポート の形で書いてください）。",
                f"converter '{item}' is not valid (write host:port)."))
        endpoints.append(Endpoint(host.strip("[]"), int(port)))
    return endpoints


class ServerLost(Exception):
    """The server did not answer in time, or went away: kill it, restart it, retry the document."""


class DocumentFailed(Exception):
    """The server answered, but LibreOffice could not convert this document."""


# ── remote endpoints: stock unoserver, XML-RPC with a deadline ───────────────────────────────────

class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def _proxy(endpoint: Endpoint, timeout: float) -> xmlrpc.client.ServerProxy:
    return xmlrpc.client.ServerProxy(f"http://{endpoint}", allow_none=True,
                                     transport=_TimeoutTransport(timeout))


def ping(endpoint: Endpoint, timeout: float = 5.0) -> bool:
    try:
        with _proxy(endpoint, timeout) as proxy:
            return cast(dict, proxy.info()).get("api") == API_VERSION
    except (OSError, http.client.HTTPException, xmlrpc.client.Error):
        return False


class RemoteServer:
    """A converter someone else runs (stock unoserver): formgen sends bytes, and can only use it or drop it."""

    restartable = False
    restarts = 0
    conversions = 0
    retired = False

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    def start(self) -> None:
        if not ping(self.endpoint):
            raise ExternalProgramError(Msg(f"変換サーバー {self.endpoint} に接続できません。",
                                           f"cannot reach the converter {self.endpoint}."))

    def convert(self, source: Path, target: Path, pdfa: bool, timeout: float) -> None:
        options = PDF_FILTER_OPTIONS + (PDFA_FILTER_OPTIONS if pdfa else [])
        try:
            with _proxy(self.endpoint, timeout) as proxy:
                data = proxy.convert(None, xmlrpc.client.Binary(source.read_bytes()), None, "pdf", None,
                                     options, False)
        except xmlrpc.client.Fault as fault:
            if not ping(self.endpoint, timeout):  # the server answers for a LibreOffice that died under it
                raise ServerLost(f"LibreOffice lost: {fault.faultString[:200]}") from None
            raise DocumentFailed(fault.faultString) from None
        except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as error:
            raise ServerLost(f"{type(error).__name__}: {error}") from None
        if not isinstance(data, xmlrpc.client.Binary):
            raise ServerLost("the converter sent back no PDF")
        target.write_bytes(data.data)

    def pids(self) -> list[int]:
        return []

    def kill(self) -> None:
        pass


# ── local servers: start, health, kill, restart ──────────────────────────────────────────────────

_LIVE_GROUPS: set[int] = set()
_LIVE_LOCK = threading.Lock()
_SIGNALLED = threading.Event()
"""Set when SIGTERM/SIGHUP stops formgen: no converter starts any more."""


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    with _LIVE_LOCK:
        _LIVE_GROUPS.discard(pgid)


def kill_all_groups() -> None:
    with _LIVE_LOCK:
        groups = list(_LIVE_GROUPS)
    for pgid in groups:
        kill_group(pgid)


atexit.register(kill_all_groups)


def group_members(pgid: int) -> list[int]:
    """Pids of a process group (the server, soffice's launcher and soffice.bin)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                members.append(int(entry.name))
    return members


def _process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _start_time(pid: int) -> str | None:
    """When the process started (clock ticks since boot): tells a live owner from a reused pid."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _profile_settings_xml() -> str:
    return "".join(f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
                   for path, name, _type, value in PROFILE_SETTINGS)


def _ensure_profile_seed() -> None:
    """A LibreOffice profile made once and copied for each server: a fresh profile costs ~1 s per start."""
    if (PROFILE_SEED / "user").is_dir():
        return
    PROFILE_SEED.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    scratch = Path(tempfile.mkdtemp(prefix="seed-", dir=PROFILE_SEED.parent))
    try:
        subprocess.run([soffice_executable(), "--headless", "--terminate_after_init",
                        f"-env:UserInstallation={scratch.as_uri()}"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=START_TIMEOUT,
                       start_new_session=True)
        registry = scratch / "user" / "registrymodifications.xcu"
        if registry.is_file():
            text = registry.read_text(encoding="utf-8")
            registry.write_text(text.replace("</oor:items>", _profile_settings_xml() + "</oor:items>"),
                                encoding="utf-8")
            os.replace(scratch, PROFILE_SEED)
    except (OSError, subprocess.SubprocessError):
        pass
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def soffice_executable() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ExternalProgramError(Msg(
        "LibreOffice（soffice）が見つかりません。`make setup`（tools/setup.sh）でインストールしてください。",
        "LibreOffice (soffice) not found. Install it with `make setup` (tools/setup.sh)."))


def _jemalloc() -> str | None:
    return next((path for path in JEMALLOC if os.path.isfile(path)), None)


def converter_folders() -> list[Path]:
    """Where converters keep their folders: the user's runtime folder (a tmpfs) if there is one, and /tmp."""
    folders = [Path(tempfile.gettempdir())]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        folders.insert(0, Path(runtime))
    return folders


def _owner_of(entry: Path) -> int | None:
    """The formgen pid in a converter folder's or UNO pipe's name (formgen-lo-<pid>-...)."""
    name = entry.name
    if name.startswith("OSL_PIPE_"):
        name = name.split("_", 3)[-1]
    if not name.startswith(PROFILE_PREFIX):
        return None
    pid = name[len(PROFILE_PREFIX):].split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _owner_alive(entry: Path, pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        recorded = (entry / "owner").read_text().split()
    except OSError:
        return True  # alive, and nothing says it is someone else: leave it
    return len(recorded) < 2 or recorded[1] == _start_time(pid)


def office_pipes(folder: Path) -> list[Path]:
    """The UNIX sockets soffice leaves in /tmp when it is killed: formgen's UNO pipe, named after the
    folder, and LibreOffice's single-instance pipe, named after an MD5 of the profile's URL (each byte
    in hex without padding, as desktop/source/app/officeipcthread.cxx writes it)."""
    profile = (folder / "profile").as_uri()
    digest = "".join(f"{byte:x}" for byte in hashlib.md5(profile.encode("utf-16-le")).digest())
    return [Path(PIPE_FOLDER) / f"OSL_PIPE_{os.getuid()}_{name}" for name in (folder.name, f"SingleOfficeIPC_{digest}")]


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
        for pipe in office_pipes(entry):
            pipe.unlink(missing_ok=True)
    else:
        entry.unlink(missing_ok=True)


def clean_leftovers() -> list[Path]:
    """Remove the converter folders and UNO pipes of formgen runs that are gone (killed, crashed):
    profiles of those runs hold the paths of case files. Only this user's, never a live run's."""
    removed = []
    for base in dict.fromkeys([*converter_folders(), Path(PIPE_FOLDER)]):
        try:
            entries = list(base.iterdir())
        except OSError:
            continue
        for entry in entries:
            pid = _owner_of(entry)
            if pid is None:
                continue
            try:
                info = entry.lstat()
            except OSError:
                continue
            if info.st_uid != os.getuid() or _owner_alive(entry, pid):
                continue
            _remove(entry)
            removed.append(entry)
    return removed


class LocalServer:
    """One converter of formgen's own: its soffice, profile and folder, in its own process group."""

    restartable = True

    def __init__(self, settings: ConverterSettings, number: int):
        self.settings = settings
        self.number = number
        self.process: subprocess.Popen | None = None
        self.folder: Path | None = None
        self.restarts = 0
        self.conversions = 0  # since the last start
        self.retired = False  # the pool closed: a start still under way must not leave a server behind
        self._stream: io.BufferedIOBase | None = None
        self._connection: socket.socket | None = None

    @property
    def endpoint(self) -> str:
        return f"local converter {self.number + 1}"

    @property
    def _own_folder(self) -> Path:
        assert self.folder is not None, "the converter has started"
        return self.folder

    def _make_folder(self) -> Path:
        folder = Path(tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{os.getpid()}-{self.number}-",
                                       dir=converter_folders()[0]))
        (folder / "owner").write_text(f"{os.getpid()} {_start_time(os.getpid())}\n")
        for part in ("in", "out", "tmp"):
            (folder / part).mkdir(mode=0o700)
        if (PROFILE_SEED / "user").is_dir():
            shutil.copytree(PROFILE_SEED / "user", folder / "profile" / "user", symlinks=True)
        return folder

    def start(self) -> None:
        self.folder = self._make_folder()
        preload = _jemalloc() if self.settings.jemalloc else None
        command = [self.settings.python, "-m", "generator.unoserve", "--folder", str(self.folder),
                   "--parent", str(os.getpid())] + (["--preload", preload] if preload else []) + (
                   ["--warm-up"] if self.settings.warm_up else [])
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True, env=environment)
        with _LIVE_LOCK:
            _LIVE_GROUPS.add(self.process.pid)
        if self.retired or _SIGNALLED.is_set():  # a signal's kill_all_groups may have run just before the add
            self.kill()
        self._wait_ready()

    def _connect(self) -> bool:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.settimeout(5.0)
            connection.connect(str(self._own_folder / "rpc.sock"))
            self._connection, self._stream = connection, connection.makefile("rwb")
            return self._call({"ping": True}, 5.0).get("ok") is True
        except (OSError, ServerLost):
            connection.close()
            return False

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.settings.start_timeout
        while time.monotonic() < deadline and not self.retired:
            if self.process is None or self.process.poll() is not None:
                break
            if (self._own_folder / "rpc.sock").exists() and self._connect():
                return
            time.sleep(0.05)
        self.kill()
        raise ExternalProgramError(Msg(
            "LibreOffice の変換サーバーを起動できませんでした。LibreOffice と python3-uno が入っているか確かめてください"
            "（`make setup`）。",
            "could not start a LibreOffice converter. Check that LibreOffice and python3-uno are installed "
            "(`make setup`)."))

    def _call(self, request: dict, timeout: float) -> dict:
        connection, stream = self._connection, self._stream
        if connection is None or stream is None:
            raise ServerLost("the converter is closed")
        try:
            connection.settimeout(timeout)
            stream.write(json.dumps(request).encode() + b"\n")
            stream.flush()
            line = stream.readline()
            reply = json.loads(line) if line else None
        except (OSError, ValueError, AttributeError) as error:  # timeout, reset, closed, garbled
            raise ServerLost(f"{type(error).__name__}: {error}") from None
        if not isinstance(reply, dict):
            raise ServerLost("the converter went away")
        return reply

    def convert(self, source: Path, target: Path, pdfa: bool, timeout: float) -> None:
        name = f"{uuid.uuid4().hex}.docx"
        inbox, made = self._own_folder / "in" / name, self._own_folder / "out" / f"{name[:-5]}.pdf"
        try:
            os.link(source, inbox)  # the converter reads only its own folder; a link costs no copy
        except OSError:
            shutil.copyfile(source, inbox)
        try:
            reply = self._call({"convert": name, "pdfa": pdfa}, timeout)
        finally:
            inbox.unlink(missing_ok=True)
        if not reply.get("ok"):
            made.unlink(missing_ok=True)
            raise DocumentFailed(str(reply.get("error", "unknown error")))
        shutil.move(made, target)

    def pids(self) -> list[int]:
        return group_members(self.process.pid) if self.process else []

    def soffice_pids(self) -> list[int]:
        return [pid for pid in self.pids() if _process_name(pid).startswith("soffice")]

    def kill(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = self._stream = None
        if self.process is not None:
            kill_group(self.process.pid)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self.folder is not None:
            _remove(self.folder)

    def restart(self) -> None:
        self.kill()
        self.restarts += 1
        self.conversions = 0
        self.start()


# ── the pool: one converter per core, each used by one document at a time ─────────────────────────

class ConverterPool:
    """Converts DOCX files to PDF on warm converters; safe to use from many threads at once."""

    def __init__(self, settings: ConverterSettings | None = None):
        self.settings = settings or ConverterSettings()
        self.servers: list[LocalServer | RemoteServer] = (
            [LocalServer(self.settings, n) for n in range(self.settings.locals_wanted)]
            + [RemoteServer(e) for e in self.settings.endpoints])
        self._idle: queue.Queue = queue.Queue()
        self._alive = 0
        self._lock = threading.Lock()
        self._started = threading.Event()
        self._begun = False
        self._closing = False
        self.start_errors: list[ExternalProgramError] = []
        self.conversions = 0
        self.retries = 0

    @property
    def capacity(self) -> int:
        """Documents it converts at once."""
        return len(self.servers)

    # lifecycle
    def start(self, wait: bool = False) -> ConverterPool:
        """Start every converter in the background (a build renders its first DOCX meanwhile); once: a pool
        started and then entered with `with` keeps its converters."""
        if self._begun:
            if wait:
                self._started.wait()
            return self
        self._begun = True
        if any(isinstance(s, LocalServer) for s in self.servers):
            _install_signal_handlers()
            clean_leftovers()
            _ensure_profile_seed()
        threads = [threading.Thread(target=self._start_one, args=(s,), daemon=True) for s in self.servers]
        for thread in threads:
            thread.start()
        threading.Thread(target=self._all_started, args=(threads,), daemon=True).start()
        if wait:
            self._started.wait()
        return self

    def _all_started(self, threads: list[threading.Thread]) -> None:
        for thread in threads:
            thread.join()
        self._started.set()

    def _start_one(self, server) -> None:
        try:
            server.start()
        except ExternalProgramError as error:
            self.start_errors.append(error)
            return
        with self._lock:
            self._alive += 1
        self._idle.put(server)

    def close(self) -> None:
        self._closing = True
        for server in self.servers:
            server.retired = True
            server.kill()

    def __enter__(self) -> ConverterPool:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def pids(self) -> list[int]:
        return [pid for server in self.servers for pid in server.pids()]

    # use
    def _acquire(self):
        while True:
            try:
                return self._idle.get(timeout=0.2)
            except queue.Empty:
                if self._closing or (self._started.is_set() and self._alive == 0):
                    raise ExternalProgramError(self._no_converter_message()) from None

    def _no_converter_message(self) -> Msg:
        if self.start_errors:
            return self.start_errors[0].message
        return Msg("使える LibreOffice 変換サーバーがありません。", "no LibreOffice converter is available.")

    def _retire(self, server) -> None:
        with self._lock:
            self._alive -= 1
        server.kill()

    def _recover(self, server) -> None:
        """After a timeout or a lost connection: a fresh server in its place, or none."""
        if self._closing or not server.restartable:
            self._retire(server)
            return
        try:
            server.restart()
        except ExternalProgramError as error:
            self.start_errors.append(error)
            self._retire(server)
            return
        self._idle.put(server)

    def convert(self, source: Path, target: Path, pdfa: bool = False) -> Path:
        """DOCX → PDF, checked; a hung or lost converter is replaced and the document retried once."""
        limit = self.settings.time_limit(source)
        failure = ""
        for attempt in range(2):
            server = self._acquire()
            try:
                server.convert(source, target, pdfa, limit)
                if server.restartable:  # our own LibreOffice: a wrong PDF is the document's fault, not the server's,
                    self._done(server)  # so the next document may start on it while this PDF is checked
                trouble = pdfcheck.problem(source, target)
                if trouble is not None and not server.restartable:
                    raise ServerLost(f"sent back a PDF that is not the document: {trouble}")
            except ServerLost as lost:
                failure = f"{server.endpoint}: {lost}"
                self._recover(server)
                if attempt == 0:
                    self.retries += 1
                continue
            except DocumentFailed as error:
                self._idle.put(server)
                raise ExternalProgramError(Msg(
                    f"LibreOffice が {source.name} を PDF に変換できませんでした: {error}",
                    f"LibreOffice could not convert {source.name} to PDF: {error}")) from None
            if not server.restartable:
                self._done(server)
            if trouble is not None:
                target.unlink(missing_ok=True)
                raise ExternalProgramError(Msg(
                    f"LibreOffice が {source.name} から作った PDF が元の書類と合いません（{trouble}）。",
                    f"the PDF LibreOffice made of {source.name} does not match the document ({trouble})."))
            return target
        raise ExternalProgramError(Msg(
            f"LibreOffice が {source.name} の変換に失敗しました（{limit:g} 秒で応答なし、"
            f"または異常終了、または別の PDF。再起動して再試行しても失敗）: {failure}",
            f"LibreOffice failed to convert {source.name} (no answer within {limit:g} s, crashed, or sent "
            f"back another PDF; failed again after a restart): {failure}"))

    def _done(self, server) -> None:
        server.conversions += 1
        with self._lock:
            self.conversions += 1
        if server.restartable and server.conversions >= self.settings.recycle_after and not self._closing:
            threading.Thread(target=self._recover, args=(server,), daemon=True).start()  # fresh memory
        else:
            self._idle.put(server)


_HANDLERS_INSTALLED = False


def leave_if_signalled(exit_code: int) -> None:
    """After SIGTERM/SIGHUP: run the exit handlers (converters killed, staging removed) and leave at once.
    Interpreter shutdown would otherwise meet converter threads still starting or restarting, and a daemon
    thread caught holding stderr's lock then aborts the process (exit -6) instead of exiting 130."""
    if not _SIGNALLED.is_set():
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(exit_code)


def _install_signal_handlers() -> None:
    """SIGTERM/SIGHUP become KeyboardInterrupt, so the build stops the way Ctrl-C stops it (atexit runs)."""
    global _HANDLERS_INSTALLED
    if _HANDLERS_INSTALLED or threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum, frame):
        _SIGNALLED.set()
        kill_all_groups()
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) in (signal.SIG_DFL, None):
            signal.signal(signum, interrupt)
    _HANDLERS_INSTALLED = True


