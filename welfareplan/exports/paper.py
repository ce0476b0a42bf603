"""Paper sizes for the printed report: A4 landscape (the default) and A3 landscape."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from welfareplan.core.errors import DataError

TWIPS_PER_MM = 1440 / 25.4
PT_PER_MM = 72 / 25.4


class PaperSize(StrEnum):
    A4 = "A4"
    A3 = "A3"


@dataclass(frozen=True)
class Paper:
    """A landscape page: size, margins and the font sizes used on it."""

    size: PaperSize
    width_mm: float
    height_mm: float
    margin_mm: float
    #: Font size of the table bodies (pt).
    table_pt: float
    #: Font size of running text such as the committee's opinions (pt).
    body_pt: float
    #: openpyxl / Excel ``paperSize`` code.
    excel_code: int

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - 2 * self.margin_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - 2 * self.margin_mm

    @property
    def label(self) -> str:
        return f"{self.size.value}横"


PAPERS: dict[PaperSize, Paper] = {
    PaperSize.A4: Paper(PaperSize.A4, 297.0, 210.0, 12.0, 8.5, 10.5, 9),
    PaperSize.A3: Paper(PaperSize.A3, 420.0, 297.0, 15.0, 11.0, 12.0, 8),
}


def paper(size: PaperSize | str = PaperSize.A4) -> Paper:
    """The paper for 'A4' / 'A3' (any case, full-width letters too)."""
    if isinstance(size, PaperSize):
        return PAPERS[size]
    import unicodedata

    key = unicodedata.normalize("NFKC", size).strip().upper()
    try:
        return PAPERS[PaperSize(key)]
    except ValueError:
        raise DataError(
            f"用紙「{size}」には対応していません。A4 または A3 を指定してください。",
            code="bad-paper",
        ) from None
