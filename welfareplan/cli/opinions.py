"""``welfareplan opinions …``: the committee's round trip from the command line.

``members`` (委員名簿), ``issue`` (意見・提案シートの配布), ``merge`` (取り込み), ``list`` (the
received opinions and the report's opinions with their answers, numbered), ``choose`` /
``unchoose`` (a received opinion into or out of the report), ``move`` (its order) and
``answer`` (市の考え方・対応). Numbers are those ``list`` prints: 受 for received opinions,
報 for the report's opinions.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from welfareplan.cli.arguments import fiscal_year
from welfareplan.cli.master import open_master
from welfareplan.core.errors import DataError
from welfareplan.core.serverdb import master_location
from welfareplan.core.storage import Workbook


def listed_number(prefix: str) -> Callable[[str], int]:
    """argparse type: a number as ``opinions list`` prints it (``受3``) or the bare ``3``
    (full-width digits too)."""

    def parse(text: str) -> int:
        found = re.fullmatch(
            rf"\s*(?:{prefix})?\s*([0-9]{{1,6}})\s*", unicodedata.normalize("NFKC", text)
        )
        if found is None:
            raise argparse.ArgumentTypeError(
                f"「{text}」は番号ではありません（opinions list が表示する {prefix}1 か 1 の形で指定してください）"
            )
        return int(found.group(1))

    return parse


def register(sub: Any) -> None:
    p = sub.add_parser(
        "opinions",
        help="推進委員会の委員名簿・意見・提案シート・委員意見・市の考え方",
        description="委員ごとの意見・提案シート（Excel）を配布して取り込み、受け取った意見を"
        "報告書の委員意見に選び、意見ごとに市の考え方・対応を記入します。"
        "番号は opinions list が表示するものです（受: 受け取った意見、報: 報告書の委員意見）。",
    )
    actions = p.add_subparsers(dest="action", title="操作", metavar="操作", required=True)

    def action(name: str, text: str, *, writes: bool = True) -> argparse.ArgumentParser:
        a: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        a.add_argument(
            "workbook", type=master_location, help="マスターワークブック（.wpdb かサーバー）"
        )
        a.add_argument("--year", type=fiscal_year, required=True, metavar="年度", help="年度")
        a.set_defaults(writes=writes)
        return a

    a = action("members", "委員名簿の表示・追加・削除", writes=True)
    a.add_argument("--add", action="append", metavar="氏名", help="追加する委員（繰り返し指定可）")
    a.add_argument("--remove", action="append", metavar="氏名", help="名簿から削除する委員")
    a.set_defaults(func=cmd_members)
    a = action("issue", "委員ごとの意見・提案シート（Excel）を作成して配布を記録します")
    a.add_argument("--out", type=Path, required=True, metavar="フォルダ", help="出力先のフォルダ")
    a.add_argument("--member", action="append", metavar="氏名", help="この委員だけ（繰り返し可）")
    a.set_defaults(func=cmd_issue)
    a = action("merge", "記入された意見・提案シートを取り込みます")
    a.add_argument("files", type=Path, nargs="+", metavar="ファイル", help="意見・提案シート")
    a.set_defaults(func=cmd_merge)
    a = action(
        "list", "受け取った意見と報告書の委員意見（市の考え方つき）を表示します", writes=False
    )
    a.set_defaults(func=cmd_list)
    a = action("choose", "受け取った意見を報告書の委員意見に入れます")
    a.add_argument("number", type=listed_number("受"), metavar="受の番号")
    a.add_argument("--goal", type=int, metavar="番号", help="全般の意見を載せる基本目標の番号")
    a.set_defaults(func=cmd_choose)
    a = action("unchoose", "報告書の委員意見から外します（受け取った意見は残ります）")
    a.add_argument("number", type=listed_number("受"), metavar="受の番号")
    a.set_defaults(func=cmd_unchoose)
    a = action("move", "報告書の委員意見の順番を変えます（同じ基本目標の中で）")
    a.add_argument("number", type=listed_number("報"), metavar="報の番号")
    a.add_argument("direction", choices=("up", "down"), help="up = 上へ、down = 下へ")
    a.set_defaults(func=cmd_move)
    a = action("answer", "報告書の委員意見に市の考え方・対応を記入します（空で削除）")
    a.add_argument("number", type=listed_number("報"), metavar="報の番号")
    a.add_argument("text", metavar="市の考え方・対応")
    a.add_argument("--department", metavar="担当課", help="対応する担当課")
    a.set_defaults(func=cmd_answer)


def _run(args: argparse.Namespace, work: Any) -> int:
    with open_master(args.workbook, command=f"opinions {args.action}", writes=args.writes) as wb:
        return int(work(wb) or 0)


def cmd_members(args: argparse.Namespace) -> int:
    from welfareplan.workflow.committee.members import add_member, list_members, remove_member

    args.writes = bool(args.add or args.remove)  # only listing: read-only, no lock

    def work(wb: Workbook) -> None:
        for name in args.add or ():
            add_member(wb, args.year, name)
            print(f"委員「{name}」を名簿に追加しました。")
        for name in args.remove or ():
            found = [m for m in list_members(wb, args.year) if m.name == name]
            if not found:
                raise DataError(f"委員「{name}」は名簿にありません。", code="no-member")
            remove_member(wb, found[0].id)
            print(f"委員「{name}」を名簿から削除しました。")
        members = list_members(wb, args.year)
        if not members:
            print("委員名簿に委員がいません（--add で追加します）。")
        for i, m in enumerate(members, 1):
            print(f"{i:>3}  {m.name}　配布 {m.sheets} 件　意見 {m.opinions} 件")

    return _run(args, work)


def cmd_issue(args: argparse.Namespace) -> int:
    from welfareplan.workflow.committee.sheet_issue import issue_opinion_sheets

    def work(wb: Workbook) -> None:
        for sheet in issue_opinion_sheets(wb, args.year, args.out, members=args.member):
            print(f"{sheet.member_name}: {sheet.path}")

    return _run(args, work)


def cmd_merge(args: argparse.Namespace) -> int:
    from welfareplan.core.errors import WelfareplanError
    from welfareplan.workflow.committee.sheet_merge import merge_opinion_sheet

    def work(wb: Workbook) -> int:
        failed = 0
        for path in args.files:
            try:
                print(merge_opinion_sheet(wb, args.year, path).message)
            except WelfareplanError as exc:
                print(f"エラー: {exc.message}")
                failed += 1
        return 2 if failed else 0

    return _run(args, work)


def _report_opinions(wb: Workbook, year: int) -> list[tuple[str, str, str]]:
    """(id, goal title, heading + text) of the report's opinions, in report order."""
    from welfareplan.workflow.rounds.opinions import list_opinions

    return [
        (o.id, g.title, f"{o.heading} {o.text}")
        for g in list_opinions(wb, year)
        for o in g.opinions
    ]


def _pick(items: list[Any], number: int, kind: str) -> Any:
    if not 1 <= number <= len(items):
        raise DataError(
            f"{kind}の番号 {number} はありません（1～{len(items)}。opinions list で確かめてください）。",
            code="bad-number",
        )
    return items[number - 1]


def cmd_list(args: argparse.Namespace) -> int:
    from welfareplan.workflow.committee.answers import answers_of_round
    from welfareplan.workflow.committee.choose import list_received

    def work(wb: Workbook) -> None:
        received = list_received(wb, args.year)
        report = _report_opinions(wb, args.year)
        number_of = {oid: i for i, (oid, _, _) in enumerate(report, 1)}
        print("受け取った意見:")
        if not received:
            print("  （まだありません）")
        for i, r in enumerate(received, 1):
            mark = f"→報{number_of[r.chosen_id]}" if r.chosen_id in number_of else ""
            print(f"  受{i:<3} {r.member_name}　{r.heading} {r.text} {mark}".rstrip())
        answers = answers_of_round(wb, args.year)
        print("報告書の委員意見:")
        title = None
        for i, (oid, goal, text) in enumerate(report, 1):
            if goal != title:
                print(f"  {goal}")
                title = goal
            print(f"    報{i:<3} {text}")
            answer = answers.get(oid)
            if answer is not None:
                dept = f"（{answer.department_name}）" if answer.department_name else ""
                print(f"          市の考え方{dept}: {answer.text}")

    return _run(args, work)


def cmd_choose(args: argparse.Namespace) -> int:
    from welfareplan.workflow.committee.choose import choose_opinion, list_received

    def work(wb: Workbook) -> None:
        received = _pick(list_received(wb, args.year), args.number, "受け取った意見")
        choose_opinion(wb, args.year, received.id, goal=args.goal)
        print(f"受{args.number}を報告書の委員意見に入れました: {received.heading}")

    return _run(args, work)


def cmd_unchoose(args: argparse.Namespace) -> int:
    from welfareplan.workflow.committee.choose import list_received, unchoose_opinion

    def work(wb: Workbook) -> None:
        received = _pick(list_received(wb, args.year), args.number, "受け取った意見")
        unchoose_opinion(wb, received.id)
        print(f"受{args.number}を報告書の委員意見から外しました。")

    return _run(args, work)


def cmd_move(args: argparse.Namespace) -> int:
    from welfareplan.workflow.rounds.opinions import move_opinion

    def work(wb: Workbook) -> None:
        oid, _, _ = _pick(_report_opinions(wb, args.year), args.number, "報告書の委員意見")
        move_opinion(wb, oid, -1 if args.direction == "up" else 1)
        print("順番を変えました。")

    return _run(args, work)


def cmd_answer(args: argparse.Namespace) -> int:
    from welfareplan.workflow.committee.answers import set_answer

    def work(wb: Workbook) -> None:
        oid, _, text = _pick(_report_opinions(wb, args.year), args.number, "報告書の委員意見")
        set_answer(wb, oid, args.text, args.department)
        done = "記入しました" if args.text.strip() else "削除しました"
        print(f"報{args.number}（{text[:30]}）の市の考え方・対応を{done}。")

    return _run(args, work)
