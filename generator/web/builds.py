"""Builds requested from the browser: one worker thread, warm converters shared by every request.

A case asked for while it is queued is not queued twice; asked for while it builds, it is built once
more afterwards (the second save must win) — so two builds of one case never run at once, and never
into the same folder. The pipeline's own per-case lock guards against a `formgen watch` in this process.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import api
from generator.messages import Msg

log = logging.getLogger("formgen.web")


@dataclass
class Job:
    path: Path
    state: str = "queued"  # queued running done failed
    queued_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    lines: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    again: bool = False

    @property
    def busy(self) -> bool:
        return self.state in ("queued", "running")

    @property
    def finished_clock(self) -> str:
        return dt.datetime.fromtimestamp(self.finished_at).strftime("%H:%M:%S") if self.finished_at else ""


class Builder:
    def __init__(self, options: api.BuildOptions, root: Path, converter: api.Converter | None = None):
        self.options = options
        self.root = root
        self.converter = converter
        self.jobs: dict[Path, Job] = {}
        self._queue: queue.Queue[Path | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._work,),
                                        name="formgen-web-build", daemon=True)
        self._thread.start()

    def submit(self, path: Path) -> Job:
        with self._lock:
            job = self.jobs.get(path)
            if job is not None and job.state == "queued":
                return job
            if job is not None and job.state == "running":
                job.again = True
                return job
            job = self.jobs[path] = Job(path)
            self._queue.put(path)
            return job

    def job(self, path: Path) -> Job | None:
        return self.jobs.get(path)

    def idle(self) -> bool:
        with self._lock:
            return not any(j.busy for j in self.jobs.values())

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _work(self) -> None:
        while (path := self._queue.get()) is not None:
            with self._lock:
                job = self.jobs[path]
                job.state = "running"
            try:
                self._build(job)
            except Exception as error:  # noqa: BLE001 - a failed build must not stop the worker
                log.exception("build of %s failed", path.name)
                job.state, job.lines = "failed", [Msg(f"内部エラー: {error}", f"internal error: {error}").render()]
            job.finished_at = time.time()
            with self._lock:
                if job.again:
                    self.jobs[path] = Job(path)
                    self._queue.put(path)

    def _build(self, job: Job) -> None:
        checked = api.check_source(api.CaseSource(job.path, self.root))
        result = api.build_one(checked, self.options, self.converter)
        job.lines = [p.render() for p in result.problems]
        if result.error is not None and not result.problems:
            job.lines.append(result.error.render())
        job.documents = result.documents
        job.state = "done" if result.ok else "failed"
        log.info("built %s: %s (%.1f s)", result.case_id or job.path.name, job.state, result.seconds)
