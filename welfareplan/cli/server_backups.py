"""``welfareplan backups URL [--now | --restore NAME]``: the ``.wpdb`` snapshots of a master on a
server (issue 16), kept in this user's data folder for that master
(:mod:`welfareplan.workflow.master.server_folder`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from welfareplan.cli.master import open_master
from welfareplan.cli.tables import table

if TYPE_CHECKING:
    from welfareplan.core.storage import Workbook


def server_backups(args: argparse.Namespace) -> int:
    from welfareplan.core.storage import backup_dir_for
    from welfareplan.workflow.master.backups import list_backups, take_snapshot
    from welfareplan.workflow.master.server_folder import master_home

    writes = bool(args.now or args.restore)
    with open_master(args.workbook, command="backups", writes=writes) as wb:
        home = master_home(wb)
        folder = backup_dir_for(home)
        if args.now:
            made = take_snapshot(wb, "now", keep=None)
            print(f"サーバーのマスターを「{made.name}」に保存しました（{folder}）。")
            return 0
        if args.restore:
            return _restore(wb, args.restore)
    backups = list_backups(home)
    if not backups:
        print(f"バックアップはまだありません（保存先: {folder}）。")
        return 0
    rows = [["名前", "日時", "理由", "大きさ"]]
    for b in backups:
        rows.append(
            [b.name, f"{b.created:%Y-%m-%d %H:%M:%S}", b.reason_label, f"{b.size // 1024:,} KB"]
        )
    print(table(rows))
    print(f"保存先: {folder}")
    print(f"戻すには: welfareplan backups {args.workbook} --restore 名前")
    return 0


def _restore(wb: Workbook, name: str) -> int:
    from welfareplan.workflow.master.backups import list_backups
    from welfareplan.workflow.master.restore_loss import restore_loss
    from welfareplan.workflow.master.server_folder import master_home
    from welfareplan.workflow.master.server_restore import restore_server_backup

    chosen = [b for b in list_backups(master_home(wb)) if b.name == name]
    discarded = None
    if chosen:
        loss = restore_loss(wb, chosen[0])
        print(loss.summary())
        discarded = loss.count
    result = restore_server_backup(wb, name, discarded=discarded)
    print(
        f"「{result.restored.name}」（{result.restored.created:%Y-%m-%d %H:%M:%S}、"
        f"{result.restored.reason_label}）に戻しました。"
    )
    print(f"戻す前の状態は「{result.safety_backup.name}」に保存しました。")
    return 0
