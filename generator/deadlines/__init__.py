"""Pipeline step 7: the deadlines a case starts (rule table, calendar arithmetic, outputs).

rules.py (the rule table, with seed citations) → compute.py (dates and status) → outputs.py (Markdown,
iCalendar, CSV, the static index.html and the packet's checklist page). calendar.py holds the legal
date arithmetic (民法140/142/143条, 行政機関の休日). The `formgen deadlines` command is in command.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.deadlines import outputs
from generator.deadlines.compute import Deadline, compute_deadlines, status_of
from generator.outbox import OUTBOX_FILES, STAGING, outbox_lock, write_text_atomically
from generator.subject import subject_of

CASE_JSON = "deadlines.json"
CHECKLIST = "deadlines-checklist"
CHECKLIST_TITLE = "期限チェックリスト"


@dataclass
class CaseDeadlines:
    """What the deadlines step made for one case. The checklist is the office's own sheet: a file beside
    packet.pdf (and linked from the dashboard), never a page of what is filed."""

    deadlines: list[Deadline]
    checklist_docx: Path | None = None
    checklist_pdf: Path | None = None

    def drop_docx(self) -> None:
        if self.checklist_docx is not None:
            self.checklist_docx.unlink(missing_ok=True)
            self.checklist_docx = None


def write_case_deadlines(case, case_id: str, stage: Path, today: dt.date, converter=None,
                         pdfa: bool = False) -> CaseDeadlines:
    """Write deadlines.md, deadlines.ics and deadlines.json (read back by write_outbox_deadlines) into the
    staging folder, and the checklist page: deadlines-checklist.docx, and .pdf when there is a converter.

    The PDF is drawn (outputs.checklist_pdf), not converted, unless PDF/A is asked for: only LibreOffice's
    export writes PDF/A, and a drawn page would not be one."""
    deadlines = compute_deadlines(case, case_id, today)
    person = subject_of(case).person
    (stage / "deadlines.md").write_text(outputs.markdown(case_id, person, deadlines, today), encoding="utf-8")
    (stage / "deadlines.ics").write_bytes(outputs.icalendar(deadlines, f"期限 {case_id}"))
    record = {"case_id": case_id, "kind": case.kind, "person": person, "today": today.isoformat(),
              "deadlines": outputs.rows(deadlines)}
    (stage / CASE_JSON).write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    made = CaseDeadlines(deadlines)
    if deadlines:
        context = outputs.checklist_context(case_id, person, case.kind, deadlines, today)
        made.checklist_docx = outputs.checklist_docx(context, stage / f"{CHECKLIST}.docx")
        pdf = made.checklist_docx.with_suffix(".pdf")
        if converter is not None and pdfa:
            made.checklist_pdf = converter.convert(made.checklist_docx, pdf, pdfa=True)
        elif converter is not None:
            made.checklist_pdf = outputs.checklist_pdf(context, pdf)
    return made


def _built_cases(out_dir: Path) -> list[Path]:
    if not out_dir.is_dir():
        return []
    return sorted(p for p in out_dir.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and p.name != STAGING and (p / "manifest.json").is_file())


def _links(folder: Path, manifest: dict) -> list[tuple[str, str]]:
    links = []
    if (folder / "packet.pdf").is_file():
        links.append(("提出パケット (PDF)", f"{folder.name}/packet.pdf"))
    for form in manifest.get("forms", []):
        for name in form.get("files", []):
            suffix = name.rsplit(".", 1)[-1].upper()
            links.append((f"{form.get('title', name)} ({suffix})", f"{folder.name}/{name}"))
    for name, title in (("deadlines.md", "期限一覧"), ("deadlines.ics", "カレンダー"),
                        (f"{CHECKLIST}.pdf", "期限チェックリスト (PDF)"), (f"{CHECKLIST}.docx", "期限チェックリスト (DOCX)")):
        if (folder / name).is_file():
            links.append((title, f"{folder.name}/{name}"))
    return links


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_outbox(out_dir: Path, today: dt.date) -> tuple[list[dict], list[Deadline]]:
    """Every built case of the outbox and its deadlines, with the status recomputed for `today`."""
    cases, deadlines = [], []
    for folder in _built_cases(out_dir):
        manifest, record = _read_json(folder / "manifest.json"), _read_json(folder / CASE_JSON)
        cases.append({"case_id": folder.name, "kind": manifest.get("kind", ""), "person": record.get("person", ""),
                      "links": _links(folder, manifest)})
        for row in record.get("deadlines", []):
            try:
                deadline = Deadline.from_dict(row)
            except (KeyError, TypeError, ValueError):  # written by another formgen version: rebuild the case
                continue
            if deadline is not None:
                deadline.status = status_of(deadline, today)
                deadlines.append(deadline)
    deadlines.sort(key=lambda d: (d.effective_due, d.case_id, d.key))
    return cases, deadlines


STATE_MARK = re.compile(r'<meta name="formgen-outbox-state" content="([0-9a-f]{64})">')


def outbox_state(out_dir: Path, today: dt.date, mode: str) -> str:
    """What the outbox-wide files are made of: the day, the output mode, formgen's version, and each built case
    folder with the name, size, modification time and inode of each of its files (its manifest, its deadlines,
    the files the dashboard links to; a case published again has new files). ~10 ms for 200 cases, where
    making the files again costs ~0.25 s."""
    folders = []
    for folder in _built_cases(out_dir):
        with os.scandir(folder) as entries:
            files = sorted((e.name, (info := e.stat()).st_size, info.st_mtime_ns, info.st_ino)
                           for e in entries if e.is_file())
        folders.append([folder.name, files])
    facts = [__version__, today.isoformat(), mode, folders]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode("utf-8")).hexdigest()


def _state_written(out_dir: Path) -> str | None:
    try:
        with open(out_dir / "index.html", encoding="utf-8", errors="replace") as page:
            found = STATE_MARK.search(page.read(2048))
    except OSError:
        return None
    return found.group(1) if found else None


def write_outbox_deadlines(out_dir: Path, today: dt.date, mode: str = "private") -> None:
    """Refresh outbox/deadlines.csv, deadlines.ics and index.html from every built case.

    Under the outbox lock, so that the last refresh always sees every case published before it. Nothing is
    written when the files were made of the same state (a build with every case unchanged, on the same day);
    index.html, which carries the state, is written last."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return
    with outbox_lock(out_dir, mode):
        state = outbox_state(out_dir, today, mode)
        if state == _state_written(out_dir) and all((out_dir / name).is_file() for name in OUTBOX_FILES):
            return
        cases, deadlines = read_outbox(out_dir, today)
        texts = {"deadlines.csv": outputs.csv_text(deadlines),
                 "deadlines.ics": outputs.icalendar(deadlines, "formgen 期限一覧").decode("utf-8"),
                 "index.html": outputs.index_html(cases, deadlines, today, state)}
        for name in sorted(OUTBOX_FILES, key=lambda n: n == "index.html"):
            write_text_atomically(out_dir / name, texts[name], mode)
