"""The web app: one Starlette application over one inbox and one outbox.

State shared by every request lives in `WebApp`: the case store (checked cases kept between requests),
the build worker with its warm converters (opened once, for the app's lifetime), the login throttle,
the audit log. Pages are in pages.py (reading) and edit.py (changing); this module holds what every
page needs: who is asking, the CSRF check, the security headers, the ids → files maps (a request names
a case, a party or a document by an id that is looked up among the files that exist, never joined
into a path), and the templates.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from generator import api
from generator.load import PARTIES_DIR
from generator.messages import set_language
from generator.settings import Settings
from generator.subject import Person
from generator.web import security
from generator.web.builds import Builder
from generator.web.kinds import kind_title

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "formgen_session"
SESSION_HOURS = 10
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
       "object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")


@dataclass
class WebConfig:
    inbox: Path
    out_dir: Path
    settings: Settings
    host: str = "127.0.0.1"
    port: int = 8080
    today: dt.date | None = None
    secure_cookie: bool = True

    @property
    def lang(self) -> str:
        return self.settings.lang


def t(ja: str, en: str) -> str:
    """A UI text in the app's language (templates call it as t("…", "…"))."""
    from generator.messages import current_language

    return en if current_language.get() == "en" else ja


def key_for(path: Path, root: Path) -> str:
    """The id of a file in URLs: its path below the root without .yaml, folders joined by '~'."""
    relative = path.relative_to(root).with_suffix("")
    return "~".join(relative.parts)


def person_key(name: str, birth_date: object) -> str:
    """People are named in URLs by a digest, not by their name (URLs end up in logs and histories)."""
    return hashlib.sha256(f"{name}|{birth_date or ''}".encode()).hexdigest()[:12]


def assign_person_keys(views: list[CaseView]) -> None:
    """One key per person across cases: the same name is one person unless two cases give it two
    different birth dates (a case that gives none joins the name's only known birth date)."""
    births: dict[str, set] = {}
    for view in views:
        for person in view.people:
            births.setdefault(person.name, set())
            if person.birth_date:
                births[person.name].add(str(person.birth_date))
    for view in views:
        keys = []
        for person in view.people:
            known = births[person.name]
            birth = next(iter(known)) if len(known) == 1 else str(person.birth_date or "")
            keys.append(person_key(person.name, birth))
        view.person_keys = tuple(keys)


@dataclass
class CaseView:
    key: str
    checked: api.CheckedCase
    state: str = "new"  # built changed error new
    built_at: str = ""
    person_keys: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return self.checked.source.path

    @property
    def case_id(self) -> str:
        return self.checked.case_id or self.path.stem

    @property
    def kind_title(self) -> str:
        return kind_title(self.checked.kind, current_lang())

    subject: Any = None
    """Who the case is about (generator/subject.py), kept by the app while the case is unchanged."""

    @property
    def people(self) -> tuple[Person, ...]:
        return self.subject.people

    @property
    def person(self) -> str:
        return self.subject.person

    @property
    def facility(self) -> str:
        return self.subject.facility or ""


def current_lang() -> str:
    from generator.messages import current_language

    return current_language.get()


STATE_LABELS = {"built": ("作成済み", "built"), "changed": ("変更あり・未作成", "changed, not built"),
                "error": ("エラー", "error"), "new": ("未作成", "not built")}


@dataclass
class WebApp:
    config: WebConfig
    users: security.Users
    secret: bytes
    store: api.CaseStore = field(init=False)
    audit: security.AuditLog = field(init=False)
    throttle: security.LoginThrottle = field(default_factory=security.LoginThrottle)
    builder: Builder | None = None
    templates: Environment = field(init=False)
    _states: dict[Path, tuple] = field(default_factory=dict)
    _keys: dict[Path, str] = field(default_factory=dict)
    _paths: dict[str, tuple] = field(default_factory=dict)
    _subjects: dict[Path, tuple] = field(default_factory=dict)
    _raw: dict[Path, tuple] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.config.inbox = self.config.inbox.resolve()
        self.config.out_dir = self.config.out_dir.resolve()
        self.store = api.CaseStore(self.config.inbox)
        self.audit = security.AuditLog(security.audit_path(self.config.inbox))
        self.templates = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                                     autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
        self.templates.globals.update(t=t, kind_title=lambda k: kind_title(k, current_lang()),
                                      state_label=lambda s: t(*STATE_LABELS[s]), cite=api.cite_source)

    # ── what there is ───────────────────────────────────────────────────────────────────────

    @property
    def options(self) -> api.BuildOptions:
        return api.options_from(self.config.settings, self.config.out_dir, self.config.today)

    def today(self) -> dt.date:
        return self.config.today or dt.date.today()

    def case_views(self) -> tuple[api.CaseSet, dict[str, CaseView]]:
        cases = self.store.case_set()
        templates = None
        views = {}
        for checked in cases.cases:
            key = self._keys.get(checked.source.path)
            if key is None:
                key = self._keys[checked.source.path] = key_for(checked.source.path, self.config.inbox)
            view = CaseView(key, checked, subject=self._subject(checked))
            templates = self._output_state(view, templates)
            views[view.key] = view
        assign_person_keys(list(views.values()))
        return cases, views

    def _subject(self, checked: api.CheckedCase):
        signature = self.store.signature(checked.source.path)
        cached = self._subjects.get(checked.source.path)
        if cached is None or cached[0] != signature:
            cached = self._subjects[checked.source.path] = (signature, checked.subject)
        return cached[1]

    def raw_data(self, path: Path) -> dict:
        """A case file's data as written (refs unresolved), read again only when the file changes."""
        from generator.load import parse_yaml
        from generator.store import stat_signature

        signature = stat_signature(path)
        cached = self._raw.get(path)
        if cached is None or cached[0] != signature:
            try:
                data = parse_yaml(path.read_text(encoding="utf-8"), path)[0]
            except Exception:  # noqa: BLE001 - an unreadable file shows its problems instead
                data = None
            cached = self._raw[path] = (signature, data if isinstance(data, dict) else {})
        return cached[1]

    def _output_state(self, view: CaseView, templates):
        """作成済み / 変更あり・未作成 / エラー / 未作成, cached until the case or its outputs change."""
        folder, manifest, errors = self._output_paths(view.case_id)
        marks = (tuple(view.checked.problems), self.store.signature(view.path), _stat(manifest), _stat(errors))
        cached = self._states.get(view.path)
        if cached is None or cached[0] != marks:
            if view.checked.errors:
                state, built_at = "error", ""
            else:
                templates = templates or api.template_hashes()
                found = api.output_state(view.checked.source, self.options, templates, view.checked.loaded)
                built_at = _built_at(folder)
                state = ("built" if found.current else "error" if os.path.exists(errors)
                         else "changed" if built_at else "new")
            cached = self._states[view.path] = (marks, state, built_at)
        view.state, view.built_at = cached[1], cached[2]
        return templates

    def _output_paths(self, case_id: str) -> tuple[Path, str, str]:
        found = self._paths.get(case_id)
        if found is None:
            folder = self.config.out_dir / case_id
            found = self._paths[case_id] = (folder, os.path.join(folder, "manifest.json"),
                                            os.path.join(folder, "ERRORS.txt"))
        return found

    def case_view(self, key: str) -> tuple[api.CaseSet, CaseView]:
        cases, views = self.case_views()
        if key not in views:
            raise HTTPException(404)
        return cases, views[key]

    def party_files(self) -> dict[str, Path]:
        """Every parties file of the inbox by id (`sakura-kai`, or `sub~parties~x` below a subfolder)."""
        found = {}
        for folder in sorted(self.config.inbox.rglob(PARTIES_DIR)):
            relative = folder.relative_to(self.config.inbox)
            if not folder.is_dir() or any(part.startswith(".") for part in relative.parts):
                continue
            for path in sorted(folder.glob("*.yaml")):
                if path.is_file() and not path.name.startswith("."):
                    key = key_for(path, self.config.inbox)
                    found[key.removeprefix(f"{PARTIES_DIR}~")] = path
        return found

    def outputs_of(self, view: CaseView) -> dict[str, Path]:
        """The files of outbox/<case-id>/ by name (a request may name only these)."""
        folder = self.config.out_dir / view.case_id
        if not folder.is_dir():
            return {}
        return {p.name: p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}

    # ── who asks ────────────────────────────────────────────────────────────────────────────

    def user_of(self, request: Request) -> str | None:
        if not self.users:
            return security.local_user()
        user = request.session.get("user")
        return user if isinstance(user, str) and user in self.users.hashes else None

    @property
    def calendar_needs_token(self) -> bool:
        return bool(self.users) or not security.is_loopback(self.config.host)

    @property
    def calendar_token(self) -> str:
        return security.derived_token(self.secret, "calendar")

    def render(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(
            request=request, user=getattr(request.state, "user", None), csrf=csrf_token(request),
            lang=current_lang(), login_required=bool(self.users), today=self.today(), **context)
        return HTMLResponse(html, status_code=status)


def _stat(path: str) -> tuple | None:
    from generator.store import stat_signature

    return stat_signature(path)


def _built_at(folder: Path) -> str:
    import json

    try:
        stamp = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("built_at", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return stamp.replace("T", " ")[:16] if isinstance(stamp, str) else ""


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = request.session["csrf"] = security.new_csrf_token()
    return token


Handler = Callable[[WebApp, Request, Any], Response]
MAX_FORM_FIELDS = 5000  # a job offer's form has several hundred


def page(handler: Handler | None = None, *, login: bool = True):
    """A route: the app's language, the login check (when users are configured), and on every
    state-changing request the CSRF token (form field `csrf` or header X-CSRF-Token) or 403.

    The handler itself runs in a worker thread with the submitted form (reading and checking cases
    takes time, and must not hold up the other requests)."""

    def wrap(function: Handler):
        @functools.wraps(function)
        async def endpoint(request: Request) -> Response:
            web: WebApp = request.app.state.web
            set_language(web.config.lang)
            request.state.user = web.user_of(request)
            if login and request.state.user is None:
                target = request.url.path if request.method == "GET" else "/"
                return RedirectResponse(f"/login?next={target}", status_code=303)
            form = None
            if request.method not in ("GET", "HEAD"):
                form = await request.form(max_files=1, max_fields=MAX_FORM_FIELDS)
                given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
                expected = request.session.get("csrf")
                if not isinstance(expected, str) or not security.same_token(
                        given if isinstance(given, str) else None, expected):
                    return PlainTextResponse(t("不正なリクエストです（CSRF トークンがありません）。ページを開き直してください。",
                                               "forbidden: missing or wrong CSRF token. Reload the page."), 403)
            language = contextvars.copy_context()
            return await run_in_threadpool(language.run, function, web, request, form)

        return endpoint

    return wrap(handler) if handler is not None else wrap


class SecurityHeaders:
    """CSP without inline script, no framing by others, no referrer (calendar URLs carry a token)."""

    def __init__(self, app, limit_bytes: int):
        self.app = app
        self.limit_bytes = limit_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit_bytes:
            response = PlainTextResponse(t("送信されたデータが大きすぎます。", "request too large."), 413)
            return await response(scope, receive, send)
        static = scope["path"].startswith("/static/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"SAMEORIGIN")]
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(config: WebConfig, *, users: security.Users | None = None, converter_wanted: bool | None = None) -> Starlette:
    from generator.web import edit, pages

    users = users if users is not None else security.Users.load(config.settings.serve_users)
    web = WebApp(config, users, security.secret_key(config.settings.serve_secret))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        security.mask_server_logs()
        wanted = web.options.wants_pdf if converter_wanted is None else converter_wanted
        # read and check every case once, in the background: the first page then finds them checked
        threading.Thread(target=web.case_views, name="formgen-web-warm", daemon=True).start()
        with api.open_converter(config.settings, wanted=wanted, kept_warm=True) as converter:
            web.builder = Builder(web.options, config.inbox, converter)
            try:
                yield
            finally:
                web.builder.close()

    routes = [*pages.routes(), *edit.routes(), Mount("/static", StaticFiles(directory=HERE / "static"), name="static")]
    upload_limit = config.settings.serve_upload_mb * 1024 * 1024
    # without users, only this machine's own names may be asked for: a web page elsewhere cannot point a
    # name of its own at 127.0.0.1 (DNS rebinding) and read the cases through the visitor's browser
    hosts = ["*"] if users or not security.is_loopback(config.host) else ["127.0.0.1", "localhost", "[::1]", "::1"]
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        Middleware(SecurityHeaders, limit_bytes=upload_limit + 1024 * 1024),
        Middleware(SessionMiddleware, secret_key=web.secret.decode("ascii"), session_cookie=SESSION_COOKIE,
                   max_age=SESSION_HOURS * 3600, same_site="strict", https_only=config.secure_cookie),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: _error_page})
    app.state.web = web
    return app


async def _error_page(request: Request, error: Exception) -> Response:
    """Registered for HTTPException only (Starlette types every handler for Exception)."""
    status = error.status_code if isinstance(error, HTTPException) else 500
    web: WebApp = request.app.state.web
    set_language(web.config.lang)
    request.state.user = web.user_of(request)
    messages = {404: ("見つかりません。", "not found."), 405: ("この操作はできません。", "method not allowed.")}
    ja, en = messages.get(status, ("エラーが起きました。", "an error occurred."))
    return web.render(request, "error.html", status=status, message=t(ja, en))
