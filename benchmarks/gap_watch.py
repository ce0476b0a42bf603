"""Where a UI gap went: a watchdog that explains each stall of the event loop it sees.

The UI thread calls :meth:`GapWatch.beat` from a timer; whenever it has not done so for more than
``sample_after_ms``, a watchdog thread samples the stacks of every Python thread
(``sys._current_frames()``). Each gap longer than ``report_over_ms`` is kept with

- the samples: the UI thread's own code (a slot, a callback, a modal box) and what the workers
  were doing meanwhile;
- the garbage collections that overlapped it (``gc.callbacks``: thread, generation, wall and
  CPU time — a collection holds the GIL);
- the UI thread's scheduler figures from ``/proc/self/task/<tid>/schedstat`` (Linux): time on a
  core, time waiting for one (a busy machine), the rest blocked (the GIL, a lock, a modal wait).

:func:`cause` turns those into one line; the benchmark puts the worst gap's cause in its note.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType


def _schedstat(native_id: int | None) -> tuple[float, float] | None:
    """(ms on a core, ms waiting for a core) of a thread so far, or None off Linux."""
    if native_id is None:
        return None
    try:
        fields = Path(f"/proc/self/task/{native_id}/schedstat").read_text().split()
    except OSError:
        return None
    return int(fields[0]) / 1e6, int(fields[1]) / 1e6


def _major_faults() -> int | None:
    """Major page faults of this process so far (Linux): each one waits for the disk — code
    or data paged back in — and holds the GIL if the faulting thread holds it."""
    try:
        stat = Path("/proc/self/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[9])


def _long_call(
    thread: str, function: object, caller: FrameType, start: float, end: float
) -> LongCall:
    name = getattr(function, "__qualname__", None) or repr(function)
    module = getattr(function, "__module__", None) or ""
    return LongCall(
        thread,
        f"{module}.{name}" if module else name,
        " > ".join(_stack(caller, limit=3)),
        start,
        end,
    )


def _stack(frame: FrameType | None, limit: int = 6) -> list[str]:
    """The innermost ``limit`` frames as ``file:line function``, innermost last."""
    summary = traceback.extract_stack(frame, limit=limit) if frame is not None else []
    return [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in summary]


@dataclass
class Collection:
    thread: str
    generation: int
    start: float
    end: float
    cpu_ms: float


@dataclass
class LongCall:
    """A call into C code on a worker thread that took long: while it runs without releasing
    the GIL (most do), no Python code runs on any other thread."""

    thread: str
    function: str
    caller: str
    start: float
    end: float


@dataclass
class Sample:
    at: float
    ui: list[str]
    others: dict[str, list[str]]


@dataclass
class Gap:
    start: float
    end: float
    samples: list[Sample] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    long_calls: list[LongCall] = field(default_factory=list)
    ui_cpu_ms: float | None = None
    ui_wait_ms: float | None = None
    #: major page faults of the process during the gap (None off Linux)
    major_faults: int | None = None
    #: per other thread: (ms on a core, ms waiting for a core) during the gap
    others: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


class GapWatch:
    """Start on the UI thread; call :meth:`beat` from a UI timer; :meth:`stop` when done.

    With ``trace_c_calls`` the threads started meanwhile (the workers) are profiled and every
    call into C longer than ``long_call_ms`` is kept: the GIL is held through most such calls,
    and a thread holding it cannot be sampled, so this is how a gap spent blocked on the GIL
    finds its cause. Profiling slows the workers' Python code: for diagnosis, not for figures.
    """

    def __init__(
        self,
        sample_after_ms: float = 30.0,
        report_over_ms: float = 50.0,
        *,
        trace_c_calls: bool = False,
        long_call_ms: float = 15.0,
    ) -> None:
        self.sample_after = sample_after_ms / 1000
        self.report_over = report_over_ms / 1000
        self.trace_c_calls = trace_c_calls
        self.long_call = long_call_ms / 1000
        self._long_calls: list[LongCall] = []
        #: per thread, the calls into C under way: (start, function, calling frame)
        self._c_started: dict[int, list[tuple[float, object, FrameType]]] = {}
        self.gaps: list[Gap] = []
        #: the longest collection seen, in CPU time of the thread that ran it (ms)
        self.longest_gc_ms = 0.0
        self._ui = threading.get_ident()
        self._ui_native = threading.get_native_id()
        self._last = time.perf_counter()
        self._last_sched = _schedstat(self._ui_native)
        self._last_others: dict[str, tuple[float, float]] = {}
        self._last_faults = _major_faults()
        self._samples: list[Sample] = []
        self._collections: list[Collection] = []
        self._gc_started: dict[int, tuple[float, float, int]] = {}
        #: reentrant: a collection may start (and call _on_gc) while this thread holds it
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="gap-watch", daemon=True)

    def start(self) -> GapWatch:
        gc.callbacks.append(self._on_gc)
        self._last = time.perf_counter()
        self._thread.start()
        if self.trace_c_calls:
            threading.setprofile(self._profile)
        return self

    def stop(self) -> None:
        if self.trace_c_calls:
            threading.setprofile(None)  # type: ignore[arg-type]
        self._stop.set()
        self._thread.join()
        gc.callbacks.remove(self._on_gc)

    # ------------------------------------------------------------------ UI thread

    def beat(self) -> None:
        now = time.perf_counter()
        sched = _schedstat(self._ui_native)
        others = self._others()
        faults = _major_faults()
        with self._lock:
            faults_before, self._last_faults = self._last_faults, faults
            start, self._last = self._last, now
            before, self._last_sched = self._last_sched, sched
            others_before, self._last_others = self._last_others, others
            samples, self._samples = self._samples, []
            if now - start <= self.report_over:
                return
            gap = Gap(start, now, samples)
            gap.others = {
                name: (run - others_before[name][0], wait - others_before[name][1])
                for name, (run, wait) in others.items()
                if name in others_before
            }
            gap.collections = [c for c in self._collections if c.end > start and c.start < now]
            gap.long_calls = [c for c in self._long_calls if c.end > start and c.start < now]
        gap.long_calls += self._calls_under_way(now)
        if faults is not None and faults_before is not None:
            gap.major_faults = faults - faults_before
        if before is not None and sched is not None:
            gap.ui_cpu_ms = sched[0] - before[0]
            gap.ui_wait_ms = sched[1] - before[1]
        self.gaps.append(gap)

    def _others(self) -> dict[str, tuple[float, float]]:
        """Scheduler figures of the threads other than the UI and the watchdog."""
        found = {}
        for thread in threading.enumerate():
            if thread.ident in (self._ui, self._thread.ident):
                continue
            stat = _schedstat(thread.native_id)
            if stat is not None:
                found[f"{thread.name}/{thread.native_id}"] = stat  # names repeat (tasks)
        return found

    # ------------------------------------------------------------------ any thread

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        me = threading.get_ident()
        if phase == "start":
            self._gc_started[me] = (time.perf_counter(), time.thread_time(), info["generation"])
        elif me in self._gc_started:
            wall, cpu, generation = self._gc_started.pop(me)
            done = Collection(
                threading.current_thread().name,
                generation,
                wall,
                time.perf_counter(),
                (time.thread_time() - cpu) * 1000,
            )
            with self._lock:
                self.longest_gc_ms = max(self.longest_gc_ms, done.cpu_ms)
                self._collections.append(done)
                if len(self._collections) > 2000:
                    del self._collections[:1000]

    def _profile(self, frame: FrameType, event: str, arg: object) -> None:
        if event == "c_call":
            self._c_started.setdefault(threading.get_ident(), []).append(
                (time.perf_counter(), arg, frame)
            )
        elif event in ("c_return", "c_exception"):
            started = self._c_started.get(threading.get_ident())
            if not started:
                return
            start, function, caller = started.pop()
            end = time.perf_counter()
            if end - start > self.long_call:
                call = _long_call(threading.current_thread().name, function, caller, start, end)
                with self._lock:
                    self._long_calls.append(call)
                    if len(self._long_calls) > 2000:
                        del self._long_calls[:1000]

    def _calls_under_way(self, now: float) -> list[LongCall]:
        """Long calls not yet returned (or returned but not yet recorded: the UI thread may get
        the GIL back before the profiler has written down the call that held it)."""
        names = {t.ident: t.name for t in threading.enumerate()}
        return [
            _long_call(names.get(ident, str(ident)), function, caller, start, now)
            for ident, started in list(self._c_started.items())
            for start, function, caller in list(started)
            if now - start > self.long_call
        ]

    # ------------------------------------------------------------------ watchdog thread

    def _watch(self) -> None:
        names = {}
        while not self._stop.wait(0.005):
            if time.perf_counter() - self._last <= self.sample_after:
                continue
            frames = sys._current_frames()
            names = {t.ident: t.name for t in threading.enumerate()}
            me = threading.get_ident()
            sample = Sample(
                time.perf_counter(),
                _stack(frames.get(self._ui)),
                {
                    names.get(ident, str(ident)): _stack(frame, limit=3)
                    for ident, frame in frames.items()
                    if ident not in (self._ui, me)
                },
            )
            with self._lock:
                if len(self._samples) < 50:
                    self._samples.append(sample)


#: UI-thread frames that are the measuring loop itself, not work done on the UI thread
_LOOP = ("bench_responsiveness.py", "gap_watch.py")


def kind(gap: Gap) -> str:
    """What the gap mostly was: the UI thread working, the UI thread (or the worker holding the
    GIL it waits for) waiting for a core on a busy machine, or the worker holding the GIL."""
    if gap.ui_cpu_ms is None or gap.ui_wait_ms is None:
        return "unknown (no scheduler figures)"
    blocked = gap.ms - gap.ui_cpu_ms - gap.ui_wait_ms
    worker_run = sum(run for run, _ in gap.others.values())
    worker_wait = sum(wait for _, wait in gap.others.values())
    if gap.ui_cpu_ms >= max(gap.ui_wait_ms, blocked):
        return "UI thread busy"
    if gap.major_faults and blocked >= gap.ui_wait_ms and worker_run < blocked / 2:
        return "paging: code or data read back from the disk (major page faults)"
    if gap.ui_wait_ms >= blocked:
        return "scheduler: UI thread waited for a core"
    if worker_wait >= worker_run:
        return "scheduler: the GIL's holder waited for a core"
    return "worker held the GIL"


def _overlap_ms(gap: Gap, start: float, end: float) -> float:
    return (min(end, gap.end) - max(start, gap.start)) * 1000


def cause(gap: Gap) -> str:
    """One line saying where a gap went."""
    parts: list[str] = [kind(gap)]
    ui_code = {s.ui[-1] for s in gap.samples if s.ui and not s.ui[-1].split(":")[0].endswith(_LOOP)}
    if any("QMessageBox" in line or " fail" in line for s in gap.samples for line in s.ui):
        parts.append("modal box on the UI thread")
    elif ui_code:
        parts.append("UI thread ran " + ", ".join(sorted(ui_code)[:2]))
    for c in gap.collections:
        if (overlap := _overlap_ms(gap, c.start, c.end)) > 5:
            parts.append(
                f"gen-{c.generation} GC in {c.thread} {c.end - c.start:.3f}s wall "
                f"({c.cpu_ms:.0f} ms CPU, {overlap:.0f} ms in the gap)"
            )
    for call in gap.long_calls:
        if (overlap := _overlap_ms(gap, call.start, call.end)) > 5:
            parts.append(
                f"{call.thread} in C call {call.function} {(call.end - call.start) * 1000:.0f} ms "
                f"({overlap:.0f} ms in the gap) from {call.caller.split(' > ')[-1]}"
            )
    if gap.ui_cpu_ms is not None and gap.ui_wait_ms is not None:
        blocked = gap.ms - gap.ui_cpu_ms - gap.ui_wait_ms
        parts.append(
            f"UI thread {gap.ui_cpu_ms:.0f} ms on a core, {gap.ui_wait_ms:.0f} ms waiting for "
            f"a core, {blocked:.0f} ms blocked (GIL/lock)"
        )
    if gap.major_faults:
        parts.append(f"{gap.major_faults} major page faults")
    for name, (run, wait) in sorted(gap.others.items()):
        if run + wait > 5:
            parts.append(f"{name} {run:.0f} ms on a core, {wait:.0f} ms waiting")
    workers = sorted(
        {
            f"{name}: {st[-1]}"
            for s in gap.samples
            for name, st in s.others.items()
            if st and name.startswith(("welfareplan-task", "wp-read"))
        }
    )
    if workers:
        parts.append("workers at " + "; ".join(workers[:3]))
    return "; ".join(parts) or "no sample (gap between the last two samples)"


def describe(gap: Gap) -> str:
    """The cause and every sample, for a person reading a benchmark log."""
    lines = [f"gap {gap.ms:.0f} ms: {cause(gap)}"]
    for call in gap.long_calls:
        lines.append(f"  C call {call.function} in {call.thread} from {call.caller}")
    for s in gap.samples:
        lines.append(f"  +{(s.at - gap.start) * 1000:.0f} ms UI: {' > '.join(s.ui[-4:])}")
        for name, st in sorted(s.others.items()):
            if st:
                lines.append(f"      {name}: {' > '.join(st)}")
    return "\n".join(lines)
