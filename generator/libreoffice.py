"""The one wrapper around the external program: LibreOffice, kept warm behind unoserver's protocol.

A conversion costs ~0.2 s in a warm LibreOffice and ~1.3 s when soffice is started for it, so formgen
starts one converter per core at the beginning of a build and feeds them in parallel (unoserver's
server converts one document at a time). Each converter is

    python -m generator.libreoffice serve ...   (its own process group = its own session)
      └─ soffice --headless --accept=...        (its own port and its own user profile)

The server speaks unoserver's XML-RPC API 3 (`info`, `convert`), so converters can also be remote
endpoints running the stock `unoserver` (the `converters` setting, generator/settings.py); formgen then
sends the DOCX bytes and gets the PDF bytes back.

Failures, in the order formgen meets them:
- the unoserver client has no timeout: every call here has one (setting convert_timeout, default 60 s);
- a conversion that times out or loses its server → the server's whole process group is killed
  (soffice.bin included), a fresh one is started, and the document is retried once (on any converter);
- a remote endpoint that times out or is unreachable is dropped from the pool for the rest of the run;
- a local converter is replaced after `recycle_after` conversions (setting converter_recycle, default 100),
  in the background, because soffice.bin grows from ~80 MB to ~350 MB over a few hundred documents;
- no LibreOffice is left behind: atexit and SIGTERM/SIGHUP kill every process group formgen started,
  and each server kills its own group when formgen disappears (even after `kill -9`).

The server needs a Python with LibreOffice's `uno` module (python3-uno; the project's .venv has
--system-site-packages): the setting uno_python names it when formgen's own Python lacks it.
"""

from __future__ import annotations

import argparse
import atexit
import http.client
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
import xmlrpc.client
from dataclasses import dataclass, field
from pathlib import Path

from generator.exceptions import ExternalProgramError
from generator.messages import Msg

API_VERSION = "3"  # unoserver's XML-RPC API
DEFAULT_TIMEOUT = 60.0
START_TIMEOUT = 60.0
RECYCLE_AFTER = 100  # conversions; soffice.bin grows from ~80 MB to ~350 MB over a few hundred documents
PROFILE_SEED = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "formgen" / "lo-profile-seed"
PROFILE_PREFIX = "formgen-lo-"  # + owner pid: tests find a run's processes by it
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
PDF_FILTER_OPTIONS = ["ExportBookmarks=false"]
PDFA_FILTER_OPTIONS = ["SelectPdfVersion=2"]  # PDF/A-2b


# ── configuration ────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int

    @property
    def local(self) -> bool:
        return self.host in LOCAL_HOSTS

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass
class ConverterSettings:
    """How many local converters to start, or which remote endpoints to use; the time limits."""

    count: int = field(default_factory=lambda: os.cpu_count() or 1)
    endpoints: list[Endpoint] = field(default_factory=list)
    timeout: float = DEFAULT_TIMEOUT
    start_timeout: float = START_TIMEOUT
    recycle_after: int = RECYCLE_AFTER  # a local converter is replaced (in the background) after this many
    python: str = field(default_factory=lambda: sys.executable)


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


# ── the client side: XML-RPC with a deadline ─────────────────────────────────────────────────────

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


class ServerLost(Exception):
    """The server did not answer in time, or went away: kill it, restart it, retry the document."""


class DocumentFailed(Exception):
    """The server answered, but LibreOffice could not convert this document."""


def call_convert(endpoint: Endpoint, source: Path, target: Path, options: list[str], timeout: float) -> None:
    try:
        with _proxy(endpoint, timeout) as proxy:
            if endpoint.local:
                proxy.convert(str(source.resolve()), None, str(target.resolve()), "pdf", None, options, False)
            else:
                data = proxy.convert(None, xmlrpc.client.Binary(source.read_bytes()), None, "pdf", None,
                                     options, False)
                target.write_bytes(data.data)
    except xmlrpc.client.Fault as fault:
        if not ping(endpoint, timeout):  # the server answers for a LibreOffice that died under it
            raise ServerLost(f"LibreOffice lost: {fault.faultString[:200]}") from None
        raise DocumentFailed(fault.faultString) from None
    except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as error:
        raise ServerLost(f"{type(error).__name__}: {error}") from None


def ping(endpoint: Endpoint, timeout: float = 5.0) -> bool:
    try:
        with _proxy(endpoint, timeout) as proxy:
            return proxy.info().get("api") == API_VERSION
    except (OSError, http.client.HTTPException, xmlrpc.client.Error):
        return False


# ── local servers: start, health, kill, restart ──────────────────────────────────────────────────

_LIVE_GROUPS: set[int] = set()
_LIVE_LOCK = threading.Lock()


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


def _ensure_profile_seed() -> None:
    """A LibreOffice profile made once and copied for each server: a fresh profile costs ~1 s per start."""
    if (PROFILE_SEED / "user").is_dir():
        return
    PROFILE_SEED.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="seed-", dir=PROFILE_SEED.parent))
    try:
        subprocess.run([soffice_executable(), "--headless", "--terminate_after_init",
                        f"-env:UserInstallation={scratch.as_uri()}"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=START_TIMEOUT,
                       start_new_session=True)
        if (scratch / "user").is_dir():
            os.replace(scratch, PROFILE_SEED)
    except (OSError, subprocess.SubprocessError):
        pass
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


OFFICE_LOCALE = "ja-JP"
_REGISTRY = "user/registrymodifications.xcu"
_LOCALE_ITEM = ('<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
                f"<value>{OFFICE_LOCALE}</value></prop></item>")
_EMPTY_REGISTRY = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                   'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                   "\n</oor:items>\n")


def set_profile_locale(profile: Path) -> None:
    """LibreOffice's locale setting in a profile: Japanese. A sign that opens a paragraph (□ ■ ← ①) takes the
    script of this locale, so that it is set in the Japanese face like the rest of the form, not the Latin one."""
    registry = profile / _REGISTRY
    text = registry.read_text(encoding="utf-8") if registry.is_file() else _EMPTY_REGISTRY
    if "ooSetupSystemLocale" not in text:
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(text.replace("</oor:items>", _LOCALE_ITEM + "\n</oor:items>"), encoding="utf-8")


def soffice_executable() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ExternalProgramError(Msg(
        "LibreOffice（soffice）が見つかりません。`make setup`（tools/setup.sh）でインストールしてください。",
        "LibreOffice (soffice) not found. Install it with `make setup` (tools/setup.sh)."))


class LocalServer:
    """One unoserver-compatible server with its own soffice, port and profile, in its own process group."""

    def __init__(self, settings: ConverterSettings, number: int):
        self.settings = settings
        self.number = number
        self.process: subprocess.Popen | None = None
        self.endpoint: Endpoint | None = None
        self.profile: Path | None = None
        self.restarts = 0
        self.conversions = 0  # since the last start
        self.retired = False  # the pool closed: a start still under way must not leave a server behind

    restartable = True

    def start(self) -> None:
        port, uno_port = _free_ports(2)
        self.endpoint = Endpoint("127.0.0.1", port)
        self.profile = Path(tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{os.getpid()}-{self.number}-"))
        if (PROFILE_SEED / "user").is_dir():
            shutil.copytree(PROFILE_SEED / "user", self.profile / "user", symlinks=True)
        set_profile_locale(self.profile)
        command = [self.settings.python, "-m", "generator.libreoffice", "serve", "--port", str(port),
                   "--uno-port", str(uno_port), "--profile", str(self.profile), "--parent", str(os.getpid())]
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True, env=environment)
        with _LIVE_LOCK:
            _LIVE_GROUPS.add(self.process.pid)
        if self.retired:
            self.kill()
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.settings.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if ping(self.endpoint, timeout=2.0):
                return
            time.sleep(0.05)
        self.kill()
        raise ExternalProgramError(Msg(
            "LibreOffice の変換サーバーを起動できませんでした。LibreOffice と python3-uno が入っているか確かめてください"
            "（`make setup`）。",
            "could not start a LibreOffice converter. Check that LibreOffice and python3-uno are installed "
            "(`make setup`)."))

    def pids(self) -> list[int]:
        return group_members(self.process.pid) if self.process else []

    def soffice_pids(self) -> list[int]:
        return [pid for pid in self.pids() if _process_name(pid).startswith("soffice")]

    def kill(self) -> None:
        if self.process is not None:
            kill_group(self.process.pid)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)

    def restart(self) -> None:
        self.kill()
        self.restarts += 1
        self.conversions = 0
        self.start()


class RemoteServer:
    """A converter someone else runs (stock unoserver): formgen can only use it or drop it."""

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

    def pids(self) -> list[int]:
        return []

    def kill(self) -> None:
        pass


def _process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


# ── the pool: one converter per core, each used by one document at a time ─────────────────────────

class ConverterPool:
    """Converts DOCX files to PDF on warm converters; safe to use from many threads at once."""

    def __init__(self, settings: ConverterSettings | None = None):
        self.settings = settings or ConverterSettings()
        if self.settings.endpoints:
            self.servers = [RemoteServer(e) for e in self.settings.endpoints]
        else:
            self.servers = [LocalServer(self.settings, n) for n in range(self.settings.count)]
        self._idle: queue.Queue = queue.Queue()
        self._alive = 0
        self._lock = threading.Lock()
        self._started = threading.Event()
        self._closing = False
        self.start_errors: list[ExternalProgramError] = []
        self.conversions = 0
        self.retries = 0

    @property
    def capacity(self) -> int:
        """Documents it converts at once."""
        return len(self.servers)

    # lifecycle
    def start(self, wait: bool = False) -> "ConverterPool":
        """Start every converter in the background (a build renders its first DOCX meanwhile)."""
        if any(isinstance(s, LocalServer) for s in self.servers):
            _install_signal_handlers()
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

    def __enter__(self) -> "ConverterPool":
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
        """DOCX → PDF; a hung or lost converter is replaced and the document retried once."""
        options = PDF_FILTER_OPTIONS + (PDFA_FILTER_OPTIONS if pdfa else [])
        failure = ""
        for attempt in range(2):
            server = self._acquire()
            try:
                call_convert(server.endpoint, source, target, options, self.settings.timeout)
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
            server.conversions += 1
            with self._lock:
                self.conversions += 1
            if server.restartable and server.conversions >= self.settings.recycle_after and not self._closing:
                threading.Thread(target=self._recover, args=(server,), daemon=True).start()  # fresh memory
            else:
                self._idle.put(server)
            return target
        raise ExternalProgramError(Msg(
            f"LibreOffice が {source.name} の変換に失敗しました（{self.settings.timeout:g} 秒で応答なし、"
            f"または異常終了。再起動して再試行しても失敗）: {failure}",
            f"LibreOffice failed to convert {source.name} (no answer within {self.settings.timeout:g} s or "
            f"crashed; failed again after a restart): {failure}"))


_HANDLERS_INSTALLED = False


def _install_signal_handlers() -> None:
    """SIGTERM/SIGHUP become KeyboardInterrupt, so the build stops the way Ctrl-C stops it (atexit runs)."""
    global _HANDLERS_INSTALLED
    if _HANDLERS_INSTALLED or threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum, frame):
        kill_all_groups()
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) in (signal.SIG_DFL, None):
            signal.signal(signum, interrupt)
    _HANDLERS_INSTALLED = True


# ── the server side (runs under the Python that has `uno`) ───────────────────────────────────────

def serve(port: int, uno_port: int, profile: Path, parent: int) -> int:
    """soffice + an XML-RPC server with unoserver's API, ready as soon as LibreOffice answers."""
    import xmlrpc.server

    from unoserver.converter import UnoConverter  # needs LibreOffice's uno module

    accept = f"socket,host=127.0.0.1,port={uno_port},tcpNoDelay=1;urp;StarOffice.ComponentContext"
    office = subprocess.Popen([soffice_executable(), "--headless", "--invisible", "--nocrashreport", "--nodefault",
                               "--nologo", "--nofirststartwizard", "--norestore",
                               f"-env:UserInstallation={profile.as_uri()}", f"--accept={accept}"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def die() -> None:
        os.killpg(os.getpgid(0), signal.SIGKILL)

    def watch() -> None:
        while True:
            if os.getppid() != parent or office.poll() is not None:
                die()
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
    converter = None
    deadline = time.monotonic() + START_TIMEOUT
    while converter is None:
        try:
            converter = UnoConverter(interface="127.0.0.1", port=str(uno_port))
        except Exception:  # noqa: BLE001 - uno raises its own types while soffice is starting
            if time.monotonic() > deadline:
                die()
            time.sleep(0.05)

    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", port), allow_none=True, logRequests=False)

    def info() -> dict:
        return {"unoserver": "formgen", "api": API_VERSION, "import_filters": {}, "export_filters": {},
                "libreoffice_version": converter.uno_info()}

    def convert(inpath=None, indata=None, outpath=None, convert_to=None, filtername=None, filter_options=(),
                update_index=True, infiltername=None, password=None):
        data = indata.data if indata is not None else None
        return converter.convert(inpath, data, outpath, convert_to, filtername, list(filter_options or ()),
                                 update_index, infiltername, password)

    server.register_function(info)
    server.register_function(convert)
    server.serve_forever()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.libreoffice")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run one converter (formgen starts these itself)")
    serve_parser.add_argument("--port", type=int, required=True)
    serve_parser.add_argument("--uno-port", type=int, required=True)
    serve_parser.add_argument("--profile", type=Path, required=True)
    serve_parser.add_argument("--parent", type=int, default=os.getppid())
    args = parser.parse_args(argv)
    return serve(args.port, args.uno_port, args.profile, args.parent)


if __name__ == "__main__":
    sys.exit(main())
