"""Files are created whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from welfareplan.core import atomic
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.model import Department
from welfareplan.core.shipped import create_demo_workbook
from welfareplan.core.storage import Workbook


def test_failed_creation_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new.wpdb"

    def populate(session):  # type: ignore[no-untyped-def]
        session.add(Department(name="課"))
        session.flush()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        Workbook.create(target, FileKind.WORKBOOK, populate)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_not_overwritten_without_force(demo_copy: Path) -> None:
    before = demo_copy.read_bytes()
    with pytest.raises(WelfareplanError) as info:
        create_demo_workbook(demo_copy)
    assert info.value.code == "exists"
    assert demo_copy.read_bytes() == before


def test_full_disk_gives_message_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", no_space)
    with pytest.raises(WelfareplanError) as info:
        create_demo_workbook(tmp_path / "demo.wpdb")
    assert "空き容量" in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_replace_retries_on_permission_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a"
    dst = tmp_path / "b"
    src.write_text("new")
    dst.write_text("old")
    calls = {"n": 0}
    real = os.replace

    def flaky(a, b):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] < 3:
            raise PermissionError(13, "in use")
        real(a, b)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    atomic.replace_with_retry(src, dst, sleep=lambda s: None)
    assert dst.read_text() == "new" and calls["n"] == 3


def test_replace_gives_up_after_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a"
    src.write_text("x")

    def locked(a, b):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "in use")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(PermissionError):
        atomic.replace_with_retry(src, tmp_path / "b", retries=2, sleep=lambda s: None)


def test_japanese_path_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "山田 花子" / "ドキュメント"
    folder.mkdir(parents=True)
    path = create_demo_workbook(folder / "令和7年度 地域福祉.wpdb")
    with Workbook.open(path) as wb:
        assert wb.meta()["file_kind"] == "workbook"
    with Workbook.open(path, read_only=True) as wb:
        assert wb.kind is FileKind.WORKBOOK
