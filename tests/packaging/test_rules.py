"""The bundle's rules (Qt modules, plugins, translations) and version resource, without a build."""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest

from tests.packaging.tools import PACKAGING, ROOT, load

rules = load("bundle_rules")
version_resource = load("version_resource")


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        # Linux wheel layout
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qt_ja.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_ja.qm", False),
        # Windows wheel layout
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/plugins/printsupport/windowsprintersupport.dll", True),
        ("PySide6/plugins/imageformats/qjpeg.dll", False),
        ("PySide6/plugins/networkinformation/qnetworklistmanager.dll", False),
        ("PySide6/translations/qtbase_ja.qm", True),
        ("PySide6/translations/qtbase_fr.qm", False),
        # anything else is not the rules' business
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("resources/departments.json", True),
        ("lxml/etree.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_keep(dest: str, kept: bool) -> None:
    assert rules.keep(dest) is kept


def test_only_the_four_qt_modules_are_kept() -> None:
    available = ["QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtQml", "QtNetwork", "QtSvg"]
    assert rules.unused_qt_modules(available) == [
        "PySide6.QtQml",
        "PySide6.QtNetwork",
        "PySide6.QtSvg",
    ]


def test_the_gui_uses_no_other_qt_module() -> None:
    """If the GUI starts to use another Qt module, the rules must change with it."""
    import re

    used = set()
    for path in (ROOT / "welfareplan").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used == set(rules.USED_QT_MODULES)


def run_hook(name: str) -> dict[str, list[tuple[str, str]]]:
    return runpy.run_path(str(PACKAGING / "hooks" / f"hook-PySide6.{name}.py"))


def test_qtgui_hook_drops_unused_plugins_before_the_analysis() -> None:
    hook = run_hook("QtGui")
    plugins = {f"{dest}/{os.path.basename(src)}" for src, dest in hook["binaries"]}
    folders = {rules.plugin_of(p)[0] for p in plugins if rules.plugin_of(p)}
    assert "platforms" in folders and "imageformats" in folders
    assert not folders & {"platformthemes", "iconengines", "egldeviceintegrations", "generic"}
    assert not any("wayland" in p for p in plugins)
    assert all(rules.keep(p) for p in plugins)
    names = {rules.plugin_name(os.path.basename(p)) for p in plugins}
    assert "qoffscreen" in names and "qico" in names


def test_qtcore_hook_collects_japanese_translations_only() -> None:
    hook = run_hook("QtCore")
    names = sorted(os.path.basename(src) for src, _ in hook["datas"] if src.endswith(".qm"))
    assert names == ["qt_ja.qm", "qtbase_ja.qm"]


def test_version_numbers() -> None:
    assert version_resource.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_resource.version_tuple("1.2rc1") == (1, 2, 0, 0)
    assert version_resource.version_tuple("0.3.0.dev4+g1234") == (0, 3, 0, 0)
    assert version_resource.version_tuple("2024.10.3.7.9") == (2024, 10, 3, 7)
    with pytest.raises(ValueError, match="not a version"):
        version_resource.version_tuple("dev")


def test_version_resource_is_read_by_pyinstaller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text form evaluates to PyInstaller's own structure, as on a Windows build.

    PyInstaller's versioninfo module imports ``win32api`` (Windows only; used to write the
    resource into an .exe, not to read the text) and ``pefile``; on Linux the former is absent.
    """
    import PyInstaller.compat

    from welfareplan import __version__

    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    from PyInstaller.utils.win32.versioninfo import VSVersionInfo, load_version_info_from_text_file

    for exe, description in version_resource.DESCRIPTIONS.items():
        path = version_resource.write_version_file(exe, __version__, tmp_path)
        info = load_version_info_from_text_file(str(path))
        assert isinstance(info, VSVersionInfo)
        text = str(info)
        numbers = version_resource.version_tuple(__version__)
        assert f"filevers={numbers}" in text
        assert "'041104B0'" in text and "[1041, 1200]" in text
        assert f"StringStruct('FileDescription', '{description}')" in text
        assert f"StringStruct('OriginalFilename', '{exe}.exe')" in text
        assert f"StringStruct('ProductVersion', '{__version__}')" in text


def test_spec_and_build_script_compile() -> None:
    compile(
        (PACKAGING / "welfareplan.spec").read_text(encoding="utf-8"), "welfareplan.spec", "exec"
    )
    build = load("build")
    assert build.SPEC.is_file()
