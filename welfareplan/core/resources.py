"""Where the shipped data lives: the source tree, an installed wheel, or a frozen bundle."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any


@cache
def resources_dir() -> Path:
    """The ``resources/`` folder.

    PyInstaller bundles put it under ``sys._MEIPASS``; a wheel carries it as
    ``welfareplan/_resources``; a source checkout (and an editable install) has it at the top.
    """
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    package_dir = Path(__file__).resolve().parent.parent
    candidates += [package_dir / "_resources", package_dir.parent / "resources"]
    for candidate in candidates:
        if (candidate / "departments.json").is_file():
            return candidate
    raise FileNotFoundError(
        "welfareplan resources folder not found: " + ", ".join(map(str, candidates))
    )


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
