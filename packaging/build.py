"""Build the welfareplan program folder with PyInstaller and check it.

    python packaging/build.py                 # → packaging/dist/welfareplan/
    python packaging/build.py --self-test     # … then run both programs' self-tests
    python packaging/build.py --dist D:\\out --work D:\\tmp\\build

Run it with the Python of the venv that has ``pip install -c packaging/constraints.txt -e
.[packaging]``: the build refuses an environment whose packages differ from the lock
(packaging/lock.py; ``--any-versions`` overrides that for a trial build). The result is one
folder, ``welfareplan/``, holding ``welfareplan(.exe)`` (windowed), ``welfareplan-cli(.exe)``
(console) and ``_internal/`` (Python, Qt, the shipped data). Copy that whole folder; nothing
needs installing. See packaging/README.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "welfareplan.spec"
NAME = "welfareplan"
#: Goal of the Linux bundle (issue 8); Windows carries a few more Qt DLLs.
SIZE_GOAL_MB = 150

sys.path.insert(0, str(HERE))
from bundle_rules import TRANSLATIONS, USED_QT_MODULES, keep  # noqa: E402
from lock import CONSTRAINTS, lock_problems  # noqa: E402


@dataclass
class BuildResult:
    bundle: Path
    seconds: float
    size: int
    problems: list[str] = field(default_factory=list)

    @property
    def size_mb(self) -> float:
        return self.size / 1_000_000


def exe_name(name: str) -> str:
    return f"{name}.exe" if sys.platform == "win32" else name


def gui_exe(bundle: Path) -> Path:
    return bundle / exe_name(NAME)


def cli_exe(bundle: Path) -> Path:
    return bundle / exe_name(f"{NAME}-cli")


def tree_size(folder: Path) -> int:
    """Apparent size of everything below ``folder``, as ``du -sb`` counts it."""
    total = folder.lstat().st_size
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            total += (Path(root) / name).lstat().st_size
    return total


def inspect_bundle(bundle: Path) -> list[str]:
    """What is wrong with a built bundle (empty when it is as the spec intends)."""
    problems = []
    internal = bundle / "_internal"
    for exe in (gui_exe(bundle), cli_exe(bundle)):
        if not exe.is_file():
            problems.append(f"実行ファイルがありません: {exe.name}")
    if not (internal / "resources" / "departments.json").is_file():
        problems.append("_internal/resources/departments.json がありません")
    qm = sorted(p.name for p in internal.rglob("*.qm"))
    if "qtbase_ja.qm" not in qm:
        problems.append("Qt の日本語訳 qtbase_ja.qm がありません")
    extra_qm = [n for n in qm if n not in TRANSLATIONS]
    if extra_qm:
        problems.append(f"日本語以外の Qt 翻訳があります: {', '.join(extra_qm[:5])}")
    for path in internal.rglob("*"):
        rel = path.relative_to(internal).as_posix()
        if path.is_file() and not keep(rel):
            problems.append(f"対象外の Qt プラグイン: {rel}")
        top = rel.split("/")[0]
        if top in ("tests", "benchmarks", "pytest", "_pytest", "hypothesis"):
            problems.append(f"テスト用のファイル: {rel}")
    pyside = internal / "PySide6"
    modules = {p.name.split(".")[0] for p in pyside.glob("Qt*.*") if p.suffix in (".so", ".pyd")}
    unused = sorted(modules - set(USED_QT_MODULES))
    if unused:
        problems.append(f"使わない Qt モジュール: {', '.join(unused)}")
    return problems


def check_locked() -> None:
    """Refuse to build from packages other than the locked ones (what the tests ran on)."""
    problems = lock_problems(("packaging",), strict=False)
    if problems:
        raise RuntimeError(
            f"この環境のパッケージがロックファイル {CONSTRAINTS.relative_to(ROOT)} と違います:\n  "
            + "\n  ".join(problems)
            + "\npip install -c packaging/constraints.txt -e .[packaging] で入れ直してください。"
        )


def build(
    dist: Path, work: Path, *, clean: bool = True, quiet: bool = True, locked: bool = True
) -> BuildResult:
    """Run PyInstaller on the spec; return the bundle, the build time and its size.
    With ``locked``, first check that the environment is the locked one."""
    if locked:
        check_locked()
    dist, work = dist.resolve(), work.resolve()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--log-level",
        "WARN" if quiet else "INFO",
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=quiet, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        output = (done.stdout or "") + (done.stderr or "")
        raise RuntimeError(f"PyInstaller failed ({done.returncode}):\n{output[-6000:]}")
    bundle = dist / NAME
    return BuildResult(bundle, seconds, tree_size(bundle), inspect_bundle(bundle))


def run_self_tests(bundle: Path) -> int:
    """Both programs' ``--self-test``, the windowed one offscreen. Returns the worst status."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("WELFAREPLAN_HOME", None)
    worst = 0
    for exe in (cli_exe(bundle), gui_exe(bundle)):
        print(f"== {exe.name} --self-test", flush=True)
        done = subprocess.run([str(exe), "--self-test"], env=env, check=False)
        print(f"   終了コード {done.returncode}", flush=True)
        worst = max(worst, done.returncode)
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="welfareplan のプログラムフォルダを作成します")
    parser.add_argument(
        "--dist", type=Path, default=HERE / "dist", help="出力先（既定: packaging/dist）"
    )
    parser.add_argument(
        "--work", type=Path, default=HERE / "build", help="作業フォルダ（既定: packaging/build）"
    )
    parser.add_argument(
        "--no-clean", action="store_true", help="前回のキャッシュを使います（速い）"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="PyInstaller の出力をすべて表示します"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="作成後に両方のプログラムの自己診断を行います"
    )
    parser.add_argument(
        "--any-versions",
        action="store_true",
        help="ロックファイル（packaging/constraints.txt）と違うパッケージでも作成します（試し用）",
    )
    args = parser.parse_args(argv)
    try:
        result = build(
            args.dist,
            args.work,
            clean=not args.no_clean,
            quiet=not args.verbose,
            locked=not args.any_versions,
        )
    except RuntimeError as exc:
        print(f"ビルドに失敗しました。\n{exc}", file=sys.stderr)
        return 1
    print(f"作成しました: {result.bundle}")
    print(
        f"  {gui_exe(result.bundle).name}（ウィンドウ）、{cli_exe(result.bundle).name}（コマンド）、_internal/"
    )
    goal = "" if sys.platform == "win32" else f"（目標 {SIZE_GOAL_MB} MB 以下）"
    print(f"  大きさ {result.size_mb:.1f} MB{goal}、ビルド時間 {result.seconds:.0f} 秒")
    for problem in result.problems:
        print(f"  問題: {problem}", file=sys.stderr)
    status = 1 if result.problems else 0
    if args.self_test:
        status = max(status, run_self_tests(result.bundle))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
