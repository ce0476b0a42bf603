"""Progress reporting and cancellation for long operations (distribute, merge, plan import).

The GUI passes ``progress(done, total, message)`` to drive a progress bar and ``cancelled()``
to poll its cancel button; the CLI passes neither. Cancelling raises
:class:`OperationCancelled` before anything is committed, so the master stays unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from welfareplan.core.errors import WelfareplanError

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


class OperationCancelled(WelfareplanError):
    """The user cancelled; nothing was changed."""

    code = "cancelled"


class Steps:
    """Reports ``done/total`` with a Japanese message and checks for cancellation."""

    def __init__(
        self,
        total: int,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
        *,
        what: str = "処理",
    ) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._what = what

    def check(self) -> None:
        """Raise :class:`OperationCancelled` when the user asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise OperationCancelled(
                f"{self._what}を中止しました。マスターワークブックは変更していません。"
            )

    def step(self, message: str) -> None:
        """Announce the next step (after checking for cancellation)."""
        self.check()
        if self._progress is not None:
            self._progress(self.done, self.total, message)
        self.done += 1

    def finish(self, message: str) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total, message)
