"""Typing into a worksheet with LibreOffice Calc, as a person does (issue 13, item 10).

A Basic macro in a private LibreOffice profile opens the file hidden, and for each line
``CELL<TAB>TEXT`` of an instruction file (UTF-8) goes to the cell and enters the text with
``.uno:EnterString`` (the first two lines name the file and the sheet, a line "." ends them) — the dispatch command of typing into a cell and pressing Enter, which
interprets the text by the cell's number format exactly as typing does (``50%`` in a General
cell becomes the number 0.5, in a text cell the text "50%") — then saves as .xlsx.
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

from tests.exports.rendering import CONVERT_TIMEOUT_S

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub TypeInto(sInstructions As String)
  oSfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
  oIn = createUnoService("com.sun.star.io.TextInputStream")
  oIn.setInputStream(oSfa.openFileRead(ConvertToURL(sInstructions)))
  oIn.setEncoding("UTF-8")
  sPath = oIn.readLine()
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sPath), "_blank", 0, args())
  oCtrl = oDoc.getCurrentController()
  oSheet = oDoc.Sheets.getByName(oIn.readLine())
  oCtrl.setActiveSheet(oSheet)
  oFrame = oCtrl.getFrame()
  oDisp = createUnoService("com.sun.star.frame.DispatchHelper")
  Dim e(0) As New com.sun.star.beans.PropertyValue
  e(0).Name = "StringName"
  Do While Not oIn.isEOF()
    sLine = oIn.readLine()
    Do While Len(sLine) &gt; 0 And (Right(sLine, 1) = Chr(10) Or Right(sLine, 1) = Chr(13))
      sLine = Left(sLine, Len(sLine) - 1)
    Loop
    If sLine = "." Then Exit Do
    If Len(sLine) &gt; 0 Then
      iTab = InStr(sLine, Chr(9))
      oCtrl.select(oSheet.getCellRangeByName(Left(sLine, iTab - 1)))
      e(0).Value = Mid(sLine, iTab + 1)
      oDisp.executeDispatch(oFrame, ".uno:EnterString", "", 0, e())
    End If
  Loop
  oIn.closeInput()
  Dim sargs(0) As New com.sun.star.beans.PropertyValue
  sargs(0).Name = "FilterName"
  sargs(0).Value = "Calc MS Excel 2007 XML"
  oDoc.storeToURL(ConvertToURL(sPath), sargs())
  oDoc.close(True)
End Sub
</script:module>
"""


def _soffice(profile: Path, *args: str) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            *args,
        ],
        capture_output=True,
        timeout=CONVERT_TIMEOUT_S,
        check=False,
    )


def type_into(path: Path, sheet: str, typed: dict[str, str], work: Path) -> None:
    """Type ``typed`` (cell reference → text) into ``sheet`` of ``path`` with Calc; save."""
    profile = work / f"lo-profile-{uuid.uuid4().hex}"
    _soffice(profile, "--terminate_after_init")
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.parent.is_dir(), "LibreOffice did not create its profile"
    module.write_text(MACRO, encoding="utf-8")
    instructions = work / f"typing-{uuid.uuid4().hex}.txt"
    assert all("\t" not in t and "\n" not in t for t in typed.values())
    lines = [str(path), sheet, *(f"{c}\t{t}" for c, t in typed.items()), "."]
    instructions.write_text("\n".join(lines), encoding="utf-8")
    before = path.stat().st_mtime_ns
    _soffice(profile, f'macro:///Standard.Module1.TypeInto("{instructions}")')
    assert path.stat().st_mtime_ns != before, "LibreOffice did not save the typed worksheet"
