"""Many filings in one workspace, in the real window: is the GUI responsive throughout?

The real filings (the four Japan Post PDFs, the PepsiCo and Salesforce PDFs, the Apple HTML
filings and the IIJ text release) are copied under different names into a temporary folder
until there are ``--count`` of them, and opened together in the main window, as a drop does.
A timer on the GUI thread ticks every 10 ms; the longest gap between two ticks is the longest
time the window could not react (repaint, a click, a key). Reported:

* the total time until every filing is read and the workspace is combined, split into
  loading and combining;
* the longest event-loop stall in each phase, and how many stalls passed 100 ms and 250 ms;
* the time to show each combined statement (work on the GUI thread) and the longest of those;
* peak memory: the window's process's maximum resident set size (``resource.getrusage``), and
  the worker processes' (each one's high-water mark, and the most all of them held at once, read
  from /proc every 50 ms); with ``--tracemalloc`` also the peak of Python's own allocations
  (tracemalloc slows the run, so its times are not comparable).

Files are parsed in ``--jobs`` worker processes (default: the machine's cores), with a cache
folder of this run only, so every file is really parsed.

    .venv/bin/python bench/bench_workspace.py [--count 40] [--jobs N] [--platform offscreen|xcb] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILINGS = REPO.parent / "shared" / "filings"
SOURCES = [
    "japanpost_insurance_fy2024h1_results.pdf",
    "japanpost_insurance_fy2024_9m_results.pdf",
    "japanpost_insurance_fy2024_fullyear_results.pdf",
    "japanpost_insurance_fy2025q1_results.pdf",
    "pepsico_2022q4_earnings_release.pdf",
    "pepsico_2023q1_earnings_release.pdf",
    "pepsico_2023q2_earnings_release.pdf",
    "salesforce_fy2023q3_10q.pdf",
    "salesforce_fy2023_10k.pdf",
    "salesforce_fy2024q1_earnings_release.pdf",
    "salesforce_fy2024q2_earnings_release.pdf",
    "apple_10q_fy2024q3.html",
    "apple_10k_fy2024.html",
    "apple_10q_fy2025q3.html",
    "iij-1h-fy2017-release.txt",
]
TICK_MS = 10
SAMPLE_MS = 50


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (the worker processes sit under a fork server)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def memory_kb(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # it ended between the listing and the read
    return 0


@dataclass
class WorkerMemory:
    """The worker processes' peak resident memory, each and all at once."""

    peak_each_kb: int = 0
    peak_together_kb: int = 0
    seen: set[int] = field(default_factory=set)

    def as_json(self) -> str:
        return json.dumps({"peak_each_kb": self.peak_each_kb, "peak_together_kb": self.peak_together_kb, "seen": sorted(self.seen)})

    @classmethod
    def from_json(cls, text: str) -> WorkerMemory:
        data = json.loads(text)
        return cls(data["peak_each_kb"], data["peak_together_kb"], set(data["seen"]))

    def sample_until_told(self, pid: int) -> None:
        """Sample every SAMPLE_MS until a line arrives on stdin, then print the peaks as JSON."""
        stop = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
        while not stop.wait(SAMPLE_MS / 1000):
            self.sample(pid)
        print(self.as_json(), flush=True)

    def sample(self, pid: int) -> None:
        if not Path("/proc").is_dir():
            return
        workers = [child for child in descendants(pid) if child != os.getpid()]  # not this sampler
        self.seen.update(workers)
        self.peak_each_kb = max([self.peak_each_kb, *(memory_kb(pid, "VmHWM") for pid in workers)])
        self.peak_together_kb = max(self.peak_together_kb, sum(memory_kb(pid, "VmRSS") for pid in workers))


def copies(folder: Path, count: int) -> list[Path]:
    """``count`` filings: the real ones, then copies of them under other names."""
    available = [FILINGS / name for name in SOURCES if (FILINGS / name).exists()]
    if not available:
        raise SystemExit(f"no real filings in {FILINGS}: the benchmark needs ../shared/filings")
    paths = []
    for number in range(count):
        source = available[number % len(available)]
        target = folder / f"{number:02d}-{source.name}"
        shutil.copyfile(source, target)
        paths.append(target)
    return paths


@dataclass
class StallMeter:
    """Gaps between ticks of a 10 ms timer on the GUI thread, per phase."""

    phase: str = "start"
    last: float = field(default_factory=time.perf_counter)
    began: float = field(default_factory=time.perf_counter)
    longest: dict[str, float] = field(default_factory=dict)
    over_100: dict[str, int] = field(default_factory=dict)
    over_250: dict[str, int] = field(default_factory=dict)
    worst: list[tuple[float, str, float]] = field(default_factory=list)  # (stall ms, phase, seconds into it)

    def tick(self) -> None:
        now = time.perf_counter()
        stall = (now - self.last) * 1000 - TICK_MS
        self.last = now
        self.longest[self.phase] = max(self.longest.get(self.phase, 0.0), stall)
        self.over_100[self.phase] = self.over_100.get(self.phase, 0) + (stall > 100)
        self.over_250[self.phase] = self.over_250.get(self.phase, 0) + (stall > 250)
        if stall > 100:
            self.worst.append((stall, self.phase, now - self.began))

    def enter(self, phase: str) -> None:
        self.phase = phase
        self.last = self.began = time.perf_counter()


def run(count: int, jobs: int) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from gui.app import configure_application
    from gui.assets import sample_filing
    from gui.garbage import MainThreadGarbageCollector
    from gui.main_window import MainWindow
    from gui.settings import AppSettings
    from model.parsing.limits import ParseSettings

    icon = configure_application(app)
    collector = MainThreadGarbageCollector(app)
    collector.start()
    with tempfile.TemporaryDirectory(prefix="tickmark-workspace-") as folder:
        paths = copies(Path(folder), count)
        settings = AppSettings()
        settings.set_reading_settings(ParseSettings(jobs=jobs))
        window = MainWindow(settings, None, sample_filing(), icon, autosave_folder=Path(folder) / "autosave")
        window.resize(1280, 800)
        window.show()
        meter = StallMeter()
        ticker = QTimer()
        ticker.setInterval(TICK_MS)
        ticker.timeout.connect(meter.tick)
        ticker.start()
        # in a process of its own: a thread walking /proc here would hold the GIL the window waits for
        sampler = subprocess.Popen(
            [sys.executable, __file__, "--sample-memory-of", str(os.getpid())], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        marks: dict[str, float] = {}
        shows: list[tuple[str, float]] = []

        def loaded() -> bool:
            return len(window.filings) + len(window.last_failures) >= count and not window.loader.busy

        def step() -> None:
            if meter.phase == "loading" and loaded():
                marks["loaded"] = time.perf_counter()
                meter.enter("combining")
            if meter.phase == "combining" and not window.session.combining and window.session.checked is not None:
                marks["combined"] = time.perf_counter()
                meter.enter("showing")
                QTimer.singleShot(0, show_each)
                return
            QTimer.singleShot(50, step)

        def show_each() -> None:
            for view in window.session.checked.statements:
                began = time.perf_counter()
                window.show_combined(view.key)
                app.processEvents()
                shows.append((view.statement.title, time.perf_counter() - began))
            window.statement_panel.set_show_derived(not window.statement_panel.show_derived)
            app.processEvents()
            marks["shown"] = time.perf_counter()
            app.quit()

        marks["start"] = time.perf_counter()
        meter.enter("loading")
        window.load_paths(paths)
        QTimer.singleShot(50, step)
        app.exec()
        ticker.stop()
        workers = WorkerMemory.from_json(sampler.communicate("stop\n", timeout=30)[0])
        failures = list(window.last_failures)
        checked = window.session.checked
        window.close()
        collector.stop()

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"workspace of {count} filings ({len(SOURCES)} real ones repeated under other names), {jobs} worker process(es), offscreen={os.environ.get('QT_QPA_PLATFORM') == 'offscreen'}")
    print(f"  filings read: {count - len(failures)}, failed: {len(failures)}" + "".join(f"\n    {Path(p).name}: {r}" for p, r in failures))
    print(f"  combined statements: {len(checked.statements) if checked else 0}")
    print(f"  total time:      {marks['combined'] - marks['start']:7.1f} s  (loading {marks['loaded'] - marks['start']:.1f} s, combining {marks['combined'] - marks['loaded']:.2f} s)")
    for phase in ("loading", "combining", "showing"):
        print(f"  longest stall while {phase:9s} {meter.longest.get(phase, 0.0):7.0f} ms   stalls > 100 ms: {meter.over_100.get(phase, 0)}   > 250 ms: {meter.over_250.get(phase, 0)}")
    for stall, phase, when in sorted(meter.worst, reverse=True)[:5]:
        print(f"    {stall:5.0f} ms, {when:6.2f} s into {phase}")
    slowest = max(shows, key=lambda show: show[1]) if shows else ("", 0.0)
    print(f"  showing each combined statement: {len(shows)} shown, longest {slowest[1] * 1000:.0f} ms ({slowest[0][:60]})")
    print(f"  peak memory (max RSS) of the window's process: {peak_rss_mb:.0f} MB")
    print(f"  worker processes ({len(workers.seen)} seen, the fork server included): peak of one {workers.peak_each_kb / 1024:.0f} MB, of all at once {workers.peak_together_kb / 1024:.0f} MB")
    if tracemalloc.is_tracing():
        _, peak = tracemalloc.get_traced_memory()
        print(f"  peak Python allocations (tracemalloc): {peak / 2**20:.0f} MB")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the machine's cores)")
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--tracemalloc", action="store_true", help="also the peak of Python allocations (slows the run)")
    parser.add_argument("--sample-memory-of", type=int, metavar="PID", help=argparse.SUPPRESS)  # the run's own memory sampler
    args = parser.parse_args(argv)
    if args.sample_memory_of:
        WorkerMemory().sample_until_told(args.sample_memory_of)
        return 0
    os.environ["QT_QPA_PLATFORM"] = args.platform
    # a first run with fresh settings and data folders, never the user's own
    home = tempfile.mkdtemp(prefix="tickmark-bench-home-")
    os.environ["XDG_CONFIG_HOME"] = str(Path(home) / "config")
    os.environ["XDG_DATA_HOME"] = str(Path(home) / "data")
    os.environ["TICKMARK_CACHE_DIR"] = str(Path(home) / "cache")  # every file really parsed
    sys.path.insert(0, str(REPO))
    if args.tracemalloc:
        tracemalloc.start()
    try:
        from model.parsing.limits import machine_cores

        return run(args.count, args.jobs or machine_cores())
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
