"""A real `formgen serve` on 127.0.0.1 and a real headless Chromium for the web app's tests."""

from __future__ import annotations

import html.parser
import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = (ROOT / "docs" / "screenshots" if os.environ.get("FORMGEN_UPDATE_SCREENSHOTS")
               else Path(tempfile.gettempdir()) / "formgen-screenshots")
"""docs/screenshots/ with `make screenshots`; otherwise a folder of their own, so that a test run leaves the
repository as it was (look at the PNGs there after a run)."""
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=ja")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`formgen serve INBOX --out OUTBOX --port N ...` as a user starts it, stopped with Ctrl-C (SIGINT)."""

    def __init__(self, inbox: Path, outbox: Path, config_home: Path, *args: str, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = config_home.parent / f"serve-{self.port}.log"
        environment = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "FORMGEN_CONVERTER_COUNT": "1",
                       **(env or {})}
        exe = Path(sys.executable).with_name("formgen")
        command = [str(exe), "serve", str(inbox), "--out", str(outbox), "--port", str(self.port), *args]
        self._log_stream = open(self.log, "w", encoding="utf-8")
        self.process = subprocess.Popen(command, stdout=self._log_stream, stderr=subprocess.STDOUT, env=environment,
                                        cwd=ROOT)
        self._wait()

    def _wait(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"formgen serve exited {self.process.returncode}:\n{self.output()}")
            try:
                urllib.request.urlopen(self.url + "/login", timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise AssertionError(f"formgen serve did not answer:\n{self.output()}")

    def output(self) -> str:
        self._log_stream.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_stream.close()


class Client:
    """A cookie-keeping HTTP client that does not follow redirects (tests look at them)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    class _LoopbackIsSecure(http.cookiejar.DefaultCookiePolicy):
        """Browsers treat http://127.0.0.1 as a secure context and send Secure cookies there; so does this."""

        def return_ok_secure(self, cookie, request):
            return urllib.parse.urlsplit(request.get_full_url()).hostname == "127.0.0.1" or \
                super().return_ok_secure(cookie, request)

    def __init__(self, base: str, timeout: float = 30):
        self.base = base
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar(self._LoopbackIsSecure())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect)

    def request(self, method: str, path: str, data: dict | list[tuple[str, str]] | None = None, headers: dict | None = None,
                body: bytes | None = None):
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            return response.status, dict(response.headers), response.read().decode("utf-8", errors="replace")

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict | list[tuple[str, str]] | None = None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)


class FormFields(html.parser.HTMLParser):
    """The values a browser submits from a page's forms, untouched (check boxes only when ticked)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") != "checkbox":
            self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "input" and a.get("name") and "checked" in a:
            self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_values(page: str, **changed: str) -> list[tuple[str, str]]:
    fields = FormFields()
    fields.feed(page)
    return [(name, changed.get(name, value)) for name, value in fields.fields]


def chrome(downloads: Path, profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument("--window-size=1280,900")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "plugins.always_open_pdf_externally": True,
                                              "intl.accept_languages": "ja"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    return driver


def screenshot(driver, name: str, height: int | None = None, at=None) -> Path:
    """A PNG of the page from its top, or from the element `at` (up to 2600 px high) into SCREENSHOTS."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height or full, 600), 2600))
    if at is None:
        driver.execute_script("window.scrollTo(0, 0)")
    else:
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -80)", at)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 900)
    return path


def copy_inbox(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".schema"))
    return target
