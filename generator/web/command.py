"""`formgen serve`: the office web app over an inbox and an outbox (docs/web.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.clihelp import Command, option
from generator.console import err, iso_date, out
from generator.exceptions import ConfigError
from generator.messages import Msg


def _refuse_open_bind(host: str, users) -> None:
    from generator.web.security import is_loopback

    if not is_loopback(host) and not users:
        raise ConfigError(Msg(
            f"待受アドレス {host} はこのマシンの外から届きます。利用者が登録されていないため起動しません。\n"
            "→ 対処: `formgen serve --add-user 名前` で利用者を登録するか、--host 127.0.0.1 で起動してください"
            "（docs/web.md）。",
            f"the address {host} is reachable from other machines and no users are configured: not starting.\n"
            "→ fix: add a user with `formgen serve --add-user NAME`, or bind to --host 127.0.0.1 (docs/web.md)."))


def _add_user(path: Path, name: str) -> None:
    from generator.web.security import Users

    password = click.prompt(Msg("パスワード", "Password").render(), hide_input=True, confirmation_prompt=True)
    users = Users.load(path)
    users.add(name, password)
    out.print(Msg(f"利用者 {name} を {path} に登録しました。", f"user {name} saved in {path}.").render(), markup=False)


@click.command("serve", cls=Command, help=Msg(
    "Web アプリを起動します: ダッシュボード・ケースの作成と編集・書類のダウンロード・カレンダー（docs/web.md）。",
    "Start the web app: dashboard, new and edited cases, documents, calendar (docs/web.md)."))
@click.argument("inbox", required=False, default="inbox", type=click.Path(file_okay=False, path_type=Path))
@option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outbox"),
        show_default=True, help=Msg("出力フォルダ。", "Output folder."))
@option("--host", default=None, help=Msg("待受アドレス（既定 127.0.0.1、設定 serve_host）。",
                                         "Address to listen on (default 127.0.0.1; setting serve_host)."))
@option("--port", type=click.IntRange(1, 65535), default=None,
        help=Msg("ポート（既定 8080、設定 serve_port）。", "Port (default 8080; setting serve_port)."))
@option("--format", "formats", type=click.Choice(["docx", "pdf", "both"]), default=None,
        help=Msg("作る形式（既定 both、設定 format）。", "Documents to write (default both; setting format)."))
@option("--today", callback=iso_date, metavar="YYYY-MM-DD",
        help=Msg("「今日」とする日付（期限の状態と書類の日付。確認・テスト用）。",
                 "Date used as today for deadlines and forms (for trying things out and tests)."))
@option("--add-user", "add_user", metavar="NAME",
        help=Msg("利用者を登録して終了します（パスワードを尋ねます）。", "Add a user (asks for the password) and exit."))
@click.pass_context
def serve(ctx: click.Context, inbox: Path, out_dir: Path, host: str | None, port: int | None, formats: str | None,
          today: dt.date | None, add_user: str | None) -> None:
    from generator.cli import _run

    settings = _run(ctx).settings(serve_host=host, serve_port=port, format=formats)
    if add_user:
        _add_user(settings.serve_users, add_user)
        return
    if not inbox.is_dir():
        raise click.BadParameter(Msg(f"フォルダ {inbox} がありません。", f"folder {inbox} does not exist.").render(),
                                 param_hint="INBOX")
    from generator.web.security import Users, is_loopback

    users = Users.load(settings.serve_users)
    _refuse_open_bind(settings.serve_host, users)
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _run_server(inbox, out_dir, settings, today, users, is_loopback(settings.serve_host))


def _run_server(inbox: Path, out_dir: Path, settings, today: dt.date | None, users, loopback: bool) -> None:
    import uvicorn

    from generator.web.app import WebConfig, create_app
    from generator.web.security import mask_server_logs

    tls = settings.serve_tls_cert is not None and settings.serve_tls_key is not None
    config = WebConfig(inbox, out_dir, settings, settings.serve_host, settings.serve_port, today,
                       secure_cookie=tls or loopback)
    if not tls and not loopback:
        err.print(Msg("注意: HTTPS ではないため、通信は暗号化されません（serve_tls_cert・serve_tls_key を設定してください）。",
                      "warning: not HTTPS, traffic is not encrypted (set serve_tls_cert and serve_tls_key).").render())
    app = create_app(config, users=users)
    scheme = "https" if tls else "http"
    shown_host = f"[{settings.serve_host}]" if ":" in settings.serve_host else settings.serve_host
    server = uvicorn.Server(uvicorn.Config(
        app, host=settings.serve_host, port=settings.serve_port, log_level="info", access_log=True,
        ssl_certfile=str(settings.serve_tls_cert) if tls else None,
        ssl_keyfile=str(settings.serve_tls_key) if tls else None, server_header=False))
    mask_server_logs()
    out.print(Msg(f"formgen Web アプリ: {scheme}://{shown_host}:{settings.serve_port}/ （終了は Ctrl-C）",
                  f"formgen web app: {scheme}://{shown_host}:{settings.serve_port}/ (Ctrl-C to stop)").render(),
              markup=False)
    server.run()
