"""Synthetic inputs for the scaling benchmarks: extra rules in the rule-file format, and a large role catalog.

Both are generated from a fixed seed, so every run measures the same inputs.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

from tiktok_team import Rulebook
from tiktok_team._profile import FACTS

__all__ = ["clustered_catalog", "overlay_rules", "sparse_catalog"]

_BOOLS = [name for name, spec in FACTS.items() if spec.kind == "bool"]


def _text(value: object) -> str:
    """A TOML value: JSON's strings, numbers, booleans and arrays are TOML too."""
    return json.dumps(value, ensure_ascii=False)


def _test(rng: random.Random, fact: str) -> str:
    spec = FACTS[fact]
    if spec.kind == "bool":
        return f"{{ fact = {_text(fact)}, equals = {_text(rng.random() < 0.7)} }}"
    if spec.kind == "set":
        return f"{{ fact = {_text(fact)}, contains = {_text(rng.choice(spec.values))} }}"
    values = sorted(rng.sample(spec.values, rng.randint(1, len(spec.values) - 1)))
    return f"{{ fact = {_text(fact)}, in = {_text(values)} }}"


def _condition(rng: random.Random, derived: list[str]) -> str:
    """A condition shaped like the bundled ones: a conjunction of two or three tests on distinct facts, sometimes
    a derived fact, sometimes a negation, sometimes an alternative (two compiled experta rules)."""
    facts = rng.sample(["stage", "sourcing", "formats", *_BOOLS], rng.randint(2, 3))
    parts = [_test(rng, fact) for fact in facts]
    if derived and rng.random() < 0.3:
        parts.append(f"{{ derived = {_text(rng.choice(derived))} }}")
    if rng.random() < 0.2:
        parts[-1] = f"{{ not = {parts[-1]} }}"
    if rng.random() < 0.2 and len(parts) > 2:
        parts[-2:] = [f"{{ any = [{parts[-2]}, {parts[-1]}] }}"]
    return "{ all = [" + ", ".join(parts) + "] }"


def _effect(rng: random.Random, book: Rulebook) -> str:
    roles = [role for role in book.roles if role != "owner"]
    kind = rng.choice(["include", "relate", "scale", "advise", "rank"])
    if kind == "include":
        return f"include = [{_text(rng.choice(roles))}]"
    if kind == "relate":
        a, b = rng.sample(roles, 2)
        return f'relate = [{{ kind = "feeds", from = {_text(a)}, to = {_text(b)} }}]'
    if kind == "scale":
        return f"scale = {{ {rng.choice(roles)} = {rng.randint(1, 3)} }}"
    if kind == "rank":
        return f"rank = {{ {rng.choice(roles)} = {rng.randint(0, 9)} }}"
    return f"advise = [{_text(rng.choice(list(book.advice)))}]"


def overlay_rules(book: Rulebook, count: int, seed: int = 5) -> str:
    """``count`` synthetic rules as the text of an overlay file (see docs/rule-format.md), each citing a guidance
    item of the bundled sources, with a condition and one effect drawn at random from the bundled vocabulary."""
    rng = random.Random(seed)
    derived = list(book.derived)
    guidance = list(book.guidance.values())
    blocks = []
    for number in range(count):
        cited = rng.choice(guidance)
        blocks.append(
            "\n".join(
                [
                    "[[rule]]",
                    f'id = "synthetic-{number}"',
                    f"source = {_text(cited.source)}",
                    f"section = {_text(cited.section)}",
                    f"guidance = {_text(cited.id)}",
                    'basis = "inferred"',
                    'because = "a synthetic rule of the scaling benchmark"',
                    f"when = {_condition(rng, derived)}",
                    _effect(rng, book),
                ]
            )
        )
    return "\n\n".join(blocks) + "\n"


def _roles(count: int) -> Iterator[str]:
    return (f"role_{n:03d}" for n in range(count))


def sparse_catalog(
    roles: int = 100, degree: float = 3.0, seed: int = 7
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Seats (1 to 3 per role) and ``can_cover`` pairs of a random sparse catalog: one large component, too large
    for the exact search, so consolidation falls back to the greedy heuristic and its lower bound."""
    rng = random.Random(seed)
    names = list(_roles(roles))
    seats = {name: rng.randint(1, 3) for name in names}
    chance = degree / (roles - 1)
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if rng.random() < chance]
    return seats, pairs


def clustered_catalog(
    roles: int = 100, cluster: int = 5, seed: int = 11
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Seats and ``can_cover`` pairs of a catalog made of small dense clusters (like the bundled one: a few roles
    that can double up), so every component is solved exactly."""
    rng = random.Random(seed)
    names = list(_roles(roles))
    seats = {name: rng.randint(1, 3) for name in names}
    pairs = []
    for start in range(0, roles, cluster):
        group = names[start : start + cluster]
        pairs += [(a, b) for i, a in enumerate(group) for b in group[i + 1 :] if rng.random() < 0.7]
    return seats, pairs
