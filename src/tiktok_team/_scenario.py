"""Scenario files: worked cases of a rulebook written down as data, each a profile and what its plan must (not) have,
as in Drools' test scenarios. :mod:`tiktok_team._scenario_report` runs them.

A scenario file is TOML holding ``[[scenario]]`` tables::

    [[scenario]]
    name = "startup affiliate seller keeps a selector"    # unique in the file
    cites = { source = "three-stages", section = "§1", guidance = "G18" }   # or a list of such tables
    profile = { stage = "startup", sourcing = "affiliate_pool" }             # a business profile
    expect_roles = ["product_selector"]          # planned; or a table role = headcount to check the headcount too
    expect_not = ["shop_operator"]               # not planned
    expect_headcount = 5                         # people in the whole plan (its headcount)
    expect_advice = ["owner-startup-focus"]      # advice given
    expect_edges = [{ from = "product_selector", kind = "feeds", to = "streamer" }]   # edges of the role graph
    expect_holds = [{ role = "streamer", duty = "short_video" }]                     # duties held
    expect_no_advice = ["consider-paid-ads"]     # advice not given
    expect_said = [{ role = "ad_buyer", text = "each live" }]     # a duty line of the role, or the advice's text
    expect_unsaid = [{ text = "live" }]          # not said (no role or advice: nowhere the plan says it)
    expect_people = 38                           # people, shared seats counted once
    expect_staffed = ["presales_cs"]             # with a headcount budget: roles that keep a seat
    expect_deferred = ["live_planner"]           # with a headcount budget: roles with seats that wait

``cites`` and ``profile`` are required, and at least one expectation. Every id is checked against the rulebook when
the file loads (:func:`load_scenarios`), so a misspelt role, advice, duty, edge kind, source, guidance id, key or
profile field is a :class:`~tiktok_team.ScenarioError` naming the file, the scenario and the key, with a "did
you mean". The bundled rulebook's worked cases, from both sources, are in ``rules/scenarios/sources.toml`` (see
:func:`bundled_scenarios`); the rule loader reads only ``rules/*.toml``, so it never takes them for rule files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from ._documents import parse_document, read_text
from ._entries import RELATION_KINDS
from ._errors import ProfileError, ScenarioError, suggest
from ._lazy import publish
from ._profile import BusinessProfile
from ._rulebook import Rulebook, bundled_rules_dir, load_rulebook

__all__ = [
    "EDGE_KINDS",
    "EdgeExpectation",
    "HoldExpectation",
    "SaidExpectation",
    "Scenario",
    "ScenarioCitation",
    "bundled_scenarios",
    "load_scenarios",
]

EDGE_KINDS = ("reports_to", *RELATION_KINDS)
_EXPECTATIONS = (
    "expect_roles",
    "expect_not",
    "expect_headcount",
    "expect_people",
    "expect_advice",
    "expect_no_advice",
    "expect_edges",
    "expect_holds",
    "expect_said",
    "expect_unsaid",
    "expect_staffed",
    "expect_deferred",
)
_KEYS = ("name", "cites", "profile", *_EXPECTATIONS)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ScenarioCitation(_Model):
    """Where in a source a scenario's case comes from: the source key, the section, and optionally a guidance id."""

    source: str
    section: str = Field(min_length=1)
    guidance: str | None = None


class EdgeExpectation(_Model):
    """An edge the plan's role graph must have: ``from`` → ``to`` of ``kind`` (``reports_to`` or a relation kind)."""

    source: str = Field(alias="from")
    kind: str
    target: str = Field(alias="to")


class HoldExpectation(_Model):
    """A duty a planned role must hold (see :mod:`tiktok_team._duties`)."""

    role: str
    duty: str


class SaidExpectation(_Model):
    """Words a plan must (or must not) show: in a duty line of ``role`` (the role's held duties included), in the
    text of ``advice``, or, with neither, anywhere in the duties and advice the plan shows. ``text`` is matched
    without regard to case, in English and in Chinese."""

    text: str = Field(min_length=1)
    role: str | None = None
    advice: str | None = None


class Scenario(_Model):
    """One worked case: a profile and what its plan must (not) have. ``expect_roles`` maps each role to the headcount
    it must have, or to None where only its presence is checked."""

    name: str = Field(min_length=1)
    file: str
    cites: tuple[ScenarioCitation, ...] = Field(min_length=1)
    profile: BusinessProfile
    expect_roles: dict[str, StrictInt | None] = Field(default_factory=dict)
    expect_not: tuple[str, ...] = ()
    expect_headcount: StrictInt | None = Field(default=None, ge=1)
    expect_people: StrictInt | None = Field(default=None, ge=1)
    expect_advice: tuple[str, ...] = ()
    expect_no_advice: tuple[str, ...] = ()
    expect_edges: tuple[EdgeExpectation, ...] = ()
    expect_holds: tuple[HoldExpectation, ...] = ()
    expect_said: tuple[SaidExpectation, ...] = ()
    expect_unsaid: tuple[SaidExpectation, ...] = ()
    expect_staffed: tuple[str, ...] = ()
    expect_deferred: tuple[str, ...] = ()

    @property
    def expectations(self) -> int:
        """How many expectations the scenario checks."""
        counted = (self.expect_headcount, self.expect_people)
        listed = (
            self.expect_roles,
            self.expect_not,
            self.expect_advice,
            self.expect_no_advice,
            self.expect_edges,
            self.expect_holds,
            self.expect_said,
            self.expect_unsaid,
            self.expect_staffed,
            self.expect_deferred,
        )
        return sum(value is not None for value in counted) + sum(len(each) for each in listed)


def bundled_scenarios() -> tuple[Path, ...]:
    """The scenario files shipped with the bundled rulebook (``rules/scenarios/*.toml``), sorted.

    Examples
    --------
    >>> [path.name for path in bundled_scenarios()]
    ['sources.toml', 'what-sellers-read.toml']
    """
    return tuple(sorted((bundled_rules_dir() / "scenarios").glob("*.toml")))


def load_scenarios(path: str | Path, rulebook: Rulebook | None = None) -> tuple[Scenario, ...]:
    """Read and validate a scenario file against ``rulebook`` (default: the bundled one).

    Raises
    ------
    ScenarioError
        For a file that cannot be read or is not TOML, and for any unknown key, role, advice, duty, edge kind,
        source, guidance id or profile field, naming the file, the scenario and the key, with a "did you mean".

    Examples
    --------
    >>> scenarios = load_scenarios(bundled_scenarios()[0])
    >>> len(scenarios) >= 25, all(scenario.cites for scenario in scenarios)
    (True, True)
    """
    book = rulebook if rulebook is not None else load_rulebook()
    file = _display(Path(path))
    text = read_text(path, file, kind="scenario", error=ScenarioError)
    data = parse_document(text, "toml", file, ScenarioError)
    assert isinstance(data, dict)  # a TOML document is a table
    for key in data:
        if key != "scenario":
            raise ScenarioError(
                f"unknown table '{key}'{suggest(key, ['scenario'])}; a scenario file holds [[scenario]] tables", file
            )
    items = data.get("scenario")
    if not isinstance(items, list) or not items:
        raise ScenarioError("no scenarios: a scenario file holds one or more [[scenario]] tables", file)
    scenarios: list[Scenario] = []
    for index, raw in enumerate(items):
        scenario = _scenario(raw, index, file, book)
        if any(earlier.name == scenario.name for earlier in scenarios):
            raise ScenarioError("two scenarios have this name; give each its own", file, scenario.name, "name")
        scenarios.append(scenario)
    return tuple(scenarios)


def _display(path: Path) -> str:
    """How the file is named in reports and errors: bundled ones as ``rules/scenarios/NAME``, others as given."""
    bundled = bundled_rules_dir().resolve()
    where = path.resolve()
    return f"rules/{where.relative_to(bundled).as_posix()}" if where.is_relative_to(bundled) else str(path)


def _scenario(raw: object, index: int, file: str, book: Rulebook) -> Scenario:
    if not isinstance(raw, dict):
        raise ScenarioError(f"scenario #{index + 1} must be a table", file)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError(f'scenario #{index + 1} needs a name (name = "...")', file)

    def fail(key: str, message: str) -> ScenarioError:
        return ScenarioError(message, file, name, key)

    for key in raw:
        if key not in _KEYS:
            raise fail("", f"unknown key '{key}'{suggest(key, _KEYS)}")
    for key in ("cites", "profile"):
        if key not in raw:
            raise fail("", f"missing required key '{key}'")
    if not any(key in raw for key in _EXPECTATIONS):
        raise fail("", f"the scenario expects nothing: give {', '.join(_EXPECTATIONS)}")
    try:
        profile = BusinessProfile.parse(raw["profile"])
    except ProfileError as exc:
        raise fail("profile", str(exc)) from None
    fields = {**raw, "profile": profile, "file": file}
    roles = raw.get("expect_roles")
    if isinstance(roles, list):
        if not all(isinstance(role, str) for role in roles):
            raise fail("expect_roles", f"lists role ids, or is a table of role id = headcount (got {roles!r})")
        fields["expect_roles"] = dict.fromkeys(roles)
    if isinstance(raw.get("cites"), dict):
        fields["cites"] = [raw["cites"]]
    try:
        scenario = Scenario.model_validate(fields)
    except ValidationError as exc:
        err = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        key, *inner = (str(part) for part in err["loc"])
        if err["type"] == "extra_forbidden":
            models: dict[str, type[_Model]] = {
                "cites": ScenarioCitation,
                "expect_edges": EdgeExpectation,
                "expect_holds": HoldExpectation,
                "expect_said": SaidExpectation,
                "expect_unsaid": SaidExpectation,
            }
            known = models[key].model_fields
            keys = [field.alias or name for name, field in known.items()]
            raise fail(key, f"unknown key '{inner[-1]}'{suggest(inner[-1], keys)}") from None
        where = "".join(f"{part}: " for part in inner)
        said = str(err["msg"]).removeprefix("Value error, ").replace("valid tuple", "valid list")
        raise fail(key, f"{where}{said[:1].lower()}{said[1:]} (got {err['input']!r})") from None
    _check_ids(scenario, book, fail)
    return scenario


def _check_ids(scenario: Scenario, book: Rulebook, fail: Callable[[str, str], ScenarioError]) -> None:
    def known(key: str, kind: str, name: str, ids: Iterable[str]) -> None:
        ids = list(ids)
        if name not in ids:
            raise fail(key, f"unknown {kind} '{name}'{suggest(name, ids)}")

    for cite in scenario.cites:
        known("cites", "source", cite.source, book.sources)
        if cite.guidance is not None:
            known("cites", "guidance id", cite.guidance, book.guidance)
            if book.guidance[cite.guidance].source != cite.source:
                source = book.guidance[cite.guidance].source
                raise fail("cites", f"guidance {cite.guidance} comes from '{source}', not '{cite.source}'")
    for key in ("expect_roles", "expect_not", "expect_staffed", "expect_deferred"):
        for role_id in getattr(scenario, key):
            known(key, "role", role_id, book.roles)
    if (scenario.expect_staffed or scenario.expect_deferred) and scenario.profile.headcount_budget is None:
        key = "expect_staffed" if scenario.expect_staffed else "expect_deferred"
        raise fail(key, "staffing is planned only under a budget: give the profile a headcount_budget")
    both = sorted(set(scenario.expect_roles) & set(scenario.expect_not))
    if both:
        raise fail("expect_not", f"'{both[0]}' is expected both in the plan (expect_roles) and not in it")
    for role_id, count in scenario.expect_roles.items():
        if count is not None and count < 1:
            raise fail("expect_roles", f"{role_id}: a planned role has at least 1 person, not {count}")
    for key in ("expect_advice", "expect_no_advice"):
        for advice_id in getattr(scenario, key):
            known(key, "advice", advice_id, book.advice)
    for key in ("expect_said", "expect_unsaid"):
        for said in getattr(scenario, key):
            if said.role is not None and said.advice is not None:
                raise fail(key, "give a role or an advice, not both")
            if said.role is not None:
                known(key, "role", said.role, book.roles)
            if said.advice is not None:
                known(key, "advice", said.advice, book.advice)
    nodes = [*book.roles, *book.teams, *book.departments]
    for edge in scenario.expect_edges:
        known("expect_edges", "edge kind", edge.kind, EDGE_KINDS)
        ends = nodes if edge.kind == "reports_to" else book.roles
        known("expect_edges", "role" if edge.kind != "reports_to" else "node", edge.source, ends)
        known("expect_edges", "role" if edge.kind != "reports_to" else "node", edge.target, ends)
    for held in scenario.expect_holds:
        known("expect_holds", "role", held.role, book.roles)
        known("expect_holds", "duty", held.duty, book.duties)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
