"""The exception hierarchy: every error the library raises derives from :class:`TiktokTeamError`.

Errors about user input carry *where* the problem is (a file, a field, a rule id) and, where a name was
misspelt, the name the user probably meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "ContractError",
    "GraphvizError",
    "PlanError",
    "ProfileError",
    "RulebookError",
    "ScenarioError",
    "TeamError",
    "TiktokTeamError",
    "TiktokTeamWarning",
    "suggest",
]


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return a " (did you mean 'x'?)" hint for a misspelt ``word``, or an empty string.

    Examples
    --------
    >>> suggest("streamr", ["streamer", "logistics"])
    " (did you mean 'streamer'?)"
    >>> suggest("zzz", ["streamer"])
    ''
    """
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class TiktokTeamError(Exception):
    """Root of every error raised by tiktok-team: catch it to handle any bad profile, rule file or question.

    Its text is one line: a control character that came from the input (a key holding a newline) is shown escaped.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> try:
    ...     recommend({"stage": "big"})
    ... except TiktokTeamError as exc:
    ...     print(type(exc).__name__)
    ProfileError
    >>> str(TiktokTeamError("unknown field 'a\\nb'"))
    "unknown field 'a\\\\nb'"
    """

    def __str__(self) -> str:
        text = super().__str__()
        if text.isprintable():
            return text
        return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


class ProfileError(TiktokTeamError, ValueError):
    """A business profile is malformed: ``where`` names the file or field at fault.

    ``problems`` lists, where they are known, the fields at fault, each with its part of the message: pairs of the
    field's path in the profile (``"stage"``, ``"assumptions.x"``) and the text naming it.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile
    >>> try:
    ...     BusinessProfile.parse({"stage": "grwth", "sourcing": "own_stock", "paid_add": True})
    ... except ProfileError as exc:
    ...     for field, text in exc.problems:
    ...         print(f"{field} -> {text}")
    stage -> stage: 'grwth' is not one of startup, growth, mature (did you mean 'growth'?)
    paid_add -> unknown field 'paid_add' (did you mean 'paid_ads'?)
    """

    def __init__(self, message: str, where: str = "", problems: Iterable[tuple[str, str]] = ()) -> None:
        self.where = where
        self.problems = tuple(problems)
        super().__init__(f"{where}: {message}" if where else message)


class RulebookError(TiktokTeamError, ValueError):
    """A rule file is malformed: names the file and, where it applies, the rule or entry id.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> try:
    ...     load_rulebook("missing.toml")
    ... except RulebookError as exc:
    ...     print(exc.file, "|", exc)
    missing.toml | missing.toml: no such rule file
    """

    def __init__(self, message: str, file: str = "", entry: str = "") -> None:
        self.file = file
        self.entry = entry
        where = ":".join(part for part in (file, entry) if part)
        super().__init__(f"{where}: {message}" if where else message)


class ScenarioError(TiktokTeamError, ValueError):
    """A scenario file (see :func:`tiktok_team.load_scenarios`) is malformed: names the file, the scenario and the key.

    Examples
    --------
    >>> from tiktok_team import load_scenarios
    >>> try:
    ...     load_scenarios("missing.toml")
    ... except ScenarioError as exc:
    ...     print(exc)
    missing.toml: no such scenario file
    """

    def __init__(self, message: str, file: str = "", scenario: str = "", key: str = "") -> None:
        self.file = file
        self.scenario = scenario
        self.key = key
        where = [file, f"scenario '{scenario}'" if scenario else "", key]
        super().__init__(": ".join([*(part for part in where if part), message]))


class TeamError(TiktokTeamError, ValueError):
    """A description of a current team (for gap analysis) is malformed: names the file or the field at fault.

    Examples
    --------
    >>> from tiktok_team import CurrentTeam
    >>> try:
    ...     CurrentTeam.parse({"person": [{"name": "Ana", "roles": []}]})
    ... except TeamError as exc:
    ...     print(exc)
    person.0.roles: tuple should have at least 1 item after validation, not 0
    """

    def __init__(self, message: str, where: str = "") -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class PlanError(TiktokTeamError, LookupError):
    """A question asked of a plan cannot be answered, e.g. about a role id that does not exist.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> try:
    ...     recommend({"stage": "startup", "sourcing": "own_stock"}).why("streamr")
    ... except PlanError as exc:
    ...     print(exc)
    unknown role 'streamr' (did you mean 'streamer'?)
    """


class ContractError(TiktokTeamError, LookupError):
    """A question about the output contract (:mod:`tiktok_team._contract`) that has no answer, e.g. the schema of an
    output that does not exist; suggests the kind probably meant.

    Examples
    --------
    >>> from tiktok_team import output_schema
    >>> try:
    ...     output_schema("plans")
    ... except ContractError as exc:
    ...     print(exc)
    unknown output 'plans' (did you mean 'plan'?); one of plan, roadmap, gap, compare, whatif, verify, scenarios, \
catalog
    """


class GraphvizError(TiktokTeamError, RuntimeError):
    """Graphviz's ``dot``, which lays out the pictures (``svg``, ``html``), is missing or failed; says how to fix it.

    Examples
    --------
    >>> issubclass(GraphvizError, TiktokTeamError), issubclass(GraphvizError, RuntimeError)
    (True, True)
    """


class TiktokTeamWarning(UserWarning):
    """A result was produced, but not all of it: e.g. the HTML report without its chart because Graphviz failed.

    The library issues it with :func:`warnings.warn`; the command line prints each as one ``tiktok-team: warning:``
    line on standard error and still writes the result.

    Examples
    --------
    A caller that wants the whole result or nothing turns the warning into an error:

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", TiktokTeamWarning)
    ...     try:
    ...         warnings.warn("the chart is missing", TiktokTeamWarning)
    ...     except TiktokTeamWarning as exc:
    ...         print(exc)
    the chart is missing
    """
