"""``welfareplan demo``, ``welfareplan new`` (registered from :mod:`welfareplan.cli.plans`), ``welfareplan info`` and ``welfareplan gui``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from welfareplan.cli import master_copy, plans, server
from welfareplan.cli.arguments import file_master
from welfareplan.core.serverdb import master_location
from welfareplan.core.summary import FileSummary
from welfareplan.core.wareki import date_label, month_label


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        help="組み込みのデモ（令和6年度実績報告）でマスターワークブックを作成します",
        description="小金井市地域福祉計画と令和6年度の評価（公表済み）を収めたマスターワークブックを作成します。",
    )
    p.add_argument("out", type=Path, help="作成するファイル（例: demo.wpdb）")
    p.add_argument("--force", action="store_true", help="既にあるファイルを置き換えます")
    p.set_defaults(func=cmd_demo)

    plans.register_new(sub)
    master_copy.register(sub)
    server.register(sub)

    p = sub.add_parser(
        "info",
        help="ファイルの種類・計画・年度・記入状況を表示します",
        description="ファイルを変更せずに、種類・計画・担当課数・年度ごとの記入状況と評価の内訳を表示します。",
    )
    p.add_argument("file", type=file_master, help="調べるファイル")
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("gui", help="ウィンドウを開きます（引数なしで起動した場合と同じ）")
    p.add_argument(
        "file",
        type=master_location,
        nargs="?",
        help="開くファイル（またはサーバーのマスターの URL）",
    )
    p.add_argument("--demo", action="store_true", help="組み込みデモを開きます")
    p.set_defaults(func=cmd_gui)


def cmd_demo(args: argparse.Namespace) -> int:
    from welfareplan.core.shipped import create_demo_workbook

    path = create_demo_workbook(args.out, overwrite=args.force)
    print(f"デモのマスターワークブックを作成しました: {path}")
    print(f"内容を見るには: welfareplan info {path}")
    return 0


def format_summary(s: FileSummary) -> str:
    lines = [
        f"ファイル: {s.path}",
        f"種類: {s.kind.label}（{s.kind.value}）",
        f"ファイルID: {s.file_uuid}",
        f"作成: {s.created_at}（welfareplan {s.app_version}、形式 {s.schema_version}）",
    ]
    if s.department_name:
        lines.append(f"担当課: {s.department_name}")
    for p in s.plans:
        levels = " / ".join(f"{name} {n}" for name, n in p.levels)
        lines.append(
            f"計画: {p.name}（{p.key}、{p.period_label}） {levels} / 事業 {p.projects} / "
            f"担当 {p.assignments}"
            + (f"（前の計画 {p.predecessor_key}）" if p.predecessor_key else "")
        )
    lines.append(f"担当課マスタ: {s.departments} 課")
    if not s.rounds:
        lines.append("年度: なし")
    for r in s.rounds:
        parts = [f"{r.label}（{r.fiscal_year}年度）", r.status_label]
        if r.deadline:
            parts.append(f"締切 {date_label(r.deadline)}")
        if r.published_on:
            parts.append(f"公表 {month_label(r.published_on)}")
        lines.append("年度: " + " ".join(parts))
        ratings = " / ".join(f"{k} {r.counts.get(k, 0)}" for k in r.codes)
        rated = (
            f" / 評価済み {r.rated} （{ratings} / 未評価 {r.counts.get('', 0)}）" if r.codes else ""
        )
        lines.append(f"  記入 {r.total} 件: 完了 {r.complete} / 未記入 {r.blank}{rated}")
    return "\n".join(lines)


def summary_json(s: FileSummary) -> dict[str, Any]:
    data = asdict(s)
    data["path"] = str(s.path)
    data["kind"] = s.kind.value
    for r in data["rounds"]:
        for key in ("deadline", "published_on"):
            r[key] = r[key].isoformat() if r[key] else None
    return data


def cmd_info(args: argparse.Namespace) -> int:
    from welfareplan.core.storage import Workbook
    from welfareplan.core.summary import summarize

    with Workbook.open(args.file, read_only=True) as wb:
        summary = summarize(wb)
    if args.json:
        print(json.dumps(summary_json(summary), ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary))
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    import importlib
    import importlib.util

    try:
        gui = importlib.util.find_spec("welfareplan.gui.app")
    except ModuleNotFoundError:  # no welfareplan.gui package at all (welfareplan-cli.exe)
        gui = None
    if gui is None:
        if getattr(sys, "frozen", False):  # welfareplan-cli(.exe) of the program folder
            print(
                "ウィンドウは同じフォルダの welfareplan（welfareplan.exe）で開きます。"
                "コマンドの使い方は welfareplan-cli --help をご覧ください。"
            )
        else:
            print(
                "このインストールにはウィンドウ（GUI）がありません。使い方は welfareplan --help をご覧ください。"
            )
        return 2
    try:
        app = importlib.import_module("welfareplan.gui.app")
    except ImportError as exc:
        print(
            "ウィンドウ（GUI）を開けません（PySide6 を読み込めません: "
            f"{exc}）。コマンドの使い方は welfareplan --help をご覧ください。"
        )
        return 2
    return int(app.run_gui(args.file, demo=args.demo))
