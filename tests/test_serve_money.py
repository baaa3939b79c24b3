"""Money over HTTP (issue 18): a profile's ``pay`` and ``monthly_budget`` in every request, ``format=csv`` for a plan,
a roadmap, a comparison and a gap, a roadmap's ``workloads``, and bad pay or levels answered with a 422 naming the
field. Each answer is what the library (and so the command line) gives for the same input."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import tomllib
from fastapi import FastAPI

from helpers import EXAMPLES
from tiktok_team import gap, recommend, roadmap
from tiktok_team.render import (
    render_gap_csv,
    render_json,
    render_plan_csv,
    render_roadmap_csv,
)
from tiktok_team.render._compare import compare_command
from tiktok_team.serve.app import create_app

PAY = tomllib.loads((EXAMPLES / "pay.toml").read_text("utf-8"))
PROFILE = {"stage": "growth", "sourcing": "own_stock", "paid_ads": True, "pay": PAY, "monthly_budget": 110000}
TEAM = {"person": [{"name": n, "roles": ["streamer"]} for n in ("A", "B", "C")] + [{"name": "A", "roles": ["pr"]}]}


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


@asynccontextmanager
async def _client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://planner.test") as client:
        yield client


def post(app: FastAPI, url: str, body: object) -> httpx.Response:
    async def call() -> httpx.Response:
        async with _client(app) as client:
            return await client.post(url, json=body)

    return asyncio.run(call())


def test_a_plan_with_pay_and_a_monthly_budget_is_the_library_plan(app: FastAPI) -> None:
    answer = post(app, "/v1/plan", {"profile": PROFILE})
    assert answer.status_code == 200
    assert answer.content == render_json(recommend(PROFILE)).encode()
    data = answer.json()
    assert data["cost"]["currency"] == "CNY"
    assert data["staffing"]["monthly_budget"] == 110000
    assert data["staffing"]["within_budget_cost"] <= 110000


@pytest.mark.parametrize(
    ("url", "body", "expected"),
    [
        ("/v1/plan?format=csv", {"profile": PROFILE}, lambda: render_plan_csv(recommend(PROFILE))),
        ("/v1/roadmap?format=csv", {"profile": PROFILE}, lambda: render_roadmap_csv(roadmap(PROFILE))),
        ("/v1/gap?format=csv", {"profile": PROFILE, "team": TEAM}, lambda: render_gap_csv(gap(PROFILE, TEAM))),
        (
            "/v1/compare?format=csv",
            {"before": {**PROFILE, "stage": "startup"}, "after": PROFILE},
            lambda: compare_command(recommend({**PROFILE, "stage": "startup"}), recommend(PROFILE), "csv"),
        ),
    ],
)
def test_csv_answers_are_the_command_line_csv(app: FastAPI, url: str, body: object, expected: Any) -> None:
    answer = post(app, url, body)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.text == expected()
    assert answer.content.startswith(b"\xef\xbb\xbf")


def test_a_roadmap_over_workloads(app: FastAPI) -> None:
    levels = [{"orders_per_day": 100}, {"orders_per_day": 300}, {"orders_per_day": 800}]
    answer = post(app, "/v1/roadmap", {"profile": PROFILE, "workloads": levels})
    assert answer.status_code == 200
    assert answer.content == render_json(roadmap(PROFILE, workloads=levels)).encode()
    assert answer.json()["by"] == "workload"
    assert post(app, "/v1/roadmap", {"profile": PROFILE, "workloads": None}).json()["by"] == "stage"


@pytest.mark.parametrize(
    ("body", "path", "words"),
    [
        ({"profile": {**PROFILE, "pay": {**PAY, "on_cost": 9}}}, "profile.pay.on_cost", "from 1"),
        ({"profile": {**PROFILE, "pay": {**PAY, "roles": {"streamer": -1}}}}, "profile.pay.roles.streamer", "more"),
        ({"profile": {**PROFILE, "pay": {**PAY, "roles": {"streamr": 1}}}}, "profile.pay.roles.streamr", "streamer"),
        ({"profile": {**PROFILE, "pay": {"roles": {}}}}, "profile.pay.currency", "required"),
        ({"profile": {**PROFILE, "monthly_budget": 0}}, "profile.monthly_budget", "greater than 0"),
        (
            {"profile": {"stage": "growth", "sourcing": "own_stock", "monthly_budget": 9}},
            "profile.monthly_budget",
            "pay",
        ),
    ],
)
def test_bad_pay_is_a_422_naming_the_field(app: FastAPI, body: object, path: str, words: str) -> None:
    answer = post(app, "/v1/plan", body)
    assert answer.status_code == 422
    [found] = answer.json()["errors"]
    assert found["path"] == path
    assert words in found["message"]


@pytest.mark.parametrize(
    ("workloads", "path", "words"),
    [
        ([{"orders_per_da": 1}, {"orders_per_day": 2}], "workloads[0]", "did you mean 'orders_per_day'"),
        ([{"orders_per_day": 1}], "workloads", "at least two levels"),
        ([{"orders_per_day": 1}, {"orders_per_day": -2}], "workloads[1]", "greater than or equal to 0"),
        (5, "workloads", "must be an array"),
    ],
)
def test_bad_workload_levels_are_a_422(app: FastAPI, workloads: object, path: str, words: str) -> None:
    answer = post(app, "/v1/roadmap", {"profile": PROFILE, "workloads": workloads})
    assert answer.status_code == 422
    [found] = answer.json()["errors"]
    assert found["path"] == path
    assert words in found["message"]
