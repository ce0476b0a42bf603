"""Write screenshots of the main views (offscreen) to docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

Uses a temporary profile and files made from the built-in demo; nothing of the user's is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def settle(app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        app.processEvents()


def shoot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")
    return path


def department_file(folder: Path) -> Path:
    """A department file for FY2025 issued from the demo (地域福祉課)."""
    from welfareplan.workflow.demo import make_demo_files

    return make_demo_files(folder)[1]


def with_dialog(app, action: Callable[[], None], on_dialog: Callable[[object], None]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(30, poll)
            return
        settle(app)
        on_dialog(dialog)

    QTimer.singleShot(30, poll)
    action()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WELFAREPLAN_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtCore import Qt

        from welfareplan.core.settings import Settings
        from welfareplan.gui.application import create_application
        from welfareplan.gui.main_window import MainWindow
        from welfareplan.gui.style import apply_zoom

        app = create_application()
        apply_zoom(app, 100)
        w = MainWindow(Settings())
        # not maximised on the small offscreen screen: the sizes below are the shots' sizes
        w.setWindowState(Qt.WindowState.WindowNoState)
        w.resize(1400, 900)
        w.show()
        settle(app)
        shoot(w, "01_welcome")

        dept = department_file(Path(tmp))
        w.open_path(dept)
        settle(app)
        view = w.view
        assert view is not None
        view.go(1)
        view.go(1)  # 事業7, with another department on the same project
        editor = view.editor
        editor.text_edit("result").setPlainText(
            "避難行動要支援者名簿の更新を行った。新規対象者に郵送で調査を実施した。\n個別避難計画の作成を進めた。"
        )
        editor.set_rating("B")
        view.save_current()
        settle(app)
        editor.text_edit("outlook").setFocus()
        settle(app)
        shoot(w, "02_department_entry")
        # small screens: 1280×720 at 100 %, and the same screen at 125 % (1024×576 logical)
        for size, name in (
            ((1280, 720), "02b_department_1280x720"),
            ((1024, 576), "02c_department_125"),
        ):
            w.resize(*size)
            editor.reference.sized_by_user = False
            settle(app)
            editor.fit_reference()
            settle(app)
            shoot(w, name)
        w.resize(1400, 900)
        view.find_bar.open_bar()
        view.find_bar.edit.setText("避難")
        settle(app)
        shoot(w, "02d_department_find")
        view.find_bar.close_bar()
        settle(app)

        view.ui.filterCheck.setChecked(True)
        settle(app)

        def grab_submit(dialog) -> None:  # type: ignore[no-untyped-def]
            dialog.ui.nameEdit.setText("小金井 花子")
            settle(app)
            shoot(dialog, "03_submit_dialog")
            dialog.reject()

        with_dialog(app, w.submit, grab_submit)
        w.close_document()

        # --- the division's side: the demo master with the returned department file
        division_screens(app, w, Path(tmp), dept)
        w.close()
    return 0


def division_screens(app, w, tmp: Path, dept: Path) -> None:  # type: ignore[no-untyped-def]
    from welfareplan.core.checks import EntryValues
    from welfareplan.core.editing import save_entry
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist
    from welfareplan.gui.division import view as division
    from welfareplan.workflow.demo import DEMO_WORKBOOK_NAME

    master = dept.parent.parent / DEMO_WORKBOOK_NAME
    # the department fills a few entries; meanwhile the division corrects one of them: a conflict
    with Workbook.open(dept) as wb:
        items = load_worklist(wb).items
        for item, text, rating in zip(
            items[:5],
            [
                "ユニバーサルデザインの情報を庁内で共有した。",
                "届出受理件数は12件。",
                "講座を2回開催した。",
                "名簿を更新した。",
                "研修を実施した。",
            ],
            "ABABA",
            strict=True,
        ):
            save_entry(
                wb,
                item.entry_id,
                EntryValues(result=text, rating=rating, outlook="引き続き取り組む。"),
            )
    with Workbook.open(master) as wb:
        first = load_worklist(wb).items[0]
        save_entry(
            wb,
            first.entry_id,
            EntryValues(result="（地域福祉課で訂正）条例に基づき全庁的に対応した。"),
        )
    w.open_path(master)
    settle(app)
    view = w.view
    shoot(w, "04_division_dashboard")
    view.add_files_to_merge([dept])
    while view.ctx.busy:
        app.processEvents()
    settle(app)
    merge = view.tab(division.TAB_MERGE)
    merge.ui.filterCheck.setChecked(True)  # only what needs a decision
    merge.next_conflict()  # F8
    merge.ui.chooseFile.setChecked(True)
    settle(app)
    shoot(w, "05_division_merge_conflict")
    with_dialog(app, merge.apply, lambda box: box.accept())  # the import's result
    while view.ctx.busy:
        app.processEvents()
    view.ui.tabs.setCurrentIndex(division.TAB_AUDIT)
    settle(app)
    audit = view.tab(division.TAB_AUDIT)
    audit.ui.importList.setCurrentRow(0)
    settle(app)
    shoot(w, "10_division_audit")
    view.ui.tabs.setCurrentIndex(division.TAB_OPINIONS)
    settle(app)
    shoot(w, "06_division_opinions")
    view.ui.tabs.setCurrentIndex(division.TAB_HISTORY)
    settle(app)
    hist = view.tab(division.TAB_HISTORY)
    hist.ui.projectCombo.setCurrentIndex(
        hist.ui.projectCombo.findText("事業9 市民に対する啓発活動の推進")
    )
    settle(app)
    shoot(w, "07_division_history")
    view.ui.tabs.setCurrentIndex(division.TAB_EXPORTS)
    settle(app)
    shoot(w, "08_division_exports")
    view.ui.tabs.setCurrentIndex(division.TAB_PLAN)
    settle(app)
    shoot(w, "09_division_plan")
    w.close_document()


if __name__ == "__main__":
    sys.exit(main())
