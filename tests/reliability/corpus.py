"""The corpus of bad (and borderline) returned files, generated from a fresh cycle per test.

One builder per kind of file. The builders of ``tests/workflow`` (the per-rule rejection
tests) are reused where they exist; the corpus adds the kinds those do not cover (PNG,
truncation and bit flips at several places, versions, a 200 MB file, ZIP, worksheets with a
full-width rating, Japanese names, read-only files, files held by other processes …) and says,
for each kind, what ``merge`` and the GUI's open must do with it.

Every file is written into a folder whose name holds Japanese and spaces, under a name that
does too (``返送 07 forged-mac.wpdb``), so every message is checked to name it correctly.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers.department_edits import raw_sql
from tests.helpers.worksheet_edits import fill_sheet
from tests.reliability import hostile, journals, walmode
from tests.reliability.holders import held
from tests.workflow import test_merge_rejections as wf
from tests.workflow import test_worksheet_rejections as ws
from tests.workflow.conftest import YEAR, SheetCycle
from welfareplan.workflow.returns.merge_types import FileOutcome

DEPT = wf.DEPT  # 介護福祉課: projects 9, 10, 12, 15, 39, 40
HUGE_BYTES = 200 * 1024 * 1024

APPLY, UNCHANGED, REJECTED = FileOutcome.APPLY, FileOutcome.UNCHANGED, FileOutcome.REJECTED


@dataclass(frozen=True)
class Merge:
    """What merging the case's files must give: one outcome per file; for a rejection its
    code; words the reasons (or, for an accepted file, its notes) must contain."""

    outcomes: tuple[FileOutcome, ...] = (REJECTED,)
    code: str = ""
    words: tuple[str, ...] = ()

    @property
    def rejects_all(self) -> bool:
        return all(o is REJECTED for o in self.outcomes)


@dataclass(frozen=True)
class Gui:
    """What ``MainWindow.open_path`` must do: refuse with a message holding ``words``, open
    for editing, or open read-only with a banner holding ``words``."""

    result: str  # "refused" | "opens" | "read-only"
    words: tuple[str, ...] = ()
    #: opening rolls an interrupted save back: the file changes, to its last committed state
    rolls_back: bool = False
    #: opening converts another tool's WAL mode back: the file changes, its content stays
    converts: bool = False


@dataclass
class Case:
    paths: tuple[Path, ...]
    year: int | None = None


@dataclass
class Env:
    """Where a case is built: a private cycle (master, issued files, worksheets)."""

    cycle: SheetCycle
    folder: Path
    stack: contextlib.ExitStack
    scratch: Path = field(init=False)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.scratch = self.folder.parent / "作業 用"
        self.scratch.mkdir(exist_ok=True)

    def keep(self, made: Path, name: str) -> Path:
        """Move a builder's file into the corpus folder as ``name``; an issued file that a
        builder changed in place is put back as issued (from the template's copy)."""
        dest = self.folder / name
        if made.is_dir():
            shutil.move(made, dest)
            return dest
        shutil.copyfile(made, dest)
        for issued in (self.cycle.out, self.cycle.sheets):
            if made.parent == issued:
                shutil.copyfile(self.pristine / made.name, made)
        return dest

    @property
    def pristine(self) -> Path:
        return self.folder.parent / "配布時"

    def snapshot(self) -> None:
        self.pristine.mkdir(exist_ok=True)
        for folder in (self.cycle.out, self.cycle.sheets):
            for p in folder.iterdir():
                shutil.copyfile(p, self.pristine / p.name)

    def valid(self, name: str) -> Path:
        """介護福祉課's file, filled in once (revision 1), as ``name``."""
        return self.keep(wf._valid(self.cycle), name)


# ---------------------------------------------------------------------- byte-level builders


def _png(env: Env, name: str) -> Path:
    path = env.folder / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return path


def _truncated(keep: int | str) -> Callable[[Env, str], Path]:
    def build(env: Env, name: str) -> Path:
        path = env.valid(name)
        data = path.read_bytes()
        page = struct.unpack(">H", data[16:18])[0]
        n = {"half": len(data) // 2, "last-page": len(data) - page}.get(str(keep), keep)
        assert isinstance(n, int)
        path.write_bytes(data[:n])
        return path

    return build


def _bit_flip(where: str) -> Callable[[Env, str], Path]:
    """Flip bits of the b-tree page header (page type, cell count) of one page: SQLite has no
    page checksums, so flips in the cell payloads can pass as edited text (see the fuzz test);
    flips in the structure must always be caught."""

    def build(env: Env, name: str) -> Path:
        path = env.valid(name)
        data = bytearray(path.read_bytes())
        page = struct.unpack(">H", data[16:18])[0]
        pages = len(data) // page
        number = {"page1": 1, "page2": 2, "middle": pages // 2, "last": pages}[where]
        start = (number - 1) * page + (100 if number == 1 else 0)
        data[start] ^= 0x55  # page type
        data[start + 3] ^= 0x0F  # number of cells
        path.write_bytes(bytes(data))
        return path

    return build


def _user_version(version: int) -> Callable[[Env, str], Path]:
    def build(env: Env, name: str) -> Path:
        path = env.valid(name)
        raw_sql(path, f"PRAGMA user_version = {version}")
        return path

    return build


def _drop_entry_table(env: Env, name: str) -> Path:
    path = env.valid(name)
    raw_sql(
        path,
        "DROP TABLE issued_value",
        "DROP TABLE merge_conflict",
        "DROP TABLE entry_value",
        "DROP TABLE entry",
    )
    return path


def _huge(env: Env, name: str) -> Path:
    """A real department file followed by 200 MB of nothing (sparse: cheap to make)."""
    path = env.valid(name)
    os.truncate(path, HUGE_BYTES)
    return path


def _zip(env: Env, name: str) -> Path:
    path = env.folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("提出物/メモ.txt", "介護福祉課の記入です。")
    return path


def _fifo(env: Env, name: str) -> Path:
    """A named pipe called like a returned file: opening it for reading would wait forever."""
    path = env.folder / name
    os.mkfifo(path)
    return path


def _link_to_zero(env: Env, name: str) -> Path:
    """A link, named like a returned file, to an endless device."""
    path = env.folder / name
    path.symlink_to("/dev/zero")
    return path


def _link_to_valid(env: Env, name: str) -> Path:
    """A link to a genuine returned file: what it points to is read."""
    target = env.valid(name.replace(".wpdb", " 本体.wpdb"))
    path = env.folder / name
    path.symlink_to(target)
    return path


def _folder(env: Env, name: str) -> Path:
    path = env.folder / name
    path.mkdir()
    return path


# ---------------------------------------------------------------------- builders using a cycle


def _reuse(builder: Callable[[SheetCycle, Path], Path]) -> Callable[[Env, str], Path]:
    def build(env: Env, name: str) -> Path:
        return env.keep(builder(env.cycle, env.scratch), name)

    return build


def _valid(env: Env, name: str) -> Path:
    return env.valid(name)


def _forked(env: Env, name: str) -> Path:
    """A copy of the filled file, edited separately at the same revision."""
    first = env.valid(name)
    second = env.keep(first, name.replace(".wpdb", " のコピー.wpdb"))
    raw_sql(
        second,
        "INSERT OR REPLACE INTO entry_value (entry_id, field, value) "
        "SELECT id, 'outlook', '別々の編集' FROM entry WHERE id NOT IN "
        "(SELECT entry_id FROM entry_value WHERE field = 'outlook')",
    )
    return first


def _closed_round(env: Env, name: str) -> Path:
    from welfareplan.workflow.rounds.lifecycle import close_round

    path = env.valid(name)
    with env.cycle.open() as wb:
        close_round(wb, YEAR)
    return path


def _read_only(env: Env, name: str) -> Path:
    path = env.valid(name)
    path.chmod(0o444)
    return path


def _held(how: str) -> Callable[[Env, str], Path]:
    def build(env: Env, name: str) -> Path:
        path = env.valid(name)
        env.stack.enter_context(held(path, how))
        return path

    return build


def _sheet_full_width(env: Env, name: str) -> Path:
    made = fill_sheet(
        env.cycle.sheet(DEPT),
        env.scratch / "全角.xlsx",
        {9: {"result": "全角で評価", "rating": "Ａ"}},
    )
    return env.keep(made, name)


@dataclass(frozen=True)
class Kind:
    name: str
    suffix: str
    build: Callable[[Env, str], Path]
    merge: Merge
    gui: Gui
    year: int | None = None
    twice: bool = False  # the file is given twice (duplicate)
    companion: str = ""  # a second file made beside it, given too

    def make(self, env: Env, index: int) -> Case:
        name = f"返送 {index:02d} {self.name}{self.suffix}"
        path = self.build(env, name)
        paths = [path]
        if self.twice:
            paths.append(path)
        if self.companion:
            paths.append(env.folder / name.replace(self.suffix, self.companion))
        return Case(tuple(paths), self.year)


REFUSED = "refused"
OPENS = Gui("opens")
ZIP_IN_GUI = Gui(REFUSED, ("welfareplan のファイルではありません", "ZIP形式"))


def _same(words: str, code: str) -> tuple[Merge, Gui]:
    """A file refused by its header or integrity: the same words in merge and in the GUI."""
    return Merge(code=code, words=(words,)), Gui(REFUSED, (words,))


KINDS: tuple[Kind, ...] = (
    Kind("empty", ".wpdb", _reuse(wf.empty), *_same("空です", "empty")),
    Kind("text", ".wpdb", _reuse(wf.text_file), *_same("SQLiteデータベースではありません", "not-sqlite")),
    Kind("png-renamed", ".wpdb", _png, *_same("画像ファイル（PNG）", "not-sqlite")),
    Kind("truncated-50", ".wpdb", _truncated(50), *_same("途中で切れて", "truncated")),
    Kind("truncated-1024", ".wpdb", _truncated(1024), *_same("途中で切れて", "truncated")),
    Kind("truncated-half", ".wpdb", _truncated("half"), *_same("途中で切れて", "truncated")),
    Kind("truncated-last-page", ".wpdb", _truncated("last-page"), *_same("途中で切れて", "truncated")),
    Kind("bitflip-page1", ".wpdb", _bit_flip("page1"), *_same("壊れています", "corrupt")),
    Kind("bitflip-page2", ".wpdb", _bit_flip("page2"), *_same("壊れています", "corrupt")),
    Kind("bitflip-middle", ".wpdb", _bit_flip("middle"), *_same("壊れています", "corrupt")),
    Kind("bitflip-last", ".wpdb", _bit_flip("last"), *_same("壊れています", "corrupt")),
    Kind("wrong-application-id", ".wpdb", _reuse(wf.other_application), *_same("他のアプリケーション", "foreign-app")),
    Kind("newer-user-version", ".wpdb", _reuse(wf.newer_schema), *_same("新しい版の welfareplan", "newer-schema")),
    Kind("too-old-user-version", ".wpdb", _user_version(0), *_same("古すぎるため開けません", "too-old")),
    Kind("older-schema-claimed", ".wpdb", _user_version(2), *_same("余分な表: committee_member, entry_value", "bad-structure")),
    Kind("missing-table", ".wpdb", _reuse(wf.missing_table), *_same("ない表: committee_opinion", "bad-structure")),
    Kind("missing-entry-table", ".wpdb", _drop_entry_table, *_same("ない表: entry", "bad-structure")),
    Kind("extra-table", ".wpdb", _reuse(wf.extra_table), *_same("余分な表: notes", "bad-structure")),
    Kind("master-as-department-file", ".wpdb", _reuse(wf.master_as_department_file),
         Merge(code="wrong-kind", words=("マスターワークブックです", "担当課ファイルを指定")), OPENS),
    Kind("issued-by-another-workbook", ".wpdb", _reuse(wf.foreign_workbook),
         Merge(code="foreign-workbook", words=("別のマスターワークブックから配布",)), OPENS),
    Kind("forged-mac", ".wpdb", _reuse(wf.forged_mac),
         Merge(code="bad-mac", words=("署名（MAC）が一致しません",)), OPENS),
    Kind("another-departments-entry", ".wpdb", _reuse(wf.another_departments_entry),
         Merge(code="other-department", words=("他の担当課（地域福祉課）の記入",)), OPENS),
    Kind("unknown-project-key", ".wpdb", _reuse(wf.unknown_project_key),
         Merge(code="unknown-project", words=("計画にない事業のキー",)), OPENS),
    Kind("entry-removed", ".wpdb", _reuse(wf.entry_removed),
         Merge(code="entry-removed", words=("削除されています", "事業10")), OPENS),
    Kind("entry-added", ".wpdb", _reuse(wf.entry_added),
         Merge(code="entry-added", words=("追加されています",)), OPENS),
    Kind("plan-row-edited", ".wpdb", _reuse(wf.plan_row_edited),
         Merge(code="plan-edited", words=("事業12",)), OPENS),
    Kind("wrong-round", ".wpdb", _valid,
         Merge(code="wrong-round", words=("令和7年度実績のファイル", "取り込み先は令和6年度実績")), OPENS,
         year=2024),
    Kind("closed-round", ".wpdb", _closed_round,
         Merge(code="round-closed", words=("締め切られているため取り込めません",)), OPENS),
    Kind("duplicate-file", ".wpdb", _valid,
         Merge((APPLY, UNCHANGED), words=("同じファイルが重複して指定されています",)), OPENS,
         twice=True),
    Kind("copied-and-edited-separately", ".wpdb", _forked,
         Merge((REJECTED, REJECTED), code="revision-fork", words=("複製されて別々に編集",)), OPENS,
         companion=" のコピー.wpdb"),
    Kind("200-mb", ".wpdb", _huge,
         Merge(code="too-large", words=("大きすぎます",)),
         Gui(REFUSED, ("余分なデータ",))),
    Kind("zip", ".zip", _zip, Merge(code="worksheet-unreadable", words=("読み込めません",)), ZIP_IN_GUI),
    Kind("xlsx-not-our-worksheet", ".xlsx", _reuse(wf.excel_file),
         Merge(code="not-worksheet", words=("評価シートではありません",)), ZIP_IN_GUI),
    Kind("word-document", ".docx", _reuse(ws.word_document),
         Merge(code="not-worksheet", words=("Word の文書",)), ZIP_IN_GUI),
    Kind("excel-97-2003", ".xls", _reuse(ws.saved_as_xls),
         Merge(code="worksheet-old-format", words=("Excel ブック（.xlsx）",)),
         Gui(REFUSED, ("古い形式のOffice文書",))),
    Kind("worksheet-locked-cell-edited", ".xlsx", _reuse(ws.locked_cell_edited),
         Merge(code="locked-cell-edited", words=("入力欄以外のセルが変更されています",)), ZIP_IN_GUI),
    Kind("worksheet-rating-full-width-A", ".xlsx", _sheet_full_width,
         Merge((APPLY,), words=("事業評価「Ａ」を「A」として読み取りました",)), ZIP_IN_GUI),
    Kind("worksheet-rating-E", ".xlsx", _reuse(ws.rating_e),
         Merge(code="bad-rating", words=("事業評価「E」は A・B・C・D のどれでもありません",)), ZIP_IN_GUI),
    Kind("japanese-name-with-spaces", " 介護福祉課 （最終版） 第2稿.wpdb", _valid, Merge((APPLY,)), OPENS),
    Kind("read-only-file", ".wpdb", _read_only, Merge((APPLY,)), Gui("read-only", ("読み取り専用",))),
    Kind("locked-by-live-process", ".wpdb", _held("lock-file"), Merge((APPLY,)),
         Gui("read-only", ("編集中です",))),
    Kind("sqlite-write-lock-held", ".wpdb", _held("sqlite-write"),
         *_same("書き込み中", "busy")),
    Kind("interrupted-save-hot-journal", ".wpdb", journals.interrupted,
         Merge(code="interrupted", words=("保存が途中で中断",)), Gui("opens", rolls_back=True)),
    Kind("journal-of-another-file", ".wpdb", journals.journal_of_another_file,
         Merge(code="interrupted", words=("保存が途中で中断",)),
         Gui(REFUSED, ("-journal」は、このファイルの中断された保存の記録と一致しません", "保存回数"))),
    Kind("journal-left-after-restore", ".wpdb", journals.journal_left_after_restore,
         Merge(code="interrupted", words=("保存が途中で中断",)),
         Gui(REFUSED, ("-journal」は、このファイルの中断された保存の記録と一致しません",))),
    Kind("appended-data-idle-journal", ".wpdb", journals.appended_data_with_idle_journal,
         *_same("余分なデータ", "trailing-data")),
    Kind("fifo", ".wpdb", _fifo, *_same("名前付きパイプ（FIFO）です。読み取りません", "not-regular")),
    Kind("link-to-dev-zero", ".wpdb", _link_to_zero, *_same("デバイスです。読み取りません", "not-regular")),
    Kind("link-to-a-returned-file", ".wpdb", _link_to_valid, Merge((APPLY,)), OPENS),
    Kind("wal-mode", ".wpdb", walmode.wal_mode, Merge((APPLY,)),
         Gui("opens", ("WAL 形式に変えられていたため",), converts=True)),
    Kind("change-pending-in-wal", ".wpdb", walmode.pending_in_wal, Merge((APPLY,)),
         Gui("opens", ("WAL 形式に変えられていたため",), converts=True)),
    Kind("folder", ".wpdb", _folder, *_same("フォルダです", "is-dir")),
    # SQL and structure of their own (issue 13, items 5 and 6)
    Kind("trigger", ".wpdb", hostile.trigger, *_same("トリガー: wipe_others", "bad-structure")),
    Kind("view", ".wpdb", hostile.view, *_same("ビュー: entry_view", "bad-structure")),
    Kind("dropped-column", ".wpdb", hostile.dropped_column, *_same("定義の違う表: entry（列・型・制約）", "bad-structure")),
    Kind("table-named-like-sqlite", ".wpdb", hostile.like_named_table, *_same("余分な表: sqliteXnotes", "bad-structure")),
    Kind("index-added", ".wpdb", hostile.extra_index, *_same("余分な索引: ix_by_text", "bad-structure")),
    Kind("check-removed", ".wpdb", hostile.check_removed, *_same("定義の違う表: round", "bad-structure")),
    Kind("entry-rebuilt-without-key", ".wpdb", hostile.entry_without_key, *_same("定義の違う表: entry_value", "bad-structure")),
    Kind("meta-rebuilt-without-key", ".wpdb", hostile.meta_without_key, *_same("定義の違う表: wp_meta", "bad-structure")),
    Kind("hidden-duplicate-revision", ".wpdb", hostile.hidden_duplicate_meta,
         *_same("ファイルの管理情報（wp_meta）に、同じキーの行が重複しています", "duplicate-rows")),
    Kind("hidden-duplicate-entry", ".wpdb", hostile.hidden_duplicate_entry,
         *_same("記入の内容（entry_value）に、同じキーの行が重複しています", "duplicate-rows")),
)  # fmt: skip

BY_NAME = {k.name: k for k in KINDS}
