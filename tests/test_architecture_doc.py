"""docs/architecture.md stays true: every module path and ``file.py:name`` it gives exists, and it
names every module a returned file passes through."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "welfareplan"
FENCE = re.compile(r"```.*?```", re.DOTALL)
#: a path to a module or folder, optionally with the name of something defined in the module
PATH = re.compile(r"^(?P<path>[\w./]*\w(?:\.py|/))(?::(?P<name>\w+))?$")
PICTURE_PATH = re.compile(r"(?<![\w./])(?P<path>[\w/]+\.py)(?::(?P<name>\w+))?")


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


def references() -> list[tuple[str, str | None, bool]]:
    """(path, name, in a picture) of every reference in the page."""
    text = _text()
    found = []
    for quoted in re.findall(r"`([^`\n]+)`", FENCE.sub("", text)):
        m = PATH.match(quoted)
        if m and ("/" in m["path"] or m["path"].endswith(".py")):
            found.append((m["path"], m["name"], False))
    for block in FENCE.findall(text):
        found += [(m["path"], m["name"], True) for m in PICTURE_PATH.finditer(block)]
    return sorted(set(found), key=str)


def _resolve(path: str, picture: bool) -> Path | None:
    if path.startswith(("tests/", "docs/", "welfareplan/")):
        candidates = [ROOT / path]
    else:  # pictures leave out the workflow/ of workflow modules
        candidates = [PACKAGE / path] + ([PACKAGE / "workflow" / path] if picture else [])
    return next((c for c in candidates if c.exists()), None)


def _defines(module: Path, name: str) -> bool:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return True
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return True
    return False


def test_the_page_refers_to_the_code() -> None:
    refs = references()
    assert len(refs) > 60
    assert sum(1 for _, name, _ in refs if name) > 20


def test_every_path_and_name_exists() -> None:
    wrong = []
    for path, name, picture in references():
        where = _resolve(path, picture)
        if where is None:
            wrong.append(f"{path}: no such module or folder")
        elif name is not None and not _defines(where, name):
            wrong.append(f"{path}: defines no {name}")
    assert wrong == [], "docs/architecture.md is out of date"


@pytest.mark.parametrize("folder", ["returns", "issuing"])
def test_the_path_of_a_returned_file_is_complete(folder: str) -> None:
    """Every module a returned file (or the file it answers) passes through is on the page."""
    text = _text()
    missing = [
        p.name
        for p in sorted((PACKAGE / "workflow" / folder).glob("*.py"))
        if p.name != "__init__.py" and f"{folder}/{p.name}" not in text
    ]
    assert missing == []


def test_a_moved_module_is_noticed(tmp_path: Path) -> None:
    assert _resolve("workflow/merge.py", picture=True) is None  # moved to returns/compare.py
    assert _resolve("returns/compare.py", picture=True) is not None
    assert not _defines(PACKAGE / "workflow" / "returns" / "compare.py", "apply_merge")
