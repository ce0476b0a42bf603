"""``welfareplan history import``: a past year's published evaluation brought in as a closed
round (the product's own exported Excel report, or a plain table; docs/plan-template.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from welfareplan.cli.arguments import a_month, fiscal_year
from welfareplan.cli.master import open_master
from welfareplan.core.serverdb import master_location
from welfareplan.core.wareki import month_label


def register(sub: Any) -> None:
    p = sub.add_parser("history", help="過去の年度の評価（公表済み）の取り込み")
    hsub = p.add_subparsers(dest="history_command", title="操作", metavar="操作", required=True)
    q = hsub.add_parser(
        "import",
        help="過去の年度の評価表を締切済みの年度として取り込みます",
        description="公表済みの評価を、締切済みの年度として取り込みます。ファイルは、このアプリで"
        "書き出した評価表（Excel）か、事業番号・担当課・評価項目ごとの列の表（Excel）です"
        "（docs/plan-template.md）。合わない行が1つでもあれば、行番号つきで全部を表示し、"
        "何も変更しません。取り込んだ記入の記入者は「（過去の報告から取込）」、日付は公表月です。",
    )
    q.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    q.add_argument("file", type=Path, help="取り込む .xlsx")
    q.add_argument(
        "--plan", metavar="キー", help="使う計画のキー（省略時はその年度を期間に含む計画）"
    )
    q.add_argument(
        "--year",
        type=fiscal_year,
        metavar="年度",
        help="取り込む年度（例: 2018、H30、平成30年度。評価表なら省略できます）",
    )
    q.add_argument(
        "--published", type=a_month, metavar="年月", help="公表の年月（例: 令和2年3月、2020-03）"
    )
    q.add_argument("--check", action="store_true", help="確認だけして取り込みません")
    q.set_defaults(func=cmd_history_import)


def cmd_history_import(args: argparse.Namespace) -> int:
    from welfareplan.workflow.rounds.history_import import (
        HistoryImportError,
        import_history,
        preview_history,
    )

    options = {"plan_key": args.plan, "fiscal_year": args.year, "published_on": args.published}
    with open_master(args.workbook, command="history import", writes=not args.check) as wb:
        if args.check:
            preview = preview_history(wb, args.file, **options)
            if not preview.ok:
                raise HistoryImportError(preview)
        else:
            preview = import_history(wb, args.file, **options)
    published = f"、公表 {month_label(args.published)}" if args.published else ""
    what = "問題はありません" if args.check else "取り込みました（締切済み）"
    print(
        f"{preview.label}（計画{preview.plan_label}）: 記入 {len(preview.entries)} 件"
        f"{published}。{what}。"
    )
    if args.check:
        print("取り込むには --check を外してください。")
    return 0
