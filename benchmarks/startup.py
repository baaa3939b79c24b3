"""Start-up of the ``tiktok-team`` command, measured: ``make bench`` (or ``.venv/bin/python benchmarks/startup.py``).

Each figure is the median wall time of ``--repeat`` runs of the installed console script (the ``tiktok-team`` next
to this Python, as a user runs it), output thrown away. The floor is ``python -c "import pydantic, networkx"``, the
bare cost of the two libraries the package is built on, measured in the same run. The commands take turns, one run
of each per round, so that whatever else the machine is doing weighs on all of them alike. The last line printed is
the summary::

    cli: --help <X> ms, schema <Y> ms, plan <Z> ms; import floor <F> ms

Targets: ``--help``, ``--version`` and ``schema`` within 0.6x the floor; ``plan FILE`` (markdown) within 1.5x.
``--profile`` prints where ``plan`` spends its time (cProfile, in this process) instead.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "growth-brand.toml"
FLOOR_LABEL = 'python -c "import pydantic, networkx"'
TARGETS = {"--help": 0.6, "--version": 0.6, "schema": 0.6, "plan": 1.5}


def commands() -> dict[str, list[str]]:
    """Each measured command line, by its label; ``floor`` is the import floor."""
    script = str(Path(sys.executable).with_name("tiktok-team"))
    return {
        "floor": [sys.executable, "-c", "import pydantic, networkx"],
        "--help": [script, "--help"],
        "--version": [script, "--version"],
        "schema": [script, "schema"],
        "plan": [script, "plan", str(EXAMPLE)],
    }


def timed(command: Sequence[str]) -> float:
    """Seconds one run of ``command`` takes, start to exit; fails loudly if the command fails."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    return time.perf_counter() - started


def measure(repeat: int) -> dict[str, float]:
    """The median milliseconds of each command over ``repeat`` rounds, after one warm-up round."""
    lines = commands()
    times: dict[str, list[float]] = {label: [] for label in lines}
    for round_ in range(repeat + 1):
        for label, command in lines.items():
            seconds = timed(command)
            if round_:  # the first round fills the file cache and writes the bytecode
                times[label].append(seconds)
    return {label: statistics.median(values) * 1000 for label, values in times.items()}


def profile_plan() -> None:
    """Where ``tiktok-team plan EXAMPLE`` spends its time, imports included (this process imports nothing first)."""
    profiler = cProfile.Profile()
    profiler.enable()
    from tiktok_team.cli import main  # noqa: PLC0415 - the import is part of what is profiled

    with contextlib.redirect_stdout(io.StringIO()):
        main(["plan", str(EXAMPLE)])
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=31, help="runs of each command (default: 31)")
    parser.add_argument("--profile", action="store_true", help="profile `plan` with cProfile instead")
    args = parser.parse_args(argv)
    if args.profile:
        profile_plan()
        return
    ms = measure(args.repeat)
    floor = ms["floor"]
    print(f"start-up of the tiktok-team command, median of {args.repeat} runs each, taking turns:")
    print(f"  {FLOOR_LABEL:<46} {floor:7.1f} ms  (the import floor F)")
    held = []
    for label, target in TARGETS.items():
        ratio = ms[label] / floor
        ok = ratio <= target
        held.append(f"{label} {'ok' if ok else 'MISSED'}")
        shown = f"tiktok-team {label}" if label.startswith("-") else f"tiktok-team {commands()[label][1]}"
        if label == "plan":
            shown += f" {EXAMPLE.relative_to(ROOT)}"
        print(f"  {shown:<46} {ms[label]:7.1f} ms  {ratio:.2f}x F (target <= {target}x F)")
    print(f"targets: {', '.join(held)}")
    print(
        f"cli: --help {ms['--help']:.0f} ms, schema {ms['schema']:.0f} ms, plan {ms['plan']:.0f} ms; "
        f"import floor {floor:.0f} ms"
    )


if __name__ == "__main__":
    main()
