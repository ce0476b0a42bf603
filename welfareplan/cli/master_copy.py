"""``welfareplan master copy SOURCE DEST``: a whole master between a ``.wpdb`` file and a
PostgreSQL server, checked row by row (:mod:`welfareplan.core.mastercopy`)."""

from __future__ import annotations

import argparse
from typing import Any

from welfareplan.core.serverdb import master_location


def register(sub: Any) -> None:
    p = sub.add_parser("master", help="マスターワークブックをファイルとサーバーの間でコピーします")
    msub = p.add_subparsers(dest="master_command", title="操作", metavar="操作", required=True)
    q = msub.add_parser(
        "copy",
        help="マスター全体をコピーし、行ごとに照合します",
        description="マスターワークブック全体を .wpdb ファイルと PostgreSQL サーバーの間で"
        "（どちら向きにも）コピーし、表ごとの行数と内容のダイジェストを元と照合します。"
        "コピー先は新しいファイルか空のデータベースに限ります。失敗したときは何も残しません。"
        "サーバーは postgresql+psycopg://ユーザー名@サーバー名:ポート/データベース名 で指定します"
        "（パスワードは pgpass ファイルか環境変数 PGPASSWORD で渡します）。",
    )
    q.add_argument("source", type=master_location, help="コピー元（.wpdb かサーバー）")
    q.add_argument("dest", type=master_location, help="コピー先（新しい .wpdb か空のデータベース）")
    q.set_defaults(func=cmd_master_copy)


def cmd_master_copy(args: argparse.Namespace) -> int:
    from welfareplan.core.mastercopy import copy_master

    result = copy_master(args.source, args.dest, on_step=print)
    for name, table in result.tables.items():
        print(f"  {name}: {table.rows} 行")
    print(
        f"コピーしました: {result.source} → {result.dest}"
        f"（{len(result.tables)} 表・{result.rows} 行。行数と内容のダイジェストが元と一致しました）"
    )
    return 0
