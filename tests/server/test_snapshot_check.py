"""A server master's ``.wpdb`` snapshot is checked row by row against the rows read
(:func:`welfareplan.core.mastercopy.snapshot_to_file`): a row lost on the way, or a value
changed on the way (the same number of rows), is refused in Japanese and no file is left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.masters import opened_master
from welfareplan.core import mastercopy
from welfareplan.core.errors import WelfareplanError

Rows = list[tuple[Any, ...]]


def snapshot(url: str, dest: Path) -> dict[str, int]:
    with opened_master(url, read_only=True) as wb, wb.engine.connect() as conn, conn.begin():
        return mastercopy.snapshot_to_file(conn, dest)


def on_the_way(change: Callable[[Rows], Rows], monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows of ``entry_value`` go into the file changed by ``change`` (what was read
    stays as it was)."""
    real = mastercopy._parents_first

    def changed(table: Any, rows: Rows) -> Rows:
        ordered = real(table, rows)
        return change(list(ordered)) if table.name == "entry_value" else ordered

    monkeypatch.setattr(mastercopy, "_parents_first", changed)


def test_a_snapshot_holds_every_row(demo_on_server: str, tmp_path: Path) -> None:
    counted = snapshot(demo_on_server, tmp_path / "s.wpdb")
    assert counted["entry_value"] > 0 and counted["entry"] > 0
    assert (tmp_path / "s.wpdb").is_file()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda rows: rows[1:], id="lost"),
        pytest.param(lambda rows: [(*rows[0][:-1], "ちがう"), *rows[1:]], id="changed"),
    ],
)
def test_a_snapshot_that_does_not_match_leaves_nothing(
    demo_on_server: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Rows], Rows],
) -> None:
    on_the_way(change, monkeypatch)
    with pytest.raises(WelfareplanError) as raised:
        snapshot(demo_on_server, tmp_path / "s.wpdb")
    assert raised.value.code == "copy-mismatch"
    assert "の内容が元と一致しません: entry_value（元 207 行、写し" in raised.value.message
    assert list(tmp_path.iterdir()) == []
