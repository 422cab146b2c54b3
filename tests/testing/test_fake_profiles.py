"""Quirks and profiles of the fake (profiles.py): each quirk changes the bytes as documented,
only for its own API; a profile is the union of its quirks; every way to ask for them."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
import websockets

from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.testing.profiles import PROFILES, QUIRKS
from testing.fake_helpers import AUTH, parse_sse

FUNCTION = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
RESPONSES_TOOLS = [
    {"type": "function", "name": name, "parameters": FUNCTION} for name in ("a_tool", "b_tool")
]
CHAT_TOOLS = [
    {"type": "function", "function": {"name": name, "parameters": FUNCTION}}
    for name in ("a_tool", "b_tool")
]
CHAT = {"model": "m", "stream": True}
REQUESTS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "responses": [
        ("/responses", {"model": "m", "input": "Grüße", "stream": True}),
        ("/responses", {"model": "m", "input": "x", "stream": True, "tools": RESPONSES_TOOLS}),
    ],
    "chat": [
        (
            "/chat/completions",
            {
                **CHAT,
                "messages": [{"role": "user", "content": "Grüße"}],
                "stream_options": {"include_usage": True},
            },
        ),
        (
            "/chat/completions",
            {**CHAT, "messages": [{"role": "user", "content": "x"}], "tools": CHAT_TOOLS},
        ),
    ],
}

_VOLATILE = frozenset({"id", "item_id", "call_id", "created", "created_at", "completed_at"})


def control(http: httpx.AsyncClient, path: str) -> str:
    """The absolute URL of a control endpoint (at the root, not under /v1)."""
    return str(http.base_url).rstrip("/").removesuffix("/v1") + "/__fake__/" + path


def normalized(value: Any) -> Any:
    """Generated ids and timestamps blanked, so two answers to one request compare equal."""
    if isinstance(value, dict):
        return {k: "<v>" if k in _VOLATILE else normalized(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalized(v) for v in value]
    return value


async def fetch(http: httpx.AsyncClient, api: str, fault: dict[str, Any] | None) -> list[bytes]:
    """The raw bodies of the API's two streams (text, then tool calls) under `fault`."""
    headers = {"x-fake-fault": json.dumps(fault)} if fault else {}
    out = []
    for path, body in REQUESTS[api]:
        r = await http.post(path, json=body, headers=headers)
        assert r.status_code == 200, r.text
        out.append(r.content)
    return out


def data(raw: bytes) -> list[Any]:
    """The JSON events of a body (keep-alives, `[DONE]` and `done` events left out)."""
    return [
        d
        for name, d in parse_sse(raw)
        if isinstance(d, dict) and d and name != "ping" and d.get("type") != "ping"
    ]


def types(raw: bytes) -> list[str]:
    return [e["type"] for e in data(raw)]


def has_key(raw: bytes, key: str) -> bool:
    return any(key in e for e in data(raw))


def choices(raw: bytes) -> list[dict[str, Any]]:
    return [c for e in data(raw) for c in e["choices"]]


def tool_deltas(raw: bytes) -> list[dict[str, Any]]:
    return [tc for c in choices(raw) for tc in c["delta"].get("tool_calls") or []]


def _without(base: bytes, quirked: bytes, dropped: str) -> bool:
    return [t for t in types(base) if t != dropped] == types(quirked) != types(base)


def _lifecycle_twice(base: bytes, quirked: bytes, late: bool) -> bool:
    got = types(quirked)
    twice = got.count("response.created") == got.count("response.in_progress") == 2
    again = got.index("response.created", 1)
    started = got.index("response.output_item.added")
    return twice and (again > started if late else again == 1) and len(got) == len(types(base)) + 2


def _final(raw: bytes) -> dict[str, Any]:
    response: dict[str, Any] = data(raw)[-1]["response"]
    return response


Check = Callable[[bytes, bytes], bool]
RESPONSES_CHECKS: dict[str, Check] = {
    **{
        f"no_{key}": lambda b, q, key=key: not has_key(q, key) and types(b) == types(q)
        for key in ("output_index", "content_index", "item_id", "sequence_number")
    },
    "no_indexes": lambda b, q: (
        not any(
            has_key(q, k) for k in ("output_index", "content_index", "item_id", "sequence_number")
        )
    ),
    "repeated_lifecycle": lambda b, q: _lifecycle_twice(b, q, late=False),
    "repeated_lifecycle_late": lambda b, q: _lifecycle_twice(b, q, late=True),
    "no_output_item_added": lambda b, q: _without(b, q, "response.output_item.added"),
    "no_output_item_done": lambda b, q: _without(b, q, "response.output_item.done"),
    "no_arguments_done": lambda b, q: (
        (types(b) == types(q) if "response.output_text.delta" in types(b) else False)
        or _without(b, q, "response.function_call_arguments.done")
    ),
    "empty_final_output": lambda b, q: bool(_final(b)["output"]) and _final(q)["output"] == [],
    "no_final_usage": lambda b, q: "usage" in _final(b) and "usage" not in _final(q),
}
CHAT_CHECKS: dict[str, Check] = {
    "empty_choices": lambda b, q: (
        data(q)[0]["choices"] == data(q)[-1]["choices"] == []
        and "prompt_filter_results" in data(q)[0]
        and len(data(q)) == len(data(b)) + 2
    ),
    "content_filter_results": lambda b, q: all(
        c["content_filter_results"]["hate"] == {"filtered": False, "severity": "safe"}
        for c in choices(q)
    ),
    "no_choice_index": lambda b, q: all("index" not in c for c in choices(q)),
    "no_tool_call_index": lambda b, q: all("index" not in tc for tc in tool_deltas(q)),
    "tool_call_id_every_chunk": lambda b, q: all(tc.get("id") for tc in tool_deltas(q)),
    "finish_reason_outside_spec": lambda b, q: (
        {c["finish_reason"] for c in choices(q)} - {None} <= {"eos", "tool_call"}
    ),
    "usage_every_chunk": lambda b, q: (
        all(e["usage"] for e in data(q))
        and data(q)[-1]["usage"] == (data(b)[-1].get("usage") or data(q)[-1]["usage"])
    ),
    "object_chat_completion": lambda b, q: {e["object"] for e in data(q)} == {"chat.completion"},
    "object_empty": lambda b, q: {e["object"] for e in data(q)} == {""},
    "role_every_chunk": lambda b, q: all(c["delta"].get("role") == "assistant" for c in choices(q)),
}


def _same_events(base: bytes, quirked: bytes) -> bool:
    return bool(normalized(data(base)) == normalized(data(quirked)))


def _ends(ending: bytes) -> Check:
    """The same events, then `ending` (empty: the connection closes after the last one)."""

    def check(base: bytes, quirked: bytes) -> bool:
        return quirked.endswith(b"}\n\n" + ending) and _same_events(base, quirked)

    return check


FRAMING_CHECKS: dict[str, Check] = {
    "end_done": _ends(b"data: [DONE]\n\n"),
    "end_done_event": _ends(b"event: done\ndata: {}\n\n"),
    "end_done_event_empty": _ends(b"event: done\ndata:\n\n"),
    "end_close": _ends(b""),
    "keepalive": lambda b, q: (
        b"\n\n: keep-alive\n\n" in q and b"event: ping\n" in q and _same_events(b, q)
    ),
}


OWN_ENDINGS = {("end_close", "responses"), ("end_done", "chat")}  # no change there


def test_every_quirk_has_a_check() -> None:
    assert set(QUIRKS) == set(RESPONSES_CHECKS) | set(CHAT_CHECKS) | set(FRAMING_CHECKS)


@pytest.mark.parametrize("quirk", QUIRKS)
async def test_each_quirk_changes_its_api_as_documented(
    quirk: str, http: httpx.AsyncClient
) -> None:
    for api in ("responses", "chat"):
        base = await fetch(http, api, None)
        quirked = await fetch(http, api, {"quirks": [quirk]})
        own = RESPONSES_CHECKS if api == "responses" else CHAT_CHECKS
        if quirk in own or quirk in FRAMING_CHECKS:
            check = own.get(quirk) or FRAMING_CHECKS[quirk]
            if (quirk, api) not in OWN_ENDINGS:
                assert [normalized(parse_sse(q)) for q in quirked] != [
                    normalized(parse_sse(b)) for b in base
                ]
            for b, q in zip(base, quirked, strict=True):
                assert check(b, q), (api, q.decode())
        else:  # a quirk of the other API leaves these bytes alone
            assert [normalized(parse_sse(q)) for q in quirked] == [
                normalized(parse_sse(b)) for b in base
            ]


@pytest.mark.parametrize("profile", list(PROFILES))
async def test_a_profile_is_the_union_of_its_quirks(
    profile: str, fake: FakeOpenAI, http: httpx.AsyncClient
) -> None:
    for api in ("responses", "chat"):
        by_profile = await fetch(http, api, {"profile": profile})
        fake.inject(Fault(quirks=sorted(PROFILES[profile]), times=2))  # queued this time
        by_quirks = await fetch(http, api, None)
        assert [normalized(parse_sse(r)) for r in by_profile] == [
            normalized(parse_sse(r)) for r in by_quirks
        ]


async def test_profiles_differ_from_openai_on_both_apis(http: httpx.AsyncClient) -> None:
    for api in ("responses", "chat"):
        base = [normalized(parse_sse(r)) for r in await fetch(http, api, None)]
        for profile in set(PROFILES) - {"openai"}:
            got = [normalized(parse_sse(r)) for r in await fetch(http, api, {"profile": profile})]
            assert got != base, (profile, api)


async def test_json_answers_are_left_alone(http: httpx.AsyncClient) -> None:
    fault = {"x-fake-fault": json.dumps({"profile": "ollama", "quirks": ["no_final_usage"]})}
    for path, body in (REQUESTS["responses"][0], REQUESTS["chat"][0]):
        r = await http.post(path, json={**body, "stream": False}, headers=fault)
        assert r.status_code == 200 and r.json()["usage"]["total_tokens"] > 0


async def test_unknown_names_are_refused_with_the_valid_ones(
    fake: FakeOpenAI, http: httpx.AsyncClient
) -> None:
    path, body = REQUESTS["responses"][0]
    for fault in ({"profile": "lmstudio"}, {"quirks": ["no_such_quirk"]}, {"quirks": "keepalive"}):
        r = await http.post(path, json=body, headers={"x-fake-fault": json.dumps(fault)})
        assert r.status_code == 400, fault
        queued = await http.post(control(http, "faults"), json=fault)
        assert queued.status_code == 400
        switched = await http.post(control(http, "profile"), json=fault)
        assert switched.status_code == 400
    assert "quirks must be a list" in r.json()["error"]["message"]  # the last one
    r = await http.post(control(http, "profile"), json={"profile": "lmstudio"})
    assert "valid profiles: openai, llama.cpp, vllm, ollama, azure" in r.json()["error"]["message"]
    r = await http.post(control(http, "faults"), json={"quirks": ["nope"]})
    assert "valid quirks: no_output_index," in r.json()["error"]["message"]
    two_endings = {"quirks": ["end_close", "end_done"]}
    assert (await http.post(control(http, "faults"), json=two_endings)).status_code == 400
    for bad in ({"profile": "nope"}, {"quirks": ["nope"]}):
        with pytest.raises(ValueError, match="valid"):
            Fault(**bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="valid profiles"):
        FakeOpenAI(profile="nope")
    assert fake.journal and all(e.status == 400 for e in fake.journal)


async def test_server_wide_profile_switch_and_reset(
    fake: FakeOpenAI, http: httpx.AsyncClient
) -> None:
    switch = {"profile": "ollama", "quirks": ["keepalive"]}
    r = await http.post(control(http, "profile"), json=switch)
    assert r.json() == {"profile": "ollama", "quirks": sorted(PROFILES["ollama"] | {"keepalive"})}
    text, _ = await fetch(http, "chat", None)
    assert all("index" not in c for c in choices(text)) and b": keep-alive" in text
    assert text.endswith(b"event: done\ndata: {}\n\n")
    fake.inject(Fault(quirks=["end_close"]))  # a fault adds to the server's quirks
    text, _ = await fetch(http, "chat", None)
    assert text.endswith(b"}\n\n") and all("index" not in c for c in choices(text))
    fake.reset()
    assert (await http.get(control(http, "profile"))).json() == {"profile": None, "quirks": []}
    text, _ = await fetch(http, "chat", None)
    assert text.endswith(b"data: [DONE]\n\n") and all(c["index"] == 0 for c in choices(text))
    fake.set_profile(None, ("no_sequence_number",))
    text, _ = await fetch(http, "responses", None)
    assert not has_key(text, "sequence_number")


async def test_constructor_profile_survives_reset() -> None:
    server = FakeOpenAI(profile="azure")
    async with server, httpx.AsyncClient(base_url=server.url, headers=AUTH, timeout=10) as http:
        server.set_profile("openai")
        text, _ = await fetch(http, "chat", None)
        assert data(text)[0]["choices"]
        server.reset()
        text, _ = await fetch(http, "chat", None)
        assert data(text)[0]["choices"] == [] and "content_filter_results" in choices(text)[0]


async def test_cli_profile_and_quirk_flags() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "openai_oxide.testing",
        "--profile",
        "llama.cpp",
        "--quirk",
        "keepalive",
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        url = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode().strip()
        async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=10) as http:
            r = await http.get(control(http, "profile"))
            assert r.json()["profile"] == "llama.cpp" and "keepalive" in r.json()["quirks"]
            _, tools = await fetch(http, "chat", None)
        assert {c["finish_reason"] for c in choices(tools)} == {None, "tool_call"}
        assert b"event: ping" in tools and not tools.endswith(b"[DONE]\n\n")
    finally:
        proc.terminate()
        await proc.wait()


async def test_websocket_turns_get_the_event_quirks(fake: FakeOpenAI) -> None:
    fake.inject(Fault(match="ws:", quirks=["no_output_index", "repeated_lifecycle"]))
    url = fake.url.replace("http", "ws", 1) + "/responses"
    got: list[dict[str, Any]] = []
    async with websockets.connect(url, additional_headers=AUTH) as ws:
        for _ in range(2):  # the quirked turn, then a plain one
            await ws.send(orjson.dumps({"type": "response.create", "model": "m", "input": "hi"}))
            turn: list[dict[str, Any]] = []
            while not turn or turn[-1]["type"] != "response.completed":
                turn.append(orjson.loads(await ws.recv()))
            got.append(turn)
    quirked, plain = got
    assert not any("output_index" in e for e in quirked)
    assert [e["type"] for e in quirked].count("response.created") == 2
    assert any("output_index" in e for e in plain)


async def test_a_named_server_profile_has_no_websocket_mode(fake: FakeOpenAI) -> None:
    url = fake.url.replace("http", "ws", 1) + "/responses"
    fake.set_profile("vllm")
    with pytest.raises(websockets.InvalidStatus) as info:
        async with websockets.connect(url, additional_headers=AUTH):
            pass
    assert info.value.response.status_code == 404
    fake.set_profile("openai")  # OpenAI's own: the WebSocket mode is back
    async with websockets.connect(url, additional_headers=AUTH):
        pass


def test_the_docstring_table_says_what_each_profile_holds() -> None:
    from openai_oxide.testing import profiles

    doc = profiles.__doc__ or ""
    assert all(f"\n    {q}" in doc or f" {q}" in doc for q in QUIRKS)
    table = doc.split("\nProfiles")[1].split("\nNone of")[0]
    rows: dict[str, set[str]] = {}
    current = ""
    for line in table.splitlines()[1:]:
        if line.startswith("    ") and not line.startswith("     "):
            current, _, rest = line.strip().partition(" ")
            rows[current] = set()
        else:
            rest = line
        rows[current] |= {w.strip(",") for w in rest.split() if w.strip(",") in QUIRKS}
    assert rows == {name: set(quirks) for name, quirks in PROFILES.items()}


def test_fault_json_round_trip_keeps_the_quirks() -> None:
    fault = Fault(profile="vllm", quirks=["no_item_id"], match="/responses")
    again = Fault.from_mapping(orjson.loads(orjson.dumps(fault.to_json())))
    assert again == fault and again.quirk_names == PROFILES["vllm"] | {"no_item_id"}


async def test_a_resumed_stream_gets_the_quirks_too(http: httpx.AsyncClient) -> None:
    created = await http.post("/responses", json={"model": "m", "input": "hi"})
    response_id = created.json()["id"]
    fault = {"x-fake-fault": json.dumps({"quirks": ["no_sequence_number", "end_done"]})}
    r = await http.get(
        f"/responses/{response_id}", params={"stream": "true", "starting_after": 2}, headers=fault
    )
    events = data(r.content)
    assert events and not has_key(r.content, "sequence_number")
    assert events[-1]["type"] == "response.completed" and r.content.endswith(b"[DONE]\n\n")
