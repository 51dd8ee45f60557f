"""Exit codes and the exceptions that carry them (one place maps them: generator.cli).

| code | meaning |
|------|---------|
| 0 | success |
| 1 | invalid input: a case file (or a file it names) has errors; nothing was written for it |
| 2 | usage error: wrong command-line arguments |
| 3 | an external program (LibreOffice) failed or timed out |
| 4 | output could not be written (permissions, disk full) |
| 5 | the forms catalogue or a template is broken (a developer or template author must fix it) |
| 6 | a setting is wrong (command line, FORMGEN_* environment variable or config file; docs/settings.md) |
| 130 | interrupted (Ctrl-C) |
| 70 | internal error (a bug in formgen: please report it with the traceback from --debug) |
"""

from __future__ import annotations

from enum import IntEnum

from generator.messages import Msg


class ExitCode(IntEnum):
    ok = 0
    invalid_input = 1
    usage = 2
    external_program = 3
    output_failed = 4
    broken_template = 5
    config = 6
    internal = 70
    interrupted = 130


class FormgenError(Exception):
    """Base class: an error with a message telling the user what to do."""

    exit_code = ExitCode.internal

    def __init__(self, message: Msg):
        super().__init__(message.ja)
        self.message = message

    def render(self, lang: str | None = None) -> str:
        return self.message.render(lang)


class InvalidInput(FormgenError):
    """A case file cannot be built; `problems` lists every located problem at once."""

    exit_code = ExitCode.invalid_input

    def __init__(self, message: Msg, problems: list | None = None):
        super().__init__(message)
        self.problems = list(problems or [])

    def render(self, lang: str | None = None) -> str:
        if not self.problems:
            return self.message.render(lang)
        return "\n".join(p.render(lang) for p in self.problems)


class ExternalProgramError(FormgenError):
    exit_code = ExitCode.external_program


class OutputError(FormgenError):
    exit_code = ExitCode.output_failed


class BrokenTemplate(FormgenError):
    exit_code = ExitCode.broken_template


class ConfigError(FormgenError):
    """A setting has a wrong value; the message names the setting, where it came from and the fix."""

    exit_code = ExitCode.config
