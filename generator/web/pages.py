"""The pages that read: dashboard, cases, people, a case, its documents, the calendar feeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from generator import api
from generator.privacy import mask
from generator.web.app import CaseView, WebApp, page, t
from generator.web.kinds import KIND_TITLES
from generator.web.schemaform import summary
from schemas import KINDS

BUCKETS = {
    "overdue": ("期限超過", "overdue"), "violation": ("要確認", "check the plan"), "soon": ("7日以内", "within 7 days"),
    "month": ("30日以内", "within 30 days"), "later": ("今後", "later"), "done": ("済", "done"),
    "passed": ("経過", "passed"),
}
MONTH_DAYS = 30
INLINE_TYPES = {".pdf": "application/pdf", ".md": "text/plain; charset=utf-8"}


def bucket_of(deadline: api.Deadline, today: dt.date) -> str:
    """The dashboard's groups, from the deadline's status as of today (counted from the legal date)."""
    status = deadline.status
    if status in ("overdue", "violation", "done", "passed"):
        return status
    if status == "due_soon":
        return "soon"
    return "month" if (deadline.legal_due - today).days <= MONTH_DAYS else "later"


WEEKDAYS = "月火水木金土日"
PAGE_ROWS = 200
"""Rows the dashboard shows at first (the most urgent first); the rest one click away."""


def day_text(value: dt.date | None) -> str:
    return f"{value.isoformat()}（{WEEKDAYS[value.weekday()]}）" if value else ""


@dataclass
class Row:
    """A deadline as a table row, with its texts made once (the dashboard shows hundreds)."""

    deadline: api.Deadline
    view: CaseView | None
    bucket: str
    person_key: str = ""
    legal: str = ""
    effective: str = ""
    facility: str = ""

    def __post_init__(self) -> None:
        keys = self.view.person_keys if self.view else ()
        self.person_key = keys[0] if keys else ""
        self.legal = day_text(self.deadline.legal_due)
        self.effective = day_text(self.deadline.effective_due) if self.deadline.moved else ""
        self.facility = self.view.facility if self.view else ""


def _rows(web: WebApp, today: dt.date) -> tuple[list[Row], dict[str, CaseView]]:
    cases, views = web.case_views()
    by_id = {v.checked.case_id: v for v in views.values() if v.checked.case_id}
    rows = [Row(d, by_id.get(d.case_id), bucket_of(d, today)) for d in web.store.deadlines(cases, today)]
    return rows, views


def _filtered(rows: list[Row], request: Request) -> list[Row]:
    query = request.query_params
    wanted = {name: query.get(name) or "" for name in ("person", "facility", "office", "kind", "status")}
    keep = []
    for row in rows:
        if wanted["person"] and row.person_key != wanted["person"]:
            continue
        if wanted["facility"] and row.facility != wanted["facility"]:
            continue
        if wanted["office"] and row.deadline.rule.office != wanted["office"]:
            continue
        if wanted["kind"] and row.deadline.kind != wanted["kind"]:
            continue
        if wanted["status"] and row.bucket != wanted["status"]:
            continue
        keep.append(row)
    order = query.get("sort", "effective")
    key = (lambda r: (r.deadline.legal_due, r.deadline.case_id)) if order == "legal" else \
        (lambda r: (r.deadline.effective_due, r.deadline.case_id))
    return sorted(keep, key=key, reverse=query.get("desc") == "1")


@page
def dashboard(web: WebApp, request: Request, form=None) -> Response:
    today = web.today()
    rows, views = _rows(web, today)
    shown = _filtered(rows, request)
    people = sorted({(r.person_key, r.deadline.person) for r in rows if r.person_key}, key=lambda p: p[1])
    choices = {
        "person": people,
        "facility": sorted({(r.facility, r.facility) for r in rows if r.facility}),
        "office": sorted({(o, o) for r in rows if (o := r.deadline.rule.office)}),
        "kind": sorted({(r.deadline.kind, KIND_TITLES.get(r.deadline.kind, (r.deadline.kind,))[0]) for r in rows}),
        "status": [(k, t(*v)) for k, v in BUCKETS.items()],
    }
    counts = {k: sum(r.bucket == k for r in rows) for k in BUCKETS}
    errors = sum(1 for v in views.values() if v.state == "error")
    limit = len(shown) if request.query_params.get("all") == "1" else PAGE_ROWS
    more = request.url.include_query_params(all="1") if len(shown) > limit else None
    return web.render(request, "dashboard.html", rows=shown[:limit], matching=len(shown), more=more, counts=counts,
                      buckets=BUCKETS, choices=choices, query=request.query_params, errors=errors, total=len(rows),
                      cutover=api.cutover_dates())


@page
def case_list(web: WebApp, request: Request, form=None) -> Response:
    _cases, views = web.case_views()
    ordered = sorted(views.values(), key=lambda v: v.key)
    return web.render(request, "cases.html", views=ordered)


def _people(views: dict[str, CaseView]) -> dict[str, dict]:
    people: dict[str, dict] = {}
    for view in views.values():
        for person, key in zip(view.people, view.person_keys, strict=False):
            entry = people.setdefault(key, {"person": person, "views": []})
            if view not in entry["views"]:
                entry["views"].append(view)
    return people


@page
def people_list(web: WebApp, request: Request, form=None) -> Response:
    _cases, views = web.case_views()
    people = sorted(_people(views).items(), key=lambda item: item[1]["person"].name)
    return web.render(request, "people.html", people=people)


def _person(web: WebApp, key: str) -> tuple[dict, list[Row]]:
    rows, views = _rows(web, web.today())
    entry = _people(views).get(key)
    if entry is None:
        raise HTTPException(404)
    ids = {v.checked.case_id for v in entry["views"]}
    return entry, [r for r in rows if r.deadline.case_id in ids]


@page
def person_page(web: WebApp, request: Request, form=None) -> Response:
    key = request.path_params["key"]
    entry, rows = _person(web, key)
    rows.sort(key=lambda r: (r.deadline.effective_due, r.deadline.case_id))
    return web.render(request, "person.html", entry=entry, rows=rows, key=key, buckets=BUCKETS,
                      calendar=_calendar_url(web, f"/people/{key}/calendar.ics"))


def case_context(web: WebApp, view: CaseView, cases: api.CaseSet) -> dict:
    checked = view.checked
    model = KINDS.get(checked.kind or "")
    resolved = checked.loaded.data if checked.loaded is not None else {}
    rows = summary(model, resolved, mask) if model else []
    deadlines = [d for d in web.store.deadlines(cases, web.today()) if d.case_id == checked.case_id]
    outputs = web.outputs_of(view)
    titles = _document_titles(outputs.get("manifest.json"))
    documents: dict[str, dict[str, str]] = {}
    for name in outputs:
        stem, _, suffix = name.rpartition(".")
        if suffix in ("pdf", "docx") and name != "packet.pdf":
            documents.setdefault(titles.get(stem, stem), {})[suffix] = name
    raw = web.raw_data(view.path)
    for row in rows:  # a party from parties/ folds away under its name
        given = raw.get(row["key"])
        if isinstance(given, dict) and isinstance(given.get("ref"), str):
            row["ref"] = given["ref"]
    return {"view": view, "summary": rows, "deadlines": deadlines, "documents": documents,
            "packet": "packet.pdf" in outputs, "outputs": outputs, "job": web.builder.job(view.path) if web.builder else None,
            "bucket_of": lambda d: bucket_of(d, web.today()), "buckets": BUCKETS, "version": _version(view),
            "attachments": raw.get("attachments") if isinstance(raw.get("attachments"), list) else [],
            "problems": [(p, p.render(), p.dotted_path) for p in checked.problems]}


def _document_titles(manifest) -> dict[str, str]:
    """File stem → the form's official id and title, from the build's manifest.json."""
    import json

    office_only = t("（事務所用・提出しません）", " (the office's own, not filed)")
    titles = {"deadlines-checklist": t("期限チェックリスト", "deadlines checklist") + office_only}
    try:
        forms = json.loads(manifest.read_text(encoding="utf-8")).get("forms", []) if manifest else []
    except (OSError, ValueError, AttributeError):
        return titles
    for form in forms:
        for name in form.get("files", []):
            title = f"{form.get('official_id', '')} {form.get('title', '')}".strip()
            titles[name.rpartition(".")[0]] = title + (office_only if form.get("internal") else "")
    return titles


def _version(view: CaseView) -> str:
    from generator.yamledit import version_of

    return version_of(view.path)


@page
def case_page(web: WebApp, request: Request, form=None) -> Response:
    cases, view = web.case_view(request.path_params["key"])
    message = {"saved": t("保存しました。作成を始めました。", "saved; the build has started."),
               "filed": t("提出済みにしました。", "marked as filed."),
               "attached": t("添付ファイルを追加しました。", "attachment added.")}.get(request.query_params.get("done", ""))
    return web.render(request, "case.html", message=message, **case_context(web, view, cases))


@page
def case_file(web: WebApp, request: Request, form=None) -> Response:
    _cases, view = web.case_view(request.path_params["key"])
    path = web.outputs_of(view).get(request.path_params["name"])
    if path is None:
        raise HTTPException(404)
    inline = request.query_params.get("download") != "1" and path.suffix in INLINE_TYPES
    return FileResponse(path, media_type=INLINE_TYPES.get(path.suffix), filename=path.name,
                        content_disposition_type="inline" if inline else "attachment")


@page
def build_status(web: WebApp, request: Request, form=None) -> Response:
    cases, view = web.case_view(request.path_params["key"])
    context = case_context(web, view, cases)
    response = web.render(request, "_build_status.html", **context)
    job = context["job"]
    if job is not None and not job.busy and request.query_params.get("waiting") == "1":
        response.headers["HX-Refresh"] = "true"  # show the new documents and state
    return response


# ── calendars ─────────────────────────────────────────────────────────────────────────────────

def _calendar_url(web: WebApp, path: str) -> str:
    return f"{path}?token={web.calendar_token}" if web.calendar_needs_token else path


def _calendar_allowed(web: WebApp, request: Request) -> None:
    """Calendar programs cannot log in: beyond this machine, the URL's secret token stands for it."""
    from generator.web.security import same_token

    if web.calendar_needs_token and not same_token(request.query_params.get("token"), web.calendar_token):
        raise HTTPException(404)


def _ics(deadlines: list[api.Deadline], name: str) -> Response:
    return Response(api.icalendar(deadlines, name), media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'inline; filename="deadlines.ics"'})


@page(login=False)
def calendar_feed(web: WebApp, request: Request, form=None) -> Response:
    _calendar_allowed(web, request)
    cases = web.store.case_set()
    return _ics(web.store.deadlines(cases, web.today()), "formgen 期限一覧")


@page(login=False)
def person_calendar(web: WebApp, request: Request, form=None) -> Response:
    _calendar_allowed(web, request)
    entry, rows = _person(web, request.path_params["key"])
    return _ics([r.deadline for r in rows], f"期限 {entry['person'].name}")


@page
def calendar_page(web: WebApp, request: Request, form=None) -> Response:
    base = str(request.base_url).rstrip("/")
    _cases, views = web.case_views()
    people = sorted(_people(views).items(), key=lambda item: item[1]["person"].name)
    return web.render(request, "calendar.html", all_url=base + _calendar_url(web, "/calendar.ics"),
                      people=[(entry["person"], base + _calendar_url(web, f"/people/{key}/calendar.ics"))
                              for key, entry in people], token_needed=web.calendar_needs_token)


def routes() -> list[Route]:
    return [
        Route("/", dashboard),
        Route("/cases", case_list),
        Route("/cases/{key}", case_page),
        Route("/cases/{key}/files/{name}", case_file),
        Route("/cases/{key}/status", build_status),
        Route("/people", people_list),
        Route("/people/{key}", person_page),
        Route("/people/{key}/calendar.ics", person_calendar),
        Route("/calendar", calendar_page),
        Route("/calendar.ics", calendar_feed),
    ]
