"""Self-test of an installation: ``welfareplan-cli --self-test`` and ``welfareplan --self-test``.

Runs the division's whole cycle on the built-in demo in a fresh temporary folder whose name
has Japanese characters and spaces: create the demo master workbook and issue the 地域福祉課
file, fill in every entry through the editing service (as the department window does), merge
the file back (preview, then apply), export the report to Word and Excel and read both back.
The windowed program adds its own checks (window, translations, printing) through ``gui``.

It never touches the user's own files: settings, working copies and logs go to a private
profile inside the temporary folder for the duration of the test. In a frozen bundle it also
checks that nothing was written into the program folder. Qt-free; the output is Japanese.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from welfareplan import __version__
from welfareplan.core.appdirs import config_dir
from welfareplan.core.errors import WelfareplanError

#: The department whose file the test issues and fills in (it exists in the demo).
DEPARTMENT = "地域福祉課"
FISCAL_YEAR = 2025
#: Folder names with Japanese characters and spaces, like a user's documents folder.
FOLDER_PREFIX = "welfareplan 自己診断 "
WORK_FOLDER = "山田 花子/ドキュメント"

OK_MARK = "○"
FAIL_MARK = "×"


class SelfTestFailure(Exception):
    """A check did not hold; the message (Japanese) says what was expected."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


@dataclass(frozen=True)
class StepResult:
    title: str
    ok: bool
    detail: str
    seconds: float


@dataclass(frozen=True)
class SampleDepartmentFile:
    """The filled-in department file, for the checks of the windowed program."""

    path: Path
    department_name: str
    fiscal_year: int
    entries: int
    first_result: str
    work_folder: Path


@dataclass
class SelfTestReport:
    steps: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0
    #: The temporary folder, kept only when a step failed (for a closer look).
    kept_folder: Path | None = None
    settings_folder: Path | None = None

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(s.ok for s in self.steps)

    def text(self) -> str:
        kind = "配布版" if is_frozen() else "開発環境"
        lines = [
            f"welfareplan {__version__} 自己診断（{kind}、{platform.system()}、Python {platform.python_version()}）"
        ]
        for s in self.steps:
            mark = OK_MARK if s.ok else FAIL_MARK
            lines.append(f"{mark} {s.title}: {s.detail}")
        if self.ok:
            lines.append(
                f"自己診断に成功しました（{len(self.steps)} 項目、{self.seconds:.1f} 秒）。"
            )
        else:
            failed = next(s for s in self.steps if not s.ok) if self.steps else None
            what = f"「{failed.title}」で" if failed else ""
            lines.append(f"自己診断に失敗しました。{what}問題があります（上の {FAIL_MARK} の行）。")
            if self.kept_folder is not None:
                lines.append(f"作業フォルダを残しました: {self.kept_folder}")
        if self.settings_folder is not None:
            lines.append(f"設定の保存先: {self.settings_folder}（自己診断では使っていません）")
        return "\n".join(lines)


class SelfTest:
    """Runs named steps in order; the first failing step ends the test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.report = SelfTestReport()

    def step(self, title: str, check: Callable[[], str]) -> None:
        """Run ``check`` (returns a Japanese detail line); record it; raise on failure."""
        started = time.perf_counter()
        try:
            detail = check()
        except SelfTestFailure as exc:
            self._record(title, False, str(exc), started)
            raise
        except WelfareplanError as exc:
            self._record(title, False, exc.message, started)
            raise SelfTestFailure(exc.message) from exc
        except Exception as exc:
            where = "".join(traceback.format_exception(exc)[-3:]).strip()
            message = f"予期しないエラー（{type(exc).__name__}: {exc}）\n{where}"
            self._record(title, False, message, started)
            raise SelfTestFailure(message) from exc
        self._record(title, True, detail, started)

    def _record(self, title: str, ok: bool, detail: str, started: float) -> None:
        self.report.steps.append(StepResult(title, ok, detail, time.perf_counter() - started))


GuiChecks = Callable[[SelfTest, SampleDepartmentFile], None]


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def program_folder() -> Path | None:
    """The folder of the running executable in a frozen bundle (None in a Python install)."""
    return Path(sys.executable).resolve().parent if is_frozen() else None


def folder_snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder below ``folder``: relative path → (size, modification time)."""
    snapshot: dict[str, tuple[int, int]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            size = 0 if path.is_dir() else st.st_size
            snapshot[str(path.relative_to(folder))] = (size, st.st_mtime_ns)
    return snapshot


def describe_changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> str:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = []
    for label, names in (("追加", added), ("削除", removed), ("変更", changed)):
        if names:
            more = f" ほか {len(names) - 3} 件" if len(names) > 3 else ""
            parts.append(f"{label}: {', '.join(names[:3])}{more}")
    return "、".join(parts)


@contextmanager
def private_profile(folder: Path) -> Iterator[Path]:
    """Point ``WELFAREPLAN_HOME`` at ``folder`` for the duration (restored afterwards)."""
    previous = os.environ.get("WELFAREPLAN_HOME")
    os.environ["WELFAREPLAN_HOME"] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            os.environ.pop("WELFAREPLAN_HOME", None)
        else:
            os.environ["WELFAREPLAN_HOME"] = previous


def _size_label(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} KB"


@dataclass
class _Cycle:
    """The files of one run through the cycle, filled in step by step."""

    work: Path
    master: Path = Path()
    department_file: Path = Path()
    department_name: str = ""
    round_id: str = ""
    department_id: str = ""
    written: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    docx: Path = Path()
    xlsx: Path = Path()

    def sample_text(self) -> str:
        return next(iter(self.written.values()))[0]

    # ------------------------------------------------------------------ steps

    def resources(self) -> str:
        from welfareplan.core.resources import load_json, resources_dir

        folder = resources_dir()
        departments = load_json("departments.json")
        expect(bool(departments), "担当課マスタ（departments.json）が空です。")
        for parts in (("plans", "koganei-r6.json"), ("demo", "koganei-fy2024.json")):
            expect(folder.joinpath(*parts).is_file(), f"{'/'.join(parts)} が見つかりません。")
        return f"同梱データを読み込みました（{folder}）"

    def create_and_issue(self) -> str:
        from welfareplan.workflow.demo import make_demo_files

        self.master, self.department_file = make_demo_files(self.work, DEPARTMENT)
        return (
            f"{self.master.name} を作成し、{self.department_file.name} を配布しました"
            f"（{self.work}）"
        )

    def check_files(self) -> str:
        from welfareplan.core.fileformat import FileKind, check_file
        from welfareplan.core.storage import Workbook
        from welfareplan.core.summary import summarize

        expect(check_file(self.master).kind is FileKind.WORKBOOK, "マスターの種類が違います。")
        expect(
            check_file(self.department_file).kind is FileKind.DEPARTMENT,
            "担当課ファイルの種類が違います。",
        )
        with Workbook.open(self.master, read_only=True) as wb:
            summary = summarize(wb)
        years = {r.fiscal_year: r for r in summary.rounds}
        expect(
            set(years) == {FISCAL_YEAR - 1, FISCAL_YEAR},
            f"年度が想定と違います（{sorted(years)}）。",
        )
        published = years[FISCAL_YEAR - 1]
        expect(
            published.total > 0 and published.complete == published.total,
            "令和6年度の記入がそろっていません。",
        )
        return (
            f"マスター: {published.label} {published.total} 件（公表済み）と "
            f"{years[FISCAL_YEAR].label} {years[FISCAL_YEAR].total} 件（受付中）"
        )

    def fill_in(self) -> str:
        from welfareplan.core.checks import EntryValues
        from welfareplan.core.editing import read_revision, save_entry
        from welfareplan.core.storage import Workbook
        from welfareplan.core.worklist import load_worklist

        with Workbook.open(self.department_file) as wb:
            worklist = load_worklist(wb)
            expect(bool(worklist.items), "担当課ファイルに記入欄がありません。")
            expect(
                worklist.department_name == DEPARTMENT and worklist.fiscal_year == FISCAL_YEAR,
                f"担当課ファイルの内容が違います（{worklist.department_name} {worklist.fiscal_year}年度）。",
            )
            expect(worklist.round_open, "担当課ファイルの年度が締め切られています。")
            self.department_name = worklist.department_name
            self.round_id = worklist.round_id
            self.department_id = worklist.department_id or ""
            before = read_revision(wb)
            for n, item in enumerate(worklist.items, 1):
                values = (
                    f"自己診断による記入（{n}）: {item.name}の実績を確認しました。",
                    "AB"[n % 2],
                    f"自己診断: 事業{item.number_label}を継続します。",
                )
                result = save_entry(
                    wb, item.entry_id, EntryValues(*values), user="自己診断", source="self-test"
                )
                expect(
                    set(result.changed) == {"result", "rating", "outlook"},
                    f"{item.title} の保存で変更が記録されませんでした。",
                )
                self.written[item.entry_id] = values
            after = read_revision(wb)
            stored = load_worklist(wb).items
        expect(after == before + len(self.written), f"版が {before} → {after} です。")
        for item in stored:
            v = item.values
            expect(
                (v.result, v.rating, v.outlook) == self.written[item.entry_id],
                f"{item.title} の記入を読み戻せません。",
            )
        return f"{self.department_name}の {len(self.written)} 件 × 3 項目を記入し、読み戻しました（版 {after}）"

    def merge(self) -> str:
        from welfareplan.core.storage import Workbook
        from welfareplan.core.worklist import load_worklist
        from welfareplan.workflow.returns.apply import apply_merge
        from welfareplan.workflow.returns.compare import preview_merge
        from welfareplan.workflow.returns.merge_types import FileOutcome

        fields = 3 * len(self.written)
        with Workbook.open(self.master) as wb:
            preview = preview_merge(wb, [self.department_file], fiscal_year=FISCAL_YEAR)
            (file,) = preview.files
            expect(
                file.outcome is FileOutcome.APPLY,
                f"取り込めません（{file.outcome.label}{': ' + file.reason if file.reason else ''}）。",
            )
            expect(
                len(file.changes) == fields and not file.conflicts,
                f"変更 {len(file.changes)} 項目・競合 {len(file.conflicts)} 件（想定: 変更 {fields} 項目・競合なし）。",
            )
            result = apply_merge(wb, preview)
            expect(
                result.ok and result.applied == fields,
                f"取り込み結果: {result.applied} 項目、競合 {result.conflicts_open} 件、却下 {result.rejected} 件。",
            )
            merged = load_worklist(wb, round_id=self.round_id, department_id=self.department_id)
        for item in merged.items:
            v = item.values
            expect(
                (v.result, v.rating, v.outlook) == self.written.get(item.entry_id),
                f"マスターの {item.title} に記入が入っていません。",
            )
        backup = f"、取り込み前のバックアップ {result.backup.name}" if result.backup else ""
        return f"{fields} 項目を取り込みました（競合なし{backup}）"

    def export_word(self) -> str:
        import docx

        from welfareplan.core.storage import Workbook
        from welfareplan.exports.round_export import export_report

        self.docx = self.work / "R7_地域福祉計画_評価表.docx"
        with Workbook.open(self.master, read_only=True) as wb:
            report, _ = export_report(wb, FISCAL_YEAR, docx=self.docx)
        document = docx.Document(str(self.docx))
        texts = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
        expect(
            any(self.sample_text() in t for t in texts),
            "Word の表に記入した文章が見つかりません。",
        )
        return f"{self.docx.name}（{report.entry_count()} 件、{_size_label(self.docx)}）を出力し、読み戻しました"

    def export_excel(self) -> str:
        from openpyxl import load_workbook

        from welfareplan.core.storage import Workbook
        from welfareplan.exports.round_export import export_report

        self.xlsx = self.work / "R7_地域福祉計画_評価表.xlsx"
        with Workbook.open(self.master, read_only=True) as wb:
            export_report(wb, FISCAL_YEAR, xlsx=self.xlsx)
        book = load_workbook(self.xlsx, read_only=True)
        try:
            sheets = len(book.worksheets)
            found = any(
                isinstance(value, str) and self.sample_text() in value
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for value in row
            )
        finally:
            book.close()
        expect(found, "Excel のシートに記入した文章が見つかりません。")
        return (
            f"{self.xlsx.name}（{sheets} シート、{_size_label(self.xlsx)}）を出力し、読み戻しました"
        )

    def sample(self) -> SampleDepartmentFile:
        first = next(iter(self.written.values()))
        return SampleDepartmentFile(
            path=self.department_file,
            department_name=self.department_name,
            fiscal_year=FISCAL_YEAR,
            entries=len(self.written),
            first_result=first[0],
            work_folder=self.work,
        )


def run_self_test(*, gui: GuiChecks | None = None) -> SelfTestReport:
    """Run every check; never raises for a failed check (see ``report.ok``)."""
    started = time.perf_counter()
    settings_folder = config_dir()
    program = program_folder()
    before = folder_snapshot(program) if program is not None else None
    root = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    work = root / WORK_FOLDER / "welfareplan"
    work.mkdir(parents=True)
    test = SelfTest(work)
    cycle = _Cycle(work)
    try:
        with private_profile(root / "プロファイル"):
            test.step("同梱データ", cycle.resources)
            test.step("マスターの作成と配布", cycle.create_and_issue)
            test.step("ファイルの検査", cycle.check_files)
            test.step("担当課の記入", cycle.fill_in)
            test.step("取り込み", cycle.merge)
            test.step("Word 出力", cycle.export_word)
            test.step("Excel 出力", cycle.export_excel)
            if gui is not None:
                gui(test, cycle.sample())
            if program is not None and before is not None:
                test.step("プログラムのフォルダ", lambda: _unchanged(program, before))
    except SelfTestFailure:
        test.report.kept_folder = root
    test.report.seconds = time.perf_counter() - started
    test.report.settings_folder = settings_folder
    if test.report.kept_folder is None:
        shutil.rmtree(root, ignore_errors=True)
    return test.report


def _unchanged(program: Path, before: dict[str, tuple[int, int]]) -> str:
    changes = describe_changes(before, folder_snapshot(program))
    expect(not changes, f"プログラムのフォルダ {program} が変わりました（{changes}）。")
    return f"{program} には何も書き込んでいません（{len(before)} 個のファイルとフォルダを確認）"


def print_report(report: SelfTestReport, out: TextIO | None = None) -> None:
    stream = out if out is not None else sys.stdout
    if stream is None:  # a windowed program without a console
        return
    print(report.text(), file=stream)
    stream.flush()


def main(gui: GuiChecks | None = None) -> int:
    """Run the self-test, print the summary; exit status 0 only if every check passed."""
    report = run_self_test(gui=gui)
    print_report(report)
    return 0 if report.ok else 1
