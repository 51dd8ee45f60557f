"""Pipeline step 1: read a case file (and the parties files it references) into plain data.

Keeps the file:line:column of every key and value so that later steps can locate their problems,
refuses what YAML would otherwise let pass silently (duplicate keys, non-text keys), and guards
against hostile input (size limit, alias expansion budget, binary junk).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.exceptions import InvalidInput
from generator.messages import Msg
from generator.problems import Location, Position, Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000  # values after alias expansion; a "billion laughs" file stops here
MAX_DEPTH = 40  # nesting levels; real case files use fewer than ten
PARTIES_DIR = "parties"
REF_KEY = "ref"
CASE_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-.]{0,99}$")


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so that the schema parses them with a located error."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class SourceFile:
    path: Path
    sha256: str


@dataclass(frozen=True)
class GivenParty:
    """A party that comes with the case data instead of from parties/NAME.yaml (e.g. a workbook's row)."""

    data: dict
    positions: dict[tuple, Location]  # relative to the party: () is the party itself

    def located(self, at: tuple) -> tuple[dict, dict[tuple, Location]]:
        return self.data, {at + key: where for key, where in self.positions.items()}


@dataclass
class LoadedCase:
    """A case file as plain data, with where each value came from."""

    path: Path
    case_id: str
    data: dict
    positions: dict[tuple, Location]
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

    def position_of(self, path: tuple) -> Position | None:
        """The position of the longest prefix of `path` that the file spells out."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return None


def _problem(file: Path, line: int, column: int, ja: str, en: str, hint: Msg | None = None) -> Problem:
    return Problem(Msg(ja, en), Position(file, line, column), hint=hint)


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
            raise InvalidInput(
                Msg("文字コードを判別できません", "unknown text encoding"),
                [_problem(path, 1, 1,
                          f"文字コードを読み取れません（{utf_error.start} バイト目）。",
                          f"the file is not readable text (byte {utf_error.start}).",
                          Msg("UTF-8 で保存し直してください。", "save the file again as UTF-8."))],
            ) from None
        notes.append(Problem(
            Msg("Shift_JIS (CP932) として読み込みました。", "read as Shift_JIS (CP932)."),
            Position(path, 1, 1),
            hint=Msg("UTF-8 での保存をおすすめします。", "saving as UTF-8 is recommended."),
            severity="warning",
        ))
    if "\x00" in text:
        raise InvalidInput(
            Msg("バイナリファイルです", "binary file"),
            [_problem(path, 1, 1, "テキストファイルではありません（NUL 文字を含みます）。",
                      "this is not a text file (it contains NUL characters).",
                      Msg("YAML のケースファイルを指定してください。", "give a YAML case file."))],
        )
    return text.replace("\r\n", "\n"), notes


def read_source(path: Path) -> tuple[str, str, list[Problem]]:
    """Return (text, sha256, notes) of a file, refusing oversized and unreadable files."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(
                Msg("ファイルが大きすぎます", "file too large"),
                [_problem(path, 1, 1,
                          f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_FILE_BYTES:,} バイト）。",
                          f"the file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,}).",
                          Msg("1件のケースは1ファイルに分けてください。", "keep one case per file."))],
            )
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(
            Msg("ファイルを読めません", "cannot read file"),
            [_problem(path, 1, 1, f"ファイルを読めません: {error.strerror}",
                      f"cannot read the file: {error.strerror}")],
        ) from None
    text, notes = decode_text(raw, path)
    return text, hashlib.sha256(raw).hexdigest(), notes


class _Builder:
    """Turns a composed YAML node tree into plain values, recording positions and problems."""

    def __init__(self, file: Path, prefix: tuple = ()):
        self.file = file
        self.prefix = prefix
        self.positions: dict[tuple, Position] = {}
        self.problems: list[Problem] = []
        self.budget = MAX_NODES
        self._scalar_loader = _Loader("")

    def position(self, node: Node) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: tuple) -> Any:
        if len(path) > MAX_DEPTH:
            raise _too_deep(self.position(node))
        self.budget -= 1
        if self.budget < 0:
            raise InvalidInput(
                Msg("値が多すぎます", "too many values"),
                [Problem(Msg("値が多すぎます（エイリアスの展開が上限を超えました）。",
                             "too many values (alias expansion exceeded the limit)."),
                         self.position(node),
                         hint=Msg("アンカー（&）とエイリアス（*）の入れ子をやめてください。",
                                  "do not nest anchors (&) and aliases (*)."))],
            )
        self.positions.setdefault(self.prefix + path, self.position(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: ScalarNode, path: tuple) -> Any:
        try:
            return self._scalar_loader.construct_object(node)
        except yaml.YAMLError as error:
            self.problems.append(Problem(
                Msg(f"値を読み取れません: {error}", f"cannot read the value: {error}"),
                self.position(node), path=path))
            return None

    def _mapping(self, node: MappingNode, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(
                    Msg("マージキー（<<）は使えません。", "merge keys (<<) are not supported."),
                    self.position(key_node), path=path,
                    hint=Msg("値をそのまま書くか、parties の参照（ref:）を使ってください。",
                             "write the values out, or reference a parties file (ref:).")))
                continue
            key = self._scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.problems.append(Problem(
                    Msg("キーは文字列で書いてください。", "keys must be text."),
                    self.position(key_node), path=path))
                continue
            if key in result:
                first = self.positions.get(self.prefix + path + (key,))
                self.problems.append(Problem(
                    Msg(f"キー「{key}」が重複しています（最初は {first.line} 行目）。",
                        f"duplicate key '{key}' (first at line {first.line})."),
                    self.position(key_node), path=path + (key,),
                    hint=Msg("どちらか一方を削除してください。", "delete one of them.")))
                continue
            self.positions[self.prefix + path + (key,)] = self.position(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


def _too_deep(position: Position) -> InvalidInput:
    return InvalidInput(
        Msg("入れ子が深すぎます", "nested too deeply"),
        [Problem(Msg(f"入れ子が深すぎます（{MAX_DEPTH} 段まで）。", f"nested too deeply (at most {MAX_DEPTH} levels)."),
                 position, hint=Msg("ケースファイルの構造を見直してください。", "check the structure of the case file."))],
    )


def parse_yaml(text: str, file: Path, prefix: tuple = ()) -> tuple[Any, dict[tuple, Position], list[Problem]]:
    """Parse one YAML document: (data, positions, problems)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise _too_deep(Position(file, 1, 1)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line_text = text.split("\n")[mark.line] if mark and mark.line < len(text.split("\n")) else ""
        if "\t" in line_text:
            hint = Msg("インデントにはタブではなく半角スペースを使ってください。", "indent with spaces, not tabs.")
        else:
            hint = Msg("インデントとコロン（:）の後の空白を確認してください。",
                       "check the indentation and the space after each colon (:).")
        raise InvalidInput(
            Msg("YAML の書式エラー", "YAML syntax error"),
            [Problem(Msg(f"YAML として読めません: {error.problem}", f"not valid YAML: {error.problem}"),
                     Position(file, mark.line + 1, mark.column + 1) if mark else Position(file, 1, 1),
                     hint=hint)],
        ) from None
    except yaml.YAMLError as error:
        raise InvalidInput(Msg("YAML の書式エラー", "YAML syntax error"),
                           [_problem(file, 1, 1, f"YAML として読めません: {error}", f"not valid YAML: {error}")]) from None
    if node is None:
        return None, {}, []
    builder = _Builder(file, prefix)
    data = builder.build(node, ())
    return data, builder.positions, builder.problems


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symlink followed, stays inside `folder`."""
    resolved, base = path.resolve(), folder.resolve()
    return resolved == base or base in resolved.parents


def find_party(ref: str, search_dirs: list[Path]) -> Path | None:
    for directory in search_dirs:
        candidate = directory / f"{ref}.yaml"
        if candidate.is_file() and is_inside(candidate, directory.parent):
            return candidate
    return None


def _outside_root(path: Path, root: Path) -> InvalidInput:
    return InvalidInput(
        Msg("受信箱の外を指すファイルです", "the file leaves the inbox"),
        [_problem(path, 1, 1, f"このファイルは {root} の外（{path.resolve()}）を指しています。",
                  f"this file points outside {root} (to {path.resolve()}).",
                  Msg("シンボリックリンクではなく、ファイルそのものを受信箱に置いてください。",
                      "put the file itself into the inbox, not a symbolic link."))],
    )


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


class _RefResolver:
    """Replaces each `{ref: NAME}` mapping by the parties file NAME.yaml (keys beside `ref` override)."""

    def __init__(self, search_dirs: list[Path], positions: dict[tuple, Location],
                 given: Mapping[str, GivenParty] | None = None):
        self.search_dirs = search_dirs
        self.positions = dict(positions)
        self.given = given or {}
        self.sources: dict[Path, SourceFile] = {}
        self.problems: list[Problem] = []

    def resolve(self, value: Any, path: tuple = (), chain: tuple = ()) -> Any:
        if isinstance(value, list):
            return [self.resolve(v, path + (i,), chain) for i, v in enumerate(value)]
        if not isinstance(value, dict):
            return value
        if REF_KEY in value:
            return self._expand(value, path, chain)
        return {k: self.resolve(v, path + (k,), chain) for k, v in value.items()}

    def _refuse(self, path: tuple, message: Msg, hint: Msg) -> None:
        self.problems.append(Problem(message, self.positions.get(path + (REF_KEY,)), path=path + (REF_KEY,), hint=hint))

    def _expand(self, value: dict, path: tuple, chain: tuple) -> Any:
        ref = value[REF_KEY]
        if not isinstance(ref, str) or not CASE_ID_PATTERN.match(ref):
            self._refuse(path, Msg(f"参照名「{ref}」は使えません。", f"'{ref}' is not a valid reference name."),
                         Msg("parties フォルダ内のファイル名（拡張子 .yaml を除く）を書いてください。",
                             "write the name of a file in the parties folder, without .yaml."))
            return None
        if ref in chain:
            self._refuse(path, Msg(f"参照「{ref}」が循環しています。", f"reference '{ref}' is circular."),
                         Msg("parties ファイル同士が互いを参照しないようにしてください。",
                             "make sure parties files do not reference each other in a loop."))
            return None
        if ref in self.given:
            data, positions = self.given[ref].located(path)
            return self._merge(value, data, positions, path, chain + (ref,))
        party_path = find_party(ref, self.search_dirs)
        if party_path is None:
            folders = ", ".join(str(d) for d in self.search_dirs)
            self._refuse(path, Msg(f"参照先「{ref}」が見つかりません（{ref}.yaml がありません: {folders}）。",
                                   f"reference '{ref}' not found (no {ref}.yaml in: {folders})."),
                         Msg("参照名の綴りを確認するか、parties フォルダにファイルを作ってください。",
                             "check the spelling, or create the file in the parties folder."))
            return None
        text, sha, notes = read_source(party_path)
        self.problems.extend(notes)
        self.sources[party_path] = SourceFile(party_path, sha)
        data, positions, problems = parse_yaml(text, party_path, prefix=path)
        self.problems.extend(problems)
        if not isinstance(data, dict):
            self.problems.append(Problem(
                Msg("parties ファイルの中身は「キー: 値」の形で書いてください。",
                    "a parties file must be a mapping of keys to values."),
                Position(party_path, 1, 1), path=path))
            return None
        return self._merge(value, data, positions, path, chain + (ref,))

    def _merge(self, value: dict, data: dict, positions: dict[tuple, Location], path: tuple, chain: tuple) -> dict:
        case_positions = {k: v for k, v in self.positions.items() if k[: len(path)] == path}
        self.positions.update(positions)
        self.positions.update(case_positions)  # keys written in the case itself are located there
        resolved = self.resolve(data, path, chain)
        overrides = {k: v for k, v in value.items() if k != REF_KEY}
        return {**resolved, **self.resolve(overrides, path, chain[:-1])}


def case_id_for(path: Path, data: dict) -> str:
    """The case id: `case_id:` in the file, or else the file name without .yaml."""
    explicit = data.get("case_id") if isinstance(data, dict) else None
    return explicit if isinstance(explicit, str) else path.stem


def load_case(path: Path, root: Path | None = None) -> LoadedCase:
    """Read a case file and every parties file it references; raise InvalidInput with all problems."""
    path = Path(path)
    if root is not None and not is_inside(path, root):
        raise _outside_root(path, root)
    text, sha, notes = read_source(path)
    data, positions, problems = parse_yaml(text, path)
    if not isinstance(data, dict):
        raise InvalidInput(
            Msg("ケースファイルの形式が違います", "not a case file"),
            [_problem(path, 1, 1, "ケースファイルは「キー: 値」の形で、先頭に kind: を書いてください。",
                      "a case file is a mapping of keys to values, starting with kind:.",
                      Msg("`formgen new 種類` でひな形を作れます。", "`formgen new KIND` prints a skeleton."))],
        )
    return load_data(data, positions, path, root, sha256=sha, notes=notes + problems)


def load_data(data: dict, positions: dict[tuple, Location], path: Path, root: Path | None, *, sha256: str = "",
              notes: list[Problem] | None = None, parties: Mapping[str, GivenParty] | None = None) -> LoadedCase:
    """Resolve the `{ref: NAME}` parties of case data and name the case.

    `path` is where the case file is (or would be written): parties are looked up from its folder.
    Data that comes from elsewhere than a YAML file (a workbook row, a web form) goes through here
    with its own positions; `parties` are parties given with it (e.g. on a workbook's parties sheet),
    found before the parties files.
    """
    problems = list(notes or [])
    resolver = _RefResolver(parties_search_dirs(path, root), positions, parties)
    data = resolver.resolve(data)
    problems.extend(resolver.problems)
    positions = resolver.positions
    case_id = case_id_for(path, data)
    if not CASE_ID_PATTERN.match(case_id):
        problems.append(Problem(
            Msg(f"ケースID「{case_id}」は使えません。", f"case id '{case_id}' is not allowed."),
            positions.get(("case_id",), Position(path, 1, 1)), path=("case_id",),
            hint=Msg("英数字・ハイフン・下線・ピリオドだけで、100文字以内にしてください（/ や .. は不可）。",
                     "use only letters, digits, '-', '_' and '.', at most 100 characters (no / or ..).")))
    sources = [SourceFile(path, sha256), *resolver.sources.values()]
    return LoadedCase(path, case_id, data, positions, sources, problems)
