"""Wildcards in file arguments on Windows, where cmd.exe and PowerShell leave them to the
program (``welfareplan-cli merge マスター.wpdb 返却\\*.wpdb``)."""

from __future__ import annotations

from pathlib import Path

from welfareplan.cli.main import expand_wildcards


def test_patterns_become_the_matching_files_sorted(tmp_path: Path) -> None:
    back = tmp_path / "返却 フォルダ"
    back.mkdir()
    for name in ("R7_福祉総務課.wpdb", "R7_地域福祉課.wpdb", "R7_地域福祉課.wpdb.lock", "メモ.txt"):
        (back / name).write_bytes(b"")
    (back / "R7_介護福祉課_評価シート.xlsx").write_bytes(b"")
    master = str(tmp_path / "マスター.wpdb")
    argv = ["merge", "--dry-run", master, str(back / "*.wpdb"), str(back / "R7_*.xlsx")]
    assert expand_wildcards(argv) == [
        "merge",
        "--dry-run",
        master,
        str(back / "R7_地域福祉課.wpdb"),
        str(back / "R7_福祉総務課.wpdb"),
        str(back / "R7_介護福祉課_評価シート.xlsx"),
    ]


def test_other_arguments_are_left_alone(tmp_path: Path) -> None:
    literal = tmp_path / "R7_[案]_地域福祉課.wpdb"
    literal.write_bytes(b"")
    (tmp_path / "R7_案_地域福祉課.wpdb").write_bytes(b"")
    unmatched = str(tmp_path / "返却" / "*.wpdb")
    odd = tmp_path / "what?.wpdb"
    odd.write_bytes(b"")
    argv = ["--year", "R7", "--department", "地域*", str(literal), unmatched, str(odd)]
    # "地域*" matches no file; "[案]" is not a character class; an existing path stays itself
    assert expand_wildcards(argv) == argv
    bracket = str(tmp_path / "R7_[案]_*.wpdb")
    assert expand_wildcards([bracket]) == [str(literal)]
