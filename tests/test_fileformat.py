"""Files that are not ours, newer, or damaged are refused with a Japanese message, untouched."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import zipfile
from pathlib import Path

import pytest

from tests.conftest import sha256
from welfareplan.core.errors import FileCheckError, SchemaTooNewError
from welfareplan.core.fileformat import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    FileKind,
    check_file,
)
from welfareplan.core.storage import Workbook


def _refused(path: Path, code: str, *, read_only: bool = False) -> str:
    before = sha256(path) if path.is_file() else None
    with pytest.raises(FileCheckError) as info:
        Workbook.open(path, read_only=read_only)
    assert info.value.code == code
    if before is not None:
        assert sha256(path) == before, "a refused file must stay byte-identical"
    assert not list(path.parent.glob("*.backups")), "no backup folder for a refused file"
    msg = info.value.message
    assert any("\u3040" <= ch <= "\u30ff" for ch in msg), f"message is not Japanese: {msg}"
    return msg


def test_text_file(tmp_path: Path) -> None:
    p = tmp_path / "memo.txt"
    p.write_text("地域福祉課のメモ\n", encoding="utf-8")
    assert "SQLiteデータベースではありません" in _refused(p, "not-sqlite")


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.wpdb"
    p.write_bytes(b"")
    assert "空" in _refused(p, "empty")


def test_png_and_zip_are_named(tmp_path: Path) -> None:
    png = tmp_path / "image.wpdb"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    assert "PNG" in _refused(png, "not-sqlite")
    z = tmp_path / "book.xlsx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.txt", "x")
    assert "ZIP" in _refused(z, "not-sqlite")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "見つかりません" in _refused(tmp_path / "nai.wpdb", "not-found")
    assert "フォルダ" in _refused(tmp_path, "is-dir")


@pytest.mark.parametrize("keep", [50, 100, 4096, 20000, -1])
def test_truncated_copies(demo_master: Path, tmp_path: Path, keep: int) -> None:
    data = demo_master.read_bytes()
    p = tmp_path / "truncated.wpdb"
    p.write_bytes(data[:keep] if keep > 0 else data[: len(data) // 2])
    _refused(p, "truncated")


def test_higher_user_version(demo_master: Path, tmp_path: Path) -> None:
    p = tmp_path / "future.wpdb"
    shutil.copyfile(demo_master, p)
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = sha256(p)
    with pytest.raises(SchemaTooNewError) as info:
        Workbook.open(p)
    assert "新しい版" in info.value.message
    assert sha256(p) == before


def test_foreign_sqlite_database(tmp_path: Path) -> None:
    p = tmp_path / "other.db"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    assert "他のアプリケーション" in _refused(p, "foreign-app")


def test_our_id_but_no_meta(tmp_path: Path) -> None:
    p = tmp_path / "bare.wpdb"
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    _refused(p, "bad-structure")  # its tables are not ours: named before anything is read


def test_corrupted_pages_fail_quick_check(demo_master: Path, tmp_path: Path) -> None:
    data = bytearray(demo_master.read_bytes())
    page_size = struct.unpack(">H", data[16:18])[0]
    # Scribble over the second and third pages (b-tree pages of the schema tables).
    for offset in range(page_size, 3 * page_size, 7):
        data[offset] ^= 0xFF
    p = tmp_path / "flipped.wpdb"
    p.write_bytes(bytes(data))
    _refused(p, "corrupt")


def test_wrong_kind_is_named(demo_master: Path) -> None:
    with pytest.raises(FileCheckError) as info:
        check_file(demo_master, expect=FileKind.DEPARTMENT)
    assert info.value.code == "wrong-kind"
    assert "マスターワークブック" in info.value.message


def test_healthy_file_passes(demo_master: Path) -> None:
    check = check_file(demo_master)
    assert check.kind is FileKind.WORKBOOK
    assert check.schema_version == SCHEMA_VERSION
    assert len(check.file_uuid) == 36


def test_header_marks(demo_master: Path) -> None:
    con = sqlite3.connect(demo_master.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        meta = dict(con.execute("SELECT key, value FROM wp_meta"))
    finally:
        con.close()
    assert meta["file_kind"] == "workbook"
    assert {"file_uuid", "app_version", "created_at", "schema_version"} <= meta.keys()


def test_read_only_open_does_not_touch_the_file(demo_copy: Path) -> None:
    before = sha256(demo_copy)
    mtime = demo_copy.stat().st_mtime_ns
    with Workbook.open(demo_copy, read_only=True) as wb:
        assert wb.meta()["file_kind"] == "workbook"
    assert sha256(demo_copy) == before
    assert demo_copy.stat().st_mtime_ns == mtime


def test_a_shallow_check_names_the_file_and_the_whole_check_refuses_it(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Finding out which file this is (``thorough=False``, used before opening to look for
    left-behind work) skips the page-reading checks, never the schema; opening checks all."""
    from tests.reliability.hostile import hidden_duplicate

    class Here:
        def valid(self, name: str) -> Path:
            return demo_copy

    second_kind = "INSERT INTO wp_meta VALUES ('file_kind', 'workbook')"
    hidden = hidden_duplicate("wp_meta", second_kind)(Here(), demo_copy.name)
    shallow = check_file(hidden, thorough=False)
    assert shallow.file_uuid and shallow.kind is FileKind.WORKBOOK
    with pytest.raises(FileCheckError) as info:
        check_file(hidden)
    assert info.value.code == "duplicate-rows"
    assert "重複" in _refused(hidden, "duplicate-rows")
    trigger = tmp_path / "trigger.wpdb"
    shutil.copyfile(hidden, trigger)
    con = sqlite3.connect(trigger)
    con.execute("CREATE TRIGGER t AFTER INSERT ON entry BEGIN SELECT 1; END")
    con.commit()
    con.close()
    for thorough in (False, True):
        with pytest.raises(FileCheckError) as info:
            check_file(trigger, thorough=thorough)
        assert info.value.code == "bad-structure"
