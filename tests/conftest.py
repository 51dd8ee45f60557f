from __future__ import annotations

import contextvars
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "fixtures" / "cases"
"""The tests' case files and parties. The live inbox/ is the user's: no test builds from it."""
INBOX = CASES  # the name older tests use for the folder of cases they build
DEMO_INBOX = ROOT / "inbox"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = False
"""The test modules, as pytest rewrites their asserts, are kept compiled in tests/__pycache__ (ignored by git)
even where PYTHONDONTWRITEBYTECODE is set: each of the three workers imports all of them, which took 11 s a
worker when each compiled them again (tools/setup.sh compiles the code itself)."""
pytest_plugins = ["outboxkit"]  # its fixtures (small_disk) reach every test without an import

LONGEST_FIRST = ("test_watch.py", "test_converter.py", "test_properties.py", "test_web_app.py",
                 "test_big_documents.py", "test_sheets_libreoffice.py", "test_filed_packets.py",
                 "test_outbox_processes.py", "test_forms_complete.py", "test_golden.py", "test_form_texts.py")
"""The test files that take longest, longest first: the workers (pytest-xdist, by file) start with them, so
that the run does not end waiting for one long file begun last. The other files follow by name.
pytest-xdist keeps this order only with --no-loadscope-reorder (pyproject.toml); by default it hands out
the files with the most tests first."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the other files, the order stays

_ONE_AT_A_TIME = threading.Lock()  # argv, the working directory and the environment belong to the process


def run_formgen(*args: str, cwd: Path | None = None, check: bool = False, env: dict | None = None,
                in_process: bool = True) -> subprocess.CompletedProcess:
    """Run `formgen ARGS` as a user would and return its exit code, stdout and stderr.

    It runs in this process (generator.cli.main with captured output, the same exception-to-exit-code
    mapping), which saves a Python start-up per call. `in_process=False` runs the installed `formgen`
    command instead: for tests where the process itself is the point (signals, what it leaves behind,
    the entry point). FORMGEN_TEST_SUBPROCESS=1 runs every call as a subprocess.

    `build` writes DOCX only unless the test passes --format (FORMGEN_FORMAT=docx): LibreOffice costs
    1-2 s per build, and tests/test_pdf*.py, test_packet*.py, test_converter*.py test the PDFs.
    """
    environment = {"FORMGEN_FORMAT": os.environ.get("FORMGEN_FORMAT", "docx"), **(env or {})}
    if not in_process or os.environ.get("FORMGEN_TEST_SUBPROCESS") == "1":
        result = _run_subprocess(args, cwd or ROOT, environment)
    else:
        result = _run_in_process(args, cwd or ROOT, environment)
    if check and result.returncode != 0:
        raise AssertionError(f"formgen {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def _run_subprocess(args: tuple[str, ...], cwd: Path, environment: dict) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("formgen")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **environment})


def _run_in_process(args: tuple[str, ...], cwd: Path, environment: dict) -> subprocess.CompletedProcess:
    from click.testing import CliRunner

    from generator.cli import main

    with _ONE_AT_A_TIME, _working_directory(cwd), _argv(["formgen", *args]), _own_settings(), \
            CliRunner().isolation(env=environment) as (stdout, stderr, _):
        try:
            # a copy of the context: --lang and other context variables end with the command
            contextvars.copy_context().run(main)
            code = 0
        except SystemExit as stop:
            code = _exit_status(stop.code, sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        return subprocess.CompletedProcess(["formgen", *args], code, _text(stdout), _text(stderr))


def _exit_status(code: object, stderr) -> int:
    """What the process would have exited with for sys.exit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1


def _text(stream) -> str:
    return stream.getvalue().decode("utf-8", errors="replace")


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@contextmanager
def _own_settings() -> Iterator[None]:
    """The command activates the settings of its run (its options and environment); the tests' own calls
    into formgen keep theirs."""
    from generator import settings

    before = settings.active_config_file(), settings._active  # noqa: SLF001 - None when none were loaded yet
    try:
        yield
    finally:
        settings._active, settings._active_config = before[1], before[0]  # noqa: SLF001 - None stays None


@contextmanager
def _argv(argv: list[str]) -> Iterator[None]:
    before = sys.argv
    sys.argv = argv
    try:
        yield
    finally:
        sys.argv = before


@pytest.fixture
def inbox_copy(tmp_path: Path) -> Path:
    """A private copy of the fixture cases (with their parties) to change freely."""
    target = tmp_path / "inbox"
    shutil.copytree(CASES, target, ignore=shutil.ignore_patterns(".schema"))
    return target


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox"


def build_file(path: Path, root: Path, options, converter=None):
    """Check and build one case file through the front door, as `formgen build FILE` does."""
    from generator import api

    return api.build_one(api.check_source(api.CaseSource(Path(path), Path(root))), options, converter)


@pytest.fixture(scope="session")
def worker_converter():
    """Warm LibreOffice converters kept for the whole test worker (generator.libreoffice.ConverterPool, as
    `formgen watch` keeps them), for the tests whose point is the PDFs: each build of its own would start and
    stop one converter per core, ~2 CPU-s each. tests/test_converter.py and the process tests start their own."""
    from generator import api

    with api.open_converter() as pool:
        yield pool


@contextmanager
def builds_converting_on(pool) -> Iterator[None]:
    """Builds run in this block (`api.build`, an in-process `formgen build`) convert on `pool` instead of
    starting converters of their own; everything else about the build is as a user runs it."""
    from generator import api

    @contextmanager
    def shared(settings=None, wanted: bool = True, kept_warm: bool = False):
        yield pool if wanted else None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "open_converter", shared)
        yield


@pytest.fixture
def warm_converter(worker_converter):
    """This test's builds convert on the worker's warm converters (see `worker_converter`)."""
    with builds_converting_on(worker_converter):
        yield worker_converter
