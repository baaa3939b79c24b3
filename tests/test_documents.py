"""Every reader of input refuses bad input with its own documented error, never another exception (issue 2).

The readers: a profile, a team and an assumptions file, standard input, a rule overlay, a scenario file and a line
of JSON Lines. Each is fed (a) arbitrary bytes and (b) arbitrary data written as TOML, JSON and YAML, built from the
names the reader knows (fields, tables, ids), so that validation is reached and not only the decoder. Whatever the
input, the reader succeeds or raises the error of its kind, a :class:`TiktokTeamError`. The bounds themselves (size,
depth, aliases, NaN, keys that are not text, a directory, a FIFO) are tested one by one, in process and through the
installed command.
"""

from __future__ import annotations

import io
import json
import math
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import EXAMPLES
from tiktok_team import load_rulebook
from tiktok_team._batch import plan_jsonl
from tiktok_team._documents import LIMIT, MAX_DEPTH, MAX_VALUES, parse_document, read_text
from tiktok_team._errors import ProfileError, RulebookError, ScenarioError, TeamError, TiktokTeamError
from tiktok_team._profile import FACTS as FACT_NAMES
from tiktok_team._profile import BusinessProfile
from tiktok_team._profile import parse_document as parse_document_of_profile
from tiktok_team._scenario import load_scenarios
from tiktok_team.cli.inputs import load_profile, load_team, read_document

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = EXAMPLES / "growth-brand.toml"
BOOK = load_rulebook()

# -- strategies: data built from the names each reader knows -------------------------------------------------------

WORDS = sorted(
    {
        *BusinessProfile.model_fields,
        "startup", "growth", "mature", "own_stock", "dropship", "affiliate_pool", "livestream", "short_video",
        *BOOK.roles, *list(BOOK.advice)[:5], *BOOK.assumptions, *BOOK.sources, *list(BOOK.guidance)[:5],
        *BOOK.duties, "supports", "feeds", "collaborates", "can_cover", "reports_to", "stated", "inferred",
    }
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(WORDS)
)


def data_of(keys: list[str], leaves: int = 16) -> st.SearchStrategy[Any]:
    """Nested tables and lists of scalars whose keys are mostly ``keys``."""
    key = st.sampled_from(keys) | st.text(max_size=8)
    return st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=5),
        max_leaves=leaves,
    )


def table_of(keys: list[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys) | st.text(max_size=8), values, max_size=len(keys))


PROFILE_KEYS = [*BusinessProfile.model_fields, "assumptions"]
CONDITION_KEYS = ["fact", "derived", "not", "all", "any", "equals", "in", "contains", "at_least", "at_most"]
ENTRY_KEYS = sorted(
    {
        "id", "key", "source", "section", "guidance", "basis", "because", "priority", "replace", "when", "derive",
        "include", "exclude", "split", "relate", "scale", "rank", "advise", "hold", "en", "zh", "department",
        "team", "duties", "role", "measure", "per", "value", "unit", "belongs_to", "from", "to", "into", "kind",
        "keep", "duty", "text", "title", "language", "date", "author", *CONDITION_KEYS, *PROFILE_KEYS,
    }
)  # fmt: skip
RULE_TABLES = ["source", "guidance", "department", "team", "role", "duty", "advice", "derived", "assumption",
               "workload", "rule", "disable"]  # fmt: skip
SCENARIO_KEYS = ["name", "cites", "profile", "expect_roles", "expect_not", "expect_headcount", "expect_advice",
                 "expect_edges", "expect_holds", "source", "section", "guidance", "from", "to", "kind", "role",
                 "duty"]  # fmt: skip


def near(valid: dict[str, Any], keys: list[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """``valid`` with some of its keys dropped and some (mostly known) keys set to other values: input that gets
    past the decoder and deep into validation."""
    dropped = st.sets(st.sampled_from(sorted(valid)), max_size=2)
    return st.builds(
        lambda drop, extra: {**{k: v for k, v in valid.items() if k not in drop}, **extra},
        dropped,
        st.dictionaries(st.sampled_from(keys) | st.text(max_size=8), values, max_size=2),
    )


GROWTH = {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"], "headcount_budget": 6}
RULE = {
    "id": "x-fuzz",
    "source": "three-stages",
    "section": "§3",
    "guidance": "G31",
    "basis": "inferred",
    "because": "a fuzzed rule",
    "when": {"all": [{"fact": "own_brand", "equals": True}, {"not": {"fact": "stage", "equals": "startup"}}]},
    "include": ["pr"],
}
SCENARIO = {
    "name": "fuzz",
    "cites": {"source": "three-stages", "section": "§1", "guidance": "G18"},
    "profile": {"stage": "startup", "sourcing": "affiliate_pool"},
    "expect_roles": ["product_selector"],
    "expect_edges": [{"from": "product_selector", "kind": "feeds", "to": "streamer"}],
}
VALUES = data_of(WORDS) | st.sampled_from(WORDS)

PROFILES = table_of(PROFILE_KEYS, VALUES) | near(GROWTH, PROFILE_KEYS, VALUES)
MEMBERS = table_of(["name", "roles"], data_of(WORDS)) | near({"name": "Ann", "roles": ["streamer"]}, ["roles"], VALUES)
TEAMS = table_of(["people", "person"], st.lists(MEMBERS, max_size=4))
ASSUMPTIONS = table_of(sorted(BOOK.assumptions), SCALARS | data_of(WORDS, 4))
CONDITIONS = data_of(CONDITION_KEYS + sorted(FACT_NAMES), 8)
ENTRIES = table_of(ENTRY_KEYS, data_of([*ENTRY_KEYS, *WORDS], 10) | st.sampled_from(WORDS)) | near(
    RULE, ENTRY_KEYS, VALUES | CONDITIONS
)
OVERLAYS = st.fixed_dictionaries({"rule": st.lists(ENTRIES, min_size=1, max_size=3)}) | table_of(
    RULE_TABLES, st.lists(ENTRIES, max_size=3) | data_of(WORDS, 6)
)
SCENARIO_ENTRIES = table_of(SCENARIO_KEYS, data_of([*SCENARIO_KEYS, *PROFILE_KEYS, *WORDS], 10)) | near(
    SCENARIO, SCENARIO_KEYS, VALUES | PROFILES
)
SCENARIOS = st.fixed_dictionaries({"scenario": st.lists(SCENARIO_ENTRIES, min_size=1, max_size=3)}) | table_of(
    ["scenario", "x"], st.lists(SCENARIO_ENTRIES, max_size=3)
)


def toml_of(data: dict[str, Any]) -> str:
    """``data`` as TOML: a key = value line each, in inline form (None, which TOML lacks, written as a string)."""
    return "".join(f"{_toml_string(key)} = {_toml_value(value)}\n" for key, value in data.items())


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{_toml_string(key)} = {_toml_value(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    return _toml_string("" if value is None else value)


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")  # TOML wants DEL escaped too


def written(data: dict[str, Any], fmt: str) -> bytes:
    if fmt == "toml":
        return toml_of(data).encode()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False).encode()
    return yaml.safe_dump(data, allow_unicode=True).encode()


FORMATS = st.sampled_from(["toml", "json", "yaml"])
BYTES = st.binary(max_size=300) | st.text(max_size=200).map(str.encode)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def only(error: type[TiktokTeamError], read: Callable[[], object]) -> None:
    """``read()`` succeeds or raises ``error``, in one line of text; any other exception fails the test."""
    try:
        read()
    except error as exc:
        said = str(exc)
    else:
        return
    assert said.strip()
    assert "\n" not in said


# -- the fuzz tests: (a) bytes, (b) data, for each reader ------------------------------------------------------------


@FUZZ
@given(content=BYTES, fmt=FORMATS)
def test_a_profile_file_of_any_bytes_is_a_profile_error_or_a_profile(folder: Path, content: bytes, fmt: str) -> None:
    path = folder / f"profile.{fmt}"
    path.write_bytes(content)
    only(ProfileError, lambda: load_profile(str(path)))


@FUZZ
@given(data=PROFILES, fmt=FORMATS)
def test_a_profile_file_of_any_data_is_a_profile_error_or_a_profile(folder: Path, data: Any, fmt: str) -> None:
    path = folder / f"profile.{fmt}"
    path.write_bytes(written(data, fmt))
    only(ProfileError, lambda: load_profile(str(path)))


@FUZZ
@given(content=BYTES | PROFILES.map(lambda d: written(d, "toml")) | PROFILES.map(lambda d: written(d, "json")))
def test_standard_input_of_anything_is_a_profile_error_or_a_profile(content: bytes) -> None:
    with mock.patch.object(sys, "stdin", io.TextIOWrapper(io.BytesIO(content), encoding="utf-8")):
        only(ProfileError, lambda: BusinessProfile.parse(*read_document("-", None)))


@FUZZ
@given(content=BYTES | TEAMS.map(lambda d: written(d, "toml")), data=TEAMS, fmt=FORMATS)
def test_a_team_file_of_anything_is_a_team_error_or_a_team(folder: Path, content: bytes, data: Any, fmt: str) -> None:
    for path, text in ((folder / f"team.{fmt}", content), (folder / f"team-data.{fmt}", written(data, fmt))):
        path.write_bytes(text)
        only(TeamError, lambda path=path: load_team(str(path)))


@FUZZ
@given(content=BYTES, data=ASSUMPTIONS, fmt=FORMATS)
def test_an_assumptions_file_of_anything_is_a_profile_error_or_a_profile(
    folder: Path, content: bytes, data: Any, fmt: str
) -> None:
    for path, text in ((folder / f"a.{fmt}", content), (folder / f"a-data.{fmt}", written(data, fmt))):
        path.write_bytes(text)
        only(ProfileError, lambda path=path: load_profile(str(PROFILE), assumptions=str(path)))


@settings(FUZZ, max_examples=100)
@given(content=BYTES, data=OVERLAYS)
def test_a_rule_overlay_of_anything_is_a_rulebook_error_or_a_rulebook(folder: Path, content: bytes, data: Any) -> None:
    for path, text in ((folder / "overlay.toml", content), (folder / "overlay-data.toml", written(data, "toml"))):
        path.write_bytes(text)
        only(RulebookError, lambda path=path: load_rulebook(path))


@FUZZ
@given(content=BYTES, data=SCENARIOS)
def test_a_scenario_file_of_anything_is_a_scenario_error_or_scenarios(folder: Path, content: bytes, data: Any) -> None:
    for path, text in ((folder / "s.toml", content), (folder / "s-data.toml", written(data, "toml"))):
        path.write_bytes(text)
        only(ScenarioError, lambda path=path: load_scenarios(path, BOOK))


@FUZZ
@given(lines=st.lists(BYTES.map(lambda b: b.replace(b"\n", b" ")) | PROFILES.map(lambda d: written(d, "json"))))
def test_a_json_line_of_anything_is_an_error_line_or_a_plan(lines: list[bytes]) -> None:
    stream = io.BytesIO(b"\n".join(lines))
    for number, line in enumerate(plan_jsonl(stream, BOOK), 1):
        assert line.number == number
        if line.error is not None:
            assert json.loads(line.text) == {"line": number, "error": line.error}


# -- the bounds, one by one ----------------------------------------------------------------------------------------

DEEP = {
    "json": b"[" * 200_000 + b"]" * 200_000,
    "toml": b"a = " + b"[" * 200_000 + b"]" * 200_000,
    "yaml": b"a: " + b"[" * 200_000 + b"]" * 200_000,
}


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_deep_nesting_is_refused_in_every_format(fmt: str) -> None:
    with pytest.raises(ProfileError, match=r"nested too deeply|nested more than 64 levels"):
        parse_document(DEEP[fmt], fmt, f"p.{fmt}")
    just_too_deep = {"json": "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)}["json"]
    with pytest.raises(ProfileError, match=r"^p.json: (\[0\]){8}\.\.\.: nested more than 64 levels deep$"):
        parse_document(just_too_deep, "json", "p.json")
    assert parse_document("[" * MAX_DEPTH + "]" * MAX_DEPTH, "json", "p.json")


def test_a_yaml_alias_bomb_is_refused_quickly() -> None:
    bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    with pytest.raises(ProfileError, match=f"more than {MAX_VALUES} values"):
        parse_document("\n".join(bomb), "yaml", "bomb.yaml")
    with pytest.raises(ProfileError, match="nested more than 64 levels"):  # an alias inside itself
        parse_document("a: &a [*a]", "yaml", "loop.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "stage: !!python/name:os.system",
        "stage: !!python/object:tiktok_team._profile.BusinessProfile {}",
    ],
)
def test_yaml_tags_that_build_python_objects_are_refused(text: str) -> None:
    with pytest.raises(ProfileError, match=r"not valid YAML: .*could not determine a constructor"):
        parse_document(text, "yaml", "p.yaml")


@pytest.mark.parametrize(
    ("text", "fmt", "said"),
    [
        ('{"stage": "growth", "assumptions": {"x": NaN}}', "json", "assumptions.x: nan is not a finite number"),
        ('{"live_hours_per_day": 1e999}', "json", "live_hours_per_day: inf is not a finite number"),
        ("live_hours_per_day = -inf", "toml", "live_hours_per_day: -inf is not a finite number"),
        ("live_hours_per_day: .nan", "yaml", "live_hours_per_day: nan is not a finite number"),
        ("1: growth", "yaml", "the key 1 is not text"),
        ("assumptions:\n  yes: 2", "yaml", "assumptions: the key True is not text"),
        ("headcount_budget = " + "9" * 5000, "toml", "not valid TOML: .*digits"),
        ('{"headcount_budget": ' + "9" * 5000 + "}", "json", "not valid JSON: .*digits"),
        ("headcount_budget: " + "9" * 5000, "yaml", "not valid YAML: .*digits"),
        ("? [a, b]\n: c", "yaml", "not valid YAML: .*unhashable"),
        ("stage: \0", "yaml", "not valid YAML: character 8: special characters are not allowed"),
    ],
)
def test_numbers_and_keys_no_profile_can_hold_are_refused(text: str, fmt: str, said: str) -> None:
    with pytest.raises(ProfileError, match=f"^p.{fmt}: {said}"):
        parse_document(text, fmt, f"p.{fmt}")


def test_a_count_too_large_for_arithmetic_is_a_field_error() -> None:
    with pytest.raises(ProfileError, match=r"^videos_per_week: the number is too large \(got 1000+\.\.\.\)$"):
        BusinessProfile.parse({"stage": "growth", "sourcing": "own_stock", "videos_per_week": 10**4000})


def test_parse_document_stays_importable_from_profile() -> None:
    assert parse_document_of_profile is parse_document


@pytest.mark.parametrize(
    ("error", "kind"),
    [(ProfileError, "profile"), (TeamError, "team"), (RulebookError, "rule"), (ScenarioError, "scenario")],
)
def test_each_kind_of_file_is_refused_with_its_own_error(
    tmp_path: Path, error: type[TiktokTeamError], kind: str
) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (LIMIT + 1))
    with pytest.raises(error, match=f"big.toml: larger than 1 MiB, the most a {kind} file may be"):
        read_text(big, str(big), kind=kind, error=error)
    with pytest.raises(error, match=f"is a directory, not a {kind} file"):
        read_text(tmp_path, str(tmp_path), kind=kind, error=error)
    with pytest.raises(error, match=f"no such {kind} file"):
        read_text(tmp_path / "none.toml", "none.toml", kind=kind, error=error)
    (tmp_path / "bad.toml").write_bytes(b'a = "\xc3("')
    with pytest.raises(error, match=r"not UTF-8 text: byte 6 is b'\\xc3'"):
        read_text(tmp_path / "bad.toml", "bad.toml", kind=kind, error=error)


def test_an_endless_stream_is_read_only_to_the_limit() -> None:
    with open("/dev/zero", "rb") as zero, pytest.raises(ProfileError, match="larger than 1 MiB"):
        read_text(zero, "/dev/zero")
    with pytest.raises(ProfileError, match="/dev/zero: larger than 1 MiB"):
        load_profile("/dev/zero", "toml")
