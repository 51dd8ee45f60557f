"""Stress the outbox with real processes: concurrent `formgen build`s, a `formgen watch` started and
stopped, kill -9 at random moments, and readers polling every case folder the whole time.

    .venv/bin/python tools/stress_outbox.py [--rounds 30] [--cases 24] [--builds 3] [--seed 1]

Everything happens in a temporary folder (the demo return-home case, copied with invented names).
At the end one more build runs, and the outbox is checked: every case complete with the content of its
last version (else "lost"), no staging folder or temporary file left ("leaks"), every file 0600 and
folder 0700. It prints the figures as JSON; docs/reliability.md quotes a run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMGEN = [sys.executable, "-m", "generator"]  # the formgen of this Python
DOCX = "mhlw-8_帰国確認報告書.docx"

POLLER = textwrap.dedent("""
    import json, os, sys, zipfile
    out, stop = sys.argv[1], sys.argv[2]
    seen, polls, missing, broken, opened = set(), 0, 0, [], 0
    while not os.path.exists(stop):
        try:
            names = [n for n in os.listdir(out) if not n.startswith(".") and "." not in n]
        except FileNotFoundError:
            continue
        for name in names:
            folder = os.path.join(out, name)
            polls += 1
            try:
                os.stat(folder)
            except FileNotFoundError:
                if name in seen:
                    missing += 1
                continue
            seen.add(name)
            try:
                if os.path.exists(os.path.join(folder, "ERRORS.txt")):
                    continue
                with zipfile.ZipFile(os.path.join(folder, "{docx}")) as archive:
                    if archive.testzip() is not None:
                        broken.append(name)
                with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
                    json.load(handle)
                opened += 1
            except FileNotFoundError:
                broken.append(name + ": a file missing from a published folder")
            except Exception as error:
                broken.append(f"{{name}}: {{type(error).__name__}}: {{error}}")
    print(json.dumps({{"polls": polls, "missing": missing, "broken": broken, "opened": opened}}))
""").format(docx=DOCX)

STAT_POLLER = textwrap.dedent("""
    import json, os, sys
    out, stop = sys.argv[1], sys.argv[2]
    seen, polls, missing = set(), 0, 0
    while not os.path.exists(stop):  # as fast as it goes: does a case folder ever vanish for an instant?
        try:
            names = [n for n in os.listdir(out) if not n.startswith(".") and "." not in n]
        except FileNotFoundError:
            continue
        seen.update(names)
        for name in seen:
            polls += 1
            if not os.path.exists(os.path.join(out, name)):
                missing += 1
    print(json.dumps({"polls": polls, "missing": missing}))
""")


def case_text(name: str) -> str:
    return (ROOT / "inbox" / "epa-return-home-dewi.yaml").read_text(encoding="utf-8").replace("DEWI AYU LESTARI", name)


def formgen(*args: str, cwd: Path, log: Path) -> subprocess.Popen:
    handle = open(log, "w", encoding="utf-8")
    environment = {**os.environ, "FORMGEN_FORMAT": "docx", "FORMGEN_FORMS": str(cwd / "forms")}
    return subprocess.Popen([*FORMGEN, "--lang", "en", *args], cwd=cwd, env=environment,
                            stdout=handle, stderr=subprocess.STDOUT)


def leaks(out: Path) -> list[str]:
    found = []
    if (out / ".formgen-staging").exists():
        found += [f".formgen-staging/{p.name}" for p in (out / ".formgen-staging").iterdir()]
    found += [str(p.relative_to(out)) for p in (*out.glob(".*.tmp"), *out.glob("*/.*.tmp"))]
    for path in [out, *out.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode != (0o700 if path.is_dir() else 0o600):
            found.append(f"{path.relative_to(out.parent)} has mode {oct(mode)}")
    return found


def lost(out: Path, versions: dict[str, str]) -> list[str]:
    from docx import Document

    missing = []
    for case_id, name in versions.items():
        try:
            document = Document(str(out / case_id / DOCX))
            text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
            text += "\n".join(p.text for p in document.paragraphs)
            if name not in text or (out / case_id / "ERRORS.txt").exists():
                missing.append(case_id)
        except Exception:  # noqa: BLE001 - a case that cannot be opened is lost
            missing.append(case_id)
    return missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--cases", type=int, default=24)
    parser.add_argument("--builds", type=int, default=3, help="concurrent `formgen build`s per round")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="formgen-stress-"))
    inbox, out, logs = work / "inbox", work / "outbox", work / "logs"
    logs.mkdir()
    shutil.copytree(ROOT / "inbox" / "parties", inbox / "parties")
    shutil.copytree(ROOT / "forms" / "mhlw-8", work / "forms" / "mhlw-8")
    versions = {}
    for number in range(args.cases):
        versions[f"case-{number:03d}"] = f"PERSON {number:03d} V0"
        (inbox / f"case-{number:03d}.yaml").write_text(case_text(versions[f"case-{number:03d}"]), encoding="utf-8")
    out.mkdir(mode=0o700)
    stop = work / "stop"
    poller = subprocess.Popen([sys.executable, "-c", POLLER, str(out), str(stop)], stdout=subprocess.PIPE, text=True)
    stat_poller = subprocess.Popen([sys.executable, "-c", STAT_POLLER, str(out), str(stop)], stdout=subprocess.PIPE,
                                   text=True)
    figures = {"rounds": args.rounds, "build_processes": 0, "killed": 0, "exit_codes": {}, "watch_starts": 0,
               "case_builds": 0, "case_failures": 0, "tracebacks": 0, "peak_staging_folders": 0}
    started = time.monotonic()
    watch = None
    counter = 0
    try:
        for round_number in range(args.rounds):
            for case_id in rng.sample(sorted(versions), k=max(1, args.cases // 4)):  # new versions to publish
                versions[case_id] = f"{versions[case_id].rsplit(' V', 1)[0]} V{round_number + 1}"
                (inbox / f"{case_id}.yaml").write_text(case_text(versions[case_id]), encoding="utf-8")
            builds = []
            for _ in range(args.builds):
                counter += 1
                builds.append((formgen("build", str(inbox), "--out", str(out), cwd=work,
                                       log=logs / f"build-{counter}.log"), counter))
            victim = rng.randrange(len(builds))
            time.sleep(rng.uniform(0.8, 4.0))
            builds[victim][0].send_signal(signal.SIGKILL)
            # the watcher comes and goes while the builds run (it cleans at start and at stop)
            if watch is not None:
                watch.send_signal(signal.SIGTERM)
                watch.wait(timeout=120)
            counter += 1
            watch = formgen("watch", str(inbox), "--out", str(out), "--settle", "0.2", "--rescan", "2",
                            cwd=work, log=logs / f"watch-{counter}.log")
            figures["watch_starts"] += 1
            for index, (process, _) in enumerate(builds):
                code = process.wait(timeout=600)
                figures["build_processes"] += 1
                if index == victim and code == -signal.SIGKILL:
                    figures["killed"] += 1
                else:
                    figures["exit_codes"][str(code)] = figures["exit_codes"].get(str(code), 0) + 1
            staging = out / ".formgen-staging"
            figures["peak_staging_folders"] = max(figures["peak_staging_folders"],
                                                  len(list(staging.iterdir())) if staging.is_dir() else 0)
        if watch is not None:
            watch.send_signal(signal.SIGTERM)
            watch.wait(timeout=120)
        counter += 1
        final = formgen("build", str(inbox), "--out", str(out), cwd=work, log=logs / f"build-{counter}-final.log")
        figures["final_exit_code"] = final.wait(timeout=600)
    finally:
        stop.touch()
        polled = json.loads(poller.communicate(timeout=60)[0])
        stat_polled = json.loads(stat_poller.communicate(timeout=60)[0])
    for log in logs.iterdir():
        text = log.read_text(encoding="utf-8", errors="replace")
        figures["tracebacks"] += text.count("Traceback")
        for line in text.splitlines():
            if " built, " in line and " failed, " in line:
                figures["case_builds"] += int(line.split(" built,")[0].split()[-1])
                figures["case_failures"] += int(line.split(" failed,")[0].split()[-1])
            elif " built " in line and line[:4].isdigit():  # the watcher's log lines
                figures["case_builds"] += 1
    figures.update({"polls": polled["polls"] + stat_polled["polls"],
                    "folder_missing_in_polls": polled["missing"] + stat_polled["missing"],
                    "partial_outputs": len(polled["broken"]), "complete_opens": polled["opened"],
                    "lost_cases": lost(out, versions), "leaks": leaks(out),
                    "seconds": round(time.monotonic() - started)})
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if polled["broken"]:
        print("partial:", polled["broken"][:10], file=sys.stderr)
    ok = not (figures["lost_cases"] or figures["leaks"] or figures["tracebacks"] or polled["broken"]
              or figures["folder_missing_in_polls"] or figures["final_exit_code"] or figures["case_failures"]
              or set(figures["exit_codes"]) - {"0"})
    if ok:
        shutil.rmtree(work)
    else:
        print(f"kept for inspection: {work}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
