"""recommend_many / recommend_each / plan_jsonl: many profiles, in order, in this process or on worker processes."""

from __future__ import annotations

import itertools
import json
import pickle
from pathlib import Path

import pytest

from helpers import BRAND_PR_OVERLAY
from tiktok_team import BatchResult, BusinessProfile, fact_space, load_rulebook, recommend, recommend_many
from tiktok_team._batch import plan_jsonl, progress_text, recommend_each

SAMPLE = list(fact_space(load_rulebook()))[::37]  # stages, sourcings, formats, flags and budgets all vary
OVERLAY = BRAND_PR_OVERLAY
BAD = {
    2: {"stage": "seed", "sourcing": "own_stock"},
    5: ["not", "a", "table"],
    6: {"stage": "growth", "sourcing": "own_stock", "assumptions": {"live_hours_per_streamr": 4}},
}


def mixed() -> list[object]:
    """The sample with a few bad profiles put in at known places (the last raises from plan assembly)."""
    items: list[object] = list(SAMPLE[:10])
    for index, bad in BAD.items():
        items.insert(index, bad)
    return items


@pytest.mark.parametrize("workers", [1, 2])
def test_results_are_in_input_order_and_equal_serial_recommend(workers: int) -> None:
    results = recommend_many(SAMPLE, workers=workers)
    assert [result.index for result in results] == list(range(len(SAMPLE)))
    assert all(result.ok and result.error is None for result in results)
    assert [result.plan for result in results] == [recommend(profile).to_dict() for profile in SAMPLE]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_profile_is_an_error_for_its_item_only(workers: int) -> None:
    items = mixed()
    results = recommend_many(items, workers=workers)
    assert len(results) == len(items)
    assert [r.index for r in results if not r.ok] == sorted(BAD)
    assert "stage: 'seed' is not one of" in str(results[2].error)
    assert "a profile must be a table of fields, not list" in str(results[5].error)
    assert "unknown assumption 'live_hours_per_streamr'" in str(results[6].error)
    assert all(r.plan is None for r in results if not r.ok)
    good = [item for index, item in enumerate(items) if index not in BAD]
    assert [r.plan for r in results if r.ok] == [recommend(p).to_dict() for p in good]  # type: ignore[arg-type]


def test_workers_use_the_rulebook_they_are_given(tmp_path: Path) -> None:
    path = tmp_path / "overlay.toml"
    path.write_text(OVERLAY, encoding="utf-8")
    book = load_rulebook(path)
    brand = BusinessProfile(stage="growth", sourcing="own_stock", own_brand=True, influencers=True)
    profiles = [brand, *SAMPLE[:6]]
    results = recommend_many(profiles, book, workers=2)
    assert [r.plan for r in results] == [recommend(p, book).to_dict() for p in profiles]
    assert "pr" in {role["id"] for role in results[0].plan["roles"]}  # type: ignore[index]
    assert "pr" not in {role.id for role in recommend(brand).roles}


def test_profiles_with_assumptions_cross_to_worker_processes() -> None:
    # A profile's assumptions are a read-only mapping proxy, which cannot be pickled as it is.
    profile = BusinessProfile(
        stage="growth", sourcing="own_stock", live_hours_per_day=12, assumptions={"streamer_hours_per_day": 4}
    )
    (result,) = recommend_many([profile], workers=2)
    assert result.plan == recommend(profile).to_dict()


def test_a_rulebook_pickles_without_its_engines() -> None:
    book = load_rulebook()
    recommend(SAMPLE[0], book)
    assert book.cache  # it has built an engine
    copy = pickle.loads(pickle.dumps(book))
    assert copy.cache == {}
    assert recommend(SAMPLE[0], copy).to_dict() == recommend(SAMPLE[0], book).to_dict()


@pytest.mark.parametrize("workers", [1, 2])
def test_results_stream_from_an_endless_input(workers: int) -> None:
    # Profiles are read only a few chunks ahead of the results, so an endless input still gives its first results.
    endless = itertools.cycle([{"stage": "startup", "sourcing": "own_stock"}, {"stage": "nope"}])
    first = list(itertools.islice(recommend_each(endless, workers=workers), 6))
    assert [(r.index, r.ok) for r in first] == [(i, i % 2 == 0) for i in range(6)]


def test_workers_must_be_at_least_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        recommend_many(SAMPLE, workers=0)


def test_an_empty_input_gives_no_results() -> None:
    assert recommend_many([], workers=2) == []


def test_batch_result_says_whether_it_is_ok() -> None:
    assert BatchResult(0, plan={}).ok
    assert not BatchResult(3, error="stage: bad").ok


@pytest.mark.parametrize("workers", [1, 2])
def test_json_lines_give_one_output_line_per_input_line(workers: int) -> None:
    good = {"stage": "growth", "sourcing": "dropship", "paid_ads": True}
    lines = [
        json.dumps(good).encode(),
        b'{"stage": "growth"',
        b"",
        b"   \r\n",
        b"[1, 2]",
        b'{"stage": "growth", "sourcing": "\xff"}',
        (json.dumps(good) + "\n").encode(),
        json.dumps({**good, "stge": "mature"}),
    ]
    out = list(plan_jsonl(lines, workers=workers))
    assert [line.number for line in out] == list(range(1, len(lines) + 1))
    plan = recommend(good).to_dict()
    for number in (1, 7):
        assert out[number - 1].error is None
        assert "\n" not in out[number - 1].text
        assert json.loads(out[number - 1].text) == plan
    errors = {line.number: line.error for line in out if line.error is not None}
    assert sorted(errors) == [2, 3, 4, 5, 6, 8]
    assert "not valid JSON" in errors[2]
    assert "an empty line" in errors[3]
    assert "an empty line" in errors[4]
    assert "a profile must be a table of fields, not list" in errors[5]
    assert "not UTF-8 text" in errors[6]
    assert "unknown field 'stge' (did you mean 'stage'?)" in errors[8]
    for line in out:
        if line.error is not None:
            assert json.loads(line.text) == {"line": line.number, "error": line.error}


def test_progress_text_never_passes_the_total() -> None:
    assert progress_text(0, 10, 0.0, width=10) == "[..........]  0/10 lines   0%"
    assert progress_text(10, 10, 1.0, width=10).startswith("[##########] 10/10 lines 100%")
