"""Every setting of formgen in one validated model: command line > environment (FORMGEN_*) > config file.

The config file is the one named by `--config`, else `$XDG_CONFIG_HOME/formgen/formgen.toml`
(`~/.config/formgen/formgen.toml`); a formgen.toml in the current folder is never read, so that a file
someone leaves in a shared folder cannot send case data to a converter they run. docs/settings.md
documents each setting (a test keeps the two in step).

```toml
[build]
format = "both"            # docx | pdf | both
output_mode = "private"    # private (0600/0700) | group (0640/0750)

[converters]
endpoints = ["10.0.0.5:2003"]
count = 2
timeout = 60
```
"""

from __future__ import annotations

import os
import sys
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

from generator.exceptions import ConfigError
from generator.messages import Msg

Format = Literal["docx", "pdf", "both"]
FORMATS: tuple[str, ...] = get_args(Format)
ENV_PREFIX = "FORMGEN_"
CONFIG_NAME = "formgen.toml"
FILE_SECTIONS = {
    "build": {"format": "format", "pdfa": "pdfa", "output_mode": "output_mode", "forms": "forms"},
    "converters": {"endpoints": "converters", "count": "converter_count", "timeout": "convert_timeout",
                   "recycle_after": "converter_recycle", "uno_python": "uno_python"},
    "messages": {"lang": "lang"},
    "serve": {"host": "serve_host", "port": "serve_port", "users": "serve_users", "secret": "serve_secret",
              "upload_mb": "serve_upload_mb", "tls_cert": "serve_tls_cert", "tls_key": "serve_tls_key"},
}
"""[section] key in formgen.toml → setting name."""

DEFAULT_FORMS_DIR = Path(__file__).resolve().parent.parent / "forms"


def default_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "formgen" / CONFIG_NAME


def _split_endpoints(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


def _endpoint(item: str) -> str:
    host, _, port = item.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"'{item}' is not host:port")
    return item


class Settings(BaseSettings):
    """The settings table (docs/settings.md)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True,
                                      validate_default=True)

    lang: Literal["ja", "en"] = Field("ja", title="メッセージの言語", description="ja（日本語）または en（English）")
    format: Format = Field(
        "both", title="出力形式", description="docx / pdf（と packet.pdf）/ both")
    pdfa: bool = Field(False, title="PDF/A", description="PDF を長期保存用の PDF/A-2b にする")
    output_mode: Literal["private", "group"] = Field(
        "private", title="出力の権限",
        description="private: 所有者だけ（ファイル 0600・フォルダ 0700）、group: グループも読める（0640・0750）")
    forms: Path = Field(DEFAULT_FORMS_DIR, title="様式フォルダ", description="様式（forms/<ID>/）のあるフォルダ")
    converters: Annotated[tuple[str, ...], NoDecode] = Field(
        (), title="変換サーバー",
        description="別のマシンの unoserver（host:port をカンマ区切り）。空ならこのマシンで LibreOffice を起動")
    converter_count: int = Field(
        default_factory=lambda: os.cpu_count() or 1, ge=1, le=64, title="変換プロセス数",
        description="このマシンで起動する LibreOffice の数（既定: コア数）")
    convert_timeout: float = Field(60.0, gt=0, le=3600, title="変換の制限時間",
                                   description="1 件の変換の制限時間（秒）。超えると LibreOffice を起動し直して 1 回だけやり直す")
    converter_recycle: int = Field(200, ge=1, title="変換プロセスの入れ替え",
                                   description="この件数を変換した LibreOffice を新しいものに入れ替える（メモリの増加を防ぐ）")
    uno_python: str = Field(default_factory=lambda: sys.executable, title="uno の Python",
                            description="LibreOffice の uno モジュールを持つ Python（python3-uno）")
    serve_host: str = Field("127.0.0.1", title="Web アプリの待受アドレス",
                            description="127.0.0.1 以外にするには利用者の登録が必要")
    serve_port: int = Field(8080, ge=1, le=65535, title="Web アプリのポート")
    serve_users: Path = Field(
        default_factory=lambda: default_config_path().parent / "users.toml", title="Web アプリの利用者ファイル",
        description="利用者名と argon2 で暗号化したパスワード（formgen serve --add-user で登録）。"
                    "登録があればログインが必要")
    serve_secret: Path = Field(
        default_factory=lambda: default_config_path().parent / "web-secret", title="Web アプリの秘密鍵ファイル",
        description="セッションの署名とカレンダーの URL の合言葉に使う鍵（なければ作る、所有者だけが読める）")
    serve_upload_mb: int = Field(20, ge=1, le=200, title="添付ファイルの上限",
                                 description="Web アプリで追加する添付 PDF 1 件の上限（MB）")
    serve_tls_cert: Path | None = Field(None, title="TLS 証明書",
                                        description="HTTPS で待ち受けるときの証明書ファイル（PEM）")
    serve_tls_key: Path | None = Field(None, title="TLS 秘密鍵", description="証明書の秘密鍵ファイル（PEM）")

    @field_validator("converters", mode="before")
    @classmethod
    def _endpoints(cls, value: Any) -> Any:
        value = _split_endpoints(value)
        if isinstance(value, (list, tuple)):
            return tuple(_endpoint(str(item)) for item in value)
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        return init_settings, env_settings, _ConfigFileSource(settings_cls)


_config_file: ContextVar[Path | None] = ContextVar("formgen_config_file", default=None)


def read_config_file(path: Path) -> dict[str, Any]:
    """The settings a formgen.toml gives, by setting name."""
    try:
        with open(path, "rb") as handle:
            table = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(Msg(f"設定ファイル {path} を読めません: {error.strerror}",
                              f"cannot read the config file {path}: {error.strerror}")) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(Msg(f"設定ファイル {path} の書式が違います（TOML）: {error}",
                              f"the config file {path} is not valid TOML: {error}")) from None
    values: dict[str, Any] = {}
    for section, keys in table.items():
        names = FILE_SECTIONS.get(section)
        if names is None or not isinstance(keys, dict):
            raise ConfigError(Msg(
                f"設定ファイル {path}: [{section}] という節はありません（使える節: {', '.join(FILE_SECTIONS)}）。",
                f"config file {path}: there is no section [{section}] (sections: {', '.join(FILE_SECTIONS)})."))
        for key, value in keys.items():
            if key not in names:
                raise ConfigError(Msg(
                    f"設定ファイル {path}: [{section}] に「{key}」という設定はありません（使える設定: {', '.join(names)}）。",
                    f"config file {path}: [{section}] has no setting '{key}' (settings: {', '.join(names)})."))
            values[names[key]] = value
    return values


class _ConfigFileSource(PydanticBaseSettingsSource):
    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = _config_file.get()
        return read_config_file(path) if path is not None else {}


def origin_of(name: str, given: dict[str, Any], config: Path | None) -> str:
    """Where a setting's value comes from, for messages: command line, environment, file or default."""
    if given.get(name) is not None:
        return "command line"
    if f"{ENV_PREFIX}{name.upper()}" in os.environ:
        return f"environment {ENV_PREFIX}{name.upper()}"
    if config is not None and name in read_config_file(config):
        return f"config file {config}"
    return "default"


def _config_problem(error: ValidationError, given: dict[str, Any], config: Path | None) -> ConfigError:
    lines_ja, lines_en = [], []
    for item in error.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else "?"
        field = Settings.model_fields.get(name)
        label = field.title if field and field.title else name
        where = origin_of(name, given, config) if field else "?"
        lines_ja.append(f"設定「{name}」（{label}、{where}）の値が正しくありません: {item['msg']}。"
                        f"{field.description if field and field.description else ''}")
        lines_en.append(f"setting '{name}' ({where}) is not valid: {item['msg']}.")
    return ConfigError(Msg("\n".join(lines_ja) + "\n→ 対処: docs/settings.md の設定表を見て直してください。",
                           "\n".join(lines_en) + "\n→ fix: see the settings table in docs/settings.md."))


def load_settings(given: dict[str, Any] | None = None, config: Path | None = None) -> Settings:
    """Settings from the command line's `given` values (None = not given), FORMGEN_* and the config file.

    `config` is the file named by --config (it must exist); without it the user's config file is read
    when there is one.
    """
    given = {k: v for k, v in (given or {}).items() if v is not None}
    if config is not None and not Path(config).is_file():
        raise ConfigError(Msg(f"設定ファイル {config} がありません。", f"the config file {config} does not exist."))
    if config is None and default_config_path().is_file():
        config = default_config_path()
    token = _config_file.set(Path(config) if config else None)
    try:
        return Settings(**given)
    except ValidationError as error:
        raise _config_problem(error, given, config) from None
    finally:
        _config_file.reset(token)


_active: Settings | None = None
_active_config: Path | None = None


def activate(settings: Settings, config: Path | None = None) -> Settings:
    """Make `settings` the process's settings (the command line does this once, at start)."""
    global _active, _active_config
    _active, _active_config = settings, config
    return settings


def active() -> Settings:
    """The process's settings; environment and the user's config file when nothing activated others."""
    global _active
    if _active is None:
        _active = load_settings()
    return _active


def active_config_file() -> Path | None:
    return _active_config
