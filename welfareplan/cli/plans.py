"""``welfareplan new`` and ``welfareplan plan export / import / list / delete / link``: a clean
start from a plan file, the plans of a workbook and their lineage.

Registered from :mod:`welfareplan.cli.workflow` (``plan``) and :mod:`welfareplan.cli.basic`
(``new``), so ``--help`` lists them where a user looks for them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from welfareplan.cli.master import open_master
from welfareplan.cli.tables import table
from welfareplan.core.serverdb import master_location


def register_new(sub: Any) -> None:
    p = sub.add_parser(
        "new",
        help="計画ファイルから新しい空のマスターワークブックを作成します",
        description="計画ファイル（Excel のテンプレート .xlsx か計画の .json）から、新しい空の"
        "マスターワークブックを作成します。計画の階層・評価項目・報告書の文言・担当課が入り、"
        "年度と記入はまだありません。既にあるファイルは置き換えません。",
    )
    p.add_argument(
        "workbook",
        type=master_location,
        help="作成するマスターワークブック（.wpdb）か、サーバーのデータベース"
        "（postgresql+psycopg://ユーザー名@サーバー名/データベース名。空のデータベースに作成します）",
    )
    p.add_argument(
        "--plan",
        type=Path,
        required=True,
        metavar="計画ファイル",
        help="計画のテンプレート（.xlsx）か計画の JSON（.json）",
    )
    p.add_argument(
        "--store-aliases",
        action="store_true",
        help="計画ファイルの担当課の別名を担当課マスタにも登録します（既定では登録しません）",
    )
    p.set_defaults(func=cmd_new)


def register(sub: Any) -> None:
    p = sub.add_parser("plan", help="計画の書き出し・取り込み・一覧・削除・前の計画とのつなぎ")
    psub = p.add_subparsers(dest="plan_command", title="操作", metavar="操作", required=True)
    q = psub.add_parser("export", help="計画を Excel テンプレートに書き出します")
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("out", type=Path, help="書き出す .xlsx")
    q.add_argument("--plan", metavar="キー", help="計画のキー（省略時は最新の計画）")
    q.add_argument("--force", action="store_true", help="既にあるファイルを置き換えます")
    q.set_defaults(func=cmd_plan_export)
    q = psub.add_parser(
        "import", help="計画ファイル（Excel テンプレートか JSON）から新しい計画を取り込みます"
    )
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("file", type=Path, help="取り込む .xlsx か .json")
    q.add_argument("--check", action="store_true", help="確認だけして取り込みません")
    q.set_defaults(func=cmd_plan_import)
    q = psub.add_parser("list", help="ワークブックの計画の一覧")
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.set_defaults(func=cmd_plan_list)
    q = psub.add_parser(
        "delete",
        help="どこからも参照されていない計画を削除します",
        description="計画を削除します（階層・事業・担当ごと）。その計画で作成した年度や、"
        "その計画を前の計画とする計画があるときは削除せず、何が参照しているかを表示します。"
        "削除の前にバックアップを作ります。",
    )
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("key", metavar="キー", help="削除する計画のキー")
    q.set_defaults(func=cmd_plan_delete)
    q = psub.add_parser(
        "link",
        help="計画を前の計画につなぎます（事業の対応表つき）",
        description="取り込んだ計画を前の計画につなぎます。対応表（Excel のシート「前計画との対応」"
        "に 事業番号 / 前計画の事業番号 の列、または welfareplan-lineage/1 の JSON）を指定すると、"
        "事業ごとのつながり（1対多・多対1も可）も設定します。つなぐと、前年度の記入と経年比較が"
        "前の計画の年度までさかのぼります。つなぐ前にバックアップを作ります。",
    )
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("key", metavar="キー", help="つなぐ計画（新しい方）のキー")
    q.add_argument(
        "--predecessor", required=True, metavar="前の計画のキー", help="前の計画（古い方）のキー"
    )
    q.add_argument("--links", type=Path, metavar="対応表", help="事業の対応表（.xlsx か .json）")
    q.set_defaults(func=cmd_plan_link)


# ---------------------------------------------------------------------------- new


def cmd_new(args: argparse.Namespace) -> int:
    from welfareplan.workflow.plans.new_master import create_master

    made = create_master(args.workbook, args.plan, store_aliases=args.store_aliases)
    levels = " / ".join(f"{name} {n}" for name, n in made.levels)
    print(
        f"マスターワークブックを作成しました: {made.where}\n"
        f"計画「{made.plan_name}」（キー {made.plan_key}、{made.period_start}～{made.period_end}年度）: "
        f"{levels} / 事業 {made.projects} / 担当 {made.assignments}、担当課 {made.departments} 課。"
    )
    if made.path is not None:  # the workflow commands take a file (a server master: to come)
        print(f"次に年度を作成します: welfareplan round {made.path} --new 年度")
    return 0


# ---------------------------------------------------------------------------- plan


def cmd_plan_export(args: argparse.Namespace) -> int:
    from welfareplan.workflow.plans.plan_export import export_plan

    with open_master(args.workbook, command="plan export", writes=False) as wb:
        out = export_plan(wb, args.out, plan_key=args.plan, overwrite=args.force)
    print(f"計画を書き出しました: {out}")
    return 0


def cmd_plan_import(args: argparse.Namespace) -> int:
    from welfareplan.workflow.plans.plan_import import PlanImportError, import_plan, read_plan_file

    with open_master(args.workbook, command="plan import", writes=not args.check) as wb:
        if args.check:
            spec, problems = read_plan_file(wb, args.file)
            if problems or spec is None:
                raise PlanImportError(args.file.name, problems)
            print(
                f"問題はありません: 計画「{spec.name}」（キー {spec.key}）、事業 {len(spec.projects())} 件。"
                "取り込むには --check を外してください。"
            )
            return 0
        r = import_plan(wb, args.file)
    linked = (
        f"、前の計画「{r.predecessor_key}」から引き継いだ事業 {r.linked_projects} 件"
        if r.predecessor_key
        else ""
    )
    levels = " / ".join(f"{name} {n}" for name, n in r.levels)
    print(
        f"計画「{r.name}」（キー {r.key}、{r.period_start}～{r.period_end}年度）を取り込みました: "
        f"{levels} / 事業 {r.projects} / 担当 {r.assignments}{linked}。"
    )
    return 0


def cmd_plan_list(args: argparse.Namespace) -> int:
    from welfareplan.core.summary import summarize

    with open_master(args.workbook, command="plan list", writes=False) as wb:
        s = summarize(wb)
    rows = [["キー", "計画", "期間", "事業", "担当"]]
    for p in s.plans:
        rows.append([p.key, p.name, p.period_label, f"{p.projects}", f"{p.assignments}"])
    print(table(rows))
    return 0


def cmd_plan_delete(args: argparse.Namespace) -> int:
    from welfareplan.workflow.plans.plan_delete import delete_plan

    with open_master(args.workbook, command="plan delete", writes=True) as wb:
        found = delete_plan(wb, args.key)
    print(
        f"計画{found.label}を削除しました（{found.contents()}）。削除の前にバックアップを作りました。"
    )
    return 0


def cmd_plan_link(args: argparse.Namespace) -> int:
    from welfareplan.workflow.plans.plan_link import link_plan, read_link_file

    rows = read_link_file(args.links, args.key, args.predecessor) if args.links else None
    with open_master(args.workbook, command="plan link", writes=True) as wb:
        r = link_plan(wb, args.key, args.predecessor, rows)
    print(
        f"計画{r.plan}を前の計画{r.predecessor}につなぎました: "
        f"前の計画の事業を引き継ぐ事業 {r.linked_projects} 件（つながり {r.pairs} 組）。"
    )
    return 0
