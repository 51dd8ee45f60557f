"""The suite's own arrangement: the files it starts first exist (a renamed file would silently drop out)."""

from __future__ import annotations

from conftest import LONGEST_FIRST, ROOT


def test_the_files_run_first_exist():
    assert [name for name in LONGEST_FIRST if not (ROOT / "tests" / name).is_file()] == []


def test_pytest_xdist_is_told_to_keep_that_order():
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--dist loadfile" in options["addopts"] and "--no-loadscope-reorder" in options["addopts"]
