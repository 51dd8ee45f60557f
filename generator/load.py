"""Pipeline step 1: read a case file (and the parties files it references) into plain data.

Reading the YAML itself is generator.yamlread (YAML 1.2, values as typed, located problems). This
module reads files safely (regular files only, size limit, the encodings people save with), resolves
`{ref: NAME}` parties with one value budget for the whole case, parses each parties file once per
build, and names the case.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeGuard

from generator.exceptions import InvalidInput
from generator.messages import Msg
from generator.outbox import OUTBOX_FILES
from generator.problems import Location, Position, Problem
from generator.yamlread import MAX_DEPTH, MAX_NODES, Budget, parse_yaml, too_deep

__all__ = [
    "CASE_ID_PATTERN", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "PARTIES_DIR", "RESERVED_NAMES", "GivenParty",
    "LoadedCase", "SourceFile", "case_id_for", "is_inside", "is_regular_file", "is_valid_case_id", "load_case",
    "load_data", "parse_yaml", "safe_folder_name",
]

MAX_FILE_BYTES = 1_000_000
MAX_REFERENCES = 2_000
"""`{ref: ...}` expansions in one resolved case (a 1,000-facility job offer needs 2,000): parties files
that refer to each other several times would otherwise multiply without bound."""
PARTIES_DIR = "parties"
REF_KEY = "ref"
RESERVED_NAMES = OUTBOX_FILES  # what the outbox itself holds beside the case folders
"""Files formgen writes at the top of the outbox: no case may take their name."""
CASE_ID_PATTERN = re.compile(
    r"^(?!(?i:index\.html|deadlines\.csv|deadlines\.ics)$)"  # RESERVED_NAMES
    r"[^\W_][\w\-.・ 　()（）]{0,99}(?<![. 　])$")
"""A case id (and a parties name) is one safe path component: letters of any script (サントス_帰国報告),
digits, `-_.・()` and inner spaces; no `/`, no leading `.`/`-`, no trailing dot or space, at most 100
characters, and not a name the outbox itself uses."""


@dataclass
class SourceFile:
    path: Path
    sha256: str


@dataclass(frozen=True)
class GivenParty:
    """A party that comes with the case data instead of from parties/NAME.yaml (e.g. a workbook's row)."""

    data: dict
    positions: Mapping[tuple, Location]  # relative to the party: () is the party itself

    def located(self, at: tuple) -> tuple[dict, dict[tuple, Location]]:
        return self.data, {at + key: where for key, where in self.positions.items()}


@dataclass
class LoadedCase:
    """A case file as plain data, with where each value came from."""

    path: Path
    case_id: str
    data: dict
    positions: Mapping[tuple, Location]
    sources: list[SourceFile]
    notes: list[Problem] = field(default_factory=list)
    """Problems found while reading (duplicate keys, missing references, encoding notes); the
    validation step reports the errors among them together with its own, so that a user sees all."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.notes if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.notes if p.severity != "error"]

    def position_of(self, path: tuple) -> Location | None:
        """The position of the longest prefix of `path` that the file spells out."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return None


def _problem(file: Path, line: int, column: int, ja: str, en: str, hint: Msg | None = None) -> Problem:
    return Problem(Msg(ja, en), Position(file, line, column), hint=hint)


def _refused(title: Msg, path: Path, ja: str, en: str, hint: Msg | None = None) -> InvalidInput:
    return InvalidInput(title, [_problem(path, 1, 1, ja, en, hint)])


def decode_text(raw: bytes, path: Path) -> tuple[str, list[Problem]]:
    """Decode the encodings people really save with; CP932 is accepted with a note."""
    notes: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as utf_error:
        try:
            text = raw.decode("cp932")
        except UnicodeDecodeError:
            raise _refused(Msg("文字コードを判別できません", "unknown text encoding"), path,
                           f"文字コードを読み取れません（{utf_error.start} バイト目）。",
                           f"the file is not readable text (byte {utf_error.start}).",
                           Msg("UTF-8 で保存し直してください。", "save the file again as UTF-8.")) from None
        notes.append(Problem(
            Msg("Shift_JIS (CP932) として読み込みました。", "read as Shift_JIS (CP932)."),
            Position(path, 1, 1),
            hint=Msg("UTF-8 での保存をおすすめします。", "saving as UTF-8 is recommended."),
            severity="warning",
        ))
    if "\x00" in text:
        raise _refused(Msg("バイナリファイルです", "binary file"), path,
                       "テキストファイルではありません（NUL 文字を含みます）。",
                       "this is not a text file (it contains NUL characters).",
                       Msg("YAML のケースファイルを指定してください。", "give a YAML case file."))
    return text.replace("\r\n", "\n"), notes


def is_regular_file(path: Path) -> bool:
    """Whether `path` (links followed) is a regular file: FIFOs, devices and sockets are never read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _too_large(path: Path, size: int) -> InvalidInput:
    return _refused(Msg("ファイルが大きすぎます", "file too large"), path,
                    f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_FILE_BYTES:,} バイト）。",
                    f"the file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,}).",
                    Msg("1件のケースは1ファイルに分けてください。", "keep one case per file."))


def _read_bytes(path: Path) -> bytes:
    """The content of a regular file. Opened without blocking, so that a FIFO or a device
    named *.yaml is reported instead of hanging the build."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise _refused(Msg("ファイルを読めません", "cannot read file"), path,
                       f"ファイルを読めません: {error.strerror}", f"cannot read the file: {error.strerror}") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _refused(Msg("通常のファイルではありません", "not a regular file"), path,
                           "通常のファイルではありません（名前付きパイプ・デバイスなど）。読み込みません。",
                           "this is not a regular file (a named pipe, a device…); it is not read.",
                           Msg("ケースファイルそのものを置いてください。", "put the case file itself here."))
        if status.st_size > MAX_FILE_BYTES:
            raise _too_large(path, status.st_size)
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise _too_large(path, size)
        return b"".join(chunks)
    except OSError as error:
        raise _refused(Msg("ファイルを読めません", "cannot read file"), path,
                       f"ファイルを読めません: {error.strerror}", f"cannot read the file: {error.strerror}") from None
    finally:
        os.close(fd)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symlink followed, stays inside `folder`."""
    resolved, base = path.resolve(), folder.resolve()
    return resolved == base or base in resolved.parents


def find_party(ref: str, search_dirs: list[Path]) -> Path | None:
    for directory in search_dirs:
        candidate = directory / f"{ref}.yaml"
        if candidate.exists() and is_inside(candidate, directory.parent):
            return candidate
    return None


def _outside_root(path: Path, root: Path) -> InvalidInput:
    return _refused(Msg("受信箱の外を指すファイルです", "the file leaves the inbox"), path,
                    f"このファイルは {root} の外（{path.resolve()}）を指しています。",
                    f"this file points outside {root} (to {path.resolve()}).",
                    Msg("シンボリックリンクではなく、ファイルそのものを受信箱に置いてください。",
                        "put the file itself into the inbox, not a symbolic link."))


def parties_search_dirs(case_path: Path, root: Path | None) -> list[Path]:
    """`parties/` beside the case file, then in each folder above it up to the build root."""
    dirs = []
    folder = case_path.resolve().parent
    stop = root.resolve() if root else folder
    while True:
        dirs.append(folder / PARTIES_DIR)
        if folder == stop or folder.parent == folder or stop not in folder.parents:
            break
        folder = folder.parent
    return dirs


@dataclass(frozen=True)
class ParsedFile:
    """A YAML file (a case or a party) as read once: data and positions, its own problems."""

    path: Path
    sha256: str
    data: Any
    positions: Mapping[tuple, Location]
    problems: tuple[Problem, ...]


class ParsedFiles:
    """YAML files parsed once per content. Keyed by path and content digest: the file is read (a few
    kilobytes) at each use, so an edit is always seen, even one that keeps the size and the mtime.
    What is kept is never changed: loading a case copies every value it takes (_RefResolver)."""

    def __init__(self, size: int = 512):
        self.size = size
        self._entries: OrderedDict[tuple[Path, str], ParsedFile] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: Path) -> ParsedFile:
        raw = _read_bytes(path)
        key = (path, hashlib.sha256(raw).hexdigest())
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        text, notes = decode_text(raw, path)
        data, positions, problems = parse_yaml(text, path)
        parsed = ParsedFile(path, key[1], data, positions, tuple(notes + problems))
        with self._lock:
            self._entries[key] = parsed
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return parsed


PARSED = ParsedFiles()


class _RefResolver:
    """Replaces each `{ref: NAME}` mapping by the party NAME (keys beside `ref` override its values).

    Every value of the resolved case counts against one budget, so parties files that refer to each
    other many times cannot expand without bound; positions are carried along as values are copied.
    """

    def __init__(self, search_dirs: list[Path], given: Mapping[str, GivenParty] | None = None):
        self.search_dirs = search_dirs
        self.given = given or {}
        self.positions: dict[tuple, Location] = {}
        self.sources: dict[Path, SourceFile] = {}
        self.problems: list[Problem] = []
        self.budget = Budget()
        self.references_left = MAX_REFERENCES
        self._parties: dict[str, ParsedFile | None] = {}  # each name looked up and read once per case
        self._expanding: Location | None = None  # the `ref:` being expanded: where a given party's errors point

    def resolve(self, value: Any, where: Mapping[tuple, Location], source: tuple, path: tuple, chain: tuple) -> Any:
        """Copy `value` (found at `source` in a file located by `where`) to `path` of the case."""
        position = where.get(source)
        if position is not None:
            self.positions[path] = position
        self.budget.spend(position or self._expanding)
        if len(path) > MAX_DEPTH * 2:
            raise too_deep(position or self._expanding)
        if isinstance(value, list):
            return [self.resolve(v, where, source + (i,), path + (i,), chain) for i, v in enumerate(value)]
        if not isinstance(value, dict):
            return value
        if REF_KEY in value:
            return self._expand(value, where, source, path, chain)
        return {k: self.resolve(v, where, source + (k,), path + (k,), chain) for k, v in value.items()}

    def _refuse(self, where: Mapping[tuple, Location], source: tuple, path: tuple, message: Msg, hint: Msg) -> None:
        self.problems.append(Problem(message, where.get(source + (REF_KEY,)), path=path + (REF_KEY,), hint=hint))

    def _expand(self, value: dict, where: Mapping[tuple, Location], source: tuple, path: tuple, chain: tuple) -> Any:
        ref = value[REF_KEY]
        if ref_position := where.get(source + (REF_KEY,)):
            self.positions[path + (REF_KEY,)] = ref_position
        if not isinstance(ref, str) or not CASE_ID_PATTERN.match(ref):
            self._refuse(where, source, path,
                         Msg(f"参照名「{ref}」は使えません。", f"'{ref}' is not a valid reference name."),
                         Msg("parties フォルダ内のファイル名（拡張子 .yaml を除く）を書いてください。",
                             "write the name of a file in the parties folder, without .yaml."))
            return None
        if ref in chain:
            self._refuse(where, source, path, Msg(f"参照「{ref}」が循環しています。", f"reference '{ref}' is circular."),
                         Msg("parties ファイル同士が互いを参照しないようにしてください。",
                             "make sure parties files do not reference each other in a loop."))
            return None
        self.references_left -= 1
        if self.references_left < 0:
            raise _too_many_references(where.get(source + (REF_KEY,)) or self._expanding)
        party = self._party(ref, where, source, path)
        if party is None:
            return None
        data, party_where = party
        outer, self._expanding = self._expanding, where.get(source + (REF_KEY,)) or self._expanding
        try:
            resolved = self.resolve(data, party_where, (), path, chain + (ref,))
        finally:
            self._expanding = outer
        if not isinstance(resolved, dict):
            return None
        overrides = {k: v for k, v in value.items() if k != REF_KEY}
        resolved.update(self.resolve(overrides, where, source, path, chain))
        if (own := where.get(source)) is not None:
            self.positions[path] = own  # the case's own key locates the party as a whole
        return resolved

    def _party(self, ref: str, where: Mapping[tuple, Location], source: tuple, path: tuple
               ) -> tuple[dict, Mapping[tuple, Location]] | None:
        if ref in self.given:
            given = self.given[ref]
            return given.data, given.positions
        if ref not in self._parties:
            self._parties[ref] = self._read_party(ref, path)
        parsed = self._parties[ref]
        if parsed is None:
            folders = ", ".join(str(d) for d in self.search_dirs)
            self._refuse(where, source, path,
                         Msg(f"参照先「{ref}」が見つかりません（{ref}.yaml がありません: {folders}）。",
                             f"reference '{ref}' not found (no {ref}.yaml in: {folders})."),
                         Msg("参照名の綴りを確認するか、parties フォルダにファイルを作ってください。",
                             "check the spelling, or create the file in the parties folder."))
            return None
        if not isinstance(parsed.data, dict):
            self.problems.append(Problem(
                Msg("parties ファイルの中身は「キー: 値」の形で書いてください。",
                    "a parties file must be a mapping of keys to values."),
                Position(parsed.path, 1, 1), path=path))
            return None
        return parsed.data, parsed.positions

    def _read_party(self, ref: str, path: tuple) -> ParsedFile | None:
        party_path = find_party(ref, self.search_dirs)
        if party_path is None:
            return None
        parsed = PARSED.get(party_path)
        self.sources[party_path] = SourceFile(party_path, parsed.sha256)
        self.problems.extend(replace(p, path=path + p.path) if p.path else p for p in parsed.problems)
        return parsed


def _too_many_references(position: Location | None) -> InvalidInput:
    return InvalidInput(
        Msg("参照が多すぎます", "too many references"),
        [Problem(Msg(f"参照（ref:）の展開が多すぎます（1件のケースで {MAX_REFERENCES:,} 回まで）。",
                     f"too many references (ref:) to expand (at most {MAX_REFERENCES:,} in one case)."),
                 position,
                 hint=Msg("parties ファイル同士が何度も参照し合っていないか確かめてください。",
                          "check that parties files do not refer to each other over and over."))],
    )


def is_valid_case_id(case_id: object) -> TypeGuard[str]:
    return isinstance(case_id, str) and bool(CASE_ID_PATTERN.match(case_id))


def safe_folder_name(case_id: str | None, path: Path) -> str:
    """The outbox folder of a case: its case id, else its file name, else (a file named `index.html.yaml`,
    say) a name made from a digest of the file name, so that no case can take a name the outbox uses."""
    for candidate in (case_id, path.stem):
        if is_valid_case_id(candidate):
            return candidate
    return "case-" + hashlib.sha256(path.name.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def case_id_for(path: Path, data: dict) -> str:
    """The case id: `case_id:` in the file, or else the file name without .yaml."""
    explicit = data.get("case_id") if isinstance(data, dict) else None
    return explicit if isinstance(explicit, str) else path.stem


def _case_id_problem(case_id: str, path: Path, positions: Mapping[tuple, Location]) -> Problem:
    reserved = case_id.lower() in RESERVED_NAMES
    why = Msg("出力フォルダの一覧などに使う名前です。", "the outbox uses this name itself.") if reserved else Msg(
        "文字・数字・「-_.・()」と途中の空白だけで、100文字以内にしてください（/ や先頭の . は不可）。",
        "use letters, digits, '-_.・()' and inner spaces only, at most 100 characters (no /, no leading .).")
    if ("case_id",) in positions:
        return Problem(Msg(f"ケースID「{case_id}」は使えません。", f"case id '{case_id}' is not allowed."),
                       positions[("case_id",)], path=("case_id",), hint=why)
    return Problem(
        Msg(f"ファイル名から作ったケースID「{case_id}」は使えません。", f"the case id '{case_id}' made from the file name is not allowed."),
        Position(path, 1, 1),
        hint=Msg("ファイル名を変えるか、case_id: を書いてください。" + why.ja,
                 "rename the file or add case_id:. " + why.en))


def load_case(path: Path, root: Path | None = None) -> LoadedCase:
    """Read a case file and every parties file it references; raise InvalidInput with all problems."""
    path = Path(path)
    if root is not None and not is_inside(path, root):
        raise _outside_root(path, root)
    parsed = PARSED.get(path)
    data = parsed.data
    if not isinstance(data, dict):
        raise _refused(Msg("ケースファイルの形式が違います", "not a case file"), path,
                       "ケースファイルは「キー: 値」の形で、先頭に kind: を書いてください。",
                       "a case file is a mapping of keys to values, starting with kind:.",
                       Msg("`formgen new 種類` でひな形を作れます。", "`formgen new KIND` prints a skeleton."))
    return load_data(data, parsed.positions, path, root, sha256=parsed.sha256, notes=list(parsed.problems))


def load_data(data: dict, positions: Mapping[tuple, Location], path: Path, root: Path | None, *, sha256: str = "",
              notes: list[Problem] | None = None, parties: Mapping[str, GivenParty] | None = None) -> LoadedCase:
    """Resolve the `{ref: NAME}` parties of case data and name the case.

    `path` is where the case file is (or would be written): parties are looked up from its folder.
    Data that comes from elsewhere than a YAML file (a workbook row, a web form) goes through here
    with its own positions; `parties` are parties given with it (e.g. on a workbook's parties sheet),
    found before the parties files.
    """
    problems = list(notes or [])
    resolver = _RefResolver(parties_search_dirs(path, root), parties)
    resolved = resolver.resolve(data, positions, (), (), ())
    for key, where in positions.items():  # places of what is not there (a blank cell) still locate its errors
        resolver.positions.setdefault(key, where)
    problems.extend(resolver.problems)
    case_id = case_id_for(path, resolved)
    if not is_valid_case_id(case_id):
        problems.append(_case_id_problem(case_id, path, resolver.positions))
    sources = [SourceFile(path, sha256), *resolver.sources.values()]
    return LoadedCase(path, case_id, resolved, resolver.positions, sources, problems)
