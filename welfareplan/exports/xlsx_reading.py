"""Opening an .xlsx for reading with every cell's string as stored.

openpyxl leaves Excel's ``_xHHHH_`` escapes in cell strings, except that it removes every
``x005F_`` from the shared strings (a shortcut for the escaped underscore that turns the
literal ``_x005F_`` into ``_``, and leaves the other escapes). :func:`load_workbook_exact`
is openpyxl's ``load_workbook`` with that step left out, so every string is exactly as
stored and :func:`welfareplan.exports.textsafe.ooxml_unescape` decodes it exactly (through
``worksheet_keys.cell_text``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from welfareplan.core.errors import DataError


def load_workbook_exact(source: Any, *, read_only: bool = False, data_only: bool = False) -> Any:
    """openpyxl's ``load_workbook(source, read_only, data_only=…)`` without its partial
    unescaping of shared strings."""
    from openpyxl.cell.text import Text
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    string_tag = f"{{{SHEET_MAIN_NS}}}si"

    class ExactReader(ExcelReader):  # type: ignore[misc]  # openpyxl is untyped
        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is None:
                return
            strings = []
            with self.archive.open(found.PartName[1:]) as src:
                for _, node in iterparse(src):
                    if node.tag == string_tag:
                        strings.append(Text.from_tree(node).content)
                        node.clear()
            self.shared_strings = strings

    reader = ExactReader(source, read_only=read_only, data_only=data_only, rich_text=False)
    reader.read()
    return reader.wb


def open_xlsx(path: Path, data: bytes | None = None) -> Any:
    """``path`` (or its bytes ``data``, already read) opened read-only with cell values
    (:func:`load_workbook_exact`); a missing file or one that is not an .xlsx raises
    :class:`DataError` with a Japanese message."""
    import io
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        source = path if data is None else io.BytesIO(data)
        return load_workbook_exact(source, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DataError(f"ファイル「{path.name}」が見つかりません。", code="not-found") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DataError(
            f"ファイル「{path.name}」は Excel ファイル（.xlsx）として読み取れません（壊れているか、別の形式です）。",
            code="not-xlsx",
        ) from None
