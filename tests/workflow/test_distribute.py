"""Issued department files: one per department, only its own data, signed, recorded."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.department_edits import fill
from tests.helpers.issued import issued_rows, issued_values
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.fileformat import FileKind, check_file
from welfareplan.core.koganei_form import KOGANEI_FORM
from welfareplan.core.model import Department, Entry, IssuedFile, Round
from welfareplan.core.previous import previous_values
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.issuing.department_file import department_file_name, read_state
from welfareplan.workflow.issuing.issue_record import claims_of
from welfareplan.workflow.issuing.signing import load_secret, verify_mac
from welfareplan.workflow.progress import OperationCancelled


def counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def test_one_file_per_department_with_year_and_name(cycle: Cycle) -> None:
    names = sorted(p.name for p in cycle.out.glob("*.wpdb"))
    assert len(names) == 12
    assert "R7_地域福祉課.wpdb" in names and "R7_社会福祉協議会.wpdb" in names
    for p in cycle.out.glob("*.wpdb"):
        assert check_file(p).kind is FileKind.DEPARTMENT


def test_department_file_holds_only_its_own_data(cycle: Cycle) -> None:
    path = cycle.file("介護福祉課")
    c = counts(path)
    assert c["issue_secret"] == 0 and c["audit_event"] == 0 and c["committee_opinion"] == 0
    assert c["received_return"] == 0 and c["merge_conflict"] == 0 and c["issued_value"] == 0
    assert c["department_alias"] == 0
    assert c["issued_file"] == 1 and c["round"] == 2 and c["plan"] == 1
    assert c["entry"] == 12  # 6 this year (empty) + 6 last year (reference)
    with Workbook.open(path) as dept:
        state = read_state(dept)
        assert state.revision == 0 and not state.is_submitted and state.fiscal_year == YEAR
        assert state.department_name == "介護福祉課"
        with dept.session() as s:
            me = s.get(Department, state.department_id)
            assert me is not None and me.name == "介護福祉課"
            others = {d.name for d in s.scalars(select(Department))} - {"介護福祉課"}
            assert others == {
                "地域福祉課",
                "自立生活支援課",
                "広報秘書課",
                "男女共同参画室",
                "子ども家庭センター",
            }
            assert all(d.note == "" for d in s.scalars(select(Department)) if d.id != me.id)
            rnd = s.get(Round, state.round_id)
            assert rnd is not None and rnd.fiscal_year == YEAR
            own = s.scalars(select(Entry).where(Entry.round_id == rnd.id)).all()
            assert len(own) == 6
            assert all(e.values.is_blank(KOGANEI_FORM) and e.department_id == me.id for e in own)
            # last year's entries work as reference inside the department file
            prev = previous_values(s, rnd.id)
            assert len(prev) == 6
            assert all(p[0].values.rating(KOGANEI_FORM) for p in prev.values())
            # the plan context is complete: 内容 and the other departments on shared projects
            project = own[0].project
            assert project.description and project.node.plan.name
            assert project.node.parent is not None and project.node.parent.parent is not None
            assert len(project.assignments) >= 1
    with cycle.open() as wb:
        assert wb.file_uuid == state.workbook_uuid


def test_issuance_is_recorded_and_signed(cycle: Cycle) -> None:
    path = cycle.file("地域福祉課")
    with Workbook.open(path) as dept:
        state = read_state(dept)
    with cycle.open() as wb, wb.session() as s:
        record = s.get(IssuedFile, state.file_uuid)
        assert record is not None and record.file_name == path.name and record.file_format == "wpdb"
        assert len(record.entry_keys) == 30 and len(record.context) == 30  # one per project
        secret = load_secret(s)
        assert secret is not None and len(secret) == 32
        assert verify_mac(secret, claims_of(record, wb.file_uuid), record.mac)
        assert not verify_mac(b"x" * 32, claims_of(record, wb.file_uuid), record.mac)
        issued = issued_values(s, file_id=record.id)
        assert len(issued) == 30 and all(v == b == EntryValues() for v, b in issued.values())
        assert issued_rows(s, record.id) == 30 * 3  # a row per field, empty ones too
    assert secret.hex() not in path.read_bytes().decode("latin-1")


def test_reissue_carries_current_values_under_a_new_name(cycle: Cycle) -> None:
    first = cycle.file("健康課")
    fill(first, {7: {"result": "取り込んだ文", "rating": "B"}})
    cycle.merge(first)
    before = {p.name for p in cycle.out.iterdir()}
    (again,) = cycle.distribute(["健康課"])
    assert again.name == "R7_健康課_2.wpdb" and again.name not in before
    assert first.exists()  # never overwrites a file that may be a department's return
    with Workbook.open(again) as dept, dept.session() as s:
        rnd = s.get(Round, read_state(dept).round_id)
        (entry,) = s.scalars(select(Entry).where(Entry.round_id == rnd.id)).all()  # type: ignore[union-attr]
        assert (entry.values.get("result"), entry.values.get("rating")) == ("取り込んだ文", "B")
    from welfareplan.workflow.issuing.issue_record import issued_files

    with cycle.open() as wb:
        records = [r for r in issued_files(wb, YEAR) if r.department_name == "健康課"]
    assert len(records) == 2


def test_department_by_alias_and_unknown_department(cycle: Cycle, tmp_path: Path) -> None:
    out = tmp_path / "別"
    out.mkdir()
    (path,) = cycle.distribute(["小金井市社会福祉協議会"], out=out)
    assert path.name == "R7_社会福祉協議会.wpdb"
    before = cycle.sha()
    with cycle.open() as wb:
        from welfareplan.workflow.issuing.distribute import distribute

        with pytest.raises(DataError) as info:
            distribute(wb, YEAR, out, departments=["経理課"])
        assert "経理課" in info.value.message and info.value.code == "bad-department"
        with pytest.raises(Exception) as info2:
            distribute(wb, YEAR, tmp_path / "ない", departments=None)
        assert "フォルダ" in str(info2.value)
    assert cycle.sha() == before


def test_cancel_leaves_master_unchanged_and_removes_files(cycle: Cycle, tmp_path: Path) -> None:
    from welfareplan.workflow.issuing.distribute import distribute

    out = tmp_path / "中止"
    out.mkdir()
    before = cycle.sha()
    seen: list[int] = []
    with cycle.open() as wb, pytest.raises(OperationCancelled):
        distribute(
            wb,
            YEAR,
            out,
            progress=lambda d, t, m: seen.append(d),
            cancelled=lambda: len(seen) >= 3,
        )
    assert list(out.iterdir()) == [] and cycle.sha() == before


def test_closed_round_is_not_issued(cycle: Cycle, tmp_path: Path) -> None:
    from welfareplan.workflow.issuing.distribute import distribute

    out = tmp_path / "締切"
    out.mkdir()
    with cycle.open() as wb:
        with pytest.raises(ReadOnlyError):
            distribute(wb, 2024, out)
        with wb.session() as s:
            assert round_for_year(s, 2024).status == "closed"
    assert list(out.iterdir()) == []


def test_file_names_are_safe() -> None:
    assert department_file_name(2025, "地域福祉課") == "R7_地域福祉課.wpdb"
    assert department_file_name(2019, "a/b:c") == "R1_a_b_c.wpdb"
    assert department_file_name(2025, "課", counter=3) == "R7_課_3.wpdb"


def test_master_unchanged_by_a_failed_distribution(
    cycle: Cycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfareplan.workflow.issuing import distribute as mod

    calls = 0
    real = mod._write_department_file

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 4:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(mod, "_write_department_file", flaky)
    out = tmp_path / "満杯"
    out.mkdir()
    before = cycle.sha()
    with cycle.open() as wb, pytest.raises(OSError):
        mod.distribute(wb, YEAR, out)
    assert list(out.iterdir()) == [] and cycle.sha() == before


def test_master_changed_while_issuing(
    file_cycle: Cycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone edits the master while the files are being written: nothing is recorded, the
    files are removed, and the other person's edit stays. File-only: a file master compares the
    whole file; a server master only its round (tests/workflow/test_merge_on_server.py)."""
    cycle = file_cycle
    from welfareplan.workflow.issuing import distribute as mod
    from welfareplan.workflow.master.departments import add_department

    real = mod._write_department_file
    calls = 0

    def meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            with cycle.open() as other:
                add_department(other, "同時に追加された課")
        return real(*args, **kwargs)

    monkeypatch.setattr(mod, "_write_department_file", meanwhile)
    out = tmp_path / "同時"
    out.mkdir()
    with cycle.open() as wb:
        with wb.session() as s:
            before = len(s.scalars(select(IssuedFile)).all())
        with pytest.raises(Exception) as info:
            mod.distribute(wb, YEAR, out)
        assert getattr(info.value, "code", "") == "master-changed"
        with wb.session() as s:
            assert len(s.scalars(select(IssuedFile)).all()) == before
            assert s.scalar(select(Department).where(Department.name == "同時に追加された課"))
    assert list(out.iterdir()) == []


def _live_dialects() -> int:
    from sqlalchemy.engine.default import DefaultDialect

    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, DefaultDialect))


def test_written_department_files_leave_no_dialect_behind(cycle: Cycle, tmp_path: Path) -> None:
    """Each department file is written through its own engine. Nothing of it may outlive the
    distribution: an ORM flush would file the statement in the mapper's compiled cache under
    that engine's dialect, keeping ~100 dialects alive that every full garbage collection
    scans again — the pauses that freeze the window during the next distribute or export."""
    cycle.distribute(out=tmp_path / "1")
    before = _live_dialects()
    files = cycle.distribute(out=tmp_path / "2")
    assert len(files) == 12
    assert _live_dialects() - before < 3
