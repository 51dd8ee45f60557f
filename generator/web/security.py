"""Who may use the web app, and the traces it leaves: users, login throttling, CSRF, secrets, audit log.

- Users live in a TOML file (setting serve_users) with argon2id hashes (argon2-cffi), never passwords.
- Binding to anything but the loopback address needs users: the app refuses to start otherwise.
- A login that fails too often from one address or for one name is refused for a while.
- Every state-changing request carries the session's CSRF token (a form field or the X-CSRF-Token header).
- The session cookie is signed with a key kept in the user's config folder (owner-only); the calendar's
  URL token is derived from the same key, so it survives restarts and changes when the key is replaced.
- The audit log (who changed which case or party, when, which fields; never the values) is a JSON-lines
  file beside the inbox, owner-only.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import secrets
import threading
import time
import tomllib
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from generator.exceptions import ConfigError
from generator.messages import Msg
from generator.privacy import mask

LOOPBACK_NAMES = {"localhost"}
USER_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# ── users ─────────────────────────────────────────────────────────────────────────────────────

_hasher = PasswordHasher()


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


@dataclass
class Users:
    path: Path
    hashes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Users:
        if not path.is_file():
            return cls(path)
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(Msg(f"利用者ファイル {path} を読めません: {error}",
                                  f"cannot read the users file {path}: {error}")) from None
        users = table.get("users", {})
        return cls(path, {name: str(entry.get("password_hash", "")) for name, entry in users.items()
                          if isinstance(entry, dict)})

    def __bool__(self) -> bool:
        return bool(self.hashes)

    def verify(self, name: str, password: str) -> bool:
        stored = self.hashes.get(name)
        try:
            if stored is None:
                _hasher.hash(password)  # as slow as a real check: no telling names apart by time
                return False
            return _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def add(self, name: str, password: str) -> None:
        if not name or set(name) - USER_NAME_CHARS:
            raise ConfigError(Msg("利用者名は英数字と . _ - @ で書いてください。",
                                  "a user name may hold letters, digits and . _ - @ only."))
        if len(password) < 10:
            raise ConfigError(Msg("パスワードは10文字以上にしてください。", "use a password of at least 10 characters."))
        self.hashes[name] = _hasher.hash(password)
        lines = ["# formgen serve の利用者（パスワードは argon2id で暗号化）", ""]
        for user, hashed in sorted(self.hashes.items()):
            lines += [f'[users."{user}"]', f'password_hash = "{hashed}"', ""]
        _write_private(self.path, "\n".join(lines))


# ── login throttling ──────────────────────────────────────────────────────────────────────────

class LoginThrottle:
    """At most `attempts` failed logins per `window` seconds for one address, and for one name."""

    def __init__(self, attempts: int = 5, window: float = 900.0, clock=time.monotonic):
        self.attempts, self.window, self.clock = attempts, window, clock
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque:
        now = self.clock()
        found = self._failures.setdefault(key, deque())
        while found and now - found[0] > self.window:
            found.popleft()
        return found

    def wait_seconds(self, address: str, name: str) -> int:
        """0 when a login may be tried, else how long to wait."""
        with self._lock:
            waits = [self.window - (self.clock() - recent[0]) for key in (f"ip:{address}", f"user:{name}")
                     if len(recent := self._recent(key)) >= self.attempts]
        return int(max(waits)) + 1 if waits else 0

    def failed(self, address: str, name: str) -> None:
        with self._lock:
            for key in (f"ip:{address}", f"user:{name}"):
                self._recent(key).append(self.clock())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{name}", None)


# ── secrets ───────────────────────────────────────────────────────────────────────────────────

def secret_key(path: Path) -> bytes:
    """The app's signing key: read, or made once (owner-only) in the user's config folder."""
    try:
        existing = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        existing = ""
    except OSError as error:
        raise ConfigError(Msg(f"秘密鍵ファイル {path} を読めません: {error.strerror}",
                              f"cannot read the secret file {path}: {error.strerror}")) from None
    if len(existing) >= 32:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        return existing.encode("ascii")
    key = secrets.token_urlsafe(48)
    _write_private(path, key + "\n")
    return key.encode("ascii")


def derived_token(key: bytes, purpose: str) -> str:
    return hmac.new(key, purpose.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def same_token(given: str | None, expected: str) -> bool:
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


# ── audit log ─────────────────────────────────────────────────────────────────────────────────

class AuditLog:
    """One JSON line per change: when, who, what (case or party file), which fields. No values."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    def record(self, user: str, action: str, target: str, fields: Sequence[str] = ()) -> None:
        entry = {"at": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "user": user,
                 "action": action, "file": target, "fields": list(fields)}
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, line.encode("utf-8"))
            finally:
                os.close(descriptor)
            if self.path.stat().st_mode & 0o077:
                self.path.chmod(0o600)

    def entries(self) -> list[dict]:
        try:
            return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line]
        except FileNotFoundError:
            return []


def audit_path(inbox: Path) -> Path:
    """Beside the inbox (not inside it: the watcher and git see only case files there)."""
    inbox = inbox.resolve()
    return inbox.parent / f".{inbox.name}-audit.jsonl"


def local_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local"


# ── the server log ────────────────────────────────────────────────────────────────────────────

class MaskingFilter(logging.Filter):
    """Residence card and passport numbers never reach the server log (URLs and messages alike)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        if isinstance(record.args, tuple):  # uvicorn's access formatter reads the arguments themselves
            record.args = tuple(mask(a) if isinstance(a, str) else a for a in record.args)
        return True


def mask_server_logs() -> None:
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "formgen.web"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskingFilter) for f in logger.filters):
            logger.addFilter(MaskingFilter())
