"""Errors that reach the user.

Every error the user can cause (a wrong file, bad input) is a :class:`WelfareplanError` whose
message is Japanese and complete: the CLI prints it, the GUI shows it in a dialog, and neither
shows a traceback. ``code`` is a stable English identifier for tests and logs.
"""

from __future__ import annotations


class WelfareplanError(Exception):
    """An error with a Japanese message meant for the user."""

    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class FileCheckError(WelfareplanError):
    """The file cannot be opened as one of ours; nothing was changed."""

    code = "file-check"


class SchemaTooNewError(FileCheckError):
    code = "newer-schema"


class DataError(WelfareplanError):
    """Input data (an import, shipped resources, a command argument) is invalid."""

    code = "data"


class ReadOnlyError(WelfareplanError):
    """A write was attempted on something that is read-only (a closed round, a locked file)."""

    code = "read-only"
