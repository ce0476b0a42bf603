"""Reading exported .docx files back at the XML level (tables, merges, row properties)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path: Path) -> Any:
    import docx

    return docx.Document(str(path))


def paragraph_text(p: Any) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}br":
            out.append("\f" if el.get(f"{W}type") == "page" else "\n")
        else:
            out.append("\t")
    return "".join(out)


@dataclass(frozen=True)
class Cell:
    text: str
    vmerge: str | None  # 'restart', 'continue' or None
    width: int
    span: int
    element: Any


def read_cell(tc: Any) -> Cell:
    tcpr = tc.find(f"{W}tcPr")
    vm = tcpr.find(f"{W}vMerge") if tcpr is not None else None
    vmerge = None if vm is None else (vm.get(f"{W}val") or "continue")
    width_el = tcpr.find(f"{W}tcW") if tcpr is not None else None
    span_el = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
    text = "\n".join(paragraph_text(p) for p in tc.findall(f"{W}p"))
    return Cell(
        text=text,
        vmerge=vmerge,
        width=int(width_el.get(f"{W}w")) if width_el is not None else 0,
        span=int(span_el.get(f"{W}val")) if span_el is not None else 1,
        element=tc,
    )


def rows(tbl: Any) -> list[list[Cell]]:
    return [[read_cell(tc) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]


def row_flags(tr: Any) -> set[str]:
    trpr = tr.find(f"{W}trPr")
    return set() if trpr is None else {child.tag.removeprefix(W) for child in trpr}


def body_tables(doc: Any) -> list[Any]:
    return list(doc.element.body.findall(f"{W}tbl"))


def tables_with_header(doc: Any, labels: list[str]) -> list[Any]:
    found = []
    for tbl in body_tables(doc):
        first = tbl.find(f"{W}tr")
        if first is not None and [read_cell(tc).text for tc in first.findall(f"{W}tc")] == labels:
            found.append(tbl)
    return found


def grid_widths(tbl: Any) -> list[int]:
    return [int(g.get(f"{W}w")) for g in tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")]


def body_paragraph_texts(doc: Any) -> list[str]:
    return [paragraph_text(p) for p in doc.element.body.findall(f"{W}p")]
