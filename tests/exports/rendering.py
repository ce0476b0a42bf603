"""Rendering exported documents to PDF with LibreOffice and reading them back with poppler.

Render tests are marked ``render``. Without ``soffice``/``pdftotext`` they are skipped, unless
``WELFAREPLAN_REQUIRE_RENDER=1`` (set by CI), in which case they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.pdf_pages import compact, page_texts

REQUIRE_ENV = "WELFAREPLAN_REQUIRE_RENDER"
TOOLS = ("soffice", "pdftotext", "pdfinfo")
#: LibreOffice needs 10–30 s per batch on a slow machine; allow plenty.
CONVERT_TIMEOUT_S = 600


def require_renderer() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if not missing:
        return
    message = f"rendering tools missing: {', '.join(missing)}"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message} ({REQUIRE_ENV}=1)")
    pytest.skip(message)


@dataclass(frozen=True)
class RenderedPdf:
    path: Path
    pages: list[str]
    width_pt: float
    height_pt: float

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def compact_pages(self) -> list[str]:
        return [compact(p) for p in self.pages]


RenderedSet = dict[str, RenderedPdf]


def _pdf_info(pdf: Path) -> tuple[float, float]:
    out = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    assert m, out
    return float(m.group(1)), float(m.group(2))


def render_to_pdf(sources: dict[str, Path], outdir: Path) -> RenderedSet:
    """Convert every source to PDF in one LibreOffice run (private profile) and read the
    text of each page. Keys name the outputs (they must differ, so must the PDFs)."""
    outdir.mkdir(parents=True, exist_ok=True)
    staged = outdir / "src"
    staged.mkdir(exist_ok=True)
    inputs = []
    for key, src in sources.items():
        dest = staged / f"{key}{src.suffix}"
        shutil.copyfile(src, dest)
        inputs.append(dest)
    profile = outdir.parent / f"lo-profile-{uuid.uuid4().hex}"
    try:
        r = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, inputs),
            ],
            capture_output=True,
            text=True,
            timeout=CONVERT_TIMEOUT_S,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result: RenderedSet = {}
    for key in sources:
        pdf = outdir / f"{key}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {key}: {r.stdout}\n{r.stderr}"
        width, height = _pdf_info(pdf)
        result[key] = RenderedPdf(pdf, page_texts(pdf), width, height)
    return result
