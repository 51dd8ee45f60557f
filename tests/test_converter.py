"""The LibreOffice converters: timeouts, restarts, retries, remote endpoints, and no process left behind.

Real LibreOffice throughout; the time limit is set to a few seconds so that a hang is found quickly.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import xmlrpc.server
from pathlib import Path

import pytest
from docx import Document as new_docx
from pypdf import PdfReader

from conftest import ROOT, run_formgen
from generator.libreoffice import PROFILE_PREFIX, ConverterPool, ConverterSettings, Endpoint, _free_ports, ping
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


def serve_locally(port: int, profile: Path) -> subprocess.Popen:
    """A converter on loopback as another host would run it (unoserver's API)."""
    uno_port = _free_ports(1)[0]
    return subprocess.Popen([sys.executable, "-m", "generator.libreoffice", "serve", "--port", str(port),
                             "--uno-port", str(uno_port), "--profile", str(profile), "--parent", str(os.getpid())],
                            cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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
    servers = [serve_locally(port, tmp_path / f"profile-{port}") for port in ports]
    fake = hanging_endpoint(hang_port)
    try:
        deadline = time.monotonic() + 60
        while not all(ping(Endpoint("127.0.0.1", p), 1) for p in ports) and time.monotonic() < deadline:
            time.sleep(0.2)
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
import json, sys
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
with OneCaseFails(ConverterSettings(count=2, timeout=20)) as pool:
    options = BuildOptions(out_dir=out, formats="both")
    seen = []
    results = api.build([inbox], options, pool, on_done=lambda r: seen.append(r.case_id)).results
print(json.dumps({"results": [[r.case_id, r.ok, r.error and int(r.error.exit_code)] for r in results],
                  "seen": seen}))
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
                                         ["epa-return-home-dewi-end", True, None]]
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

    finished = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    assert finished.wait(timeout=120) == 0
    time.sleep(0.3)
    assert formgen_processes(finished.pid) == []

    terminated = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not formgen_processes(terminated.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert formgen_processes(terminated.pid), "the converters did not start"
    time.sleep(1.0)
    terminated.send_signal(signal.SIGTERM)
    assert terminated.wait(timeout=30) == 130
    time.sleep(0.3)
    assert formgen_processes(terminated.pid) == []
