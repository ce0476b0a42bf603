"""The page and document setup shared by the Word report and the Word worksheets.

A new document gets: landscape A4/A3 pages with the paper's margins, Japanese fonts as the
document defaults (``w:eastAsia`` included, theme fonts removed so they cannot override them),
Japanese as the East Asian language, compact paragraph spacing, and ``page / pages`` in the
footer (and, for worksheets, a running head with 「N / M」 at the top). Content built by
:mod:`welfareplan.exports.docx_xml` is added in one step on saving.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from welfareplan.core.atomic import atomic_target
from welfareplan.exports import docx_xml as x
from welfareplan.exports.paper import TWIPS_PER_MM, Paper


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def column_twips(paper: Paper, fractions: tuple[float, ...]) -> list[int]:
    """Column widths in twips that add up exactly to the paper's text width."""
    total = mm_to_twips(paper.text_width_mm)
    scale = sum(fractions)
    widths = [int(total * f / scale) for f in fractions]
    widths[-1] += total - sum(widths)
    return widths


def _set_default_fonts(doc: Any, font: str, size_pt: float) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    hp = x.half_points(size_pt)
    defaults = parse_xml(
        f'<w:docDefaults xmlns:w="{x.W_NS}">'
        f"<w:rPrDefault><w:rPr>{x.fonts_xml(font)}"
        f'<w:kern w:val="2"/><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
        '<w:lang w:val="ja-JP" w:eastAsia="ja-JP" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    styles.insert(0, defaults)
    # Styles of the template may name theme fonts, which take precedence over w:ascii etc.
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attr}"), font)


def _setup_section(doc: Any, paper: Paper, running_head: str = "") -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Mm(paper.width_mm)
    section.page_height = Mm(paper.height_mm)
    section.left_margin = section.right_margin = Mm(paper.margin_mm)
    section.top_margin = section.bottom_margin = Mm(paper.margin_mm)
    section.header_distance = Mm(paper.margin_mm / 2)
    section.footer_distance = Mm(paper.margin_mm / 3)
    footer = section.footer
    footer.is_linked_to_previous = False
    footer_p = footer.paragraphs[0]._p
    parent = footer_p.getparent()
    style = x.Style(size_pt=9)
    number = (
        f"<w:p>{x.Style(align='center').ppr()}"
        f"{x.field_runs('PAGE', '1', style)}"
        f'<w:r>{style.rpr()}<w:t xml:space="preserve"> / </w:t></w:r>'
        f"{x.field_runs('NUMPAGES', '1', style)}</w:p>"
    )
    from docx.oxml import parse_xml

    new_p = parse_xml(number.replace("<w:p>", f'<w:p xmlns:w="{x.W_NS}">', 1))
    parent.replace(footer_p, new_p)
    if running_head:
        header = section.header
        header.is_linked_to_previous = False
        header_p = header.paragraphs[0]._p
        head = (
            f'<w:p xmlns:w="{x.W_NS}">{x.Style(align="right").ppr()}'
            f'<w:r>{style.rpr()}<w:t xml:space="preserve">{escape(running_head)}　　</w:t></w:r>'
            f"{x.field_runs('PAGE', '1', style)}"
            f'<w:r>{style.rpr()}<w:t xml:space="preserve"> / </w:t></w:r>'
            f"{x.field_runs('NUMPAGES', '1', style)}</w:p>"
        )
        header_p.getparent().replace(header_p, parse_xml(head))


def new_document(paper: Paper, *, title: str, author: str, running_head: str = "") -> Any:
    """A python-docx ``Document`` set up for a landscape Japanese report on ``paper``
    (with ``running_head`` and 「N / M」 at the top of every page when given)."""
    import docx

    doc = docx.Document()
    _set_default_fonts(doc, x.MINCHO, paper.body_pt)
    _setup_section(doc, paper, running_head)
    props = doc.core_properties
    props.title = title
    props.author = author
    props.language = "ja-JP"
    props.comments = "welfareplan で作成"
    return doc


def save_document(doc: Any, path: Path, fragments: list[str]) -> Path:
    """Add the body-level XML ``fragments`` before the section properties and save
    atomically: the file appears complete or not at all.

    The fragments are spliced into the serialised main document and written into the package
    as bytes, never parsed: moving (or parsing) a large tree with lxml costs time that grows
    faster than the tree, and one long lxml call would also hold the GIL and freeze the GUI
    while a report is exported in the background.
    """
    import io
    import zipfile

    from docx.opc.oxml import serialize_part_xml

    part = doc.part
    xml = serialize_part_xml(part.element)
    at = xml.rindex(b"<w:sectPr")  # the body's own section properties close the body
    document_xml = xml[:at] + "".join(fragments).encode("utf-8") + xml[at:]
    member = str(part.partname).lstrip("/")
    path = Path(path)
    with atomic_target(path) as tmp:
        package = io.BytesIO()
        part.package.save(package)
        with (
            zipfile.ZipFile(package) as src,
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst,
        ):
            for info in src.infolist():
                data = document_xml if info.filename == member else src.read(info)
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return path
