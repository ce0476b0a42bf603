"""``welfareplan export`` (the report in Word / Excel) and ``welfareplan worksheets``
(one Excel input form and one printable Word sheet per department)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from welfareplan.core.serverdb import master_location

PAPER_CHOICES = ("A4", "A3")


def _paper(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).strip().upper()


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="評価表（進捗状況及び評価表）を Word / Excel に出力します",
        description=(
            "マスターワークブックの指定した年度の評価を、公表用の評価表として出力します。\n"
            "ワークブックは読み取り専用で開き、変更しません。既にある出力ファイルは置き換えます。"
        ),
    )
    p.add_argument(
        "workbook",
        type=master_location,
        help="マスターワークブック（.wpdb か、サーバーの postgresql+psycopg://…）",
    )
    p.add_argument("--year", required=True, help="年度（2024、R6、令和6年度 のいずれの形でも可）")
    p.add_argument("--docx", type=Path, metavar="OUT.docx", help="Word の出力先")
    p.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="Excel の出力先")
    p.add_argument(
        "--paper",
        type=_paper,
        choices=PAPER_CHOICES,
        default="A4",
        help="用紙（A4 または A3、どちらも横向き。既定は A4）",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "worksheets",
        help="担当課ごとの評価シート（確認・印刷用。取り込みはできません）を出力します",
        description=(
            "指定した年度の担当課ごとに、Excel の記入用シートと Word の印刷用シートを1つずつ作成します。\n"
            "ファイル名は「R6_地域福祉課_評価シート.xlsx」のように年度と担当課名を含みます。\n"
            "ここで作るシートは確認・印刷用で、配布の記録がないため、記入しても merge で取り込めません。"
            "記入して返してもらい取り込む評価シートは welfareplan distribute --format xlsx で配布してください。"
        ),
    )
    p.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    p.add_argument("--year", required=True, help="年度（2024、R6、令和6年度 のいずれの形でも可）")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="出力先のフォルダ")
    p.add_argument("--blank", action="store_true", help="記入欄を空にした配布用のシートを作ります")
    p.add_argument("--department", metavar="NAME", help="この担当課のシートだけを作ります")
    p.add_argument(
        "--paper",
        type=_paper,
        choices=PAPER_CHOICES,
        default="A4",
        help="Word / 印刷の用紙（A4 または A3、横向き。既定は A4）",
    )
    p.set_defaults(func=cmd_worksheets)


def cmd_export(args: argparse.Namespace) -> int:
    from welfareplan.cli.master import read_master
    from welfareplan.core.errors import DataError
    from welfareplan.core.wareki import parse_fiscal_year
    from welfareplan.exports.paper import paper
    from welfareplan.exports.round_export import export_report

    year = parse_fiscal_year(args.year)
    if args.docx is None and args.xlsx is None:
        raise DataError(
            "出力先を指定してください（--docx OUT.docx と --xlsx OUT.xlsx の少なくとも一方）。",
            code="no-output",
        )
    with read_master(args.workbook) as wb:
        report, written = export_report(
            wb, year, docx=args.docx, xlsx=args.xlsx, paper_size=args.paper
        )
    counts = report.totals()
    summary = " / ".join(f"{report.code_label(k)} {counts[k]}" for k in report.form.codes)
    for path in written:
        kind = "Word" if path.suffix.lower() == ".docx" else "Excel"
        print(f"{kind} の評価表を出力しました: {path}")
    print(
        f"{report.year_label}実績報告（{paper(args.paper).label}）: "
        f"記入 {report.entry_count()} 件" + (f"（{summary}）" if summary else "")
    )
    return 0


def cmd_worksheets(args: argparse.Namespace) -> int:
    from welfareplan.cli.master import read_master
    from welfareplan.core.wareki import fiscal_year_label, parse_fiscal_year
    from welfareplan.exports.round_export import export_worksheets

    year = parse_fiscal_year(args.year)
    with read_master(args.workbook) as wb:
        done = export_worksheets(
            wb,
            year,
            args.out,
            blank=args.blank,
            department=args.department,
            paper_size=args.paper,
        )
    variant = "記入欄が空の配布用" if args.blank else "記入済み"
    for item in done:
        print(f"{item.department_name}（{item.entries} 件）: {item.xlsx.name} / {item.docx.name}")
    print(
        f"{fiscal_year_label(year)}の評価シート（{variant}）を {len(done)} 課分作成しました: {args.out}"
    )
    return 0
