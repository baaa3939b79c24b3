"""The service as HTTP for web apps, through the ASGI application: CORS, ETag and 304, gzip, readable operation ids and
string schemas in the OpenAPI document, ``POST /v1/plan-many``, ``GET /v1/assumptions``, and non-finite numbers
named at their path."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from helpers import BRAND_PR_OVERLAY, GROWTH_BRAND, WORKLOADS, run
from test_serve_api import SPACE, ask, problem
from tiktok_team import load_rulebook, recommend, whatif
from tiktok_team._batch import plan_jsonl
from tiktok_team._documents import parse_document
from tiktok_team.render import render_json
from tiktok_team.serve import api as api_module
from tiktok_team.serve.app import create_app
from tiktok_team.serve.cors import MAX_AGE, parse_origin
from tiktok_team.serve.models import AssumptionRow, ItemError, PlanData
from tiktok_team.serve.negotiation import CACHE_CONTROL, GZIP_MIN
from tiktok_team.serve.requests import MAX_PROFILES
from tiktok_team.serve.routes import MEDIA_TYPES, json_bytes

GROWTH = {"stage": "growth", "sourcing": "own_stock"}
PLANNER = "https://planner.example.com"
LOCAL = "http://localhost:5173"
STRANGER = "https://elsewhere.example.org"


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


@pytest.fixture(scope="module")
def cors_app() -> FastAPI:
    return create_app(cors_origins=[PLANNER, LOCAL])


def ask_raw(app: FastAPI, method: str, url: str, **options: Any) -> tuple[httpx.Response, bytes]:
    """One request to ``app``; the response and its body as sent, not decoded (gzipped if it was)."""

    async def call() -> tuple[httpx.Response, bytes]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://planner.test") as client:
            request = client.build_request(method, url, **options)
            response = await client.send(request, stream=True)
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
            await response.aclose()
            return response, raw

    return asyncio.run(call())


def access_control(response: httpx.Response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name.startswith("access-control-")}


def vary(response: httpx.Response) -> list[str]:
    return [part.strip() for part in response.headers.get("vary", "").split(",") if part.strip()]


# --- CORS ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("origin", [PLANNER, LOCAL])
def test_a_preflight_from_an_allowed_origin_is_answered(cors_app: FastAPI, origin: str) -> None:
    asked = {
        "origin": origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, if-none-match",
    }
    answered = ask(cors_app, "OPTIONS", "/v1/plan", headers=asked)
    assert answered.status_code == 204
    assert answered.content == b""
    assert access_control(answered) == {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "content-type, if-none-match",
        "access-control-max-age": str(MAX_AGE),
    }
    assert "Origin" in vary(answered)  # another origin's preflight gets another answer


def test_a_preflight_from_another_origin_gets_what_it_would_without_cors(cors_app: FastAPI, app: FastAPI) -> None:
    asked = {"origin": STRANGER, "access-control-request-method": "POST"}
    refused = ask(cors_app, "OPTIONS", "/v1/plan", headers=asked)
    plain = ask(app, "OPTIONS", "/v1/plan", headers=asked)
    assert access_control(refused) == {} == access_control(plain)
    assert (refused.status_code, refused.content) == (plain.status_code, plain.content)
    assert "OPTIONS /v1/plan is not allowed" in problem(refused, 405)["error"]


def test_cors_is_off_by_default(app: FastAPI) -> None:
    asked = {"origin": PLANNER, "access-control-request-method": "POST"}
    assert access_control(preflight := ask(app, "OPTIONS", "/v1/plan", headers=asked)) == {}
    assert preflight.status_code == 405
    answered = ask(app, "POST", "/v1/plan", json={"profile": GROWTH}, headers={"origin": PLANNER})
    assert access_control(answered) == {}
    assert "Origin" not in vary(answered)


def test_answers_to_an_allowed_origin_may_be_read_by_its_page(cors_app: FastAPI) -> None:
    answered = ask(cors_app, "POST", "/v1/plan", json={"profile": GROWTH}, headers={"origin": PLANNER})
    assert answered.text == render_json(recommend(GROWTH))
    assert access_control(answered) == {
        "access-control-allow-origin": PLANNER,
        "access-control-expose-headers": "ETag",
    }
    assert set(vary(answered)) == {"Accept-Encoding", "Origin"}  # both, in one header
    refused = problem(ask(cors_app, "POST", "/v1/plan", json={"profile": {}}, headers={"origin": LOCAL}), 422)
    assert refused["errors"][0]["path"] == "profile.stage"
    error = ask(cors_app, "POST", "/v1/plan", json={"profile": {}}, headers={"origin": LOCAL})
    assert access_control(error)["access-control-allow-origin"] == LOCAL  # the page can show the message too


def test_answers_to_another_origin_say_nothing_of_cors(cors_app: FastAPI) -> None:
    for headers in ({"origin": STRANGER}, {}):
        answered = ask(cors_app, "POST", "/v1/plan", json={"profile": GROWTH}, headers=headers)
        assert answered.status_code == 200
        assert access_control(answered) == {}
        assert "Origin" in vary(answered)  # a cache must not give this answer to an allowed origin


def test_any_origin() -> None:
    anyone = create_app(cors_origins=["*"])
    asked = {"origin": STRANGER, "access-control-request-method": "GET"}
    preflight = ask(anyone, "OPTIONS", "/v1/rules", headers=asked)
    assert preflight.status_code == 204
    assert access_control(preflight)["access-control-allow-origin"] == "*"
    answered = ask(anyone, "GET", "/v1/rules", headers={"origin": STRANGER})
    assert access_control(answered)["access-control-allow-origin"] == "*"
    assert "Origin" not in vary(answered)  # the same answer for every origin


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("https://Planner.Example.com", "https://planner.example.com"),
        ("https://planner.example.com:443", "https://planner.example.com"),
        ("http://planner.example.com:80", "http://planner.example.com"),
        ("https://planner.example.com:8443", "https://planner.example.com:8443"),
        ("http://127.0.0.1:5173", "http://127.0.0.1:5173"),
        ("http://[::1]:5173", "http://[::1]:5173"),
        ("*", "*"),
    ],
)
def test_an_origin_is_written_as_browsers_send_it(given: str, origin: str) -> None:
    assert parse_origin(given) == origin


@pytest.mark.parametrize(
    "bad",
    [
        "planner.example.com",
        "https://planner.example.com/",
        "https://planner.example.com/app",
        "https://planner.example.com?x=1",
        "https://user@planner.example.com",
        "ftp://planner.example.com",
        "https://",
        "https://planner.example.com:99999",
        "https://planner.example.com:0",
        "https://planner .example.com",
        "null",
        "",
    ],
)
def test_anything_but_an_origin_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=rf"must be an origin such as .*, not {re.escape(repr(bad))}$"):
        parse_origin(bad)
    with pytest.raises(ValueError, match="must be an origin"):
        create_app(cors_origins=[PLANNER, bad])


# --- ETag, Cache-Control and 304 -------------------------------------------------------------------------------


def test_an_etag_round_trip(app: FastAPI) -> None:
    first = ask(app, "POST", "/v1/plan", json={"profile": GROWTH_BRAND})
    tag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{40}(-gzip)?"', tag)
    assert first.headers["cache-control"] == CACHE_CONTROL
    for asked in (tag, f"W/{tag}", f'"something-else", {tag}', "*"):
        again = ask(app, "POST", "/v1/plan", json={"profile": GROWTH_BRAND}, headers={"if-none-match": asked})
        assert again.status_code == 304
        assert again.content == b""
        assert (again.headers["etag"], again.headers["cache-control"]) == (tag, CACHE_CONTROL)
        assert "content-type" not in again.headers


def test_an_etag_that_does_not_match_gets_the_whole_answer(app: FastAPI) -> None:
    tag = ask(app, "POST", "/v1/plan", json={"profile": GROWTH_BRAND}).headers["etag"]
    other = ask(app, "POST", "/v1/plan", json={"profile": GROWTH}, headers={"if-none-match": tag})
    assert other.status_code == 200
    assert other.text == render_json(recommend(GROWTH))
    assert other.headers["etag"] != tag
    stale = ask(app, "POST", "/v1/plan", json={"profile": GROWTH}, headers={"if-none-match": tag[:-2] + '0"'})
    assert stale.status_code == 200


def test_the_etag_is_the_same_exactly_when_the_bytes_are(app: FastAPI) -> None:
    # over a sample of the fact space, in two formats each: one tag for each distinct answer, and none shared
    tags: dict[str, bytes] = {}
    answers: dict[bytes, str] = {}
    for profile in SPACE[::61]:
        body = {"profile": profile.model_dump(mode="json")}
        for fmt in ("json", "markdown"):
            response, raw = ask_raw(app, "POST", f"/v1/plan?format={fmt}", json=body, headers={"accept-encoding": ""})
            tag = response.headers["etag"]
            assert tags.setdefault(tag, raw) == raw
            assert answers.setdefault(raw, tag) == tag
    assert len(tags) == len(answers) > 30
    again = create_app()  # another process's worker: the same tags
    body = {"profile": SPACE[0].model_dump(mode="json")}
    assert (
        ask(again, "POST", "/v1/plan", json=body).headers["etag"]
        == ask(app, "POST", "/v1/plan", json=body).headers["etag"]
    )


def test_what_changes_the_bytes_changes_the_etag(app: FastAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    overlay = tmp_path / "brand.toml"
    overlay.write_text(BRAND_PR_OVERLAY, encoding="utf-8")
    other = create_app(load_rulebook(overlay))
    body = {"profile": GROWTH_BRAND}
    mine, theirs = ask(app, "POST", "/v1/plan", json=body), ask(other, "POST", "/v1/plan", json=body)
    assert mine.content != theirs.content
    assert mine.headers["etag"] != theirs.headers["etag"]
    assert ask(app, "GET", "/v1/rules").headers["etag"] != ask(other, "GET", "/v1/rules").headers["etag"]
    # the profile's schema is the same with either rulebook: so is its tag
    assert (
        ask(app, "GET", "/v1/schema/profile").headers["etag"] == ask(other, "GET", "/v1/schema/profile").headers["etag"]
    )
    # another version of the package writing one byte more: another tag, and an old tag no longer matches
    before = mine.headers["etag"]
    monkeypatch.setattr(api_module, "json_bytes", lambda result: json_bytes(result) + b" ")
    changed = ask(app, "POST", "/v1/plan", json=body, headers={"if-none-match": before})
    assert changed.status_code == 200
    assert changed.headers["etag"] != before


def test_every_answer_only_its_request_decides_has_an_etag_and_no_other(app: FastAPI) -> None:
    # as the OpenAPI document says: an endpoint with a 304 answers with a tag, and only those do
    bodies: dict[str, Any] = {
        "/v1/plan": {"profile": GROWTH},
        "/v1/explain": {"profile": GROWTH, "role": "pr"},
        "/v1/roadmap": {"profile": GROWTH},
        "/v1/gap": {"profile": GROWTH, "team": {"person": [{"name": "Ann", "roles": ["owner"]}]}},
        "/v1/compare": {"before": GROWTH, "after": GROWTH_BRAND},
        "/v1/whatif": {"profile": GROWTH},
        "/v1/plan-many": {"profiles": [GROWTH]},
    }
    paths = {"/v1/rules/{rule_id}": "/v1/rules/growth-service-splits", "/v1/schema/{kind}": "/v1/schema/plan"}
    document = app.openapi()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            url = paths.get(path, path)
            answered = ask(app, method.upper(), url, json=bodies.get(path))
            assert answered.status_code == 200, url
            if "304" in operation["responses"]:
                assert answered.headers["cache-control"] == CACHE_CONTROL
                again = ask(
                    app, method.upper(), url, json=bodies.get(path), headers={"if-none-match": answered.headers["etag"]}
                )
                assert again.status_code == 304, url
            else:
                assert path == "/healthz"
                assert "etag" not in answered.headers
                assert answered.headers["cache-control"] == "no-store"


def test_errors_have_no_etag(app: FastAPI) -> None:
    for url, body in (("/v1/plan", {"profile": {}}), ("/v1/rules/no-such-rule", None)):
        answered = ask(app, "POST" if body is not None else "GET", url, json=body, headers={"if-none-match": "*"})
        assert answered.status_code in (404, 422)
        assert "etag" not in answered.headers


# --- gzip ----------------------------------------------------------------------------------------------------


def test_a_large_answer_is_gzipped_when_the_client_takes_it(app: FastAPI) -> None:
    plain = render_json(whatif(GROWTH_BRAND)).encode()
    assert len(plain) > 90_000
    response, raw = ask_raw(
        app, "POST", "/v1/whatif", json={"profile": GROWTH_BRAND}, headers={"accept-encoding": "gzip, br"}
    )
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) == len(raw) < len(plain) // 5
    assert gzip.decompress(raw) == plain
    assert response.headers["etag"].endswith('-gzip"')
    assert vary(response) == ["Accept-Encoding"]
    again, raw_again = ask_raw(
        app, "POST", "/v1/whatif", json={"profile": GROWTH_BRAND}, headers={"accept-encoding": "gzip"}
    )
    assert raw_again == raw  # the same answer, the same bytes
    assert again.headers["etag"] == response.headers["etag"]


@pytest.mark.parametrize("accepted", ["", "identity", "br", "gzip;q=0", "*;q=0"])
def test_a_large_answer_is_plain_when_the_client_does_not_take_gzip(app: FastAPI, accepted: str) -> None:
    response, raw = ask_raw(
        app, "POST", "/v1/whatif", json={"profile": GROWTH_BRAND}, headers={"accept-encoding": accepted}
    )
    assert "content-encoding" not in response.headers
    assert raw == render_json(whatif(GROWTH_BRAND)).encode()
    assert vary(response) == ["Accept-Encoding"]
    assert not response.headers["etag"].endswith('-gzip"')


def test_the_two_encodings_have_tags_of_their_own(app: FastAPI) -> None:
    body = {"profile": GROWTH_BRAND}
    zipped = ask_raw(app, "POST", "/v1/plan", json=body, headers={"accept-encoding": "gzip"})[0].headers["etag"]
    plain = ask_raw(app, "POST", "/v1/plan", json=body, headers={"accept-encoding": ""})[0].headers["etag"]
    assert zipped == plain[:-1] + '-gzip"'
    # a client holding the plain bytes that now takes gzip is sent the gzipped ones, not told 304
    response, raw = ask_raw(
        app, "POST", "/v1/plan", json=body, headers={"accept-encoding": "gzip", "if-none-match": plain}
    )
    assert response.status_code == 200
    assert gzip.decompress(raw) == render_json(recommend(GROWTH_BRAND)).encode()


def test_a_small_answer_is_never_gzipped(app: FastAPI) -> None:
    response, raw = ask_raw(
        app, "POST", "/v1/explain", json={"profile": GROWTH, "role": "pr"}, headers={"accept-encoding": "gzip"}
    )
    assert len(raw) < GZIP_MIN
    assert "content-encoding" not in response.headers
    assert "vary" not in response.headers
    assert json.loads(raw)["role"] == "pr"


def test_gzipped_plans_over_a_sample_of_the_fact_space(app: FastAPI) -> None:
    for profile in SPACE[::97]:
        response, raw = ask_raw(
            app,
            "POST",
            "/v1/plan",
            json={"profile": profile.model_dump(mode="json")},
            headers={"accept-encoding": "gzip"},
        )
        assert response.headers["content-encoding"] == "gzip"
        assert gzip.decompress(raw) == render_json(recommend(profile)).encode()


# --- the OpenAPI document: operation ids and string schemas ------------------------------------------------------

OPERATIONS = {
    ("post", "/v1/plan"): "plan",
    ("post", "/v1/explain"): "explain",
    ("post", "/v1/roadmap"): "roadmap",
    ("post", "/v1/gap"): "gap",
    ("post", "/v1/compare"): "compare",
    ("post", "/v1/whatif"): "whatif",
    ("post", "/v1/plan-many"): "plan_many",
    ("get", "/v1/catalog"): "catalog",
    ("get", "/v1/rules"): "rules",
    ("get", "/v1/rules/{rule_id}"): "rule",
    ("get", "/v1/assumptions"): "assumptions",
    ("get", "/v1/schema/{kind}"): "schema",
    ("get", "/healthz"): "health",
}


def test_every_operation_has_a_readable_id_of_its_own(app: FastAPI) -> None:
    document = app.openapi()
    found = {(method, path): op["operationId"] for path, ops in document["paths"].items() for method, op in ops.items()}
    assert found == OPERATIONS  # stable: a generated client's method names
    ids = list(found.values())
    assert len(set(ids)) == len(ids)
    for (method, _path), name in found.items():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)?", name), name
        assert method not in name.split("_")
        assert "v1" not in name


def test_every_text_answer_is_a_string_in_its_media_type(app: FastAPI) -> None:
    document = app.openapi()
    for path, methods in document["paths"].items():
        for operation in methods.values():
            content = operation["responses"]["200"]["content"]
            formats = next(
                (p["schema"]["enum"] for p in operation.get("parameters", []) if p["name"] == "format"), ["json"]
            )
            assert set(content) == {MEDIA_TYPES[f].split(";")[0] for f in formats}, path
            for media, described in content.items():
                if media != "application/json":
                    assert described["schema"] == {"type": "string"}, (path, media)
                else:
                    assert described["schema"], path


# --- POST /v1/plan-many ----------------------------------------------------------------------------------------


def test_plan_many_plans_the_good_and_reports_the_bad_in_place(app: FastAPI) -> None:
    profiles: list[Any] = [
        GROWTH,
        {"stage": "seed"},
        [],
        WORKLOADS[0],
        {**GROWTH, "paid_add": True},
        {**GROWTH, "formats": ["live"]},
        GROWTH_BRAND,
    ]
    answered = ask(app, "POST", "/v1/plan-many", json={"profiles": profiles})
    assert answered.status_code == 200
    items = answered.json()
    assert len(items) == len(profiles)
    good = [0, 3, 6]
    for index in good:
        assert items[index] == recommend(profiles[index]).to_dict()
        PlanData.model_validate(items[index])
    bad = {index: ItemError.model_validate(item) for index, item in enumerate(items) if index not in good}
    assert {index: item.index for index, item in bad.items()} == {1: 1, 2: 2, 4: 4, 5: 5}
    assert {index: [p.path for p in item.errors] for index, item in bad.items()} == {
        1: ["profiles.1.stage", "profiles.1.sourcing"],
        2: ["profiles.2"],
        4: ["profiles.4.paid_add"],
        5: ["profiles.5.formats.0"],
    }
    for item in bad.values():
        assert item.error == "; ".join(f"{p.path}: {p.message}" for p in item.errors)
    assert "(did you mean 'paid_ads'?)" in bad[4].error
    # a line an item, each the line the command line writes for that profile (an error there says its line number)
    cli = list(plan_jsonl([json.dumps(profile) for profile in profiles]))
    lines = answered.text.splitlines()
    assert (lines[0], lines[-1], len(lines)) == ("[", "]", len(profiles) + 2)
    for index, line in enumerate(lines[1:-1]):
        if index in good:
            assert line.removesuffix(",") == cli[index].text
        else:
            said = cli[index].error
            assert said is not None
            assert all(p.message in said for p in bad[index].errors)


def test_plan_many_is_what_the_installed_command_writes(app: FastAPI) -> None:
    profiles = [profile.model_dump(mode="json") for profile in SPACE[::257]]
    written = run(
        "plan-many", "-", stdin="".join(json.dumps(profile) + "\n" for profile in profiles)
    ).stdout.splitlines()
    lines = ask(app, "POST", "/v1/plan-many", json={"profiles": profiles}).text.splitlines()[1:-1]
    assert [line.removesuffix(",") for line in lines] == written


def test_plan_many_takes_up_to_its_bound(app: FastAPI) -> None:
    profiles = [profile.model_dump(mode="json") for profile in SPACE[:: len(SPACE) // MAX_PROFILES][:MAX_PROFILES]]
    assert len(profiles) == MAX_PROFILES
    items = ask(app, "POST", "/v1/plan-many", json={"profiles": profiles}).json()
    assert items == [recommend(profile).to_dict() for profile in profiles]
    over = problem(ask(app, "POST", "/v1/plan-many", json={"profiles": [*profiles, GROWTH]}), 413)
    assert over["errors"] == [
        {
            "path": "profiles",
            "message": f"{MAX_PROFILES + 1} profiles, more than the limit of {MAX_PROFILES} a request: send them in "
            "several requests (or plan a sweep with tiktok-team plan-many)",
        }
    ]


@pytest.mark.parametrize(
    ("body", "path", "words"),
    [
        ({"profiles": GROWTH}, "profiles", "must be a list of profiles, not an object"),
        ({"profiles": None}, "profiles", "must be a list of profiles, not null"),
        ({"profile": [GROWTH]}, "profile", "unknown field 'profile' (did you mean 'profiles'?)"),
        ({}, "profiles", "required field is missing"),
    ],
)
def test_plan_many_needs_a_list_of_profiles(app: FastAPI, body: dict[str, Any], path: str, words: str) -> None:
    found = problem(ask(app, "POST", "/v1/plan-many", json=body), 422)
    assert path in [p["path"] for p in found["errors"]]
    assert words in found["error"]


def test_plan_many_in_threads_beside_plans_on_the_loop(app: FastAPI) -> None:
    # four batches planned in the thread pool while single plans are answered on the event loop, all at once: each
    # answer is its own profiles' plans
    sample = [profile.model_dump(mode="json") for profile in SPACE[5::53]]
    batches = [sample[n::4] for n in range(4)]

    async def call() -> tuple[list[httpx.Response], list[httpx.Response]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://planner.test") as client:
            many = [client.post("/v1/plan-many", json={"profiles": batch}) for batch in batches]
            one = [client.post("/v1/plan", json={"profile": profile}) for profile in sample]
            answered = await asyncio.gather(*many, *one)
            return list(answered[: len(many)]), list(answered[len(many) :])

    many, one = asyncio.run(call())
    for batch, answered in zip(batches, many, strict=True):
        assert answered.json() == [recommend(profile).to_dict() for profile in batch]
    assert [answered.text for answered in one] == [render_json(recommend(profile)) for profile in sample]


def test_plan_many_of_nothing_is_an_empty_list(app: FastAPI) -> None:
    answered = ask(app, "POST", "/v1/plan-many", json={"profiles": []})
    assert (answered.status_code, answered.text) == (200, "[]\n")


# --- GET /v1/assumptions ---------------------------------------------------------------------------------------


def test_assumptions_are_what_the_command_prints(app: FastAPI, tmp_path: Path) -> None:
    printed = run("assumptions", "--format", "json", binary=True).stdout
    answered = ask(app, "GET", "/v1/assumptions")
    assert answered.content == printed
    rows = [AssumptionRow.model_validate(row) for row in answered.json()]
    book = load_rulebook()
    assert {row.id for row in rows} == set(book.assumptions) | {"pay.currency", "pay.on_cost"} | {
        f"pay.roles.{role}" for role in book.roles
    }
    streamer = next(row for row in rows if row.id == "streamer_hours_per_day")
    assert "streamer (by live_hours)" in streamer.sizes


# --- numbers that are not finite -------------------------------------------------------------------------------

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("url", "content", "path", "message"),
    [
        ("/v1/plan", b'{"profile": {"stage": "growth", "headcount_budget": NaN}}', "profile.headcount_budget", "nan"),
        (
            "/v1/plan",
            b'{"profile": {"assumptions": {"streamer_hours_per_day": Infinity}}}',
            "profile.assumptions.streamer_hours_per_day",
            "inf",
        ),
        ("/v1/plan", b'{"profile": {"live_hours_per_day": -1e999}}', "profile.live_hours_per_day", "-inf"),
        ("/v1/plan", b'{"profile": NaN}', "profile", "nan"),
        ("/v1/compare", b'{"before": {}, "after": {"live_rooms": NaN}}', "after.live_rooms", "nan"),
        (
            "/v1/gap",
            b'{"profile": {}, "team": {"person": [{"name": "Ann", "roles": [NaN]}]}}',
            "team.person.0.roles.0",
            "nan",
        ),
        ("/v1/plan-many", b'{"profiles": [{}, {"orders_per_day": NaN}]}', "profiles.1.orders_per_day", "nan"),
    ],
)
def test_a_number_that_is_not_finite_is_named_at_its_path(
    app: FastAPI, url: str, content: bytes, path: str, message: str
) -> None:
    found = problem(ask(app, "POST", url, content=content, headers=JSON), 422)
    assert found["errors"] == [{"path": path, "message": f"{message} is not a finite number"}]
    assert found["error"] == f"{path}: {message} is not a finite number"


def test_a_reader_names_where_a_number_is_not_finite() -> None:
    # the library's error says the place in the document, for the files' messages and the service's paths alike
    with pytest.raises(Exception, match=r"^p\.json: formats\[1\]: nan is not a finite number$") as caught:
        parse_document('{"formats": ["livestream", NaN]}', "json", "p.json")
    assert caught.value.problems == (("formats.1", "nan is not a finite number"),)  # type: ignore[attr-defined]
