"""A whole year's cycle through the CLI and the department app's save path, in this process:
used under a network guard and from folders with Japanese names and spaces."""

from __future__ import annotations

import contextlib
import io
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers.department_edits import own_entries
from tests.helpers.koganei import kv
from tests.helpers.worksheet_edits import fill_sheet
from welfareplan.cli.main import main
from welfareplan.core.editing import save_entry
from welfareplan.core.storage import Workbook
from welfareplan.core.submission import submit
from welfareplan.core.workcopy import WorkingCopy


def cli(*args: object) -> tuple[int, str, str]:
    """``welfareplan ARGS`` in this process: (exit status, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def run(*args: object, expect: int = 0) -> str:
    """``welfareplan ARGS`` in this process, which must exit with ``expect``; its output."""
    code, out, err = cli(*args)
    assert code == expect, (args, code, out, err)
    return out


def run_err(*args: object, expect: int) -> str:
    """Like :func:`run`; the standard error."""
    code, out, err = cli(*args)
    assert code == expect, (args, code, out, err)
    return err


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of ``sql`` in the file at ``path`` (read-only)."""
    import sqlite3

    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def department_app(path: Path, texts: dict[int, str], by: str) -> None:
    """What the department app does: working copy, one save per entry, submit, write back."""
    wc = WorkingCopy.open(path)
    assert wc.lock.path.exists() and wc.local.is_file()
    with Workbook.open(wc.local) as wb:
        ids = own_entries(wc.local)
        for number, text in texts.items():
            save_entry(wb, ids[number], kv(text, "B", f"{text}の展望"), user=by)
            wc.mark_dirty()
        submit(wb, by)
        wc.mark_dirty()
    wc.write_back()
    wc.close()


@dataclass
class CycleResult:
    master: Path
    outputs: list[Path] = field(default_factory=list)


def cli_cycle(root: Path) -> CycleResult:
    root.mkdir(parents=True, exist_ok=True)
    m = root / "地域福祉課 マスター.wpdb"
    run("demo", m)
    run("round", m, "--new", "R7", "--deadline", "2026-05-31")
    issued = root / "配布 フォルダ"
    issued.mkdir()
    assert "個作成しました" in run("distribute", m, "--year", "2025", "--out", issued)
    sheets = root / "評価シート 配布"
    sheets.mkdir()
    run(
        "distribute", m, "--year", "2025", "--out", sheets, "--format", "xlsx", "--docx",
        "--department", "介護福祉課",
    )  # fmt: skip
    returned = []
    for name in ("地域福祉課", "健康課"):
        path = issued / f"R7_{name}.wpdb"
        numbers = sorted(own_entries(path))[:3]
        department_app(path, {n: f"{name}の事業{n}の実績" for n in numbers}, by=f"{name} 担当")
        returned.append(path)
    (sheet,) = sheets.glob("*.xlsx")
    kaigo = sorted(own_entries(issued / "R7_介護福祉課.wpdb"))[0]
    returned.append(
        fill_sheet(sheet, values={kaigo: {"result": "評価シートの実績", "rating": "A"}})
    )
    out = run("merge", m, *returned)
    assert "却下 0 ファイル" in out and "取り込み前のバックアップ:" in out, out
    assert "取込済" in run("status", m, "--year", "2025")
    run("conflicts", m, "--year", "2025")
    exports = root / "出力 フォルダ"
    exports.mkdir()
    report_docx, report_xlsx = exports / "評価表 R7.docx", exports / "評価表 R7.xlsx"
    run("export", m, "--year", "2025", "--docx", report_docx, "--xlsx", report_xlsx)
    run(
        "worksheets",
        m,
        "--year",
        "2025",
        "--out",
        exports / "評価シート",
        "--department",
        "地域福祉課",
    )
    assert "merge" in run("backups", m)
    assert "マスターワークブック" in run("info", m)
    result = CycleResult(m)
    result.outputs = [report_docx, report_xlsx, *sorted((exports / "評価シート").iterdir())]
    for path in result.outputs:
        assert path.is_file() and path.stat().st_size > 0, path
    return result


class NetworkUsed(AssertionError):
    pass


_GUARD: dict[str, object] = {"on": False, "attempts": [], "hooked": False}


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _GUARD["on"] and event.startswith("socket.") and event != "socket.gethostname":
        _GUARD["attempts"].append(f"{event} {args!r}"[:200])  # type: ignore[attr-defined]
        raise NetworkUsed(f"network use during the guarded cycle: {event}")


@contextlib.contextmanager
def no_network() -> Iterator[list[str]]:
    """Every socket refused: the socket functions are replaced and an audit hook (Python's
    own report of every socket created, connected, bound or looked up) raises. The computer's
    name (``socket.gethostname``, a local call) stays allowed. Yields the list of attempts,
    which must stay empty."""
    if not _GUARD["hooked"]:
        sys.addaudithook(_audit)  # audit hooks cannot be removed: it sleeps outside the guard
        _GUARD["hooked"] = True

    def refuse(*args: object, **kwargs: object) -> None:
        _GUARD["attempts"].append("socket function called")  # type: ignore[attr-defined]
        raise NetworkUsed("network use during the guarded cycle")

    names = (
        "socket",
        "create_connection",
        "getaddrinfo",
        "gethostbyname",
        "gethostbyaddr",
        "socketpair",
    )
    saved = {n: getattr(socket, n) for n in names}
    attempts: list[str] = []
    _GUARD["attempts"] = attempts
    _GUARD["on"] = True
    for n in names:
        setattr(socket, n, refuse)
    try:
        yield attempts
    finally:
        _GUARD["on"] = False
        for n, f in saved.items():
            setattr(socket, n, f)
    assert not attempts, attempts
