"""The ``welfareplan`` command.

Subcommands register themselves from the modules listed in :data:`COMMAND_MODULES`; each module
has ``register(subparsers)`` and keeps heavy imports (openpyxl, python-docx, Qt) inside the
functions that need them, so ``welfareplan info`` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan import __version__
from welfareplan.cli.parser import JapaneseArgumentParser
from welfareplan.cli.terminal import TerminalText
from welfareplan.core.errors import WelfareplanError
from welfareplan.workflow.wording import command_line

if TYPE_CHECKING:
    from sqlalchemy import URL

COMMAND_MODULES = ("welfareplan.cli.basic", "welfareplan.cli.exports", "welfareplan.cli.workflow")

DESCRIPTION = """\
地域福祉計画の進捗状況及び評価表を作成・集約するアプリです。
引数なしで起動するとウィンドウ（GUI）が開きます。"""


def build_parser() -> argparse.ArgumentParser:
    parser = JapaneseArgumentParser(prog="welfareplan", description=DESCRIPTION)
    parser.add_argument(
        "--version",
        action="version",
        version=f"welfareplan {__version__}",
        help="版を表示して終了します",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="自己診断（デモで配布・記入・取り込み・Word/Excel 出力）を行って終了します",
    )
    sub = parser.add_subparsers(
        dest="command", title="コマンド", metavar="コマンド", parser_class=JapaneseArgumentParser
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _configure_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def expand_wildcards(argv: Sequence[str]) -> list[str]:
    """Expand ``返却\\*.wpdb`` to the matching files (sorted), as POSIX shells do before a
    program starts and cmd.exe and PowerShell do not. Options, existing paths and patterns
    that match nothing are left as they are (the command then names the missing file)."""
    expanded: list[str] = []
    for arg in argv:
        if arg.startswith("-") or not {"*", "?"} & set(arg) or Path(arg).exists():
            expanded.append(arg)
            continue
        # only * and ? are wildcards here: a "[" in a file name stays a "["
        pattern = glob.escape(arg).replace("[*]", "*").replace("[?]", "?")
        expanded += sorted(glob.glob(pattern)) or [arg]
    return expanded


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    _configure_stdio()
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalText(out), TerminalText(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _ask_passwords_on_a_terminal() -> None:
    """A server that wants a password pgpass and PGPASSWORD did not give asks for it here,
    hidden, when a person is at a terminal (never on the command line, never shown)."""
    from welfareplan.core import serverdb

    if not sys.stdin.isatty():
        serverdb.set_password_prompt(None)
        return

    def prompt(url: URL) -> str | None:
        import getpass

        try:
            return getpass.getpass(f"{serverdb.describe(url)} のパスワード: ")
        except (EOFError, KeyboardInterrupt):
            return None

    serverdb.set_password_prompt(prompt)


def _main(argv: Sequence[str] | None) -> int:
    if argv is None and sys.platform == "win32":
        argv = expand_wildcards(sys.argv[1:])
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    if given and not given[0].startswith("-") and given[0] not in _commands(parser):
        given = ["gui", *given]  # `welfareplan FILE` opens the file in the window
    args = parser.parse_args(given)
    _ask_passwords_on_a_terminal()
    if args.self_test:
        from welfareplan.selftest import main as self_test

        return self_test()
    if args.command is None:
        args = parser.parse_args(["gui", *given])
    try:
        # messages name commands here, tabs and buttons in the window (`welfareplan gui`)
        with command_line() if args.command != "gui" else contextlib.nullcontext():
            return int(args.func(args) or 0)
    except WelfareplanError as exc:
        print(f"エラー: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("中断しました。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (`welfareplan status … | head`): not an error
        import os

        with contextlib.suppress(OSError, ValueError):
            os.dup2(
                os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno()
            )  # no second error at exit
        return 0
    except Exception as exc:
        from welfareplan.core.crashlog import unexpected_error_message, write_crash_report

        print(f"エラー: {unexpected_error_message(exc, write_crash_report(exc))}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
