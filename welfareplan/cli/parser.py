"""An argparse parser that speaks Japanese: usage, section titles, help and errors."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

_ERROR_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.+)"), r"次の指定が必要です: \1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"不明な指定があります: \1"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
        r"\1 に \2 は指定できません（選べるもの: \3）",
    ),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 には値を1つ指定してください"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"), r"\1 の値 \3 が正しくありません"),
    (
        re.compile(r"argument (\S+): not allowed with argument (\S+)"),
        r"\1 と \2 は同時に指定できません",
    ),
    (re.compile(r"one of the arguments (.+) is required"), r"\1 のどれかを指定してください"),
]


def translate_error(message: str) -> str:
    for pattern, replacement in _ERROR_PATTERNS:
        if pattern.search(message):
            return pattern.sub(replacement, message)
    return message


class JapaneseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="使い方: " if prefix is None else prefix)


class JapaneseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", JapaneseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "引数"
        self._optionals.title = "オプション"
        self.add_argument("-h", "--help", action="help", help="このヘルプを表示して終了します")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: エラー: {translate_error(message)}\n")
