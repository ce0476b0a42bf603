"""Where the rows of a goal's main table in the Word report hold together across pages.

A project's department rows are kept on one page (each row but the last "keeps with next")
when they fit on one. The table's first page is filled on estimated row heights: a project
that would leave it holding a single row below the goal's structure is cut instead — its
first rows on that page, the rest on the next — and so is a project taller than a page. Each piece
after the first starts with the project's 施策No / 事業No / name marked （続き）, so the page it
begins carries them (vertically merged cells would print them on the first page only). The
last rows of a table are kept together so that no page holds one row alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from welfareplan.core.reportdata import ReportEntry, ReportGoal, ReportProject
from welfareplan.exports.tablegroups import measure_spans

#: What a piece of a project after its first is labelled with.
CONTINUED = "（続き）"


@dataclass
class PlannedRow:
    project: ReportProject
    entry: ReportEntry
    #: The row's own estimated height (its department's cells).
    height_pt: float
    #: The row carries the project cells (事業No, name, 内容) over ``piece_rows`` rows.
    piece_start: bool = False
    piece_rows: int = 1
    #: A piece after the project's first: its label is marked （続き）.
    continued: bool = False
    #: The row carries the 施策No cell over ``measure_rows`` rows.
    measure_start: bool = False
    measure_rows: int = 1
    keep_next: bool = False


#: How much taller LibreOffice and Word lay the rows out than their estimate (measured on the
#: demo's report: full pages held 350–420 pt of estimated rows on 500 pt).
ESTIMATE_SCALE = 1.3


def _pieces(heights: list[float], context_pt: float, room_pt: float) -> list[list[int]]:
    """The indexes of a project's rows cut so that each piece fits in ``room_pt``."""
    if max(sum(heights), context_pt) <= room_pt:
        return [list(range(len(heights)))]
    pieces: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if pieces[-1] and used + h > room_pt:
            pieces.append([])
            used = 0.0
        pieces[-1].append(i)
        used += h
    return pieces


@dataclass
class _Pages:
    """The estimated filling of the pages, to find a page that would hold one row."""

    room_pt: float
    left_pt: float
    rows: int = 0
    first: bool = True

    def place(self, heights: list[float], context_pt: float) -> list[list[int]]:
        """Where ``heights`` (one project's rows) go: whole on this page or the next, or —
        when moving it whole would leave this page with one row — its first rows here and
        the rest continued on the next page."""
        scaled = [h * ESTIMATE_SCALE for h in heights]
        context = context_pt * ESTIMATE_SCALE
        whole = max(sum(scaled), context)
        if whole <= self.left_pt:
            self.left_pt -= whole
            self.rows += len(heights)
            return [list(range(len(heights)))]
        # Only on the table's first page: the estimates drift from the real layout page by
        # page, and a piece continued in the middle of a page would be named there for nothing.
        if self.first and self.rows == 1 and len(heights) > 1:
            k = max(
                (
                    k
                    for k in range(1, len(heights))
                    if max(sum(scaled[:k]), context) <= self.left_pt
                ),
                default=0,
            )
            if k:
                rest = self._new_page([scaled[i] for i in range(k, len(heights))])
                return [list(range(k)), *[[i + k for i in piece] for piece in rest]]
        if whole <= self.room_pt:
            self.left_pt, self.rows, self.first = self.room_pt - whole, len(heights), False
            return [list(range(len(heights)))]
        return self._new_page(scaled, context)

    def _new_page(self, scaled: list[float], context: float = 0.0) -> list[list[int]]:
        pieces = _pieces(scaled, context, self.room_pt)
        self.first = False
        last = pieces[-1]
        self.left_pt = self.room_pt - max(
            sum(scaled[i] for i in last), context if len(pieces) == 1 else 0
        )
        self.rows = len(last)
        return pieces


def plan_rows(
    goal: ReportGoal,
    row_pt: Callable[[ReportEntry], float],
    context_pt: Callable[[ReportProject], float],
    room_pt: float,
    first_page_pt: float,
) -> list[PlannedRow]:
    """The rows of ``goal``'s table in order, with how they merge and keep together
    (``row_pt``/``context_pt`` estimate a row's and a project's cells' heights; ``room_pt``
    is a page's room for rows, ``first_page_pt`` the room left on the table's first page)."""
    spans = measure_spans(goal)
    pages = _Pages(room_pt, first_page_pt)
    rows: list[PlannedRow] = []
    chains: list[float] = []  # height of the piece each row belongs to
    for project in goal.projects:
        heights = [row_pt(e) for e in project.entries]
        pieces = pages.place(heights, context_pt(project))
        first_of_measure = spans[project.project_id][0]
        for k, piece in enumerate(pieces):
            piece_height = max(sum(heights[i] for i in piece), context_pt(project) if k == 0 else 0)
            for j, i in enumerate(piece):
                rows.append(
                    PlannedRow(
                        project,
                        project.entries[i],
                        heights[i],
                        piece_start=j == 0,
                        piece_rows=len(piece),
                        continued=k > 0,
                        measure_start=j == 0 and (k > 0 or first_of_measure),
                        keep_next=j < len(piece) - 1,
                    )
                )
                chains.append(piece_height)
    starts = [i for i, r in enumerate(rows) if r.measure_start] + [len(rows)]
    for a, b in itertools.pairwise(starts):
        rows[a].measure_rows = b - a
    # no page holds the table's last row alone: the one before it keeps with it
    if (
        len(rows) >= 2
        and not rows[-2].keep_next
        and (chains[-1] + chains[-2]) * ESTIMATE_SCALE <= room_pt
    ):
        rows[-2].keep_next = True
    return rows
