"""Loading the build tooling in ``packaging/`` (a folder, not a package: the name would clash
with the ``packaging`` library) and running the built programs."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """``packaging/NAME.py`` as module ``wp_packaging_NAME``."""
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    full = f"wp_packaging_{name}"
    if full in sys.modules:
        return sys.modules[full]
    spec = importlib.util.spec_from_file_location(full, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    spec.loader.exec_module(module)
    return module


def isolated_env(home: Path) -> dict[str, str]:
    """A user whose profile and temp folder are under ``home``; no WELFAREPLAN_HOME, so the
    programs use their real profile locations (platformdirs); offscreen Qt."""
    env = {k: v for k, v in os.environ.items() if k != "WELFAREPLAN_HOME"}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TMPDIR=str(home / "tmp"),
        QT_QPA_PLATFORM="offscreen",
    )
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return env


def run(exe: Path, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
