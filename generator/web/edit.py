"""The pages that change files: new and edited cases, parties, 「提出済みにする」, attachments, builds, login.

Every save is checked against the version of the file the form was made from (generator/yamledit.py):
a file changed meanwhile — another browser, an editor, an import, git — is not overwritten; the form
comes back with what the other side changed and with everything this person typed, merged, to save
again. Case data is validated through the front door (api.check_data) before anything is written.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from generator import api
from generator.load import CASE_ID_PATTERN, PARTIES_DIR, GivenParty, parse_yaml
from generator.messages import Msg
from generator.privacy import mask
from generator.problems import Problem
from generator.web import schemaform as sf
from generator.web.app import CaseView, WebApp, key_for, page, t
from generator.web.kinds import PARTY_MODELS, classify_party, kind_title, party_type_title
from generator.web.pages import case_context
from generator.yamledit import ABSENT, EditConflict, apply_changes, changes_between, save_changes, save_new, set_value
from schemas import KINDS

PARTY_SLUGS = {en.split(" ")[0].replace("(", ""): model for model, _ja, en in PARTY_MODELS}
FORM_CONTROL = {"csrf", "_version", "_before", "_action", "_case_name", "_party_name"}


# ── the form's hidden state ───────────────────────────────────────────────────────────────────

def _encode(data: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, ensure_ascii=False, default=sf.shown).encode()).decode()


def _decode(text: str | None) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode((text or "").encode()))
    except (ValueError, TypeError):
        raise HTTPException(400) from None
    if not isinstance(data, dict):
        raise HTTPException(400)
    return data


def _values(form) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str) and name not in FORM_CONTROL:
            values.setdefault(name, []).append(value)
    return values


def _raw_file(path: Path) -> tuple[dict, str]:
    """The data of a YAML file as written (refs unresolved), and the version it was read at."""
    raw = path.read_bytes()
    version = hashlib.sha256(raw).hexdigest()
    text = raw.decode("utf-8", errors="replace")
    try:
        data, _positions, _problems = parse_yaml(text, path)
    except Exception:  # noqa: BLE001 - a broken file opens as an empty form; saving it is refused
        data = None
    return (data if isinstance(data, dict) else {}), version


# ── problems next to their fields ─────────────────────────────────────────────────────────────

def _names(tree: dict) -> set[str]:
    found = set()
    for node in tree.get("children", []):
        found.add(node["name"])
        found |= _names(node)
        for row in node.get("rows", []):
            found.add(row["name"])
            found |= _names(row)
    return found


def _problem_text(problem) -> str:
    text = mask(problem.message.render())
    if problem.hint:
        text += t(" → 対処: ", " → fix: ") + problem.hint.render()
    if problem.rule:
        text += f" ［{problem.rule}］"
    return text


def _place(problems, names: set[str], model: type[BaseModel]) -> tuple[dict[str, list[str]], dict[str, list[str]],
                                                                      list[tuple[str, str, str]]]:
    errors: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    listed = []
    for problem in problems:
        where = problem.dotted_path
        while where and where not in names:
            where = where.rpartition(".")[0]
        target = errors if problem.severity == "error" else warnings
        text = _problem_text(problem)
        if where:
            target.setdefault(where, []).append(text)
        label = problem.label or (sf.label_of(model, problem.path) if problem.path else "")
        listed.append((where, f"{label}: {text}" if label else text, problem.severity))
    return errors, warnings, listed


def _display(data: dict, form: sf.Submitted) -> dict:
    """What the form shows after a refused save: a "new…" party's fields back in place."""
    shown = copy.deepcopy(data)
    for prefix, _name, _base, party in form.new_parties:
        node: Any = shown
        for key in [int(p) if p.isdigit() else p for p in prefix.split(".") if p]:
            if isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
            elif isinstance(node, dict):
                node = node.get(key)
            else:
                node = None
        if isinstance(node, dict):
            node.pop("ref", None)
            node.update(party)
    return shown


class FormPage:
    """Renders the form of one model (a case kind or a party type) with its hidden state."""

    def __init__(self, web: WebApp, model: type[BaseModel], *, party_root: bool = False):
        self.web, self.model, self.party_root = web, model, party_root

    def parties_for(self, base: type[BaseModel]) -> list[tuple[str, str]]:
        options = []
        for key, path in self.web.party_files().items():
            data, _version = _raw_file(path)
            if classify_party(data) is base and "~" not in key:
                options.append((key, f"{data.get('name', key)}（{key}）"))
        return options

    def render(self, request: Request, template: str, data: dict, *, version: str, before: dict, problems=(),
               new_names: dict[str, str] | None = None, status: int = 200, **extra: Any) -> Response:
        context = sf.Context(parties_for=self.parties_for, new_names=new_names or {})
        tree = sf.form_tree(self.model, data, context)
        if self.party_root:
            tree["party"] = None
        names = _names(tree) | {sf.join(p, sf.NEW_NAME_FIELD) for p in context.new_names} | {"_case_name", "_party_name"}
        errors, warnings, listed = _place(problems, names, self.model)
        context.errors, context.warnings = errors, warnings
        tree = sf.form_tree(self.model, data, context)
        if self.party_root:
            tree["party"] = None
        return self.web.render(request, template, status=status, tree=tree, version=version, before=_encode(before),
                               listed=listed, refused=status >= 400, **extra)


def _rebuild(web: WebApp, path: Path) -> None:
    assert web.builder is not None, "the builder runs while the app serves"
    web.builder.submit(path)


def _submitted_problems(form: sf.Submitted, web: WebApp) -> list:
    found = sf.new_party_problems(form, lambda name: name in web.party_files())
    return [Problem(text, path=tuple(where.split(".")), label=t("新しい parties ファイルの名前", "new parties file name"))
            for where, texts in found.items() for text in texts]


def _field_problem(field: str, label: Msg, message: Msg) -> Problem:
    return Problem(message, path=(field,), label=label.render())


def _given(form: sf.Submitted) -> dict[str, GivenParty]:
    return {name: GivenParty(party, {}) for _prefix, name, _base, party in form.new_parties if name}


def _check(web: WebApp, data: dict, path: Path, form: sf.Submitted) -> list:
    problems = _submitted_problems(form, web)
    checked = api.check_data(data, {}, path, web.config.inbox, parties=_given(form))
    return problems + checked.problems


def _write_new_parties(web: WebApp, form: sf.Submitted, user: str) -> None:
    for _prefix, name, base, party in form.new_parties:
        path = web.config.inbox / PARTIES_DIR / f"{name}.yaml"
        save_new(path, party, [f"{party_type_title(base)}（formgen serve で作成）"])
        web.audit.record(user, "create-party", str(path.relative_to(web.config.inbox)), sorted(party))


def _changed_fields(model, changes) -> list[str]:
    return [".".join(str(p) for p in c.path) for c in changes]


# ── new case ──────────────────────────────────────────────────────────────────────────────────

@page
def choose_kind(web: WebApp, request: Request, form=None) -> Response:
    kinds = [(kind, kind_title(kind)) for kind in KINDS]
    return web.render(request, "new.html", kinds=kinds)


def _kind_model(request: Request) -> tuple[str, type[BaseModel]]:
    kind = request.path_params["kind"]
    if kind not in KINDS:
        raise HTTPException(404)
    return kind, KINDS[kind]


def _suggested_name(kind: str, data: dict) -> str:
    person: dict = next((data[k] for k in ("person", "intern", "trainee", "returnee") if isinstance(data.get(k), dict)), {})
    alphabet = str(person.get("name_alphabet") or "").split(" ")[0].lower()
    stem = kind.replace("_", "-")
    word = re.sub(r"[^a-z0-9]", "", alphabet)
    return f"{stem}-{word}" if word else f"{stem}-{dt.datetime.now():%Y%m%d-%H%M%S}"


@page
def new_case(web: WebApp, request: Request, form=None) -> Response:
    kind, model = _kind_model(request)
    before = {"kind": kind}
    if request.method == "GET":
        return FormPage(web, model).render(request, "edit.html", dict(before), version=ABSENT, before=before,
                                           kind=kind, creating=True, case_name="")
    data, submitted = sf.parse_case(model, _values(form), before, keep_empty_rows=bool(form.get("_action")))
    name = (form.get("_case_name") or "").strip()
    page_ = FormPage(web, model)
    new_names = {p: n for p, n, _b, _d in submitted.new_parties}
    if form.get("_action"):
        shown = sf.fill_row_kinds(model, sf.apply_row_action(_display(data, submitted), str(form["_action"])))
        return page_.render(request, "edit.html", shown, version=ABSENT, before=before, kind=kind, creating=True,
                            case_name=name, new_names=new_names)
    name = name or _suggested_name(kind, data)
    path = web.config.inbox / f"{name}.yaml"
    problems = _check(web, data, path, submitted)
    taken = path.exists() or name in {c.case_id for c in web.store.case_set().cases}
    if not CASE_ID_PATTERN.match(name) or taken:
        problems.insert(0, _field_problem("_case_name", Msg("ファイル名", "file name"), Msg(
            f"{name}.yaml（ケースID {name}）はもうあります。別の名前にしてください。",
            f"{name}.yaml (case id {name}) exists already; choose another name.") if taken else Msg(
            "ファイル名は英数字・ハイフン・下線・ピリオドで書いてください。", "use letters, digits, '-', '_' and '.' only.")))
    again: dict[str, Any] = dict(kind=kind, creating=True, case_name=name, new_names=new_names, version=ABSENT, before=before)
    if any(p.severity == "error" for p in problems):
        return page_.render(request, "edit.html", _display(data, submitted), problems=problems, status=422, **again)
    user = request.state.user
    header = [f"yaml-language-server: $schema=.schema/{kind}.schema.json", f"{kind_title(kind)}（formgen serve で作成）"]
    try:
        _write_new_parties(web, submitted, user)
        save_new(path, data, header)
    except EditConflict as conflict:  # made by someone else between the check and the write
        problem = _field_problem("_case_name", Msg("ファイル名", "file name"), conflict.message)
        return page_.render(request, "edit.html", _display(data, submitted), problems=[problem], status=409, **again)
    web.audit.record(user, "create-case", path.name, sorted(k for k in data if k != "kind"))
    web.store.forget(path)
    _rebuild(web, path)
    return RedirectResponse(f"/cases/{key_for(path, web.config.inbox)}?done=saved", status_code=303)


# ── edit a case ───────────────────────────────────────────────────────────────────────────────

class NotEditable(Exception):
    """A case file the form cannot show (not YAML, no known kind): its problems say why."""


def _model_of(view: CaseView) -> type[BaseModel]:
    model = KINDS.get(view.checked.kind or "")
    if model is None:
        raise NotEditable()
    return model


def _conflict_lists(model, before: dict, current: dict, mine: dict) -> dict:
    theirs = changes_between(before, current)
    own = changes_between(before, mine)
    own_paths = {c.path for c in own}
    return {"theirs": [(sf.label_of(model, c.path), _change_value(c), c.path in own_paths) for c in theirs],
            "mine": [(sf.label_of(model, c.path), _change_value(c)) for c in own]}


def _change_value(change) -> str:
    if change.delete:
        return t("（削除）", "(removed)")
    if isinstance(change.value, (dict, list)):
        return t(f"（{len(change.value)}項目）", f"({len(change.value)} entries)")
    return sf.shown(change.value)


def _merged(current: dict, before: dict, after: dict) -> dict:
    """The file as it is now with this person's changes applied: what the form shows after a conflict."""
    return apply_changes(copy.deepcopy(current), changes_between(before, after))


@page
def edit_case(web: WebApp, request: Request, form=None) -> Response:
    _cases, view = web.case_view(request.path_params["key"])
    try:
        model = _model_of(view)
    except NotEditable:
        lines = "; ".join(p.render() for p in view.checked.errors[:3])
        return web.render(request, "error.html", status=409, message=t(
            f"{view.path.name} は種類（kind:）が読めないため、フォームでは編集できません。エディタで直してください: {lines}",
            f"{view.path.name} has no readable kind: fix it in an editor first: {lines}"))
    page_ = FormPage(web, model)
    if request.method == "GET":
        data, version = _raw_file(view.path)
        return page_.render(request, "edit.html", data, version=version, before=data, kind=view.checked.kind,
                            view=view, problems=view.checked.problems)
    before, version = _decode(form.get("_before")), str(form.get("_version") or "")
    data, submitted = sf.parse_case(model, _values(form), before, keep_empty_rows=bool(form.get("_action")))
    new_names = {p: n for p, n, _b, _d in submitted.new_parties}
    common: dict[str, Any] = dict(kind=view.checked.kind, view=view, new_names=new_names)
    if form.get("_action"):
        shown = sf.fill_row_kinds(model, sf.apply_row_action(_display(data, submitted), str(form["_action"])))
        return page_.render(request, "edit.html", shown, version=version, before=before, **common)
    problems = _check(web, data, view.path, submitted)
    if any(p.severity == "error" for p in problems):
        return page_.render(request, "edit.html", _display(data, submitted), version=version, before=before,
                            problems=problems, status=422, **common)
    user = request.state.user
    try:
        if submitted.new_parties:
            _write_new_parties(web, submitted, user)
        _version, changes = save_changes(view.path, version, before, data)
    except EditConflict as conflict:
        current, current_version = _raw_file(view.path) if view.path.exists() else ({}, ABSENT)
        merged = _merged(current, before, data)
        return page_.render(request, "edit.html", merged, version=current_version, before=current, status=409,
                            conflict=_conflict_lists(model, before, current, data) | {"message": conflict.render()},
                            **common)
    web.audit.record(user, "edit-case", str(view.path.relative_to(web.config.inbox)), _changed_fields(model, changes))
    web.store.forget(view.path)
    _rebuild(web, view.path)
    return RedirectResponse(f"/cases/{view.key}?done=saved", status_code=303)


# ── from the case page: build, filed, attachments ─────────────────────────────────────────────

@page
def build_case(web: WebApp, request: Request, form=None) -> Response:
    cases, view = web.case_view(request.path_params["key"])
    _rebuild(web, view.path)
    if request.headers.get("hx-request"):
        return web.render(request, "_build_status.html", **case_context(web, view, cases))
    return RedirectResponse(f"/cases/{view.key}", status_code=303)


def _case_page_with(web: WebApp, request: Request, view: CaseView, cases, status: int, **extra) -> Response:
    return web.render(request, "case.html", status=status, **(case_context(web, view, cases) | extra))


@page
def mark_filed(web: WebApp, request: Request, form=None) -> Response:
    cases, view = web.case_view(request.path_params["key"])
    key, version = str(form.get("deadline") or ""), str(form.get("_version") or "")
    keys = {d.key for d in web.store.deadlines(cases, web.today()) if d.case_id == view.checked.case_id}
    if key not in keys:
        raise HTTPException(404)
    try:
        day = dt.date.fromisoformat(str(form.get("date") or ""))
    except ValueError:
        return _case_page_with(web, request, view, cases, 422, filed_error=(key, t(
            "提出日を YYYY-MM-DD の形で入れてください。", "give the filing date as YYYY-MM-DD.")))
    try:
        set_value(view.path, version, ("filed", key), day)
    except EditConflict as conflict:
        return _case_page_with(web, request, view, cases, 409, filed_error=(key, conflict.render() + t(
            " 最新の内容を表示しています。もう一度押してください。", " The page shows the file as it is now: press again.")),
            filed_date=day.isoformat())
    web.audit.record(request.state.user, "filed", str(view.path.relative_to(web.config.inbox)), [f"filed.{key}"])
    web.store.forget(view.path)
    _rebuild(web, view.path)
    return RedirectResponse(f"/cases/{view.key}?done=filed", status_code=303)


def _pdf_problem(data: bytes, limit: int) -> str | None:
    if len(data) > limit:
        return t(f"ファイルが大きすぎます（上限 {limit // (1024 * 1024)} MB）。", f"the file is too large (limit {limit // (1024 * 1024)} MB).")
    if not data.startswith(b"%PDF-"):
        return t("PDF ファイルではありません。", "this is not a PDF file.")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        if len(PdfReader(io.BytesIO(data)).pages) < 1:
            return t("ページのない PDF です。", "the PDF has no pages.")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return t("PDF を読めません（壊れているか、暗号化されています）。", "cannot read the PDF (damaged or encrypted).")
    return None


def _attachment_path(folder: Path, filename: str) -> Path:
    stem = re.sub(r"[^A-Za-z0-9_-]", "", Path(filename or "").stem)[:40] or "attachment"
    candidate, number = folder / f"{stem}.pdf", 2
    while candidate.exists():
        candidate, number = folder / f"{stem}-{number}.pdf", number + 1
    return candidate


def _write_new_file(path: Path, data: bytes) -> None:
    import os

    path.parent.mkdir(mode=0o700, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


@page
def add_attachment(web: WebApp, request: Request, form=None) -> Response:
    cases, view = web.case_view(request.path_params["key"])
    limit = web.config.settings.serve_upload_mb * 1024 * 1024
    upload, title = form.get("file"), str(form.get("title") or "").strip()
    data = upload.file.read(limit + 1) if isinstance(upload, UploadFile) else b""
    problem = _pdf_problem(data, limit) if data else t("ファイルを選んでください。", "choose a file.")
    if not title:
        problem = problem or t("書類名を入れてください。", "give the document's title.")
    if problem:
        return _case_page_with(web, request, view, cases, 422, upload_error=problem)
    raw, _ = _raw_file(view.path)
    target = _attachment_path(view.path.parent / "attachments", upload.filename or "")
    _write_new_file(target, data)
    attachments = raw.get("attachments")
    listed = attachments if isinstance(attachments, list) else []
    entry = {"title": title, "file": f"attachments/{target.name}"}
    try:
        set_value(view.path, str(form.get("_version") or ""), ("attachments",), [*listed, entry])
    except EditConflict as conflict:
        target.unlink(missing_ok=True)
        return _case_page_with(web, request, view, cases, 409, upload_error=conflict.render())
    web.audit.record(request.state.user, "attach", str(view.path.relative_to(web.config.inbox)), ["attachments"])
    web.store.forget(view.path)
    _rebuild(web, view.path)
    return RedirectResponse(f"/cases/{view.key}?done=attached", status_code=303)


# ── parties ───────────────────────────────────────────────────────────────────────────────────

def _users_of(web: WebApp) -> tuple[dict[Path, list[CaseView]], dict[str, CaseView]]:
    _cases, views = web.case_views()
    users: dict[Path, list[CaseView]] = {}
    for view in views.values():
        loaded = view.checked.loaded
        for source in (loaded.sources[1:] if loaded is not None else []):
            users.setdefault(source.path.resolve(), []).append(view)
    return users, views


@page
def party_list(web: WebApp, request: Request, form=None) -> Response:
    users, _views = _users_of(web)
    parties = []
    for key, path in web.party_files().items():
        data, _version = _raw_file(path)
        parties.append({"key": key, "name": data.get("name", key), "type": party_type_title(classify_party(data)),
                        "views": users.get(path.resolve(), [])})
    types = [(slug, party_type_title(model)) for slug, model in PARTY_SLUGS.items()]
    return web.render(request, "parties.html", parties=parties, types=types)


def _party(web: WebApp, key: str) -> Path:
    path = web.party_files().get(key)
    if path is None:
        raise HTTPException(404)
    return path


def _party_problems(web: WebApp, path: Path, model, data: dict, users: list[CaseView]) -> list:
    """The party checked alone, then inside every case that uses it (as the build will see it)."""
    problems = list(api.party_problems(data, model, path, web.config.inbox))
    if any(p.severity == "error" for p in problems):
        return problems
    name = path.stem
    for view in users:
        raw, _ = _raw_file(view.path)
        checked = api.check_data(raw, {}, view.path, view.checked.source.root, parties={name: GivenParty(data, {})})
        problems += [p for p in checked.errors if p not in view.checked.errors]
    return problems


@page
def edit_party(web: WebApp, request: Request, form=None) -> Response:
    key = request.path_params["key"]
    path = _party(web, key)
    users, _views = _users_of(web)
    used_by = users.get(path.resolve(), [])
    raw, version = _raw_file(path)
    model = classify_party(raw) or PARTY_MODELS[0][0]
    page_ = FormPage(web, model, party_root=True)
    common: dict[str, Any] = dict(party_key=key, party_type=party_type_title(model), used_by=used_by)
    if request.method == "GET":
        return page_.render(request, "party.html", raw, version=version, before=raw, **common)
    before, version = _decode(form.get("_before")), str(form.get("_version") or "")
    data, _submitted = sf.parse_case(model, _values(form), before, keep_empty_rows=bool(form.get("_action")))
    if form.get("_action"):
        shown = sf.fill_row_kinds(model, sf.apply_row_action(data, str(form["_action"])))
        return page_.render(request, "party.html", shown, version=version, before=before, **common)
    problems = _party_problems(web, path, model, data, used_by)
    if any(p.severity == "error" for p in problems):
        return page_.render(request, "party.html", data, version=version, before=before, problems=problems,
                            status=422, **common)
    try:
        _version, changes = save_changes(path, version, before, data)
    except EditConflict as conflict:
        current, current_version = _raw_file(path) if path.exists() else ({}, ABSENT)
        return page_.render(request, "party.html", _merged(current, before, data), version=current_version,
                            before=current, status=409,
                            conflict=_conflict_lists(model, before, current, data) | {"message": conflict.render()},
                            **common)
    web.audit.record(request.state.user, "edit-party", str(path.relative_to(web.config.inbox)),
                     _changed_fields(model, changes))
    for view in used_by:
        web.store.forget(view.path)
        _rebuild(web, view.path)
    return RedirectResponse(f"/parties?done={key}", status_code=303)


@page
def new_party(web: WebApp, request: Request, form=None) -> Response:
    model = PARTY_SLUGS.get(request.path_params["type"])
    if model is None:
        raise HTTPException(404)
    page_ = FormPage(web, model, party_root=True)
    common: dict[str, Any] = dict(party_key=None, party_type=party_type_title(model), used_by=[], creating=True)
    if request.method == "GET":
        return page_.render(request, "party.html", {}, version=ABSENT, before={}, party_name="", **common)
    data, _submitted = sf.parse_case(model, _values(form), {}, keep_empty_rows=bool(form.get("_action")))
    name = str(form.get("_party_name") or "").strip()
    if form.get("_action"):
        shown = sf.fill_row_kinds(model, sf.apply_row_action(data, str(form["_action"])))
        return page_.render(request, "party.html", shown, version=ABSENT, before={}, party_name=name, **common)
    path = web.config.inbox / PARTIES_DIR / f"{name}.yaml"
    problems = api.party_problems(data, model, path, web.config.inbox) if data else []
    if not CASE_ID_PATTERN.match(name) or name in web.party_files():
        problems = [_field_problem("_party_name", Msg("ファイル名", "file name"), Msg(
            "英数字・ハイフン・下線で、まだない名前を書いてください（例: sakura-kai）。",
            "use letters, digits, '-' and '_', and a name not taken yet (e.g. sakura-kai).")), *problems]
    if not data:
        problems.append(Problem(Msg("何も入力されていません。", "nothing was entered.")))
    if any(p.severity == "error" for p in problems):
        return page_.render(request, "party.html", data, version=ABSENT, before={}, problems=problems,
                            party_name=name, status=422, **common)
    try:
        save_new(path, data, [f"{party_type_title(model)}（formgen serve で作成）"])
    except EditConflict as conflict:
        problem = _field_problem("_party_name", Msg("ファイル名", "file name"), conflict.message)
        return page_.render(request, "party.html", data, version=ABSENT, before={}, problems=[problem],
                            party_name=name, status=409, **common)
    web.audit.record(request.state.user, "create-party", str(path.relative_to(web.config.inbox)), sorted(data))
    return RedirectResponse("/parties", status_code=303)


# ── login ─────────────────────────────────────────────────────────────────────────────────────

def _next(value: str | None) -> str:
    return value if value and value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


@page(login=False)
def login(web: WebApp, request: Request, form=None) -> Response:
    target = _next(request.query_params.get("next"))
    if request.method == "GET" or not web.users:
        return web.render(request, "login.html", target=target)
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    address = request.client.host if request.client else "?"
    wait = web.throttle.wait_seconds(address, name)
    if wait:
        return web.render(request, "login.html", status=429, target=target, name=name, error=t(
            f"ログインの失敗が続いたため、しばらくログインできません。{wait // 60 + 1}分ほど待ってからやり直してください。",
            f"too many failed logins: try again in about {wait // 60 + 1} minutes."))
    if not web.users.verify(name, password):
        web.throttle.failed(address, name)
        return web.render(request, "login.html", status=401, target=target, name=name,
                          error=t("利用者名かパスワードが違います。", "wrong user name or password."))
    web.throttle.succeeded(name)
    request.session.clear()
    request.session["user"] = name
    return RedirectResponse(_next(str(form.get("next") or "/")), status_code=303)


@page(login=False)
def logout(web: WebApp, request: Request, form=None) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def routes() -> list[Route]:
    both = ["GET", "POST"]
    return [
        Route("/new", choose_kind),
        Route("/new/{kind}", new_case, methods=both),
        Route("/cases/{key}/edit", edit_case, methods=both),
        Route("/cases/{key}/build", build_case, methods=["POST"]),
        Route("/cases/{key}/filed", mark_filed, methods=["POST"]),
        Route("/cases/{key}/attachments", add_attachment, methods=["POST"]),
        Route("/parties", party_list),
        Route("/parties/new/{type}", new_party, methods=both),
        Route("/parties/{key}/edit", edit_party, methods=both),
        Route("/login", login, methods=both),
        Route("/logout", logout, methods=["POST"]),
    ]
