"""The LibreOffice converters: timeouts, restarts, retries, remote endpoints, and no process left behind.

Real LibreOffice throughout; the time limit is set to a few seconds so that a hang is found quickly.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
import xmlrpc.server
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docx import Document as new_docx
from pypdf import PdfReader, PdfWriter

from conftest import ROOT, run_formgen
from generator import pdfcheck
from generator.libreoffice import (
    PROFILE_PREFIX,
    PROFILE_SETTINGS,
    ConverterPool,
    ConverterSettings,
    Endpoint,
    _free_ports,
    converter_folders,
    ping,
)
from test_pdf_packet import small_inbox

pytestmark = pytest.mark.slow


def tiny_docx(path: Path, text: str = "変換テスト") -> Path:
    document = new_docx()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def formgen_processes(owner: int) -> list[int]:
    """Live processes (server, soffice, soffice.bin) that the formgen process `owner` started."""
    marker = f"{PROFILE_PREFIX}{owner}-".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.fixture
def one_converter():
    pool = ConverterPool(ConverterSettings(count=1, timeout=4)).start(wait=True)
    assert not pool.start_errors
    yield pool
    pool.close()


def test_a_hung_soffice_times_out_is_restarted_and_the_document_retried(one_converter, tmp_path):
    server = one_converter.servers[0]
    stopped = server.soffice_pids()
    assert stopped
    for pid in stopped:
        os.kill(pid, signal.SIGSTOP)  # LibreOffice hangs: it accepts the work and never answers
    started = time.monotonic()
    pdf = one_converter.convert(tiny_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")
    assert 4 <= time.monotonic() - started < 30
    assert "変換テスト" in PdfReader(pdf).pages[0].extract_text()
    assert server.restarts == 1 and one_converter.retries == 1
    assert not set(stopped) & set(server.soffice_pids())
    assert not any(Path(f"/proc/{pid}/cmdline").exists() and Path(f"/proc/{pid}/cmdline").read_bytes()
                   for pid in stopped)  # the hung soffice.bin was killed with its process group


def test_a_killed_soffice_is_restarted_and_the_document_retried(one_converter, tmp_path):
    server = one_converter.servers[0]
    one_converter.convert(tiny_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")
    for pid in server.soffice_pids():
        os.kill(pid, signal.SIGKILL)
    pdf = one_converter.convert(tiny_docx(tmp_path / "b.docx", "二通目"), tmp_path / "b.pdf")
    assert "二通目" in PdfReader(pdf).pages[0].extract_text()
    assert server.restarts == 1


def stock_unoserver(port: int, profile: Path) -> subprocess.Popen:
    """A remote-style converter on loopback: the stock unoserver from PyPI, as another host runs it."""
    uno_port = _free_ports(1)[0]
    return subprocess.Popen([str(Path(sys.executable).with_name("unoserver")), "--interface", "127.0.0.1",
                             "--uno-interface", "127.0.0.1", "--port", str(port), "--uno-port", str(uno_port),
                             "--user-installation", str(profile)],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(endpoints: list[int], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not all(ping(Endpoint("127.0.0.1", p), 1) for p in endpoints) and time.monotonic() < deadline:
        time.sleep(0.2)


def hanging_endpoint(port: int) -> xmlrpc.server.SimpleXMLRPCServer:
    """Answers `info` like a converter, then never answers `convert`."""
    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", port), allow_none=True, logRequests=False)
    server.register_function(lambda: {"api": "3", "unoserver": "fake"}, "info")
    server.register_function(lambda *args: time.sleep(30), "convert")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_remote_endpoints_share_the_batch_and_a_hanging_one_is_dropped(tmp_path):
    inbox, forms = small_inbox(tmp_path)
    for name in ("ayu", "budi", "citra"):
        text = (inbox / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
        (inbox / f"epa-return-home-{name}.yaml").write_text(text, encoding="utf-8")
    hang_port, *ports = _free_ports(3)
    servers = [stock_unoserver(port, tmp_path / f"profile-{port}") for port in ports]
    fake = hanging_endpoint(hang_port)
    try:
        wait_for(ports)
        endpoints = ",".join(f"127.0.0.1:{p}" for p in [hang_port, *ports])
        result = run_formgen("build", str(inbox), "--out", str(tmp_path / "outbox"), "--format", "pdf",
                             "--converters", endpoints,
                             env={"FORMGEN_FORMS": str(forms), "FORMGEN_CONVERT_TIMEOUT": "3"})
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(list((tmp_path / "outbox").glob("*/packet.pdf"))) == 5
        assert not formgen_processes(os.getpid())  # remote converters are not formgen's to start
    finally:
        fake.server_close()  # not shutdown(): that would wait for the hanging call
        for server in servers:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


FAILING_ONE_CASE = r"""
import json, sys, traceback
from pathlib import Path
from generator.exceptions import ExternalProgramError
from generator.libreoffice import ConverterPool, ConverterSettings
from generator.messages import Msg
from generator import api
from generator.api import BuildOptions

class OneCaseFails(ConverterPool):
    def convert(self, source, target, pdfa=False):
        if "epa-return-home-broken-" in str(source):
            raise ExternalProgramError(Msg("変換失敗（試験）", "conversion failed (test)"))
        return super().convert(source, target, pdfa)

inbox, out = Path(sys.argv[1]), Path(sys.argv[2])
with OneCaseFails(ConverterSettings(count=1, timeout=20)) as pool:
    options = BuildOptions(out_dir=out, formats="both")
    seen = []
    results = api.build([inbox], options, pool, on_done=lambda r: seen.append(r.case_id)).results
print(json.dumps({"results": [[r.case_id, r.ok, r.error and int(r.error.exit_code)] for r in results],
                  "seen": seen, "errors": [r.error.message.en + "".join(traceback.format_exception(r.error.__cause__))
                                           for r in results if r.error and r.error.__cause__]}))
"""


def test_a_conversion_failure_fails_its_case_only(tmp_path):
    inbox, forms = small_inbox(tmp_path)
    text = (inbox / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
    (inbox / "epa-return-home-broken.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", FAILING_ONE_CASE, str(inbox), str(tmp_path / "outbox")],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "FORMGEN_FORMS": str(forms)})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert sorted(report["results"]) == [["epa-return-home-broken", False, 3], ["epa-return-home-dewi", True, None],
                                         ["epa-return-home-dewi-end", True, None]], report["errors"]
    assert sorted(report["seen"]) == ["epa-return-home-broken", "epa-return-home-dewi", "epa-return-home-dewi-end"]
    assert not (tmp_path / "outbox" / "epa-return-home-broken").exists()
    assert (tmp_path / "outbox" / "epa-return-home-dewi" / "packet.pdf").is_file()


def test_no_libreoffice_is_left_after_formgen_exits_or_is_terminated(tmp_path):
    inbox, forms = small_inbox(tmp_path)
    for n in range(6):
        text = (inbox / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
        (inbox / f"epa-return-home-copy{n}.yaml").write_text(text, encoding="utf-8")
    command = [str(Path(sys.executable).with_name("formgen")), "build", str(inbox), "--out", str(tmp_path / "out"),
               "--format", "both"]
    environment = {**os.environ, "FORMGEN_FORMS": str(forms)}

    finished = subprocess.Popen([*command[:1], "--debug", *command[1:]], cwd=ROOT, env=environment,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, stderr = finished.communicate(timeout=120)
    assert finished.returncode == 0, stderr[-4000:]  # --debug: an internal error shows its traceback
    time.sleep(0.3)
    assert formgen_processes(finished.pid) == []

    terminated = subprocess.Popen(command + ["--force"], cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not formgen_processes(terminated.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert formgen_processes(terminated.pid), "the converters did not start"
    time.sleep(1.0)
    terminated.send_signal(signal.SIGTERM)
    _, errors = terminated.communicate(timeout=30)
    assert terminated.returncode == 130, errors[-3000:]
    time.sleep(0.3)
    assert formgen_processes(terminated.pid) == []


# ── only formgen may use its converters, and only on files of their own folder ───────────────────

def listening_tcp_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return inodes


def socket_inodes(pid: int) -> set[str]:
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def raw_request(sock_path: Path, request: dict, user: str | None = None) -> str:
    """Send one request line to a converter's socket, as `user` if given; the answer line or the error."""
    code = ("import json, socket, sys\n"
            "s = socket.socket(socket.AF_UNIX)\n"
            "try:\n"
            "    s.connect(sys.argv[1]); s.settimeout(20)\n"
            "    s.sendall(sys.argv[2].encode() + b'\\n')\n"
            "    print(s.makefile('rb').readline().decode() or 'CLOSED')\n"
            "except OSError as e:\n"
            "    print(type(e).__name__)\n")
    result = subprocess.run([sys.executable, "-c", code, str(sock_path), json.dumps(request)], user=user,
                            capture_output=True, text=True, timeout=60)
    return result.stdout.strip() or result.stderr.strip()


def test_local_converters_listen_on_no_port_and_refuse_other_users(one_converter, tmp_path):
    server = one_converter.servers[0]
    listening = listening_tcp_inodes()
    assert not any(socket_inodes(pid) & listening for pid in server.pids())  # no TCP port at all
    folder = server.folder
    assert folder.stat().st_mode & 0o777 == 0o700
    assert raw_request(folder / "rpc.sock", {"ping": True}, user="nobody") == "PermissionError"
    folder.chmod(0o755)  # even with the folder opened up, the server refuses another user id
    (folder / "rpc.sock").chmod(0o777)
    try:
        assert raw_request(folder / "rpc.sock", {"ping": True}, user="nobody") in ("CLOSED", "ConnectionResetError",
                                                                                    "BrokenPipeError")
    finally:
        folder.chmod(0o700)
    for pipe in Path("/tmp").glob(f"OSL_PIPE_{os.getuid()}_{folder.name}"):
        assert pipe.stat().st_mode & 0o077 == 0  # soffice's UNO pipe: the owner's only
    # formgen's own connection still works after all that
    pdf = one_converter.convert(tiny_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")
    assert "変換テスト" in PdfReader(pdf).pages[0].extract_text()


def test_converters_kept_warm_say_ready_only_after_a_warm_up_conversion(one_converter):
    """The first document of a fresh LibreOffice costs ~0.3 s more than the next: the converters of `formgen
    watch` and the web app each convert one of formgen's own DOCX files before they answer, and leave
    nothing of it behind; a one-off build's converters do not."""
    from generator import api

    cold = one_converter.servers[0]
    assert json.loads(raw_request(cold.folder / "rpc.sock", {"ping": True}))["warm"] is False
    assert api.converter_settings(api.active(), kept_warm=True).warm_up is True  # what watch and serve open
    assert api.converter_settings(api.active()).warm_up is False
    with ConverterPool(ConverterSettings(count=1, warm_up=True)).start(wait=True) as pool:
        server = pool.servers[0]
        reply = json.loads(raw_request(server.folder / "rpc.sock", {"ping": True}))
        assert reply["ok"] is True and reply["warm"] is True
        assert list((server.folder / "in").iterdir()) == [] and list((server.folder / "out").iterdir()) == []
        assert server.conversions == 0  # the warm-up is not one of the documents it is recycled after


def test_a_converter_converts_only_files_of_its_own_folder(one_converter, tmp_path):
    server = one_converter.servers[0]
    secret = tmp_path / "secret.docx"
    tiny_docx(secret, "秘密")
    secret.chmod(0o600)
    (server.folder / "in" / "link.docx").symlink_to(secret)
    for name in (str(secret), "../../" + secret.name, "link.docx", "missing.docx", "x.pdf", ["a"]):
        answer = raw_request(server.folder / "rpc.sock", {"convert": name})
        assert json.loads(answer)["error"].startswith("refused"), (name, answer)
    assert list((server.folder / "out").iterdir()) == []
    assert not list(tmp_path.glob("*.pdf"))


def test_profiles_keep_no_recent_file_list(one_converter, tmp_path):
    source = tiny_docx(tmp_path / "epa-return-home-someone.docx")
    one_converter.convert(source, tmp_path / "out.pdf")
    profile = one_converter.servers[0].folder / "profile"
    for path in profile.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"epa-return-home-someone" not in data and str(tmp_path).encode() not in data, path


ASK_SETTINGS = """
import json, sys
import uno
from com.sun.star.beans import PropertyValue

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
context = resolver.resolve(f"uno:pipe,name={sys.argv[1]};urp;StarOffice.ComponentContext")
provider = context.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
found = {}
for path, name in json.loads(sys.argv[2]):
    try:
        node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                    (PropertyValue(Name="nodepath", Value=path),))
        found[f"{path}/{name}"] = str(node.getByName(name)).lower() if node.hasByName(name) else "no such setting"
    except Exception as error:
        found[f"{path}/{name}"] = f"no such setting ({type(error).__name__})"
print(json.dumps(found))
"""
"""Asks a running converter's LibreOffice, over UNO, what each setting is (a misspelt setting in a profile is
ignored without a word: LibreOffice then has no such setting)."""


def settings_libreoffice_has(server, settings: list[tuple[str, str]]) -> dict[str, str]:
    answer = subprocess.run([sys.executable, "-c", ASK_SETTINGS, server.folder.name, json.dumps(settings)],
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(answer.stdout)


def test_profiles_carry_every_setting_and_libreoffice_runs_with_each(one_converter):
    server = one_converter.servers[0]
    registry = (server.folder / "profile" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    for path, name, _type, value in PROFILE_SETTINGS:
        assert f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value>' in registry
    asked = [(path, name) for path, name, _type, _value in PROFILE_SETTINGS]
    misspelt = ("/org.openoffice.Office.Writer/AutoFunction/Completion", "CollectWord")
    running = settings_libreoffice_has(server, [*asked, misspelt])
    assert {f"{p}/{n}": v.lower() for p, n, _t, v in PROFILE_SETTINGS} == {k: running[k] for k in running
                                                                           if not k.endswith("CollectWord")}
    assert running["/org.openoffice.Office.Writer/AutoFunction/Completion/CollectWord"].startswith("no such setting")
    assert ("/org.openoffice.Office.Writer/AutoFunction/Completion", "CollectWords", "boolean", "false") \
        in PROFILE_SETTINGS  # collecting words for autocompletion: 2-3 % of each conversion, of no use here


def killed_build_leftovers(tmp_path: Path) -> list[Path]:
    """`formgen build` killed with -9 while its converters run: their folders and pipes stay behind."""
    inbox, forms = small_inbox(tmp_path)
    build = subprocess.Popen([str(Path(sys.executable).with_name("formgen")), "build", str(inbox), "--out",
                              str(tmp_path / "out"), "--format", "both"], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "FORMGEN_FORMS": str(forms)})
    deadline = time.monotonic() + 60
    while not list(converter_folders()[0].glob(f"{PROFILE_PREFIX}{build.pid}-*/rpc.sock")):
        assert time.monotonic() < deadline, "the converters did not start"
        time.sleep(0.05)
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while formgen_processes(build.pid) and time.monotonic() < deadline:  # the servers notice and go
        time.sleep(0.1)
    return [p for p in converter_folders()[0].iterdir() if p.name.startswith(f"{PROFILE_PREFIX}{build.pid}-")]


def test_the_next_run_removes_what_killed_runs_left_and_nothing_of_live_ones(tmp_path, monkeypatch, request):
    # a runtime folder of this test's own: a converter another test starts meanwhile cleans up what dead runs
    # left in the shared folders, and would take the killed build's folders before they are looked at (a short
    # path: a converter's socket path must fit in 108 bytes)
    runtime = Path(tempfile.mkdtemp(prefix="fg-run-"))
    request.addfinalizer(lambda: shutil.rmtree(runtime, ignore_errors=True))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    left = killed_build_leftovers(tmp_path)
    assert all(p.parent == runtime for p in left)
    assert left and all((p / "profile" / "user").is_dir() for p in left)
    alive = subprocess.Popen(["sleep", "60"])  # a live run's folder, and another user's folder: kept
    live_folder = Path(tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{alive.pid}-0-", dir=converter_folders()[0]))
    try:
        with ConverterPool(ConverterSettings(count=1)) as pool:
            pool.convert(tiny_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")
        assert not any(p.exists() for p in left)
        assert not [p for p in Path("/tmp").glob("OSL_PIPE_*") if any(q.name in p.name for q in left)]
        assert live_folder.is_dir()
    finally:
        alive.kill()
        shutil.rmtree(live_folder, ignore_errors=True)


# ── a converted PDF is checked before it is accepted ──────────────────────────────────────────────

def endpoint_sending(port: int, pdf: bytes) -> xmlrpc.server.SimpleXMLRPCServer:
    """A converter on loopback that answers every conversion with the same PDF."""
    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", port), allow_none=True, logRequests=False)
    server.register_function(lambda: {"api": "3", "unoserver": "fake"}, "info")
    server.register_function(lambda *args: xmlrpc.client.Binary(pdf), "convert")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def blank_pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_written_again_at_its_path_is_counted_again(tmp_path):
    """Page counts are kept while a file stays the same (the conversion's check counted them); a 厚労省 report
    rendered again with its sheet count replaces its PDF at the same path."""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(blank_pdf_bytes())
    assert pdfcheck.page_count(pdf) == 1
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    with open(tmp_path / "new.pdf", "wb") as new:
        writer.write(new)
    (tmp_path / "new.pdf").replace(pdf)
    assert pdfcheck.page_count(pdf) == 3


def foreign_pdf_bytes(converter, folder: Path) -> bytes:
    """A real PDF of another document."""
    return converter.convert(tiny_docx(folder / "other.docx", "まったく別の書類です。ABCDEFG"),
                             folder / "foreign.pdf").read_bytes()


@pytest.mark.parametrize("kind", ["blank", "foreign", "garbage"])
def test_a_blank_or_foreign_pdf_from_a_converter_fails_the_case_with_exit_3(tmp_path, kind, request):
    inbox, forms = small_inbox(tmp_path)
    (inbox / "epa-return-home-dewi-end.yaml").unlink()
    pdf = {"blank": blank_pdf_bytes,
           "foreign": lambda: foreign_pdf_bytes(request.getfixturevalue("worker_converter"), tmp_path),
           "garbage": lambda: b"%PDF-1.4 nothing"}[kind]()
    port = _free_ports(1)[0]
    fake = endpoint_sending(port, pdf)
    try:
        result = run_formgen("build", str(inbox), "--out", str(tmp_path / "outbox"), "--format", "pdf",
                             "--converters", f"127.0.0.1:{port}", env={"FORMGEN_FORMS": str(forms)})
    finally:
        fake.shutdown()
        fake.server_close()
    assert result.returncode == 3, result.stdout + result.stderr
    assert not (tmp_path / "outbox" / "epa-return-home-dewi").exists()


def test_mixed_local_and_stock_remote_converters_share_a_batch(tmp_path):
    inbox, forms = small_inbox(tmp_path)
    port = _free_ports(1)[0]
    remote = stock_unoserver(port, tmp_path / "remote-profile")
    try:
        wait_for([port])
        settings = ConverterSettings(count=1, endpoints=[Endpoint("127.0.0.1", port)], local_count=1)
        pool = ConverterPool(settings).start(wait=True)
        try:
            assert pool.capacity == 2
            sources = [tiny_docx(tmp_path / f"d{n}.docx", f"書類{n}番") for n in range(6)]
            with ThreadPoolExecutor(2) as workers:
                pdfs = list(workers.map(lambda d: pool.convert(d, d.with_suffix(".pdf")), sources))
            texts = ["".join(PdfReader(p).pages[0].extract_text().split()) for p in pdfs]
            assert texts == [f"書類{n}番" for n in range(6)]
            assert all(s.conversions for s in pool.servers), [s.conversions for s in pool.servers]
        finally:
            pool.close()
    finally:
        os.killpg(remote.pid, signal.SIGKILL)
        remote.wait()


def test_big_documents_get_a_longer_time_limit(tmp_path):
    settings = ConverterSettings(timeout=60, seconds_per_megabyte=30)
    small, big = tiny_docx(tmp_path / "small.docx"), tmp_path / "big.docx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":  # 6000 more paragraphs before the section properties
                paragraphs = "".join(f"<w:p><w:r><w:t>{f'施設 {n} の説明文です。' * 8}</w:t></w:r></w:p>" for n in range(6000))
                data = data.replace(b"<w:sectPr", paragraphs.encode() + b"<w:sectPr", 1)
            target.writestr(info, data)
    size = zipfile.ZipFile(big).getinfo("word/document.xml").file_size
    assert size > 1_500_000
    assert settings.time_limit(small) == 60
    assert settings.time_limit(big) == pytest.approx(60 + 30 * (size / 1e6 - 1))


def test_a_pool_started_and_then_entered_starts_its_converters_once():
    """`ConverterPool(...).start()` and then `with pool:` (or a second start) keep the converters running:
    starting them again would leave the first ones running unused, and a conversion sent to a server whose
    folder had just been replaced found no file."""

    class CountingServer:
        restartable, retired, starts = True, False, 0

        def start(self) -> None:
            self.starts += 1

        def kill(self) -> None:
            pass

    pool = ConverterPool(ConverterSettings(count=1))
    pool.servers = [CountingServer(), CountingServer()]
    pool.start(wait=True)
    with pool.start(wait=True):
        pass
    assert [server.starts for server in pool.servers] == [1, 1]


def test_a_local_converter_takes_the_next_document_while_the_last_pdf_is_checked(tmp_path, monkeypatch):
    """Checking a PDF (generator/pdfcheck.py, a few ms) is formgen's work, not LibreOffice's: a converter of its own
    is handed back first. With one converter, the second document converts while the first PDF's check waits."""
    converted: list[str] = []
    second_converted = threading.Event()

    class StandIn:
        restartable, retired, conversions, endpoint = True, False, 0, "stand-in"

        def start(self) -> None:
            pass

        def kill(self) -> None:
            pass

        def convert(self, source: Path, target: Path, pdfa: bool, timeout: float) -> None:
            converted.append(source.name)
            target.write_bytes(b"%PDF-1.4")
            if len(converted) == 2:
                second_converted.set()

    def check(docx: Path, pdf: Path) -> None:
        if docx.name == "first.docx":
            second_converted.wait(20)
        return None

    monkeypatch.setattr(pdfcheck, "problem", check)
    pool = ConverterPool(ConverterSettings(count=1))
    pool.servers = [StandIn()]
    workers = ThreadPoolExecutor(2)
    try:
        with pool.start(wait=True):  # closing the pool ends a conversion still waiting for the converter
            first = workers.submit(pool.convert, tmp_path / "first.docx", tmp_path / "first.pdf")
            while not converted:
                time.sleep(0.01)
            second = workers.submit(pool.convert, tmp_path / "second.docx", tmp_path / "second.pdf")
            assert second_converted.wait(15), "the second document waited for the first PDF's check"
            assert second.result(timeout=20) and first.result(timeout=20)
    finally:
        workers.shutdown(wait=False)
    assert converted == ["first.docx", "second.docx"]
