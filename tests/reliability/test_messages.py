"""Precise Japanese reasons for crafted metadata and damaged files (issue 13, item 11): never
an English SQLite text, never 予期しないエラー. (The corpus checks every reason of every kind
for English too.)"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.reliability.corpus import Env
from tests.reliability.test_bad_files_merge import ENGLISH
from welfareplan.cli.main import main
from welfareplan.workflow.returns.merge_types import FileOutcome

META = {
    # key: (value as SQL, what the reason must say)
    "revision as bytes": (
        "UPDATE wp_meta SET value = X'3135' WHERE key = 'revision'",
        "管理情報（revision）が文字ではありません",
    ),
    "revision as ²": (
        "UPDATE wp_meta SET value = '²' WHERE key = 'revision'",
        "版番号（revision）「²」が正しくありません",
    ),
    "revision too long": (
        "UPDATE wp_meta SET value = '99999999999999999999' WHERE key = 'revision'",
        "版番号（revision）",
    ),
    "submitted at garbage": (
        "INSERT INTO wp_meta VALUES ('submitted_at', '2026-13-45T99:00')",
        "提出日時「2026-13-45T99:00」が正しくありません",
    ),
    "submitted revision as ²": (
        "INSERT INTO wp_meta VALUES ('submitted_revision', '²')",
        "版番号（submitted_revision）「²」",
    ),
    "file kind as bytes": (
        "UPDATE wp_meta SET value = X'00' WHERE key = 'file_kind'",
        "管理情報（file_kind）が文字ではありません",
    ),
}


@pytest.mark.parametrize("case", list(META))
def test_crafted_metadata_gets_a_precise_reason(env: Env, case: str) -> None:
    sql, words = META[case]
    path = env.valid(f"返送 {case}.wpdb")
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()
    before = env.cycle.sha()
    preview, _ = env.cycle.merge(path)
    (f,) = preview.files
    assert f.outcome is FileOutcome.REJECTED
    assert words in f.reason and path.name in f.reason, f.reason
    assert "予期しない" not in f.reason and not ENGLISH.search(f.reason), f.reason
    assert env.cycle.sha() == before


def test_a_fiscal_year_of_superscript_two_is_no_crash(env: Env) -> None:
    """``fiscal_year`` of a department file is only shown: '²' (a digit to str.isdigit, not
    to int) is shown as unknown instead of ending the merge."""
    path = env.valid("返送 年度.wpdb")
    con = sqlite3.connect(path)
    con.execute("UPDATE wp_meta SET value = '²' WHERE key = 'fiscal_year'")
    con.commit()
    con.close()
    preview, result = env.cycle.merge(path)
    assert preview.files[0].outcome is FileOutcome.APPLY and result.applied == 2


def test_a_damaged_master_is_named_in_japanese(env: Env, tmp_path: Path) -> None:
    master = env.cycle.master
    data = bytearray(master.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, 3 * page, 7):  # the schema's b-tree pages
        data[offset] ^= 0xA5
    master.write_bytes(bytes(data))
    before = sha256(master)
    for args in (
        ["info", master],
        ["status", master, "--year", "2025"],
        ["merge", master, env.valid("返送.wpdb")],
    ):
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            assert main([str(a) for a in args]) == 2
        text = err.getvalue()
        assert "壊れています" in text and master.name in text, text
        assert "予期しない" not in text and not ENGLISH.search(text), text
    assert sha256(master) == before
