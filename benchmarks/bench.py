"""Speed and memory of tiktok-team, measured: ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``).

Every figure comes from this one run; ratios are taken between figures of the same run. The last line printed is
the summary::

    recommend: <ms> ms median, <x>x faster than a fresh engine, <y>x the plain floor; sweep <n> profiles in <s> s;
    with counterfactuals <c>x cold, <w>x warm

* **recommend**: ``recommend(profile)`` on the bundled rulebook, timed once per profile of the whole fact space
  (:func:`tiktok_team.fact_space`), after one warm-up call that builds the engine.
* **fresh engine**: the same call with a new ``KnowledgeEngine`` built for it (the rulebook's engine cache emptied
  each time), on every 24th profile; the ratio compares medians over those same profiles.
* **plain floor**: the same plan with experta replaced by the plain-Python evaluator
  (:func:`tiktok_team._reference.evaluate`) *plus* the same plan assembly (:func:`tiktok_team._assemble.assemble`):
  ``recommend`` without the rule engine. The engine-only ratio (``engine.run`` against ``evaluate``) is printed too.
* **sweep**: ``recommend`` over the whole fact space, one profile after another, on one core.
* **engine**: ``engine.run`` of this package's engine against experta's own on the same compiled rules (experta's
  ``KnowledgeEngine`` with its RETE matcher and nodes, ``DepthStrategy``, run loop and rules hashed by content), in
  CPU time; building each; and a cold sweep of the fact space (``engine.run`` on every profile, the engine built by
  the first), for the bundled rulebook and with the overlay tests/data/verify-defects.toml.
* **a plan's JSON**: ``Plan.to_dict()`` of a plan whose counterfactuals are already computed (the JSON itself: roles,
  reasons with their sentences, names, graph), and ``render_json`` (the text ``plan --format json`` prints), on every
  24th profile; with the size of the text.
* **money**: the cost of pay (examples/pay.toml), in CPU time (``time.process_time_ns``, so that other work on a
  shared machine does not count), each call with pay timed right after the same call without, over every 4th profile,
  three rounds, medians: a plan, a plan under a headcount budget, a comparison of two plans (``Plan.diff``) and the
  what-if table (warm), each as a ratio to the same without pay; the target is 1.1x for a plan.
* **counterfactuals**: ``recommend(profile).counterfactuals()`` (every role's smallest changes, what ``to_dict``,
  ``why``, ``why_not`` and the markdown use), *cold* (the rulebook's memories emptied first: of engine outcomes, of
  counterfactuals and of the alternatives of groups of roles; the pooled engine and the compiled groups of roles
  kept, as the rulebook keeps them) and *warm* (the same profile again), as ratios to a plain ``recommend`` of the
  same profiles; the same cold with facts kept (``keep=``: each fact alone, then sourcing and formats) and with the
  stage free to go back (``backward=True``), each against the default on the same profiles; and the what-if table
  (``whatif``), cold and warm. The search runs no engine: it evaluates the few rules of each group of roles
  (:mod:`tiktok_team._presence`) on the changed profiles it looks at.

* **plan assembly**: ``remembered_plan`` (a plan from a remembered engine run, as the test suite and the service
  make them) over the whole fact space, by CPU time, each line in a process of its own so that nothing one line
  remembers speeds up another: *cold* (engine runs and assembly, nothing remembered but the pooled engine), *first*
  (the engine's runs remembered, every part of the plans made for the first time: what the rulebook's memory of
  decisions and parts costs to fill) and *again* (a second sweep); then the same with ``headcount_budget`` set to
  3, 6 and 12 on every profile (the staffing: who holds which roles, which seats wait, the budget that staffs each).

``--profile`` prints where the sweep's time goes (cProfile) instead; ``--counterfactuals`` runs only the
counterfactual figures (and prints their summary last); ``--assembly`` only the plan assembly figures.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import math
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import clustered_catalog, overlay_rules, sparse_catalog

from tiktok_team import (
    BusinessProfile,
    Pay,
    Rulebook,
    fact_space,
    load_rulebook,
    recommend,
    recommend_many,
    whatif,
)
from tiktok_team import _engine as engine_module
from tiktok_team import _staffing as staffing
from tiktok_team._assemble import assemble
from tiktok_team._engine import ProfileFact, _build, _Recorder, run, run_cached
from tiktok_team._graph import can_cover_pairs
from tiktok_team._presence import role_groups
from tiktok_team._profile import FACTS
from tiktok_team._recommend import remembered_plan
from tiktok_team._reference import evaluate
from tiktok_team._staffing import consolidate
from tiktok_team.render import render_json

FRESH_EVERY = 24  # every 24th profile of the fact space gets a freshly built engine
SCALE_EVERY = 12  # every 12th profile of the fact space for the rulebook-growth figures


def ms(ns: float) -> str:
    return f"{ns / 1e6:.3f} ms"


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(call: Callable[[], Any]) -> int:
    started = time.perf_counter_ns()
    call()
    return time.perf_counter_ns() - started


def cpu_timed(call: Callable[[], Any]) -> int:
    """The CPU time of ``call`` (this process's): what a busy machine's other processes do not add to."""
    started = time.process_time_ns()
    call()
    return time.process_time_ns() - started


def per_call(profiles: Sequence[BusinessProfile], call: Callable[[BusinessProfile], Any]) -> list[int]:
    return [timed(lambda p=profile: call(p)) for profile in profiles]


def row(label: str, values: Sequence[float]) -> None:
    print(f"  {label:<44} median {ms(statistics.median(values)):>11}   p95 {ms(p95(values)):>11}")


def machine() -> None:
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = models[0] if models else cpu
    versions = ", ".join(f"{name} {version(name)}" for name in ("experta", "pydantic", "networkx"))
    print(f"machine: {platform.system()} {platform.machine()}, {cpu}, nproc {nproc}")
    print(f"python {platform.python_version()} ({platform.python_implementation()}); {versions}")


def parallel_capacity() -> float:
    """How many cores' worth of CPU two busy processes get together (2.0 on two free cores, 1.0 under a quota of
    one core)."""
    with ProcessPoolExecutor(2) as pool:
        return sum(pool.map(_spin, [0.3, 0.3])) / 0.3


def _spin(seconds: float) -> float:
    started = time.process_time()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        pass
    return time.process_time() - started


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", action="store_true", help="profile the sweep with cProfile instead")
    parser.add_argument("--counterfactuals", action="store_true", help="only the counterfactual figures")
    parser.add_argument("--assembly", action="store_true", help="only the plan assembly figures")
    parser.add_argument("--assembly-line", help=argparse.SUPPRESS)  # one line of them, in a process of its own
    args = parser.parse_args(argv)
    if args.assembly_line:
        assembly_line(args.assembly_line)
        return
    if args.assembly:
        machine()
        assembly_figures()
        return

    book = load_rulebook()
    space = list(fact_space(book))
    recommend(space[0], book)  # builds the pooled engine
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [recommend(p, book) for p in space])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        return

    machine()
    print(f"fact space: {len(space)} profiles; rulebook: {len(book.rules)} rules, {len(book.roles)} roles")
    if args.counterfactuals:
        cold, warm = counterfactual_figures(book, space)
        print(f"\nwith counterfactuals {cold:.1f}x cold, {warm:.2f}x warm")
        return
    median, fresh_ratio, floor_ratio = per_call_figures(book, space)
    sweep = sweep_figures(book, space)
    assembly_figures()
    engine_figures(book, space)
    json_median, json_size = json_figures(book, space)
    cold, warm = counterfactual_figures(book, space)
    pay_ratio = money_figures(book, space)
    batch_figures(space)
    memory_figures(book, space)
    rulebook_growth(book, space[::SCALE_EVERY])
    catalog_growth(book)
    print(
        f"\nrecommend: {median / 1e6:.2f} ms median, {fresh_ratio:.1f}x faster than a fresh engine, "
        f"{floor_ratio:.2f}x the plain floor; sweep {len(space)} profiles in {sweep:.2f} s; "
        f"with counterfactuals {cold:.1f}x cold, {warm:.2f}x warm; a plan's to_dict {json_median / 1e6:.2f} ms, "
        f"{json_size / 1024:.0f} KiB of JSON; with pay {pay_ratio:.2f}x"
    )


def per_call_figures(book: Rulebook, space: Sequence[BusinessProfile]) -> tuple[float, float, float]:
    """Per-call timings; returns the median of ``recommend`` (ns) and the fresh-engine and plain-floor ratios."""
    print("\nrecommend, per call (bundled rulebook, every profile of the fact space):")
    pooled = per_call(space, lambda p: recommend(p, book))
    outcomes = {p: run(book, p.facts()) for p in space}
    engine_only = per_call(space, lambda p: run(book, p.facts()))
    assembly = per_call(space, lambda p: assemble(book, p, outcomes[p]))
    plain = per_call(space, lambda p: evaluate(book, p.facts()))
    floor = per_call(space, lambda p: assemble(book, p, evaluate(book, p.facts())))
    sample = space[::FRESH_EVERY]
    fresh = per_call(sample, lambda p: recommend(p, dataclasses.replace(book, cache={})))
    pooled_sample = pooled[::FRESH_EVERY]
    row("recommend (pooled engine)", pooled)
    row("  of which engine.run", engine_only)
    row("  of which plan assembly", assembly)
    row(f"recommend, fresh engine ({len(sample)} profiles)", fresh)
    row(f"recommend, pooled, same {len(sample)} profiles", pooled_sample)
    row("plain floor: evaluate + assembly", floor)
    row("  evaluate alone", plain)
    fresh_ratio = statistics.median(fresh) / statistics.median(pooled_sample)
    floor_ratio = statistics.median(pooled) / statistics.median(floor)
    engine_ratio = statistics.median(engine_only) / statistics.median(plain)
    print(f"  recommend is {fresh_ratio:.1f}x faster than with a fresh engine per call")
    print(f"  recommend takes {floor_ratio:.2f}x the plain floor (engine.run alone: {engine_ratio:.1f}x evaluate)")
    return statistics.median(pooled), fresh_ratio, floor_ratio


def sweep_figures(book: Rulebook, space: Sequence[BusinessProfile]) -> float:
    print("\nsweep (the whole fact space, one profile after another, one core):")
    gc.collect()
    started = time.perf_counter()
    for profile in space:
        recommend(profile, book)
    sweep = time.perf_counter() - started
    print(f"  {len(space)} profiles in {sweep:.2f} s ({len(space) / sweep:.0f} profiles/s)")
    return sweep


ASSEMBLY_BUDGETS = (3, 6, 12)


def assembly_figures() -> None:
    """Plan assembly over the fact space, each line in a process of its own (see the module's docstring)."""
    print("\nplan assembly: remembered_plan over the fact space (CPU time; each line in a process of its own):")
    for line in ("default", *(f"budget {budget}" for budget in ASSEMBLY_BUDGETS)):
        done = subprocess.run(
            [sys.executable, __file__, "--assembly-line", line], check=True, capture_output=True, text=True
        )
        print(done.stdout.rstrip())


def assembly_line(line: str) -> None:
    """One line of :func:`assembly_figures`: ``default`` (the fact space as it is: cold, then first and again in a
    second process) or ``budget N`` (every profile with ``headcount_budget`` N: first and again)."""
    book = load_rulebook()
    space = list(fact_space(book))
    run(book, space[0].facts())  # builds the pooled engine
    if line.startswith("budget "):
        space = [profile.model_copy(update={"headcount_budget": int(line.split()[1])}) for profile in space]
    elif line == "default":  # cold here; first and again in a fresh process, as for the budgets
        cold = cpu(lambda: [remembered_plan(profile, book) for profile in space]) / 1e9
        print(f"  {'cold: engine runs and assembly':<36} {cold:6.2f} s {cold / len(space) * 1e3:7.3f} ms a plan")
        done = subprocess.run(
            [sys.executable, __file__, "--assembly-line", "remembered"], check=True, capture_output=True, text=True
        )
        print(done.stdout.rstrip())
        return
    for profile in space:
        run_cached(book, profile.facts())
    first = cpu(lambda: [remembered_plan(profile, book) for profile in space]) / 1e9
    again = cpu(lambda: [remembered_plan(profile, book) for profile in space]) / 1e9
    label = "engine runs remembered" if line == "remembered" else f"headcount_budget {line.split()[1]}"
    print(
        f"  {label:<36} first {first:6.2f} s {first / len(space) * 1e3:7.3f} ms a plan, "
        f"again {again:6.2f} s {again / len(space) * 1e3:7.3f} ms a plan"
    )


def engine_figures(book: Rulebook, space: Sequence[BusinessProfile]) -> None:
    """engine.run as this package runs it against experta's own engine on the same compiled rules; building each; and
    cold sweeps of the fact space (engine runs only), in CPU time."""
    print("\nengine.run against experta's own engine (its network, agenda, run loop and rules), every 4th profile:")
    experta = sys.modules["experta"]
    ours = _build(book)
    with _stock_rules():
        compiled = vars(type(_build(book)))
    stock_engine = type(
        "StockEngine",
        (experta.KnowledgeEngine,),
        {name: rule for name, rule in compiled.items() if isinstance(rule, experta.Rule)},
    )
    stock = stock_engine()

    def run_on(engine: Any, facts: dict[str, Any], fact: Callable[[Any], Any], loop: Callable[[Any], None]) -> None:
        engine.recorder = _Recorder()
        engine.reset()
        engine.declare(fact(facts))
        loop(engine)

    sample = [p.facts() for p in space[::4]]
    fast = [cpu_timed(lambda f=facts: run_on(ours, f, ProfileFact.of, type(ours).run)) for facts in sample]
    slow = [cpu_timed(lambda f=facts: run_on(stock, f, _stock_fact, experta.KnowledgeEngine.run)) for facts in sample]
    row("experta's own", slow)
    row("this package's", fast)
    ratio = statistics.median(slow) / statistics.median(fast)
    print(f"  {ratio:.2f}x faster, firing the same rules (tests/test_engine.py)")
    built_stock = min(cpu_timed(stock_engine) for _ in range(5))
    built = min(cpu_timed(lambda: _build(book)) for _ in range(5))
    print(
        f"  building an engine: experta's own {ms(built_stock)}, this package's {ms(built)}, {built_stock / built:.1f}x"
    )
    overlay = load_rulebook(Path(__file__).resolve().parent.parent / "tests" / "data" / "verify-defects.toml")
    for label, rulebook in (("bundled rulebook", book), ("with tests/data/verify-defects.toml", overlay)):
        cold = dataclasses.replace(rulebook, cache={})
        every = [p.facts() for p in fact_space(cold)]
        took = cpu_timed(lambda c=cold, e=every: [run(c, facts) for facts in e])
        print(f"  a cold sweep, {label}: {len(every)} runs in {took / 1e9:.2f} s CPU ({ms(took / len(every))} a run)")


def _stock_fact(facts: dict[str, Any]) -> Any:
    return ProfileFact(**facts)


class _stock_rules:
    """Compile rules as experta's own Rule class (hashed and compared by content) while inside."""

    def __enter__(self) -> None:
        self.saved = engine_module._CompiledRule
        engine_module._CompiledRule = engine_module.ExpertaRule

    def __exit__(self, *_: object) -> None:
        engine_module._CompiledRule = self.saved


def json_figures(book: Rulebook, space: Sequence[BusinessProfile]) -> tuple[float, float]:
    """A plan's JSON once its counterfactuals are known: ``to_dict`` and ``render_json``, per plan; returns the
    median of ``to_dict`` (ns) and the median size of the text (bytes)."""
    sample = space[::FRESH_EVERY]
    print(f"\na plan's JSON, counterfactuals already computed ({len(sample)} profiles, every 24th of the fact space):")
    plans = [recommend(profile, book) for profile in sample]
    sizes = [len(render_json(plan).encode()) for plan in plans]  # computes and keeps each plan's counterfactuals
    to_dict = [timed(plan.to_dict) for plan in plans]
    text = [timed(partial(render_json, plan)) for plan in plans]
    row("Plan.to_dict()", to_dict)
    row("render_json(plan)", text)
    median, largest = statistics.median(sizes) / 1024, max(sizes) / 1024
    print(f"  size of the JSON text: median {median:.1f} KiB, largest {largest:.1f} KiB")
    return statistics.median(to_dict), statistics.median(sizes)


def counterfactual_figures(book: Rulebook, space: Sequence[BusinessProfile]) -> tuple[float, float]:
    """A plan with its counterfactuals and the what-if table, cold and warm, against a plain recommend; the cold
    search with facts kept, or the stage free to go back, against the default; returns the cold and warm ratios of
    the plan with counterfactuals."""
    sample = space[::24]
    print(f"\ncounterfactuals and what-if ({len(sample)} profiles, every 24th of the fact space):")

    def forget() -> None:
        forget_all(book)

    plain, plain_cpu, cold, cold_cpu = [], [], [], []
    for profile in sample:  # in turns, profile by profile, so that a busy moment weighs on both alike
        for clock, plain_times, cold_times in ((timed, plain, cold), (cpu_timed, plain_cpu, cold_cpu)):
            plain_times.append(clock(lambda p=profile: recommend(p, book)))
            forget()
            cold_times.append(clock(lambda p=profile: recommend(p, book).counterfactuals()))
    for profile in sample:  # every profile's groups remembered (the memory holds them all)
        recommend(profile, book).counterfactuals()
    warm = per_call(sample, lambda p: recommend(p, book).counterfactuals())
    whatif_cold = []
    for profile in sample:
        forget()
        whatif_cold.append(timed(lambda p=profile: whatif(p, book)))
    for profile in sample:
        whatif(profile, book)
    whatif_warm = per_call(sample, lambda p: whatif(p, book))
    forget()
    sweep_started = time.perf_counter()
    for profile in space:
        recommend(profile, book).counterfactuals()
    sweep = time.perf_counter() - sweep_started
    row("recommend (plain)", plain)
    row("recommend + counterfactuals, cold", cold)
    row("recommend + counterfactuals, warm", warm)
    row("whatif, cold", whatif_cold)
    row("whatif, warm", whatif_warm)
    median = statistics.median(plain)
    cold_ratio, warm_ratio = statistics.median(cold) / median, statistics.median(warm) / median
    print(f"  with counterfactuals: {cold_ratio:.2f}x a plain recommend cold, {warm_ratio:.2f}x warm (target 3x)")
    cpu_ratio = statistics.median(cold_cpu) / statistics.median(plain_cpu)
    print(
        f"  by CPU time (the process's, which waiting for a busy machine's cores does not inflate): cold "
        f"{ms(statistics.median(cold_cpu))} against {ms(statistics.median(plain_cpu))}, {cpu_ratio:.2f}x"
    )
    whatif_ratios = statistics.median(whatif_cold) / median, statistics.median(whatif_warm) / median
    print(
        f"  whatif: {whatif_ratios[0]:.1f}x cold, {whatif_ratios[1]:.1f}x warm (up to 12 plans assembled and compared)"
    )
    print(f"  the whole fact space with counterfactuals, one plan after another, memory shared: {sweep:.2f} s")
    compile_times = [timed(lambda: role_groups(dataclasses.replace(book, cache={}))) for _ in range(5)]
    compiled = ms(statistics.median(compile_times))
    print(f"  compiling the groups of roles, once per rulebook (kept with it, as its engines): {compiled}")
    scope_figures(book, sample)
    return cold_ratio, warm_ratio


def forget_all(book: Rulebook) -> None:
    """Empty every memory of the rulebook: engine outcomes, counterfactuals, alternatives (its engines and compiled
    groups of roles stay, as the rulebook keeps them)."""
    for key in [key for key in book.cache if key.startswith("memo:")]:
        del book.cache[key]


def scope_figures(book: Rulebook, sample: Sequence[BusinessProfile]) -> None:
    """The counterfactual search alone, cold (the plan made first), with facts kept or the stage free to go back,
    against the default on the same profile just before, by CPU time; and the changed profiles each looked at."""

    def cold_search(profile: BusinessProfile, keep: Sequence[str], backward: bool) -> tuple[int, int]:
        forget_all(book)
        plan = recommend(profile, book, keep=keep, backward=backward)
        looked: list[int] = []
        return cpu_timed(lambda: looked.append(plan.counterfactuals().runs)), looked[0]

    print("  the search alone, cold (plan made first), each scope in turns with the default, by CPU time (medians):")
    scopes: list[tuple[str, Sequence[str], bool]] = [
        *((f"keep {name}", (name,), False) for name in FACT_NAMES),
        ("keep sourcing, formats", ("sourcing", "formats"), False),
        ("backward", (), True),
    ]
    for label, keep, backward in scopes:
        default, default_looked, times, looked = [], [], [], []
        for profile in sample:
            for kept, backwards, time_list, looked_list in (
                ((), False, default, default_looked),
                (keep, backward, times, looked),
            ):
                spent, seen = cold_search(profile, kept, backwards)
                time_list.append(spent)
                looked_list.append(seen)
        ratio = statistics.median(times) / statistics.median(default)
        print(
            f"  {'    ' + label:<30} {ms(statistics.median(times)):>11} against {ms(statistics.median(default))}: "
            f"{ratio:.2f}x; looked at {statistics.median(looked):.0f} profiles (default "
            f"{statistics.median(default_looked):.0f})"
        )


FACT_NAMES = tuple(name for name, spec in FACTS.items() if spec.kind in ("choice", "bool", "set"))  # keepable


def cpu(call: Callable[[], Any]) -> int:
    """The CPU time of ``call`` in this process, in ns: work of other processes on a shared machine does not count."""
    started = time.process_time_ns()
    call()
    return time.process_time_ns() - started


def money_figures(book: Rulebook, space: Sequence[BusinessProfile]) -> float:
    """Pay's cost (see the module's docstring); returns the ratio of a plan with pay to one without."""
    sample = space[::4]
    pay = Pay.parse(tomllib.loads((Path(__file__).resolve().parent.parent / "examples" / "pay.toml").read_text()))
    priced = {profile: profile.model_copy(update={"pay": pay}) for profile in sample}
    budgeted = {p: p.model_copy(update={"headcount_budget": 4}) for p in sample}
    print(f"\nmoney: pay against no pay ({len(sample)} profiles, every 4th; CPU time, three rounds, medians):")
    for profile in sample:  # warm: the engine's memory of these profiles, and of their what-if neighbours
        whatif(profile, book)
        whatif(priced[profile], book)

    def both(plain: Callable[[BusinessProfile], Any], paid: Callable[[BusinessProfile], Any]) -> tuple[float, float]:
        """The median CPU time of ``plain`` and of ``paid`` over the sample, each call of one right after the
        other's on the same profile, three rounds."""
        without, with_pay = [], []
        for _ in range(3):
            for profile in sample:
                without.append(cpu(lambda p=profile: plain(p)))
                with_pay.append(cpu(lambda p=profile: paid(p)))
        return statistics.median(without), statistics.median(with_pay)

    partner = dict(zip(sample, sample[7:] + sample[:7], strict=True))
    plan = both(lambda p: recommend(p, book), lambda p: recommend(priced[p], book))
    budgeted_priced = {p: budgeted[p].model_copy(update={"pay": pay}) for p in sample}
    staffed = both(lambda p: recommend(budgeted[p], book), lambda p: recommend(budgeted_priced[p], book))
    compare = both(
        lambda p: recommend(p, book).diff(recommend(partner[p], book)),
        lambda p: recommend(priced[p], book).diff(recommend(priced[partner[p]], book)),
    )
    table = both(lambda p: whatif(p, book), lambda p: whatif(priced[p], book))
    rows = [
        ("plan", plan),
        ("plan under a headcount budget of 4", staffed),
        ("compare (two plans and their diff)", compare),
        ("whatif, warm", table),
    ]
    for label, (without, with_pay) in rows:
        print(f"  {label:<40} {ms(without):>11} -> {ms(with_pay):>11} with pay: {with_pay / without:.2f}x")
    ratio = plan[1] / plan[0]
    base = plan[0]
    print(
        f"  a plan with pay costs {ratio:.2f}x one without (target 1.1x); as ratios to a plain plan, compare "
        f"{compare[0] / base:.1f}x without pay and {compare[1] / plan[1]:.1f}x with; whatif {table[0] / base:.1f}x "
        f"and {table[1] / plan[1]:.1f}x"
    )
    return ratio


def batch_figures(space: Sequence[BusinessProfile]) -> None:
    print("\nmany profiles at once: the fact space (wall time, worker start-up included):")
    for workers in (1, 2):
        started = time.perf_counter()
        results = recommend_many(space, workers=workers)
        elapsed = time.perf_counter() - started
        assert all(result.ok for result in results)
        print(f"  recommend_many(workers={workers}): {elapsed:.2f} s ({len(space) / elapsed:.0f} profiles/s)")
    script = Path(sys.executable).parent / "tiktok-team"
    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(tmp, "space.jsonl")
        lines.write_text("".join(p.model_dump_json() + "\n" for p in space), encoding="utf-8")
        for workers in (1, 2):
            started = time.perf_counter()
            subprocess.run(
                [str(script), "plan-many", str(lines), "--workers", str(workers), "--output", str(Path(tmp, "out"))],
                check=True,
            )
            elapsed = time.perf_counter() - started
            print(
                f"  tiktok-team plan-many --workers {workers}: {elapsed:.2f} s (the command: start-up, JSON in and out)"
            )
    print(f"  (two busy processes get {parallel_capacity():.2f} cores' worth of CPU on this machine)")


def memory_figures(book: Rulebook, space: Sequence[BusinessProfile]) -> None:
    print("\nmemory:")
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    engine = _build(book)
    built = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename"))
    del engine
    tracemalloc.reset_peak()
    baseline, _ = tracemalloc.get_traced_memory()
    for profile in space[::4]:
        recommend(profile, book).to_dict()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  one compiled engine: {built / 1024:.0f} KiB (tracemalloc)")
    print(f"  peak during a sweep of {len(space[::4])} plans, above baseline: {(peak - baseline) / 1024:.0f} KiB")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  peak resident set of this process: {maxrss / (1024 if sys.platform != 'darwin' else 1024**2):.0f} MiB")


def rulebook_growth(book: Rulebook, profiles: Sequence[BusinessProfile]) -> None:
    print(f"\nrulebook growth (synthetic overlay rules; {len(profiles)} profiles of the fact space each):")
    base = len(book.rules)
    first: float | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 4, 16):
            if factor == 1:
                grown = book
                load = 0.0
            else:
                path = Path(tmp, f"synthetic-x{factor}.toml")
                path.write_text(overlay_rules(book, base * (factor - 1)), encoding="utf-8")
                started = time.perf_counter()
                grown = load_rulebook(path)
                load = time.perf_counter() - started
            build = statistics.median(timed(lambda g=grown: _build(g)) for _ in range(3)) / 1e6
            recommend(profiles[0], grown)
            times = per_call(profiles, lambda p, g=grown: recommend(p, g))
            runs = per_call(profiles, lambda p, g=grown: run(g, p.facts()))
            median = statistics.median(times)
            first = first or median
            print(
                f"  x{factor:<3} {len(grown.rules):>5} rules: load {load * 1000:>6.0f} ms, build engine "
                f"{build:>7.0f} ms, recommend median {ms(median)} (engine.run {ms(statistics.median(runs))}), "
                f"{median / first:.1f}x the x1 time"
            )


def catalog_growth(book: Rulebook) -> None:
    print("\ncatalog growth (staffing.consolidate; median of repeated runs):")
    worst = BusinessProfile(
        stage="mature",
        sourcing="own_stock",
        formats={"livestream", "short_video"},
        paid_ads=True,
        influencers=True,
        private_domain=True,
        loyalty_program=True,
        own_brand=True,
        live_hours_per_day=16,
        live_rooms=4,
        videos_per_week=120,
        orders_per_day=5000,
        ad_campaigns=40,
    )
    plan = recommend(worst, book)
    seats = {role.id: role.headcount for role in plan.roles}
    pairs = sorted((min(p), max(p)) for p in can_cover_pairs(book.rules[r] for r in plan.outcome.fired))
    cases = [
        (f"bundled worst case: {len(seats)} roles, {sum(seats.values())} seats", seats, pairs),
        ("synthetic 100 roles in clusters of 5", *clustered_catalog()),
        ("synthetic 100 roles, sparse (one big component)", *sparse_catalog()),
    ]
    print(f"  {'':<48} {'cold':>11} {'warm':>11}")
    for label, case_seats, case_pairs in cases:
        cold = [timed(lambda s=case_seats, c=case_pairs: _cold(consolidate, s, c)) for _ in range(15)]
        warm = [timed(lambda s=case_seats, c=case_pairs: consolidate(s, c)) for _ in range(15)]
        result = consolidate(case_seats, case_pairs)
        how = "exact" if result.exact else f"greedy, lower bound {result.lower_bound}"
        print(f"  {label:<48} {both(cold, warm)}  -> {result.size} people ({how})")
    budgeted = worst.model_copy(update={"headcount_budget": 5})
    cold = [timed(lambda: _cold(recommend, budgeted, book)) for _ in range(15)]
    warm = [timed(lambda: recommend(budgeted, book)) for _ in range(15)]
    print(f"  {'bundled worst case, recommend with budget 5':<48} {both(cold, warm)}")
    print("  (cold: the cache of solved components emptied first; warm: the same call again)")


def both(cold: Sequence[float], warm: Sequence[float]) -> str:
    return f"{ms(statistics.median(cold)):>11} {ms(statistics.median(warm)):>11}"


def _cold(call: Callable[..., Any], *args: Any) -> Any:
    clear = getattr(staffing, "_solver", None)
    if clear is not None:
        clear.cache_clear()
    return call(*args)


if __name__ == "__main__":
    main()
