"""The entry editor's reference panes (the plan's text, last year's entry) above its inputs:
they fold away (参考欄を隠す) or shrink, so that the inputs of the project stay on a small
screen (1280×720, 125 %), unless the user has moved the divider
(:mod:`welfareplan.gui.window_place` remembers it)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from welfareplan.gui.forms.ui_entry_editor import Ui_EntryEditor


class ReferencePanes(QObject):
    """The divider between the reference panes and the inputs, and the toggle that hides them."""

    def __init__(self, ui: Ui_EntryEditor, parent: QObject) -> None:
        super().__init__(parent)
        self.ui = ui
        splitter = ui.referenceSplitter
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        ui.referenceScroll.setMinimumHeight(1)
        #: the user moved the divider: their sizes stay
        self.sized_by_user = False
        splitter.splitterMoved.connect(self._on_moved)
        ui.referenceToggle.toggled.connect(self.show)

    def show(self, shown: bool) -> None:
        self.ui.referenceScroll.setVisible(shown)
        self.ui.referenceToggle.setChecked(shown)
        self.ui.referenceToggle.setText("参考欄を隠す(&R)" if shown else "参考欄を表示(&R)")

    def _on_moved(self) -> None:
        self.sized_by_user = True

    def fit(self, text_boxes: int, line_spacing: int) -> None:
        """Give the inputs the room they need and the reference panes what is left (up to
        what they need), unless the user has moved the divider; ``text_boxes``: how many text
        inputs the form has."""
        if self.sized_by_user:
            return
        ui = self.ui
        splitter = ui.referenceSplitter
        total = sum(splitter.sizes())
        if total <= 0:
            return
        # the inputs at their smallest plus two lines more per text box to type in
        lines = 2 * text_boxes * line_spacing
        inputs = min(
            ui.inputPane.sizeHint().height(),
            ui.inputPane.minimumSizeHint().height() + lines,
        )
        wanted = ui.referenceHost.sizeHint().height()
        reference = max(0, min(wanted, total - inputs))
        if reference < 3 * line_spacing:
            reference = 0  # folded rather than a sliver; the divider pulls it open
        splitter.setSizes([reference, total - reference])
