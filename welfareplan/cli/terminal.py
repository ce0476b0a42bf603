"""What the command line prints: never a raw control character.

File names and texts come from other people's files: an ESC sequence in a department's text or
in a file name would recolour, clear or retitle the terminal, a carriage return would overwrite
the line, and a name with bytes that are not valid UTF-8 (kept by Python as lone surrogates)
cannot even be encoded. Everything written to standard output and error goes through
:class:`TerminalText`, which shows such characters as ``\\uXXXX`` escapes (also valid inside the
strings of ``--json`` output) and leaves line breaks and tabs alone.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# C0 controls but TAB and LF, DEL, C1 controls, lone surrogates
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def for_terminal(text: str) -> str:
    """``text`` with every control character and undecodable byte shown as ``\\uXXXX``."""
    if _UNSHOWABLE.search(text) is None:
        return text
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalText:
    """A text stream that escapes what it is given (:func:`for_terminal`) before passing it
    on to ``stream``; everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
