"""Run the whole performance suite: ``python -m benchmarks.run [--quick] [--json OUT]``.

Each ``benchmarks/bench_*.py`` module exposes ``run(quick: bool) -> list[Result]``. The table
shows every figure against its floor and goal; the JSON holds the same rows.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import json
import platform
import sys
import traceback
from pathlib import Path

from benchmarks.common import Result

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    return sorted(f"benchmarks.{p.stem}" for p in HERE.glob("bench_*.py"))


def failed(module: str, exc: Exception) -> Result:
    """A row for a benchmark module that raised: counts as a missed goal (exit status 1)."""
    return Result(
        f"{module.rsplit('.', maxsplit=1)[-1]}: FAILED",
        float("nan"),
        unit="",
        goal=0.0,
        note=f"{type(exc).__name__}: {exc}".replace("\n", " ")[:160],
    )


def format_table(results: list[Result]) -> str:
    rows = [("benchmark", "value", "floor", "ratio", "goal", "ok", "note")]
    for r in results:
        rows.append(
            (
                r.name,
                f"{r.value:.4f} {r.unit}",
                f"{r.floor:.4f}" if r.floor else "-",
                f"{r.ratio:.2f}x" if r.ratio else "-",
                (f"<= {r.goal}x" if r.floor else f"<= {r.goal} {r.unit}") if r.goal else "-",
                {True: "yes", False: "NO", None: "-"}[r.ok],
                r.note,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    )


def compile_like_an_installation() -> None:
    """Write the bytecode of welfareplan's modules before anything is measured.

    An installation has it (pip compiles what it installs, the bundle holds only bytecode), and
    so do the floors' libraries. With ``PYTHONDONTWRITEBYTECODE`` set (as on the build machines)
    every child process would otherwise compile the project's sources anew at each start —
    0.1–0.2 s that no user ever waits for, counted against the product alone.
    """
    import welfareplan

    compileall.compile_dir(Path(welfareplan.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="welfareplan performance suite")
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions, smaller synthetic plans"
    )
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("only", nargs="*", help="run only these modules (e.g. bench_export)")
    args = parser.parse_args(argv)
    compile_like_an_installation()
    results: list[Result] = []
    for name in discover():
        if args.only and name.split(".")[-1] not in args.only:
            continue
        print(f"== {name}", file=sys.stderr)
        try:
            results += importlib.import_module(name).run(args.quick)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            results.append(failed(name, exc))
    print(format_table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "python": sys.version,
                "machine": platform.platform(),
                "results": [r.as_dict() for r in results],
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"\nJSON: {args.json}", file=sys.stderr)
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
