"""The web app's defences, tried over HTTP against a real `formgen serve` with users configured."""

from __future__ import annotations

import base64
import io
import json
import re
import socket
import stat
import time
import uuid

import pytest
from pypdf import PdfWriter

from conftest import run_formgen
from generator.web.security import Users, audit_path
from webtools import ROOT, Client, Server, copy_inbox, form_values, free_port

pytestmark = pytest.mark.slow

USER, PASSWORD = "tanaka", "kakuu-pass-2026"
CASE = "epa-return-home-dewi"


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    base = tmp_path_factory.mktemp("websec")
    copy_inbox(ROOT / "inbox", base / "inbox")
    Users(base / "config" / "formgen" / "users.toml").add(USER, PASSWORD)
    return base


@pytest.fixture(scope="module")
def server(place):
    running = Server(place / "inbox", place / "outbox", place / "config", "--format", "docx", "--today", "2026-11-01",
                     env={"FORMGEN_SERVE_UPLOAD_MB": "1"})
    yield running
    running.stop()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def logged_in(server) -> tuple[Client, str]:
    client = Client(server.url)
    _status, _headers, page = client.get("/login")
    status, headers, _ = client.post("/login", {"csrf": csrf_of(page), "name": USER, "password": PASSWORD, "next": "/"})
    assert status == 303 and headers["location"] == "/"
    _status, _headers, page = client.get("/")
    return client, csrf_of(page)


@pytest.fixture(scope="module")
def client(server):
    return logged_in(server)


def test_binding_beyond_this_machine_without_users_refuses_to_start(tmp_path):
    port = free_port()
    result = run_formgen("serve", "inbox", "--host", "0.0.0.0", "--port", str(port),
                         env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 6
    assert "利用者" in result.stderr and "--add-user" in result.stderr


def test_every_page_needs_a_login_and_carries_a_policy_without_inline_script(server):
    anonymous = Client(server.url)
    status, headers, _ = anonymous.get("/")
    assert status == 303 and headers["location"].startswith("/login")
    status, headers, page = anonymous.get("/login")
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'self'" in policy
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
    cookie = headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
    assert status == 200 and "ログイン" in page


def test_no_page_has_inline_script(client):
    session, _token = client
    for path in ("/", "/cases", f"/cases/{CASE}", f"/cases/{CASE}/edit", "/new/epa_job_offer", "/parties",
                 "/calendar", "/people"):
        status, _headers, page = session.get(path)
        assert status == 200, path
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
        assert not re.search(r"\son[a-z]+\s*=", page), path


def test_a_state_changing_request_without_the_csrf_token_is_forbidden(client, place):
    session, token = client
    before = (place / "inbox" / f"{CASE}.yaml").read_bytes()
    for path, data in ((f"/cases/{CASE}/build", {}), ("/new/epa_return_home", {"return_date": "2026-12-01"}),
                       (f"/cases/{CASE}/filed", {"deadline": "x", "date": "2026-11-02"}),
                       (f"/cases/{CASE}/edit", {"report_date": "2026-12-31"}),
                       ("/parties/sakura-kai/edit", {"name": "x"}), ("/logout", {})):
        assert session.post(path, data)[0] == 403, path
        assert session.post(path, {**data, "csrf": "forged"})[0] == 403, path
    assert (place / "inbox" / f"{CASE}.yaml").read_bytes() == before
    assert session.post(f"/cases/{CASE}/build", {}, headers={"X-CSRF-Token": token})[0] == 303


@pytest.mark.parametrize("path", [
    "/cases/../../etc/passwd", "/cases/..%2F..%2Fetc%2Fpasswd", "/cases/%2e%2e%2f%2e%2e%2fetc%2fpasswd/edit",
    f"/cases/{CASE}/files/..%2Fmanifest.json", f"/cases/{CASE}/files/../../inbox/{CASE}.yaml",
    f"/cases/{CASE}/files/..%2F..%2Finbox%2F{CASE}.yaml", "/cases/..%2Finbox%2Fparties%2Fsakura-kai/status",
    "/parties/..%2F" + CASE + "/edit", "/parties/../../etc/passwd/edit", "/people/..%2F..%2Fetc%2Fpasswd",
    "/new/..%2F..%2Fetc%2Fpasswd", "/static/..%2Fapp.py", "/static/../web/app.py",
])
def test_a_path_leaving_the_inbox_or_outbox_is_not_found(client, path):
    session, _token = client
    status, _headers, body = session.get(path)
    assert status == 404, (path, body[:200])
    assert "root:" not in body and "import" not in body


def _calendar_urls(session) -> list[str]:
    _status, _headers, page = session.get("/calendar")
    return re.findall(r'value="(http://127\.0\.0\.1:\d+/[^"]+\.ics\?token=[0-9a-f]+)"', page)


def _uids(calendar: str) -> list[str]:
    unfolded = calendar.replace("\r\n ", "")
    return re.findall(r"^UID:(.+?)\r?$", unfolded, re.MULTILINE)


def test_calendars_are_reached_by_their_secret_token_with_stable_uids(client, server):
    session, _token = client
    anonymous = Client(server.url)
    assert anonymous.get("/calendar.ics")[0] == 404
    assert anonymous.get("/calendar.ics?token=" + "0" * 32)[0] == 404
    urls = _calendar_urls(session)
    assert len(urls) >= 2
    first = anonymous.get(urls[0].removeprefix(server.url))
    second = anonymous.get(urls[0].removeprefix(server.url))
    assert first[0] == 200 and first[1]["content-type"].startswith("text/calendar")
    uids = _uids(first[2])
    assert uids and uids == _uids(second[2])
    assert all(uid.endswith("@formgen.deadlines") for uid in uids)
    person = anonymous.get(urls[1].removeprefix(server.url))
    assert person[0] == 200 and "BEGIN:VEVENT" in person[2]


def _multipart(fields: dict, file_name: str, data: bytes) -> tuple[bytes, dict]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 f"Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def _status_for_announced_body(base: str, path: str, length: int) -> int:
    """The answer to a request announcing a body larger than the limit, before any of it is sent."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/pdf\r\n"
                           f"Content-Length: {length}\r\n\r\n".encode())
        return int(connection.recv(4096).split(b" ", 2)[1])


def _version(session) -> str:
    _status, _headers, page = session.get(f"/cases/{CASE}")
    found = re.search(r'name="_version" value="([0-9a-f]+)"', page)
    assert found, page
    return found.group(1)


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_uploads_must_be_small_pdfs_and_are_kept_owner_only(client, place):
    session, token = client
    fields = {"csrf": token, "_version": _version(session), "title": "在留カードの写し"}
    body, headers = _multipart(fields, "card.pdf", b"GIF89a not a pdf")
    status, _headers, page = session.request("POST", f"/cases/{CASE}/attachments", body=body, headers=headers)
    assert status == 422 and "PDF ファイルではありません" in page
    assert _status_for_announced_body(session.base, f"/cases/{CASE}/attachments", 3 * 1024 * 1024) == 413
    body, headers = _multipart(fields, "../../zairyu card.pdf", _pdf())
    status, headers, _ = session.request("POST", f"/cases/{CASE}/attachments", body=body, headers=headers)
    assert status == 303, _
    saved = place / "inbox" / "attachments" / "zairyucard.pdf"
    assert saved.is_file() and stat.S_IMODE(saved.stat().st_mode) == 0o600
    text = (place / "inbox" / f"{CASE}.yaml").read_text(encoding="utf-8")
    assert "file: attachments/zairyucard.pdf" in text and "# 帰国確認報告書" in text


def _wait_built(session, path: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = session.get(path)[2]
        if "作成しました" in page or "作成できませんでした" in page:
            return page
        time.sleep(0.3)
    raise AssertionError("the build did not finish")


def test_outputs_are_owner_only_and_every_change_is_in_the_owner_only_audit_log(client, place):
    session, token = client
    assert session.post(f"/cases/{CASE}/build", {"csrf": token})[0] == 303
    assert "作成しました" in _wait_built(session, f"/cases/{CASE}/status")
    folder = place / "outbox" / CASE
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    log = audit_path(place / "inbox")
    assert log.parent == (place / "inbox").resolve().parent
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {"user": USER, "action": "attach", "file": f"{CASE}.yaml", "fields": ["attachments"]}.items() <= \
        entries[-1].items()
    assert "AB12345678CD" not in log.read_text(encoding="utf-8")


def test_a_parties_edit_is_saved_and_rebuilds_the_cases_that_use_it(client, place):
    session, _token = client
    page = session.get("/parties/sakura-sato/edit")[2]
    status, headers, _ = session.post("/parties/sakura-sato/edit", form_values(page, address="千葉県千葉市中央区架空町9-9-9"))
    assert status == 303, _
    text = (place / "inbox" / "parties" / "sakura-sato.yaml").read_text(encoding="utf-8")
    assert "address: 千葉県千葉市中央区架空町9-9-9" in text and text.startswith("# 受入れ施設")
    page = _wait_built(session, "/cases/epa-job-offer-sakura/status")
    assert "作成しました" in page, page
    manifest = json.loads((place / "outbox" / "epa-job-offer-sakura" / "manifest.json").read_text(encoding="utf-8"))
    assert any(p["path"].endswith("sakura-sato.yaml") for p in manifest["parties"])
    entry = json.loads(audit_path(place / "inbox").read_text(encoding="utf-8").splitlines()[-1])
    assert entry["action"] == "edit-party" and entry["fields"] == ["address"]


NEW_CASE = {
    "_version": "absent", "_case_name": "epa-return-home-putri",
    "institution.__ref": "__new__", "institution.__newname": "kakuu-fukushi",
    "institution.name": "社会福祉法人架空ふくし会", "institution.representative.title": "理事長",
    "institution.representative.name": "架空 太郎", "institution.postal_code": "1000001",
    "institution.address": "東京都千代田区架空町1-1", "institution.phone": "03-0000-0001",
    "facility.__ref": "sakura-en", "person.name": "プトリ・アンダリ", "person.name_alphabet": "PUTRI ANDARI",
    "person.nationality": "インドネシア", "person.sex": "女", "person.birth_date": "2000-01-05",
    "return_date": "2026-12-01", "reason": "本人の希望", "contract_end_date": "2026-11-30",
    "departure.date": "2026-12-01", "departure.airport": "成田国際空港", "departure.staff_title": "主任",
    "departure.staff_name": "田中 美咲", "report_date": "2026-12-05",
}


def test_a_new_case_can_register_its_institution_as_a_new_parties_file(client, place):
    session, token = client
    before = base64.urlsafe_b64encode(json.dumps({"kind": "epa_return_home"}).encode()).decode()
    taken = {**NEW_CASE, "csrf": token, "_before": before, "institution.__newname": "sakura-kai"}
    status, _headers, page = session.post("/new/epa_return_home", taken)
    assert status == 422 and "parties/sakura-kai.yaml はもうあります" in page
    assert 'value="社会福祉法人架空ふくし会"' in page  # what was typed stays in the form
    status, headers, page = session.post("/new/epa_return_home", {**NEW_CASE, "csrf": token, "_before": before})
    assert status == 303, page
    party = (place / "inbox" / "parties" / "kakuu-fukushi.yaml").read_text(encoding="utf-8")
    assert "name: 社会福祉法人架空ふくし会" in party and "1000001" in party  # what was typed
    case = (place / "inbox" / "epa-return-home-putri.yaml").read_text(encoding="utf-8")
    assert "ref: kakuu-fukushi" in case and "架空ふくし会" not in case
    assert stat.S_IMODE((place / "inbox" / "epa-return-home-putri.yaml").stat().st_mode) == 0o600
    assert "作成しました" in _wait_built(session, "/cases/epa-return-home-putri/status")


def test_residence_card_numbers_never_reach_the_server_log(client, server):
    session, _token = client
    session.get("/?person=AB12345678CD")
    time.sleep(0.3)
    log = server.output()
    assert "AB******78CD" in log and "AB12345678CD" not in log


def test_repeated_wrong_passwords_lock_the_login(server):
    attacker = Client(server.url)
    token = csrf_of(attacker.get("/login")[2])
    statuses = [attacker.post("/login", {"csrf": token, "name": USER, "password": f"wrong-{i}"})[0] for i in range(5)]
    assert statuses == [401] * 5
    status, _headers, page = attacker.post("/login", {"csrf": token, "name": USER, "password": PASSWORD})
    assert status == 429 and "しばらくログインできません" in page
