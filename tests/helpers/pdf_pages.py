"""Reading printed PDFs back: the text of each page (pdftotext) and the size of the seal boxes
measured on the rendered page (pdftoppm, grey pixels)."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

#: The code points of CJK radicals (supplement and Kangxi) that must never replace a kanji.
RADICALS = re.compile("[\u2e80-\u2fdf]")
DPI = 100


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def compact(text: str) -> str:
    """Text without any whitespace (pdftotext spaces out mixed CJK/Latin text and wraps)."""
    return re.sub(r"\s+", "", text)


def _grey_page(pdf: Path, page: int) -> tuple[int, int, bytes]:
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert m, pgm[:20]
    width, height = int(m.group(1)), int(m.group(2))
    return width, height, pgm[m.end() : m.end() + width * height]


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of True."""
    out, start = [], None
    for i, f in enumerate([*flags, False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i - start))
            start = None
    return out


def seal_boxes_mm(pdf: Path) -> tuple[list[float], float]:
    """Widths of the seal boxes and the height of the box below their labels (mm), measured on
    page 1: the boxes are the vertical lines of the top right part of the page that start
    near its top."""
    width, height, px = _grey_page(pdf, 1)
    mm = DPI / 25.4

    def dark(x: int, y: int) -> bool:
        return px[y * width + x] < 128

    top_band = int(height * 0.2)
    spans: dict[int, tuple[int, int]] = {}
    for x in range(int(width * 0.55), width):
        column = [dark(x, y) for y in range(int(height * 0.45))]
        for start, length in _runs(column):
            if start < top_band and length >= 12 * mm:
                spans[x] = (start, start + length)
                break
    xs = [start + length // 2 for start, length in _runs([x in spans for x in range(width)])]
    assert len(xs) >= 4, xs
    widths = [(b - a) / mm for a, b in itertools.pairwise(xs)]
    top, bottom = spans[xs[-1]]
    middle = (xs[-2] + xs[-1]) // 2
    rows = _runs([dark(middle, y) for y in range(top, bottom + 2)])
    ys = [top + start + length // 2 for start, length in rows]
    assert len(ys) >= 3, ys
    return widths, (ys[-1] - ys[-2]) / mm
