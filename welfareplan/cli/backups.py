"""``welfareplan backups MASTER [--now | --restore NAME]``: the backups of a master, listed, made
on demand and restored — a file master's copies beside it (``NAME.backups/``), a server master's
``.wpdb`` snapshots in this user's data folder for that master (issue 16,
:mod:`welfareplan.workflow.master.server_folder`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.cli.master import held_master, open_master
from welfareplan.cli.tables import table
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.serverdb import is_server_url

if TYPE_CHECKING:
    from welfareplan.core.storage import Workbook
    from welfareplan.workflow.master.backups import BackupInfo, RestoreResult


def cmd_backups(args: argparse.Namespace) -> int:
    from welfareplan.core.fileformat import check_file
    from welfareplan.workflow.master.backups import list_backups, make_backup, restore_backup

    if args.restore and args.now:
        raise WelfareplanError("--now と --restore は一緒に指定できません。", code="bad-arguments")
    if is_server_url(args.workbook):
        return server_backups(args)
    check_file(args.workbook, expect=FileKind.WORKBOOK)
    if args.now:
        with held_master(args.workbook, "backups --now"):
            made = make_backup(args.workbook, "now")
        print(f"バックアップ「{made.name}」を作りました（{made.parent}）。")
        return 0
    if args.restore:
        from welfareplan.core.storage import Workbook
        from welfareplan.workflow.master.restore_loss import restore_loss

        with held_master(args.workbook, "backups --restore"):
            chosen = [b for b in list_backups(args.workbook) if b.name == args.restore]
            discarded = None
            if chosen:
                with Workbook.open(args.workbook, read_only=True) as wb:
                    loss = restore_loss(wb, chosen[0])
                print(loss.summary())
                discarded = loss.count
            result = restore_backup(args.workbook, args.restore, discarded=discarded)
        return said_restored(result)
    return show_backups(list_backups(args.workbook), str(args.workbook), None)


def said_restored(result: RestoreResult) -> int:
    print(
        f"「{result.restored.name}」（{result.restored.created:%Y-%m-%d %H:%M:%S}、"
        f"{result.restored.reason_label}）に戻しました。"
    )
    print(f"戻す前の状態は「{result.safety_backup.name}」に保存しました。")
    return 0


def show_backups(backups: list[BackupInfo], workbook: str, folder: Path | None) -> int:
    """List ``backups`` (newest first), with where they are kept when that is not beside the
    master (``folder``)."""
    where = f"（保存先: {folder}）" if folder is not None else ""
    if not backups:
        print(f"バックアップはまだありません{where}。")
        return 0
    rows = [["名前", "日時", "理由", "大きさ"]]
    for b in backups:
        rows.append(
            [b.name, f"{b.created:%Y-%m-%d %H:%M:%S}", b.reason_label, f"{b.size // 1024:,} KB"]
        )
    print(table(rows))
    if folder is not None:
        print(f"保存先: {folder}")
    print(f"戻すには: welfareplan backups {workbook} --restore 名前")
    return 0


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
    return show_backups(list_backups(home), args.workbook, folder)


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
    return said_restored(result)
