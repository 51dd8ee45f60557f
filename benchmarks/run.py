"""`make bench`: formgen's DOCX → PDF → packet speed against raw LibreOffice, every figure from one run.

    .venv/bin/python benchmarks/run.py [--cases 200] [--scaling 50,800] [--converter-scaling 1]
                                       [--big 150,500] [--write FILE]

1. Generates N case files in a scratch folder: copies of the example cases in inbox/ that build today,
   cycled, with varied file names (case ids) and, for the return-home case, varied person names.
2. Builds them DOCX-only in this process (the Python side: render, checks, deadlines).
3. Builds them DOCX + PDF + packet through the `formgen build` command, as a user runs it, sampling the
   resident memory of its whole process tree (formgen, converter servers, soffice, soffice.bin) and
   formgen's own CPU time; then the same command again with nothing changed (every case skipped), once
   more after one case file was edited (that case alone rebuilt), and once after one parties file was
   edited (the cases that name it rebuilt).
4. Converts every DOCX formgen made into a PDF (the forms, which formgen converts, and the deadline
   checklists, which it draws) with one soffice in one call: the raw LibreOffice batch for the same PDFs,
   measured in the same run, that the ratios are taken against.
5. One 6-document case on warm converters; `formgen watch` from a dropped one-form case to its packet;
   job offers with many facilities; the batch with one local converter and one stock unoserver on
   127.0.0.1 (a remote-style endpoint); the batch on fewer local converters, and at other sizes.
A benchmark, not a test: it prints numbers and the targets next to them; nothing fails. The machine is
shared: the load average before and after says how noisy the run was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cases import big_job_offer, buildable_examples, generate_cases  # noqa: E402
from generator import api  # noqa: E402
from generator.api import BuildOptions  # noqa: E402
from generator.libreoffice import ConverterPool, ConverterSettings, Endpoint, _free_ports, ping, soffice_executable  # noqa: E402,E501
from generator.settings import Format  # noqa: E402

LOAD_BEFORE = os.getloadavg()
BASELINE_CALL = 200
FORMGEN = str(Path(sys.executable).with_name("formgen"))
WATCH_CASE = "epa-death-nam.yaml"  # one form (様式5-1) and its deadline checklist


# ── measuring ───────────────────────────────────────────────────────────────────────────────────────

def _proc_kib(pid: int, file: str, key: str) -> int:
    """A `key: N kB` line of /proc/PID/FILE; 0 for a process that has gone."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_kib(pid: int) -> int:
    return _proc_kib(pid, "status", "VmRSS:")


def pss_kib(pid: int) -> int:
    """The process's proportional share of memory: its own pages, and each page it shares with other
    processes (LibreOffice's libraries, mapped by every soffice.bin) divided among them."""
    return _proc_kib(pid, "smaps_rollup", "Pss:")


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def process_tree(root: int) -> list[int]:
    """root and all its descendants (formgen, its converter servers, soffice, soffice.bin), from each
    thread's list of children: walking every process of /proc 20 times a second took ~8 % of a core."""
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for thread in threads:
            try:
                todo.extend(int(child) for child in Path(f"/proc/{pid}/task/{thread}/children").read_text().split())
            except OSError:
                pass
    return tree


class MemorySampler:
    """Peak memory of a process tree, all processes together (the sum of their RSS, which counts a shared
    page once per process, and the sum of their PSS, which counts it once), and the root's CPU time."""

    def __init__(self, root: int):
        self.root, self.peak_kib, self.root_peak_kib, self.root_cpu = root, 0, 0, 0.0
        self.peak_pss_kib = 0
        self.office_cpu: dict[int, float] = {}  # soffice.bin pid → its CPU seconds when last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        samples = 0
        while not self._stop.is_set():
            tree = process_tree(self.root)
            self.peak_kib = max(self.peak_kib, sum(rss_kib(pid) for pid in tree))
            if samples % 4 == 0:  # smaps_rollup walks the page tables: every 0.2 s is enough
                self.peak_pss_kib = max(self.peak_pss_kib, sum(pss_kib(pid) for pid in tree))
            samples += 1
            for pid in tree:
                if process_name(pid) == "soffice.bin":
                    self.office_cpu[pid] = max(self.office_cpu.get(pid, 0.0), cpu_seconds(pid))
            self.root_peak_kib = max(self.root_peak_kib, rss_kib(self.root))
            self.root_cpu = max(self.root_cpu, cpu_seconds(self.root))
            self._stop.wait(0.05)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Batch:
    seconds: float
    built: int
    failed: int
    pdfs: int
    peak_mib: float
    peak_pss_mib: float
    formgen_mib: float
    formgen_cpu: float
    office_cpu: float
    summary: str


def command_build(inbox: Path, out: Path, environment: dict[str, str], *extra: str) -> Batch:
    """The batch as a user runs it: `formgen build`, with memory and CPU of its process tree."""
    started = time.perf_counter()
    batch = subprocess.Popen([FORMGEN, "build", str(inbox), "--out", str(out), "--format", "both", *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env={**os.environ, **environment})
    with MemorySampler(batch.pid) as memory:
        summary = batch.communicate()[0]
    seconds = time.perf_counter() - started
    # a case is built when its outputs were published without errors; a record with nothing to file (a
    # trainee's own checklist) has no packet.pdf
    built = len([m for m in out.glob("*/manifest.json") if not (m.parent / "ERRORS.txt").exists()])
    pdfs = len([p for p in out.glob("*/*.pdf") if p.name != "packet.pdf"])
    lines = summary.strip().splitlines()
    return Batch(seconds, built, len(api.find_cases([inbox]).sources) - built, pdfs, memory.peak_kib / 1024,
                 memory.peak_pss_kib / 1024, memory.root_peak_kib / 1024, memory.root_cpu, sum(memory.office_cpu.values()),
                 lines[-1] if lines else "")


def rebuild(inbox: Path, out: Path, environment: dict[str, str]) -> tuple[float, str]:
    """`formgen build` again over a built outbox, from its start to its exit, and its summary line."""
    started = time.perf_counter()
    done = subprocess.run([FORMGEN, "--lang", "en", "build", str(inbox), "--out", str(out), "--format", "both"],
                          capture_output=True, text=True, env={**os.environ, **environment})
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    return seconds, lines[-1] if lines else f"exit {done.returncode}"


def edit_one_case(inbox: Path) -> Path:
    case = sorted(inbox.glob("*.yaml"))[0]
    append_comment(case)
    return case


def edit_one_parties_file(inbox: Path) -> tuple[Path, int]:
    """Edits the parties file the fewest cases name (at least one), and says how many name it: the cases
    a rebuild must build again (no parties file names another)."""
    cases = [p.read_text(encoding="utf-8") for p in inbox.rglob("*.yaml") if "parties" not in p.parts]
    users = {party: sum(bool(re.search(rf"\bref:\s*{re.escape(party.stem)}(?![\w-])", text)) for text in cases)
             for party in sorted((inbox / "parties").glob("*.yaml"))}
    party, count = min(((p, n) for p, n in users.items() if n), key=lambda item: item[1])
    append_comment(party)
    return party, count


def append_comment(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# 追記（ベンチマーク）\n", encoding="utf-8")


def timed_build(inbox: Path, out: Path, formats: Format, pool: ConverterPool | None = None):
    options = BuildOptions(out_dir=out, formats=formats)
    started, cpu = time.perf_counter(), time.process_time()
    results = api.build([inbox], options, pool).results
    return time.perf_counter() - started, time.process_time() - cpu, results


def baseline(docx_files: list[Path], scratch: Path) -> tuple[float, float]:
    """One soffice, fresh profile, converting every file in one call (what a shell script would do);
    in calls of 200 files, as LibreOffice stops after the 247th file named on one command line."""
    out, flat = scratch / "baseline", scratch / "baseline-docx"
    out.mkdir()
    flat.mkdir()
    copies = []
    for number, docx in enumerate(docx_files):  # the same names recur across cases: one folder, unique names
        copies.append(flat / f"{number:04d}-{docx.name}")
        shutil.copy(docx, copies[-1])
    profile = scratch / "baseline-profile"
    started, cpu = time.perf_counter(), children_cpu()
    for first in range(0, len(copies), BASELINE_CALL):
        subprocess.run([soffice_executable(), "--headless", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, copies[first:first + BASELINE_CALL])],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    took, cpu = time.perf_counter() - started, children_cpu() - cpu
    made = len(list(out.glob("*.pdf")))
    if made != len(docx_files):
        print(f"warning: the baseline made {made} PDFs of {len(docx_files)}", file=sys.stderr)
    return took, cpu


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def watch_latency(scratch: Path) -> tuple[float, float]:
    """`formgen watch` with warm converters: seconds from a one-form case file dropped into the inbox
    to its packet.pdf in the outbox (and the settle time included in it)."""
    inbox, out = scratch / "watch-inbox", scratch / "watch-out"
    shutil.copytree(ROOT / "inbox" / "parties", inbox / "parties")
    source = (ROOT / "inbox" / WATCH_CASE).read_text(encoding="utf-8")
    (inbox / "first.yaml").write_text(source, encoding="utf-8")
    settle = 1.0  # the default of `formgen watch --settle`
    watcher = subprocess.Popen([FORMGEN, "watch", str(inbox), "--out", str(out), "--format", "both",
                                "--settle", str(settle)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_file(out / "first" / "packet.pdf", 120)  # converters are warm from here on
        time.sleep(1.0)
        dropped = inbox / "dropped.yaml"
        temporary = inbox / ".dropped.yaml.part"
        temporary.write_text(source, encoding="utf-8")
        started = time.perf_counter()
        os.replace(temporary, dropped)  # what a save or a copy into the folder looks like, at once
        wait_for_file(out / "dropped" / "packet.pdf", 60)
        return time.perf_counter() - started, settle
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=60)


def wait_for_file(path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.01)


def stock_unoserver(scratch: Path) -> tuple[subprocess.Popen, Endpoint]:
    port, uno_port = _free_ports(2)
    server = subprocess.Popen([str(Path(sys.executable).with_name("unoserver")), "--interface", "127.0.0.1",
                               "--uno-interface", "127.0.0.1", "--port", str(port), "--uno-port", str(uno_port),
                               "--user-installation", str(scratch / "remote-profile")],
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = Endpoint("127.0.0.1", port)
    deadline = time.monotonic() + 60
    while not ping(endpoint, 1) and time.monotonic() < deadline:
        time.sleep(0.2)
    return server, endpoint


def mixed_batch(inbox: Path, scratch: Path) -> tuple[float, int]:
    """The batch on one local converter and one stock unoserver (remote-style, on 127.0.0.1), in process."""
    server, endpoint = stock_unoserver(scratch)
    try:
        settings = ConverterSettings(count=1, endpoints=[endpoint], local_count=1)
        pool = ConverterPool(settings).start(wait=True)
        try:
            seconds, _cpu, results = timed_build(inbox, scratch / "mixed", "both", pool)
            by_remote = pool.servers[1].conversions
        finally:
            pool.close()
        return seconds, by_remote
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    office = subprocess.run([soffice_executable(), "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} × {cpu}, {memory / 1024 / 1024:.1f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, {office}")


def mark(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


# ── the run ─────────────────────────────────────────────────────────────────────────────────────────

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--converters", type=int, default=os.cpu_count() or 1, help="local converters")
    parser.add_argument("--scaling", default="50,800", help="other batch sizes for the growth table ('' for none)")
    parser.add_argument("--converter-scaling", default="1",
                        help="the batch again on these numbers of local converters ('' for none)")
    parser.add_argument("--big", default="150,500", help="facilities of the big job offers ('' for none)")
    parser.add_argument("--write", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    environment = {"FORMGEN_CONVERTER_COUNT": str(args.converters)}

    scratch = Path(tempfile.mkdtemp(prefix="formgen-bench-"))
    rows: list[tuple[str, str, str]] = []
    try:
        examples = buildable_examples(scratch)
        inbox = scratch / "inbox"
        generate_cases(examples, args.cases, inbox)

        docx_seconds, docx_cpu, _ = timed_build(inbox, scratch / "docx", "docx")
        batch = command_build(inbox, scratch / "both", environment)
        unchanged_seconds, unchanged_summary = rebuild(inbox, scratch / "both", environment)
        edited = edit_one_case(inbox)
        edited_seconds, edited_summary = rebuild(inbox, scratch / "both", environment)
        party, party_users = edit_one_parties_file(inbox)
        party_seconds, party_summary = rebuild(inbox, scratch / "both", environment)
        converted = sorted(p.with_suffix(".docx") for p in (scratch / "both").glob("*/*.pdf") if p.name != "packet.pdf")
        documents = [p for p in converted if not p.name.startswith("deadlines")]
        sources = sorted((scratch / "docx").glob("*/*.docx"))  # the same documents, from the DOCX-only build
        baseline_seconds, baseline_cpu = baseline(sources, scratch)
        raw_per_doc = baseline_seconds / len(sources)
        raw_cpu_per_doc = baseline_cpu / len(sources)
        office_cpu_per_conversion = batch.office_cpu / max(len(documents), 1)
        pdf_per_document = (batch.seconds - docx_seconds) / max(batch.pdfs, 1)
        python_per_doc = batch.formgen_cpu / len(sources)

        largest, largest_docs = max(examples, key=lambda e: (e[1] == 6, e[1]))
        single = scratch / "single"
        shutil.copytree(ROOT / "inbox" / "parties", single / "parties")
        shutil.copy(largest, single / largest.name)
        pool = ConverterPool(ConverterSettings(count=args.converters)).start(wait=True)
        try:
            timed_build(single, scratch / "single-warmup", "both", pool)
            warm_seconds, _cpu, single_results = timed_build(single, scratch / "single-out", "both", pool)
        finally:
            pool.close()
        watch_seconds, settle = watch_latency(scratch)

        rows += [
            ("cases built / failed", f"{batch.built} / {batch.failed}", batch.summary),
            ("PDFs made (forms + deadline checklists)", f"{len(sources)}",
             f"{len(documents)} forms converted by LibreOffice, {len(sources) - len(documents)} deadline checklists "
             f"drawn; formgen made {batch.pdfs} PDFs"),
            ("raw LibreOffice batch (one soffice, one call), per document", f"{raw_per_doc:.3f} s",
             f"{baseline_seconds:.1f} s for the same {len(sources)} documents"),
            ("PDF cost per document ((batch − DOCX-only) / PDFs made)", f"{pdf_per_document:.3f} s",
             f"{pdf_per_document / raw_per_doc:.2f} × raw (target ≤ 0.6) "
             f"{mark(pdf_per_document / raw_per_doc, 0.6)}"),
            ("LibreOffice CPU per conversion (soffice.bin, batch) vs raw batch CPU per document",
             f"{office_cpu_per_conversion:.3f} s",
             f"{office_cpu_per_conversion / raw_cpu_per_doc:.2f} × raw ({raw_cpu_per_doc:.3f} CPU-s per document; "
             "CPU time, which the machine's other work disturbs far less than wall time)"),
            ("Python side per document (formgen's own CPU in the batch / documents)", f"{python_per_doc:.3f} s",
             f"target ≤ 0.06 {mark(python_per_doc, 0.06)}; DOCX-only batch {docx_seconds:.1f} s wall, "
             f"{docx_cpu / len(sources):.3f} s CPU per document"),
            (f"`formgen build` {args.cases} cases DOCX + PDF + packet", f"{batch.seconds:.1f} s",
             f"target ≤ 60 s {mark(batch.seconds, 60)}; {batch.seconds / baseline_seconds:.2f} × raw batch "
             f"(target ≤ 0.45) {mark(batch.seconds / baseline_seconds, 0.45)}"),
            (f"no-op rebuild of the {args.cases} cases (`formgen build` again, start to exit)",
             f"{unchanged_seconds:.2f} s", f"target ≤ 3 s {mark(unchanged_seconds, 3)}; {unchanged_summary}"),
            (f"rebuild after editing one case ({edited.stem})", f"{edited_seconds:.2f} s",
             f"only it rebuilt: {'ok' if edited_summary.startswith('1 built, 0 failed') else 'MISSED'}; "
             f"{edited_summary}"),
            (f"rebuild after editing parties/{party.name} ({party_users} cases name it)", f"{party_seconds:.2f} s",
             f"only they rebuilt: {'ok' if party_summary.startswith(f'{party_users} built, 0 failed') else 'MISSED'}; "
             f"{party_summary}"),
            ("peak memory, formgen + all LibreOffice processes (sum of PSS)", f"{batch.peak_pss_mib:.0f} MiB",
             f"target ≤ 700 MB {mark(batch.peak_pss_mib * 1.048576, 700)}; sum of RSS {batch.peak_mib:.0f} MiB "
             f"(counts the libraries the soffice processes share once for each); formgen's own RSS "
             f"{batch.formgen_mib:.0f} MiB"),
            (f"one {largest_docs}-document case ({largest.stem}), warm converters", f"{warm_seconds:.2f} s",
             f"target ≤ 1.0 s {mark(warm_seconds, 1.0)}" if single_results[0].ok else "FAILED"),
            ("`formgen watch`: one-form case dropped → packet.pdf, warm", f"{watch_seconds:.2f} s",
             f"target ≤ 1.5 s {mark(watch_seconds, 1.5)} (includes the {settle:g} s settle time)"),
        ]
        for facilities in [int(n) for n in args.big.split(",") if n.strip()]:
            folder = scratch / f"big-{facilities}"
            big_job_offer(facilities, folder)
            big = command_build(folder, scratch / f"big-{facilities}-out", environment)
            target = "target ≤ 30 s " + mark(big.seconds, 30) if facilities <= 150 else "target: builds"
            rows.append((f"job offer with {facilities} facilities, `formgen build` DOCX + PDF + packet",
                         f"{big.seconds:.1f} s", f"{target}; {'built' if big.built else 'FAILED'}, "
                                                 f"peak PSS {big.peak_pss_mib:.0f} MiB, RSS {big.peak_mib:.0f} MiB"))
        mixed_seconds, by_remote = mixed_batch(inbox, scratch)
        rows.append((f"{args.cases} cases on 1 local + 1 stock unoserver (127.0.0.1), in process", f"{mixed_seconds:.1f} s",
                     f"{by_remote} of {len(documents)} conversions on the remote; "
                     f"{mixed_seconds / baseline_seconds:.2f} × raw batch"))
        for converters in [int(n) for n in args.converter_scaling.split(",") if n.strip()]:
            fewer = command_build(inbox, scratch / f"both-on-{converters}", {"FORMGEN_CONVERTER_COUNT": str(converters)})
            rows.append((f"{args.cases} cases on {converters} local converter{'s' if converters > 1 else ''}",
                         f"{fewer.seconds:.1f} s", f"{fewer.seconds / batch.seconds:.2f} × the batch on "
                                                   f"{args.converters}; {fewer.seconds / baseline_seconds:.2f} × raw batch"))
        growth = [(args.cases, batch.seconds, len(sources))]
        for count in [int(n) for n in args.scaling.split(",") if n.strip()]:
            other = scratch / f"inbox-{count}"
            generate_cases(examples, count, other)
            result = command_build(other, scratch / f"both-{count}", environment)
            growth.append((count, result.seconds, result.pdfs))
        for count, seconds, pdfs in sorted(growth):
            rows.append((f"growth: {count} cases ({pdfs} PDFs), {args.converters} local converters",
                         f"{seconds:.1f} s", f"{seconds / count:.3f} s per case"))
        report = render(rows, args.converters, args.cases, examples)
        print(report)
        if args.write:
            args.write.parent.mkdir(parents=True, exist_ok=True)
            args.write.write_text(report, encoding="utf-8")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def render(rows, converters: int, cases: int, examples) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [f"formgen benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
             f"machine: {machine()}",
             "load average before / after (1, 5, 15 min; other work on the machine slows every number): "
             f"{LOAD_BEFORE[0]:.2f} {LOAD_BEFORE[1]:.2f} {LOAD_BEFORE[2]:.2f} / "
             + " ".join(f"{x:.2f}" for x in os.getloadavg()),
             f"converters: {converters} local; cases: {cases}, cycling {len(examples)} example cases: "
             + ", ".join(f"{p.stem} ({n})" for p, n in examples), ""]
    lines += [f"{label.ljust(width)}  {value:>10}  {note}" for label, value, note in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
