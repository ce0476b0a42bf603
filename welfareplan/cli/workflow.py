"""``welfareplan round / distribute / merge / conflicts / status / backups / plan / department``.

The division's yearly cycle. ``merge`` and ``conflicts`` are in :mod:`welfareplan.cli.merge`
and registered from here (so ``--help`` lists the commands in the order of a year); both take
their argument types from :mod:`welfareplan.cli.arguments`. Every command opens the master
workbook itself and prints Japanese; errors surface as ``WelfareplanError`` (exit status 2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from welfareplan.cli import backups, history, merge, opinions, plans, review
from welfareplan.cli.arguments import a_date, a_month, fiscal_year
from welfareplan.cli.master import open_master
from welfareplan.cli.tables import table, when
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.serverdb import master_location
from welfareplan.core.wareki import date_label, month_label, results_label

#: the master a command works on: a file or a server's URL
_WHERE = "マスターワークブック（.wpdb かサーバー）"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "round",
        help="年度（評価）の作成・締切・再開・一覧",
        description="年度の評価を作成します（現在の計画と担当から、空の記入を作ります）。"
        "締め切った年度は読み取り専用になります。操作を指定しなければ年度の一覧を表示します。",
    )
    p.add_argument("workbook", type=master_location, help=_WHERE)
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--new", type=fiscal_year, metavar="年度", help="作成する年度（例: 2025、R7、令和7年度）"
    )
    g.add_argument("--close", type=fiscal_year, metavar="年度", help="締め切る年度")
    g.add_argument("--reopen", type=fiscal_year, metavar="年度", help="再開する年度")
    g.add_argument(
        "--delete",
        type=fiscal_year,
        metavar="年度",
        help="削除する年度（記入のある年度は --with-entries も必要。削除の前にバックアップを作ります）",
    )
    g.add_argument(
        "--year",
        type=fiscal_year,
        metavar="年度",
        help="締切か公表月を変える年度（--deadline・--published と使う）",
    )
    p.add_argument("--deadline", type=a_date, metavar="日付", help="提出の締切（例: 2026-05-31）")
    p.add_argument(
        "--published",
        type=a_month,
        metavar="年月",
        help="評価表に印刷する公表の年月（例: 2026-03、令和8年3月）",
    )
    p.add_argument(
        "--plan",
        metavar="キー",
        help="使う計画のキー（省略時はその年度を期間に含む計画。期間外の年度は指定できません）",
    )
    p.add_argument(
        "--with-entries",
        action="store_true",
        help="--delete で、記入のある年度をその記入ごと削除することを確認します",
    )
    p.set_defaults(func=cmd_round)

    history.register(sub)

    p = sub.add_parser(
        "distribute",
        help="担当課ごとのファイル（またはExcelの評価シート）を配布用に作成します",
        description="年度の担当課ファイルを担当課ごとに1つ作成します（例: R7_地域福祉課.wpdb）。"
        "--format xlsx では、アプリを使えない担当課向けに Excel の評価シート"
        "（例: R7_地域福祉課_評価シート.xlsx）を作成します。どちらも配布の記録がマスターに残り、"
        "記入して返ってきたファイルは merge で取り込めます。"
        "2回目以降は現在の記入を入れた再配布ファイルになります。",
    )
    p.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    p.add_argument("--year", type=fiscal_year, required=True, metavar="年度", help="年度")
    p.add_argument("--out", type=Path, required=True, metavar="フォルダ", help="出力先のフォルダ")
    p.add_argument(
        "--department", action="append", metavar="担当課", help="この担当課だけ（繰り返し指定可）"
    )
    p.add_argument(
        "--format",
        choices=("wpdb", "xlsx"),
        default="wpdb",
        help="wpdb = 担当課ファイル（既定）、xlsx = Excel の評価シート",
    )
    p.add_argument(
        "--docx",
        action="store_true",
        help="--format xlsx のとき、評価シートの横に印刷用の Word（.docx）も作成します",
    )
    p.set_defaults(func=cmd_distribute)

    merge.register(sub)
    review.register(sub)
    opinions.register(sub)

    p = sub.add_parser(
        "status",
        help="年度の担当課ごとの状況（配布・提出・取込・競合）",
        description="担当課ごとの状態（未配布 / 配布済 / 下書きを取込 / 提出済 / 取込済 / 却下（再送待ち） / 差戻し）、記入の完了数、"
        "最後の取込、未解決の競合と、まだ何も返ってきていない担当課を表示します。",
    )
    p.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    p.add_argument("--year", type=fiscal_year, required=True, metavar="年度", help="年度")
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "backups",
        help="マスターワークブックのバックアップの一覧と復元",
        description="変更の前に自動で作られたバックアップを一覧し、指定したものに戻します"
        "（戻す前の状態もバックアップします）。",
    )
    p.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    p.add_argument("--restore", metavar="名前", help="このバックアップに戻します")
    p.add_argument(
        "--now", action="store_true", help="今の状態のバックアップを作ります（自動では消えません）"
    )
    p.set_defaults(func=backups.cmd_backups)

    plans.register(sub)

    p = sub.add_parser("department", help="担当課マスタの一覧・追加・名前の変更・統合・別名")
    dsub = p.add_subparsers(dest="department_command", title="操作", metavar="操作", required=True)
    q = dsub.add_parser("list", help="担当課の一覧")
    q.add_argument("workbook", type=master_location, help=_WHERE)
    q.set_defaults(func=cmd_department_list)
    q = dsub.add_parser("add", help="担当課を追加します")
    q.add_argument("workbook", type=master_location, help=_WHERE)
    q.add_argument("name", help="担当課の名前")
    q.add_argument(
        "--council", action="store_true", help="市の課ではない団体（社会福祉協議会など）"
    )
    q.set_defaults(func=cmd_department_add)
    q = dsub.add_parser("rename", help="担当課の名前を変えます（旧名は別名として残ります）")
    q.add_argument("workbook", type=master_location, help=_WHERE)
    q.add_argument("department", help="担当課（名前か別名）")
    q.add_argument("new_name", help="新しい名前")
    q.set_defaults(func=cmd_department_rename)
    q = dsub.add_parser("merge", help="担当課を別の担当課に統合します（記入と担当を移します）")
    q.add_argument("workbook", type=master_location, help=_WHERE)
    q.add_argument("source", help="統合される担当課（なくなります）")
    q.add_argument("target", help="統合先の担当課")
    q.set_defaults(func=cmd_department_merge)
    q = dsub.add_parser("alias-add", help="担当課に別名（報告書での表記など）を追加します")
    q.add_argument("workbook", type=master_location, help=_WHERE)
    q.add_argument("department", help="担当課")
    q.add_argument("alias", help="別名")
    q.set_defaults(func=cmd_alias_add)
    q = dsub.add_parser("alias-remove", help="別名を削除します")
    q.add_argument("workbook", type=master_location, help=_WHERE)
    q.add_argument("alias", help="別名")
    q.set_defaults(func=cmd_alias_remove)


# ---------------------------------------------------------------------------- round


def cmd_round(args: argparse.Namespace) -> int:
    from welfareplan.workflow.rounds import lifecycle, round_list

    with open_master(
        args.workbook,
        command="round",
        writes=any(
            v is not None for v in (args.new, args.close, args.reopen, args.year, args.delete)
        ),
    ) as wb:
        if args.delete is not None:
            from welfareplan.workflow.rounds.round_delete import delete_round

            found = delete_round(wb, args.delete, with_entries=args.with_entries)
            print(
                f"{found.label}を削除しました: {found.summary()}。削除の前にバックアップを作りました。"
            )
            return 0
        if args.with_entries:
            print("--with-entries は --delete と一緒に指定してください。", file=sys.stderr)
            return 2
        if args.new is not None:
            info = lifecycle.create_round(wb, args.new, deadline=args.deadline, plan_key=args.plan)
            if args.published is not None:
                info = lifecycle.set_published(wb, args.new, args.published)
            deadline = f"、締切 {date_label(info.deadline)}" if info.deadline else ""
            print(
                f"{info.label}（{info.fiscal_year}年度）の評価を作成しました: 計画{info.plan_label}、"
                f"担当課 {info.departments} 課、記入 {info.entries} 件{deadline}。"
            )
            return 0
        if args.close is not None:
            info = lifecycle.close_round(wb, args.close)
            print(f"{info.label}を締め切りました（読み取り専用になりました）。")
            return 0
        if args.reopen is not None:
            info = lifecycle.reopen_round(wb, args.reopen)
            print(f"{info.label}を再開しました（受付中）。")
            return 0
        if args.year is not None and (args.deadline is not None or args.published is None):
            info = lifecycle.set_deadline(wb, args.year, args.deadline)
            text = date_label(info.deadline) if info.deadline else "なし"
            print(f"{info.label}の締切を {text} にしました。")
        if args.year is not None and args.published is not None:
            info = lifecycle.set_published(wb, args.year, args.published)
            print(f"{info.label}の公表月を {month_label(args.published)} にしました。")
        if args.year is not None:
            return 0
        if args.deadline is not None or args.published is not None:
            print("--deadline・--published は --new か --year と一緒に指定してください。")
            return 2
        infos = round_list.list_rounds(wb)
    if not infos:
        print("年度はまだありません（welfareplan round WORKBOOK --new 2025 で作成します）。")
        return 0
    rows = [["年度", "状態", "締切", "計画", "記入", "担当課"]]
    for i in infos:
        rows.append(
            [
                f"{i.label}（{i.fiscal_year}）",
                i.status_label,
                date_label(i.deadline) if i.deadline else "-",
                f"{i.plan_name}（{i.plan_key}）",
                f"{i.entries} 件",
                f"{i.departments} 課",
            ]
        )
    print(table(rows))
    return 0


# ---------------------------------------------------------------------------- distribute


def cmd_distribute(args: argparse.Namespace) -> int:
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.issuing.worksheets import issue_worksheets

    if args.docx and args.format != "xlsx":
        raise WelfareplanError(
            "--docx は --format xlsx と一緒に指定してください。", code="bad-arguments"
        )
    with open_master(args.workbook, command="distribute", writes=True) as wb:
        if args.format == "xlsx":
            result = issue_worksheets(
                wb, args.year, args.out, departments=args.department, print_copy=args.docx
            )
        else:
            result = distribute(wb, args.year, args.out, departments=args.department)
    rows = [["ファイル", "担当課", "記入", ""]]
    for f in result.files:
        name = f.path.name + (f" / {f.print_copy.name}" if f.print_copy else "")
        rows.append([name, f.department_name, f"{f.entries} 件", "再配布" if f.reissue else ""])
    print(table(rows))
    what = "評価シート（Excel）" if args.format == "xlsx" else "担当課ファイル"
    print(
        f"{results_label(result.fiscal_year)}の{what}を {len(result.files)} 個作成しました: "
        f"{result.out_dir}"
    )
    return 0


# ---------------------------------------------------------------------------- status


def status_json(status: Any) -> dict[str, Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [convert(v) for v in value]
        return value

    data = convert(asdict(status))
    for d, obj in zip(data["departments"], status.departments, strict=True):
        d["state"] = obj.state.value
        d["state_label"] = obj.state.label
        d["sent_nothing"] = obj.sent_nothing
    data["not_returned"] = [d.department_name for d in status.not_returned]
    data["complete"] = status.complete
    data["total"] = status.total
    data["open_conflicts"] = status.open_conflicts
    data["open_comments"] = status.open_comments
    return dict(data)


def cmd_status(args: argparse.Namespace) -> int:
    from welfareplan.workflow.status import DepartmentState, round_status

    with open_master(args.workbook, command="status", writes=False) as wb:
        st = round_status(wb, args.year)
    if args.json:
        print(json.dumps(status_json(st), ensure_ascii=False, indent=2))
        return 0
    head = [
        f"{results_label(st.fiscal_year)}（{st.fiscal_year}年度）",
        "受付中" if st.is_open else "締切済",
    ]
    if st.deadline:
        head.append(f"締切 {date_label(st.deadline)}")
    print(" ".join(head))
    rows = [["担当課", "状態", "記入", "最終取込", "版", "提出", "確認", "競合", "指摘"]]
    for d in st.departments:
        submitted = "-"
        if d.submitted_at:
            submitted = f"{d.submitted_at:%m-%d} {d.submitted_by}"
            if d.changed_after_submission:
                submitted += "（提出後に変更）"
        version = "-"
        if d.last_file_format == "xlsx":
            version = "Excel"
        elif d.last_revision is not None:
            version = str(d.last_revision)
        rows.append(
            [
                d.department_name,
                d.state.label,
                f"{d.complete}/{d.total}",
                when(d.last_merge_at),
                version,
                submitted,
                d.confirmation_label or "-",
                str(d.open_conflicts),
                str(d.open_comments),
            ]
        )
    print(table(rows))
    for d in st.departments:
        if d.rejected_reason:
            print(f"却下 {d.department_name}: {d.rejected_reason}")
    names = "、".join(d.department_name for d in st.not_returned) or "なし"
    print(f"まだ何も返ってきていない担当課（{len(st.not_returned)}）: {names}")
    counts = "・".join(f"{s.label} {st.count(s)}" for s in DepartmentState)
    print(
        f"合計: 記入 {st.complete}/{st.total} 完了、未解決の競合 {st.open_conflicts} 件、"
        f"未解決の指摘 {st.open_comments} 件 / {counts}"
    )
    return 0


# ---------------------------------------------------------------------------- department


def cmd_department_list(args: argparse.Namespace) -> int:
    from welfareplan.workflow.master.departments import list_departments

    with open_master(args.workbook, command="department list", writes=False) as wb:
        infos = list_departments(wb)
    rows = [["担当課", "種類", "担当", "記入", "別名"]]
    for d in infos:
        kind = "社協など" if d.kind == "council" else "市"
        rows.append([d.name, kind, str(d.assignments), str(d.entries), "、".join(d.aliases)])
    print(table(rows))
    return 0


def cmd_department_add(args: argparse.Namespace) -> int:
    from welfareplan.workflow.master.departments import add_department

    with open_master(args.workbook, command="department add", writes=True) as wb:
        info = add_department(wb, args.name, kind="council" if args.council else "city")
    print(f"担当課「{info.name}」を追加しました。")
    return 0


def cmd_department_rename(args: argparse.Namespace) -> int:
    from welfareplan.workflow.master.departments import rename_department

    with open_master(args.workbook, command="department rename", writes=True) as wb:
        info = rename_department(wb, args.department, args.new_name)
    print(f"担当課の名前を「{info.name}」にしました（別名: {'、'.join(info.aliases) or 'なし'}）。")
    return 0


def cmd_department_merge(args: argparse.Namespace) -> int:
    from welfareplan.workflow.master.departments import merge_departments

    with open_master(args.workbook, command="department merge", writes=True) as wb:
        report = merge_departments(wb, args.source, args.target).report()
    print(report)
    return 0


def cmd_alias_add(args: argparse.Namespace) -> int:
    from welfareplan.workflow.master.departments import add_alias

    with open_master(args.workbook, command="department alias-add", writes=True) as wb:
        info = add_alias(wb, args.department, args.alias)
    print(f"「{args.alias}」を担当課「{info.name}」の別名にしました。")
    return 0


def cmd_alias_remove(args: argparse.Namespace) -> int:
    from welfareplan.workflow.master.departments import remove_alias

    with open_master(args.workbook, command="department alias-remove", writes=True) as wb:
        info = remove_alias(wb, args.alias)
    print(f"別名「{args.alias}」を担当課「{info.name}」から削除しました。")
    return 0
