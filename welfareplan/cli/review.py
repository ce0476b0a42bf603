"""``welfareplan review``: 差戻し with comments per field, the department's replies and the
section chief's confirmation.

The division (on the master): ``add`` marks a field of an entry as needing revision with a
comment, ``list`` shows the comments with every note, ``send-back`` re-issues the department's
file carrying them, ``close`` resolves a comment or keeps it open with another note. The
department (on its file): ``show`` lists the comments in the file, ``reply`` answers one,
``confirm`` records the section chief's confirmation (or that there is none). A comment is
named by its ID or the ID's first characters, as ``list`` and ``show`` print them.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from welfareplan.cli.arguments import fiscal_year
from welfareplan.cli.master import open_master
from welfareplan.core.errors import DataError
from welfareplan.core.serverdb import master_location

#: How many characters of a comment's ID are printed.
SHORT_ID = 8


def pick(ids: Sequence[str], text: str) -> str:
    """The comment ID that is ``text`` or starts with it (refused when none or several)."""
    key = text.strip().lower()
    matches = [c for c in ids if c == key] or [c for c in ids if key and c.startswith(key)]
    if len(matches) != 1:
        what = "ありません" if not matches else "複数あります。もう少し長く指定してください"
        raise DataError(f"指摘「{text}」は{what}。", code="unknown-comment")
    return matches[0]


def register(sub: Any) -> None:
    p = sub.add_parser("review", help="差戻し（項目ごとの指摘）・回答・所属長の確認")
    rsub = p.add_subparsers(dest="review_command", title="操作", metavar="操作", required=True)

    q = rsub.add_parser("add", help="記入の項目に指摘を付けます（差戻しの準備）")
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("--year", type=fiscal_year, required=True, metavar="年度")
    q.add_argument("--department", required=True, metavar="担当課")
    q.add_argument("--project", required=True, metavar="事業No", help="例: 4、31～34")
    q.add_argument("--field", required=True, metavar="項目", help="評価項目の名前かキー")
    q.add_argument("--comment", required=True, metavar="指摘")
    q.set_defaults(func=cmd_add)

    q = rsub.add_parser("list", help="指摘の一覧（すべてのメモつき）")
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("--year", type=fiscal_year, required=True, metavar="年度")
    q.add_argument("--department", metavar="担当課")
    q.add_argument("--open", action="store_true", help="未解決の指摘だけ")
    q.set_defaults(func=cmd_list)

    q = rsub.add_parser("send-back", help="未解決の指摘をつけて担当課ファイルを配布し直します")
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("--year", type=fiscal_year, required=True, metavar="年度")
    q.add_argument("--department", required=True, metavar="担当課")
    q.add_argument("--out", type=Path, required=True, metavar="フォルダ")
    q.add_argument("--format", choices=("wpdb", "xlsx"), default="wpdb")
    q.set_defaults(func=cmd_send_back)

    q = rsub.add_parser("close", help="指摘を解決にするか、メモを付けて継続します")
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("comment", metavar="指摘ID")
    how = q.add_mutually_exclusive_group(required=True)
    how.add_argument("--resolved", action="store_true", help="解決")
    how.add_argument("--keep", action="store_true", help="継続（--note に追加の指摘）")
    q.add_argument("--note", default="", metavar="メモ")
    q.set_defaults(func=cmd_close)

    q = rsub.add_parser("show", help="担当課ファイルの指摘の一覧")
    q.add_argument("file", type=Path, help="担当課ファイル")
    q.set_defaults(func=cmd_show)

    q = rsub.add_parser("reply", help="担当課ファイルの指摘に回答します")
    q.add_argument("file", type=Path, help="担当課ファイル")
    q.add_argument("comment", metavar="指摘ID")
    q.add_argument("--text", required=True, metavar="回答")
    q.add_argument("--name", required=True, metavar="氏名", help="回答した人")
    q.set_defaults(func=cmd_reply)

    q = rsub.add_parser(
        "confirm",
        help="所属長・確認者の確認を記録します（記録であり、電子署名ではありません）",
    )
    q.add_argument("file", type=Path, help="担当課ファイル")
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("--name", metavar="氏名", help="確認した人")
    who.add_argument("--none", action="store_true", help="確認なしで提出することを記録")
    q.add_argument("--role", default="所属長", choices=("所属長", "確認者"))
    q.set_defaults(func=cmd_confirm)


def cmd_add(args: argparse.Namespace) -> int:
    from welfareplan.workflow.review.comments import add_comment

    with open_master(args.workbook, command="review add", writes=True) as wb:
        view = add_comment(
            wb,
            args.year,
            args.department,
            args.project,
            field=args.field,
            text=args.comment,
        )
    print(
        f"指摘 {view.id[:SHORT_ID]} を付けました: {view.project_label}（{view.department_name}）"
        f"「{view.field_label}」"
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from welfareplan.workflow.review.comments import list_comments

    with open_master(args.workbook, command="review list", writes=False) as wb:
        found = list_comments(wb, args.year, department=args.department, open_only=args.open)
    for c in found:
        print(
            f"{c.id[:SHORT_ID]} [{c.status_label}] {c.department_name} {c.project_label}"
            f"「{c.field_label}」"
        )
        for n in c.notes:
            print(f"    {n.when} {n.kind_label}（{n.author}）: {n.text}")
    print(f"指摘 {len(found)} 件（未解決 {sum(c.is_open for c in found)} 件）")
    return 0


def cmd_send_back(args: argparse.Namespace) -> int:
    from welfareplan.workflow.review.send_back import send_back

    with open_master(args.workbook, command="review send-back", writes=True) as wb:
        result = send_back(wb, args.year, args.department, args.out, file_format=args.format)
    for f in result.files:
        print(f"差戻し: {f.department_name} → {f.path}")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from welfareplan.workflow.review.comments import close_comment, comment_ids

    with open_master(args.workbook, command="review close", writes=True) as wb:
        comment_id = pick(comment_ids(wb), args.comment)
        view = close_comment(wb, comment_id, resolved=args.resolved, note=args.note)
    print(f"指摘 {view.id[:SHORT_ID]}: {view.status_label}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from welfareplan.core.review_file import file_comments
    from welfareplan.core.storage import Workbook

    with Workbook.open(args.file, read_only=True) as wb:
        found = file_comments(wb)
    for c in found:
        state = "回答済み" if c.answered else ("未回答" if c.is_open else "解決済み")
        print(f"{c.id[:SHORT_ID]} [{state}] {c.project_label}「{c.field_label}」: {c.comment_text}")
        if c.reply is not None:
            print(f"    回答（{c.reply.author}）: {c.reply.text}")
    print(f"指摘 {len(found)} 件（未回答 {sum(c.is_open and not c.answered for c in found)} 件）")
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    from welfareplan.core.review_file import file_comments, write_reply
    from welfareplan.core.storage import Workbook

    with Workbook.open(args.file) as wb:
        comment_id = pick([c.id for c in file_comments(wb)], args.comment)
        write_reply(wb, comment_id, args.text, author=args.name)
    print(f"指摘 {comment_id[:SHORT_ID]} に回答しました。")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    from welfareplan.core.confirmation import (
        NOT_A_SIGNATURE,
        record_confirmation,
        record_no_confirmation,
    )
    from welfareplan.core.storage import Workbook

    with Workbook.open(args.file) as wb:
        found = (
            record_no_confirmation(wb)
            if args.none
            else record_confirmation(wb, args.name, args.role)
        )
    print(f"{found.label}を記録しました。{NOT_A_SIGNATURE}")
    return 0
