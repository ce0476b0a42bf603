"""Every kind of bad returned file, fed to the merge service, to ``welfareplan merge`` in this
process and, all at once, to ``welfareplan merge`` in a subprocess: a precise Japanese reason
naming the file, no traceback, and the master and the file byte-for-byte unchanged."""

from __future__ import annotations

import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import entry_values
from tests.reliability.corpus import BY_NAME, HUGE_BYTES, KINDS, Case, Env, Kind
from tests.reliability.holders import REPO
from tests.workflow.conftest import YEAR
from welfareplan.cli.main import main
from welfareplan.workflow.returns.merge_types import FileOutcome, MergePreview

JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
#: Words of SQLite's and the system's English messages.
ENGLISH = re.compile(
    r"(?i)database|malformed|disk image|no such|not a |unable to|errno|denied|readonly|"
    r"constraint failed|file is|no space|decode"
)


def file_shas(case: Case) -> dict[Path, str]:
    return {p: sha256(p) for p in case.paths if p.is_file() and p.stat().st_size < 1 << 20}


def check_preview(kind: Kind, case: Case, preview: MergePreview) -> None:
    expect = kind.merge
    assert tuple(f.outcome for f in preview.files) == expect.outcomes, [
        (f.outcome, f.code, f.reason) for f in preview.files
    ]
    words = []
    for f, path in zip(preview.files, case.paths, strict=True):
        if f.outcome is FileOutcome.REJECTED:
            assert f.code == expect.code, f.reason
            assert path.name in f.reason, f.reason
            assert JAPANESE.search(f.reason)
        words += [f.reason, *f.notes]
    text = "\n".join(words)
    for w in expect.words:
        assert w in text, text
    assert "Traceback" not in text and "Error" not in text
    assert not ENGLISH.search(text), text  # no SQLite or system text leaks into a reason


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_merge_service_rejects_or_accepts_exactly(env: Env, kind: Kind) -> None:
    case = kind.make(env, 1)
    before, files = env.cycle.sha(), file_shas(case)
    beside = sorted(p.name for p in env.folder.iterdir())
    with env.cycle.open() as wb:
        values_before = entry_values(wb, YEAR)
    preview, result = env.cycle.merge(*case.paths, year=case.year)
    check_preview(kind, case, preview)
    # nothing is ever created beside a returned file (no -wal, -shm, -journal, lock)
    assert sorted(p.name for p in env.folder.iterdir()) == beside
    if kind.merge.rejects_all:
        assert env.cycle.sha() == before
        assert result.backup is None and not result.ok
    else:
        with env.cycle.open() as wb:
            after = entry_values(wb, YEAR)
        changed = {k for k in after if after[k] != values_before[k]}
        assert len(changed) == 1, changed  # 介護福祉課's project 9, once
        ((_, dept),) = changed
        assert {k[1] for k in changed} == {dept}
    assert file_shas(case) == files


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_cli_merge_in_process(
    env: Env, kind: Kind, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = kind.make(env, 2)
    before, files = env.cycle.sha(), file_shas(case)
    args = ["merge", str(env.cycle.master), *map(str, case.paths)]
    if case.year is not None:
        args += ["--year", str(case.year)]
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err == "", err
    assert code == (1 if FileOutcome.REJECTED in kind.merge.outcomes else 0), out
    for w in kind.merge.words:
        assert w in out, out
    for path, outcome in zip(case.paths, kind.merge.outcomes, strict=True):
        if outcome is FileOutcome.REJECTED:
            assert f"{path.name}" in out and "却下 — " in out, out
    if kind.merge.rejects_all:
        assert env.cycle.sha() == before
        assert "マスターワークブックは変更していません。" in out
    assert file_shas(case) == files


def test_cli_merge_subprocess_with_the_whole_corpus(env: Env) -> None:
    """All the files that must be rejected, given to one ``welfareplan merge`` run."""
    kinds = [
        k for k in KINDS if k.merge.rejects_all and k.year is None and k.name != "closed-round"
    ]
    cases = [k.make(env, i) for i, k in enumerate(kinds, 1)]
    paths = [p for c in cases for p in c.paths]
    before = env.cycle.sha()
    shas = {
        p: sha256(p) for c in cases for p in c.paths if p.is_file() and p.stat().st_size < 1 << 20
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "welfareplan.cli.main",
            "merge",
            str(env.cycle.master),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == "" and "Traceback" not in proc.stdout
    lines = proc.stdout.splitlines()
    for kind, case in zip(kinds, cases, strict=True):
        mine = [line for line in lines if line.startswith(case.paths[0].name)]
        assert mine, (kind.name, proc.stdout)
        assert all("却下 — " in line for line in mine), mine
        for w in kind.merge.words:
            assert any(w in line for line in mine), (kind.name, mine)
    assert f"却下 {len(paths)} ファイル" in proc.stdout
    assert env.cycle.sha() == before
    assert {p: sha256(p) for p in shas} == shas
    print(f"corpus: {len(kinds)} entries, {len(paths)} files rejected by one merge run")


def test_200_mb_file_is_refused_without_reading_it(env: Env) -> None:
    case = BY_NAME["200-mb"].make(env, 1)
    assert case.paths[0].stat().st_size == HUGE_BYTES
    tracemalloc.start()
    try:
        preview = env.cycle.preview(*case.paths)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert preview.files[0].code == "too-large"
    assert peak < 20 * 1024 * 1024, f"peak {peak:,} bytes"


FUZZ_FILES = 60


def test_random_bit_flips_never_crash_and_never_slip_in_silently(env: Env) -> None:
    """Random bit flips anywhere in a returned file (seeded; the seed is printed): the merge
    rejects the file with a Japanese reason, or, where SQLite has no way to notice (a flip
    inside a stored text: SQLite keeps no page checksums), reads it as the department's own
    change to its own entries. Never an exception, never another department's entry, never a
    change outside the issued entries, and the master is untouched by every rejected file."""
    import random

    from tests.reliability.crashkit import crash_seed
    from welfareplan.core.errors import WelfareplanError
    from welfareplan.core.fileformat import check_file

    seed = crash_seed()
    rng = random.Random(seed)
    good = env.valid("返送 fuzz 元.wpdb")
    data = good.read_bytes()
    before = env.cycle.sha()
    (issued,) = env.cycle.preview(good).files
    own = {v.entry_id for v in issued.values}  # the department's issued entries
    outcomes: dict[str, int] = {}
    paths = []
    for i in range(FUZZ_FILES):
        flipped = bytearray(data)
        for _ in range(rng.choice((1, 1, 2, 8))):
            pos = rng.randrange(len(flipped))
            flipped[pos] ^= 1 << rng.randrange(8)
        path = env.folder / f"返送 fuzz {i:02d}.wpdb"
        path.write_bytes(bytes(flipped))
        paths.append(path)
        try:
            check_file(path)  # the GUI's check: a message or a pass, nothing else
        except WelfareplanError as exc:
            assert JAPANESE.search(exc.message), exc.message
    preview = env.cycle.preview(*paths)
    for f in preview.files:
        outcomes[f.code or f.outcome.value] = outcomes.get(f.code or f.outcome.value, 0) + 1
        if f.outcome is FileOutcome.REJECTED:
            assert f.path.name in f.reason and JAPANESE.search(f.reason), f.reason
            assert "Traceback" not in f.reason and "予期しないエラー" not in f.reason, f.reason
        else:
            assert {c.entry.entry_id for c in f.changes} <= own, f"seed {seed}: {f.name}"
    assert env.cycle.sha() == before
    print(f"bit flips (seed {seed}): {sorted(outcomes.items())}")
