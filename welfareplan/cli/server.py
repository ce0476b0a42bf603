"""``welfareplan server grant|check URL``: the PostgreSQL roles of a master on a server — division
staff (read/write) and viewers (read only) — set by the IT staff as the master's owner, and
checked by anyone (:mod:`welfareplan.core.serverroles`)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection

    from welfareplan.core.serverroles import RoleAccess

_URL_HELP = "サーバーのマスター（postgresql+psycopg://ユーザー名@サーバー名:ポート/データベース名）"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "server", help="サーバーのマスターのロール（課の職員・閲覧用）を設定・確認します"
    )
    ssub = p.add_subparsers(dest="server_command", title="操作", metavar="操作", required=True)
    g = ssub.add_parser(
        "grant",
        help="ロールに課の職員（読み書き）か閲覧用（読み取りのみ）の権限を設定します",
        description="PostgreSQL のロールに、マスターの表への権限を設定します。"
        "--staff は課の職員（すべての表の読み書き）、--viewer は閲覧用（読み取りのみ。配布の"
        "署名の鍵は読めません）です。そのロールのそれまでの権限は置き換えます。"
        "マスターの所有者のロールで接続して実行してください。ロールは先に CREATE ROLE で"
        "作っておきます（docs/server.md）。",
    )
    g.add_argument("url", help=_URL_HELP)
    g.add_argument("role", help="権限を設定するロールの名前（大文字と小文字は区別されます）")
    kind = g.add_mutually_exclusive_group(required=True)
    kind.add_argument("--staff", action="store_true", help="課の職員（読み書き）にします")
    kind.add_argument("--viewer", action="store_true", help="閲覧用（読み取りのみ）にします")
    g.set_defaults(func=cmd_server_grant)
    c = ssub.add_parser(
        "check",
        help="接続しているロールと、マスターに権限のあるロールを確かめます",
        description="接続しているロールが書き込めるかと、マスターに権限のあるロールが"
        "課の職員・閲覧用のどちらに合っているかを表示します。何も変更しません。",
    )
    c.add_argument("url", help=_URL_HELP)
    c.set_defaults(func=cmd_server_check)


@contextlib.contextmanager
def _master(text: str, *, owner: bool) -> Iterator[tuple[URL, Connection]]:
    """A connection to the master at ``text`` in one transaction (committed when the block
    ends normally), after checking that the database holds a master."""
    from welfareplan.core.errors import FileCheckError
    from welfareplan.core.model import MetaItem
    from welfareplan.core.serverdb import (
        check_server_master,
        connected,
        describe,
        parse_server_url,
        table_names,
    )

    url = parse_server_url(text)
    with connected(url) as engine, engine.begin() as conn:
        if MetaItem.__tablename__ not in table_names(conn):
            raise FileCheckError(
                f"{describe(url)} には welfareplan のマスターがありません。", code="empty"
            )
        if owner:  # the owner reads everything: check the master as a command opening it does
            with conn.begin_nested():
                check_server_master(conn, url)
        yield url, conn


def cmd_server_grant(args: argparse.Namespace) -> int:
    from welfareplan.core.serverroles import Kind, grant, survey

    kind = Kind.STAFF if args.staff else Kind.VIEWER
    with _master(args.url, owner=True) as (_, conn):
        access = grant(conn, args.role, kind)
        public = survey(conn).public
    print(f"ロール「{access.role}」を{kind.label}にしました。")
    if not access.can_login:
        print(
            "  このロールはログインできないグループです。職員のログイン用ロールを"
            f'このグループに加えてください（GRANT "{access.role}" TO ログイン用ロール）。'
        )
    _print_public(public)
    return 0


def cmd_server_check(args: argparse.Namespace) -> int:
    from welfareplan.core.serverdb import describe
    from welfareplan.core.serverroles import survey

    with _master(args.url, owner=False) as (url, conn):
        found = survey(conn)
        tls = _tls(conn)
    print(f"サーバー: {describe(url)}")
    me = found.me
    print(f"接続しているロール: {me.role}（{me.kind.label}）")
    print(f"  このロールでの書き込み: {_my_writing(me)}")
    print(f"通信の暗号化: {tls}")
    print("このマスターに権限のあるロール:")
    width = max((len(a.role) for a in found.roles), default=0)
    for access in found.roles:
        print(f"  {access.role.ljust(width)}  {_line(access)}")
    _print_public(found.public)
    return 0


def _tls(conn: Connection) -> str:
    """How this connection is protected (PostgreSQL's pg_stat_ssl of this session)."""
    found = conn.exec_driver_sql(
        "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
    ).first()
    if found is not None and found[0]:
        return f"{found[1]}（TLS）"
    return "なし（暗号化されていません。docs/server.md の「TLS」のとおり sslmode=verify-full にしてください）"


def _my_writing(me: RoleAccess) -> str:
    if me.can_write:
        return "できます"
    if me.can_read:
        return "できません（welfareplan はマスターを読み取り専用で開きます）"
    return "できません。読むこともできません（welfareplan はマスターを開けません）"


def _line(access: RoleAccess) -> str:
    from welfareplan.core.serverroles import Kind

    parts = [access.kind.label]
    if access.kind in (Kind.STAFF, Kind.VIEWER):
        parts.append("— 合っています")
    problems = access.problems()
    if problems:
        parts.append(f"— {'。'.join(problems)}。welfareplan server grant で設定し直してください")
    notes = []
    if access.member_of:
        notes.append(f"グループ {'、'.join(access.member_of)} の一員")
    if not access.can_login:
        notes.append("ログインしないグループ")
    if notes:
        parts.append(f"（{'。'.join(notes)}）")
    return " ".join(parts)


def _print_public(public: tuple[str, ...]) -> None:
    if public:
        shown = "、".join(public[:3]) + (f" ほか {len(public) - 3} 件" if len(public) > 3 else "")
        print(
            f"注意: PUBLIC（すべてのロール）に権限が与えられています（{shown}）。"
            "どのロールでも使えてしまうので、REVOKE ALL ON … FROM PUBLIC で外してください。"
        )
