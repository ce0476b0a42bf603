"""``welfareplan merge`` (returned department files and Excel worksheets into the master) and
``conflicts``.

Exit status of ``merge``: 0 when no file was rejected and no conflict is left open, 1
otherwise (the summary says which), 2 when the command itself failed (nothing was changed).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from welfareplan.cli.arguments import fiscal_year
from welfareplan.cli.master import open_master
from welfareplan.core.serverdb import master_location
from welfareplan.core.wareki import results_label

INDENT = "      "


def register(sub: Any) -> None:
    p = sub.add_parser(
        "merge",
        help="返ってきた担当課ファイル・Excel の評価シートをマスターワークブックに取り込みます",
        description="担当課ファイル（.wpdb）と、distribute --format xlsx で配布した Excel の評価シート"
        "（.xlsx）を確認し（このワークブックが配布したファイルか、受付中の年度か、"
        "自分の担当課の記入だけを変えているか。評価シートは入力欄以外が変わっていないか、評価や数値が計画の評価項目に合っているか）、"
        "項目ごとに取り込みます。マスター側でも変わった項目は"
        "競合として報告し、--prefer を指定しない限り未解決のまま残します。取り込みの前にバックアップを作ります。"
        "終了コード: 0 = 却下も未解決の競合もなし、1 = どちらかあり、2 = エラー（何も変更なし）。",
    )
    p.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    p.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="返ってきた担当課ファイル（.wpdb）・評価シート（.xlsx）",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="何が変わるかを表示するだけで、何も書き込みません"
    )
    p.add_argument(
        "--prefer",
        choices=("file", "master"),
        help="競合をすべてファイルの値（file）かマスターの値（master）で解決します",
    )
    p.add_argument(
        "--year", type=fiscal_year, metavar="年度", help="この年度のファイルだけを受け付けます"
    )
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser(
        "conflicts",
        help="未解決の競合の一覧と解決",
        description="取り込みで残った競合（担当課とマスターの両方で変わった項目）を表示し、"
        "--resolve でファイルの値かマスターの値に決めます。",
    )
    p.add_argument(
        "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
    )
    p.add_argument("--year", type=fiscal_year, metavar="年度", help="年度")
    p.add_argument("--resolve", choices=("file", "master"), help="表示した競合をこの値で解決します")
    p.add_argument("--id", action="append", metavar="ID", help="解決する競合（繰り返し指定可）")
    p.set_defaults(func=cmd_conflicts)


def show(value: str) -> str:
    if value == "":
        return "（空）"
    lines = value.splitlines() or [value]
    return ("\n" + INDENT).join(lines)


def format_preview(preview: Any, prefer: str | None) -> list[str]:
    from welfareplan.workflow.returns.merge_types import FileOutcome

    lines: list[str] = []
    for f in preview.files:
        head = f.name
        facts = [
            x
            for x in (f.department_name, results_label(f.fiscal_year) if f.fiscal_year else "")
            if x
        ]
        if f.file_format == "xlsx":
            facts.insert(0, f.file_label)
            if f.revision is not None:
                facts.append(f.revision_label)
            if f.state is not None and f.state.submitted_by:
                facts.append(f"最終保存者 {f.state.submitted_by}")
        else:
            if f.revision is not None:
                facts.append(f.revision_label)
            if f.state is not None and f.state.is_submitted:
                sub = f"提出 {f.state.submitted_at:%Y-%m-%d} {f.state.submitted_by}".rstrip()
                if f.state.changed_after_submission:
                    sub += "（提出後に変更あり）"
                facts.append(sub)
        if f.upgraded_from is not None:
            facts.append(f"古い形式 {f.upgraded_from} を一時コピーで更新")
        if facts:
            head += f"（{'、'.join(facts)}）"
        if f.outcome is FileOutcome.REJECTED:
            lines.append(f"{head}: 却下 — {f.reason}")
            continue
        if f.outcome is not FileOutcome.APPLY:
            lines.append(f"{head}: {f.outcome.label} — {f.reason}")
            continue
        live = [c for c in f.conflicts if not c.superseded]
        lines.append(
            f"{head}: 取込 {len(f.changes)} 項目 / 変更なし {f.unchanged_fields} 項目 / 競合 {len(live)} 件"
        )
        lines.extend(f"  注: {note}" for note in f.notes)
        confirmation = f.state.confirmation if f.state is not None else None
        if confirmation is not None:
            lines.append(f"  所属長の確認: {confirmation.label}")
        for r in f.replies:
            lines.append(
                f"  差戻しへの回答 {r.entry.project_label}（{r.entry.department_name}） {r.field_label}"
            )
            lines.append(f"    指摘: {show(r.comment_text)}")
            lines.append(f"    回答: {show(r.reply.text)}（{r.reply.author}）")
        for c in f.changes:
            lines.append(f"  {c.entry.project_label}（{c.entry.department_name}） {c.field_label}")
            lines.append(f"    変更前: {show(c.old)}")
            lines.append(f"    変更後: {show(c.new)}")
        for k in f.conflicts:
            note = "（同時に取り込む別のファイルで上書き）" if k.superseded else ""
            lines.append(
                f"  競合 {k.entry.project_label}（{k.entry.department_name}） {k.field_label}{note}"
            )
            lines.append(f"    比べる元: {show(k.issued)}（{k.base_label}）")
            lines.append(f"    ファイル: {show(k.file)}")
            lines.append(f"    マスター: {show(k.master)}")
            if prefer and not k.superseded:
                lines.append(f"    → {'ファイル' if prefer == 'file' else 'マスター'}の値にします")
    return lines


def cmd_merge(args: argparse.Namespace) -> int:
    from welfareplan.workflow.returns.apply import apply_merge, prefer_all
    from welfareplan.workflow.returns.compare import preview_merge

    with open_master(args.workbook, command="merge", writes=not args.dry_run) as wb:
        preview = preview_merge(wb, args.files, fiscal_year=args.year)
        if args.dry_run:
            print("試行（--dry-run）: 次の内容を取り込みます。マスターワークブックは変更しません。")
        for line in format_preview(preview, args.prefer):
            print(line)
        choices = prefer_all(preview, args.prefer) if args.prefer else {}
        open_conflicts = len(preview.conflicts) - len(choices)
        rejected = len(preview.rejected)
        applied = len(preview.changes) + sum(1 for v in choices.values() if v == "file")
        if args.dry_run:
            print(
                f"合計（試行）: 取込予定 {applied} 項目、未解決の競合 {open_conflicts} 件、"
                f"却下 {rejected} ファイル。何も書き込んでいません。"
            )
            return 0 if rejected == 0 and open_conflicts == 0 else 1
        result = apply_merge(wb, preview, choices)
    print(
        f"合計: 取込 {result.applied} 項目、競合の解決 {result.conflicts_resolved} 件、"
        f"未解決の競合 {result.conflicts_open} 件、却下 {result.rejected} ファイル。"
    )
    if result.backup is not None:
        print(f"取り込み前のバックアップ: {result.backup.name}")
    else:
        print("マスターワークブックは変更していません。")
    if result.conflicts_open:
        print(f"競合を解決するには: welfareplan conflicts {args.workbook}")
    return 0 if result.ok else 1


def cmd_conflicts(args: argparse.Namespace) -> int:
    from welfareplan.workflow.returns.conflicts import list_conflicts, resolve_conflicts

    with open_master(args.workbook, command="conflicts", writes=bool(args.resolve)) as wb:
        conflicts = list_conflicts(wb, args.year)
        if args.id:
            wanted = set(args.id)
            conflicts = [c for c in conflicts if c.id in wanted]
            missing = wanted - {c.id for c in conflicts}
            if missing:
                print(f"未解決の競合にない ID: {'、'.join(sorted(missing))}")
                return 2
        if not conflicts:
            print("未解決の競合はありません。")
            return 0
        for c in conflicts:
            print(
                f"{c.id}  {c.entry.year_label} {c.entry.project_label}（{c.entry.department_name}）"
                f" {c.field_label}  ファイル「{c.file_name}」"
            )
            print(f"    比べる元: {show(c.issued)}（{c.base_label}）")
            print(f"    ファイル: {show(c.file)}")
            print(f"    マスター: {show(c.master_now)}")
        if not args.resolve:
            print(
                f"未解決の競合 {len(conflicts)} 件。解決するには --resolve file か --resolve master。"
            )
            return 1
        result = resolve_conflicts(wb, {c.id: args.resolve for c in conflicts})
    print(f"競合 {result.resolved} 件を解決しました（値を変えた項目 {result.changed} 件）。")
    return 0
