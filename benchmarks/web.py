"""The web app's speed with a big inbox: `formgen serve` over N generated case files, driven over HTTP.

    .venv/bin/python benchmarks/web.py [--cases 500] [--requests 60]

1. Generates N case files (copies of the example cases in inbox/, cycled, each with its own file name).
2. Starts `formgen serve` (DOCX only: LibreOffice is not part of what is measured) on a free port.
3. Times the dashboard (every deadline of every case, computed for today), case pages of varied cases,
   and save-and-validate of one case (its edit form posted back with one changed date; the build that the
   save starts runs in the background and is waited for between saves, so it is excluded).
4. Reads the server's resident memory (VmHWM, its peak) from /proc.
A benchmark, not a test: it prints numbers and the targets next to them; nothing fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from webtools import Client, FormFields, Server  # noqa: E402

TARGETS = {"dashboard": 0.200, "case page": 0.150, "save and validate": 0.200}
MEMORY_TARGET_MB = 300


def generate(inbox: Path, count: int) -> list[str]:
    shutil.copytree(ROOT / "inbox" / "parties", inbox / "parties")
    examples = sorted(p for p in (ROOT / "inbox").glob("*.yaml"))
    keys = []
    for n in range(count):
        source = examples[n % len(examples)]
        key = f"{source.stem}-{n:04d}"
        shutil.copy(source, inbox / f"{key}.yaml")
        keys.append(key)
    return keys


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)


def memory_mb(pid: int, field: str = "VmHWM") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_idle(client: Client, key: str) -> None:
    for _ in range(600):
        page = client.get(f"/cases/{key}/status")[2]
        if "作成中" not in page and "順番を待って" not in page:
            return
        time.sleep(0.05)


def measure(server: Server, keys: list[str], args, started: float) -> tuple[dict[str, list[float]], float]:
    """Times the pages and saves against a running server; its peak memory at the end."""
    client = Client(server.url, timeout=300)
    first = timed(lambda: client.get("/"), 1)[0]
    print(f"server up and first dashboard (reads and checks {args.cases} cases): "
          f"{time.perf_counter() - started:.1f} s (the dashboard request itself {first:.2f} s)")

    def page(path: str, expected: str):
        status, _headers, body = client.get(path)
        assert status == 200 and expected in body, (path, status, body[:300])

    results = {"dashboard": timed(lambda: page("/", "期限超過"), args.requests)}
    pages = iter(keys * 2)
    results["case page"] = timed(lambda: page(f"/cases/{next(pages)}", "ケースの内容"), args.requests)
    target = next(k for k in keys if k.startswith("epa-return-home-dewi"))
    dates = iter(f"2026-11-{10 + (i % 2)}" for i in range(max(20, args.requests // 3)))

    def save() -> None:
        fields = FormFields()
        fields.feed(client.get(f"/cases/{target}/edit")[2])
        data = [(n, next(dates) if n == "return_date" else v) for n, v in fields.fields]
        wait_idle(client, target)
        begun = time.perf_counter()
        status = client.post(f"/cases/{target}/edit", data=data)[0]
        save_times.append(time.perf_counter() - begun)
        assert status == 303, status

    save_times: list[float] = []
    for _ in range(max(20, args.requests // 3)):
        save()
    results["save and validate"] = save_times
    peak = memory_mb(server.process.pid)
    return results, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    scratch = Path(tempfile.mkdtemp(prefix="formgen-web-bench-"))
    try:
        keys = generate(scratch / "inbox", args.cases)
        (scratch / "config").mkdir()
        started = time.perf_counter()
        server = Server(scratch / "inbox", scratch / "outbox", scratch / "config", "--format", "docx",
                        "--today", "2026-11-01")
        try:
            results, peak = measure(server, keys, args, started)
        finally:
            server.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"\nmachine: {os.cpu_count()} cores, Python {platform.python_version()}; {args.cases} case files; "
          f"load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}")
    print(f"{'measure':<20} {'median':>8} {'p95':>8} {'target p95':>11}")
    for name, times in results.items():
        print(f"{name:<20} {statistics.median(times) * 1000:>6.0f} ms {p95(times) * 1000:>6.0f} ms "
              f"{TARGETS[name] * 1000:>8.0f} ms")
    print(f"{'server memory (peak)':<20} {peak:>6.0f} MB {'':>8} {MEMORY_TARGET_MB:>8} MB")


if __name__ == "__main__":
    main()
