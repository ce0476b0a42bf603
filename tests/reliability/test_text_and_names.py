"""Text and names (issue 13, item 7): one cleaning rule for every way text enters, and nothing
raw reaches a terminal — control characters in texts and file names are shown escaped, a file
name with bytes that are not UTF-8 is merged and recorded instead of ending in exit 3."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.department_edits import fill, own_entries
from tests.helpers.worksheet_edits import fill_sheet
from tests.reliability.holders import REPO
from tests.workflow.conftest import SheetCycle
from tests.workflow.test_merge import master_value
from welfareplan.core.editing import save_entry
from welfareplan.core.koganei_form import koganei_values
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text

#: NUL, BEL, ESC (a colour sequence), VT, DEL, C1, a CR LF: what another program could leave.
RAW = "実績\x00と\x07ベル\x1b[31m赤\x1b[0m\x0bタブ\x7f\x85次\r\n行"


def test_one_rule_for_typed_returned_and_worksheet_text(sheet_cycle: SheetCycle) -> None:
    """The same raw text typed in the department app, returned in a department file written
    by another program, and pasted into a worksheet, is stored the same: cleaned."""
    expected = clean_text(RAW)
    assert expected == "実績とベル[31m赤[0mタブ\n次\n行"  # NEL is a line break
    # typed (the department app saves through core.editing)
    typed = sheet_cycle.file("健康課")
    with Workbook.open(typed) as wb:
        (eid,) = own_entries(typed).values()
        save_entry(wb, eid, koganei_values(RAW, "B", ""))
    # written into a department file by another program, bypassing the app
    returned = sheet_cycle.file("介護福祉課")
    fill(returned, {9: {"result": RAW}})
    # pasted into a worksheet (Excel stores the C0 controls as _xHHHH_)
    sheet = fill_sheet(
        sheet_cycle.sheet("地域福祉課"),
        values={
            1: {
                "result": "".join(
                    f"_x{ord(c):04X}_" if ord(c) < 32 and c not in "\n\t" else c for c in RAW
                )
            }
        },
    )
    preview, _ = sheet_cycle.merge(typed, returned, sheet)
    assert not preview.rejected, [f.reason for f in preview.rejected]
    assert master_value(sheet_cycle, "健康課", 7, "result") == expected
    assert master_value(sheet_cycle, "介護福祉課", 9, "result") == expected
    assert master_value(sheet_cycle, "地域福祉課", 1, "result") == expected


def _merge(master: Path, *paths: bytes, home: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "welfareplan", "merge", os.fsencode(master), *paths],
        capture_output=True,
        cwd=REPO,
        env=os.environ | {"WELFAREPLAN_HOME": str(home), "PYTHONIOENCODING": "utf-8"},
        timeout=300,
        check=False,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="file names are UTF-16 on Windows")
def test_control_characters_and_undecodable_names_never_reach_the_terminal_raw(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    returned = sheet_cycle.file("介護福祉課")
    fill(returned, {9: {"result": "ESC\x1b[2Jで画面を消す"}})
    bad = os.fsencode(tmp_path) + b"/R7_\xff\xfe\x1b]0;title\x07.wpdb"
    os.rename(os.fsencode(returned), bad)
    junk = os.fsencode(tmp_path) + b"/\x1b[2J\xff.wpdb"  # refused: its name is in the reason
    Path(os.fsdecode(junk)).write_bytes(b"not a database")
    done = _merge(sheet_cycle.master, bad, junk, home=tmp_path / "利用者")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out.decode("utf-8", "replace")
    assert b"\x1b" not in out and b"\x07" not in out
    text = out.decode("utf-8")  # everything printed is valid UTF-8
    # the accepted file under its safe name; the refused one's raw name shown escaped
    assert "R7_\ufffd\ufffd]0;title.wpdb（介護福祉課" in text
    assert "ファイル「\\u001b[2J\\udcff.wpdb」は welfareplan のファイルではありません" in text
    assert "取り込み前のバックアップ:" in text
    con = sqlite3.connect(sheet_cycle.master)
    (name,) = con.execute("SELECT file_name FROM received_return").fetchone()
    (source,) = con.execute(
        "SELECT DISTINCT source_file FROM audit_event WHERE action = 'merge'"
    ).fetchone()
    con.close()
    assert name == source == "R7_\ufffd\ufffd]0;title.wpdb"  # stored safely, never raw
    assert master_value(sheet_cycle, "介護福祉課", 9, "result") == "ESC[2Jで画面を消す"
