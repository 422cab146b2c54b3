"""The fake's Batch API (testing/batches.py), over plain HTTP: a batch runs its input file
through the fake's endpoints and leaves output and error files in the API's line format."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import pytest

from openai_oxide.testing import BatchTiming, FakeOpenAI, Fault
from testing.fake_helpers import AUTH

CHAT = "/v1/chat/completions"
SETTLED = {"completed", "failed", "expired", "cancelled"}


def chat_line(custom_id: str, text: str = "hi", model: str = "gpt-4o-mini") -> dict[str, Any]:
    body = {"model": model, "messages": [{"role": "user", "content": text}]}
    return {"custom_id": custom_id, "method": "POST", "url": CHAT, "body": body}


def jsonl(lines: list[Any]) -> bytes:
    return b"".join((x if isinstance(x, bytes) else orjson.dumps(x)) + b"\n" for x in lines)


async def upload(http: httpx.AsyncClient, content: bytes, purpose: str = "batch") -> str:
    r = await http.post(
        "/files", data={"purpose": purpose}, files={"file": ("in.jsonl", content, "x/jsonl")}
    )
    assert r.status_code == 200, r.text
    file_id: str = r.json()["id"]
    return file_id


async def create(http: httpx.AsyncClient, lines: list[Any], **extra: Any) -> dict[str, Any]:
    file_id = await upload(http, jsonl(lines))
    body = {"input_file_id": file_id, "endpoint": CHAT, "completion_window": "24h", **extra}
    r = await http.post("/batches", json=body)
    assert r.status_code == 200, r.text
    batch: dict[str, Any] = r.json()
    return batch


async def settle(http: httpx.AsyncClient, batch_id: str) -> dict[str, Any]:
    for _ in range(1000):
        batch: dict[str, Any] = (await http.get(f"/batches/{batch_id}")).json()
        if batch["status"] in SETTLED:
            return batch
        await asyncio.sleep(0.01)
    raise AssertionError(f"batch {batch_id} did not settle: {batch['status']}")


async def lines_of(http: httpx.AsyncClient, file_id: str | None) -> list[dict[str, Any]]:
    if file_id is None:
        return []
    r = await http.get(f"/files/{file_id}/content")
    assert r.status_code == 200
    return [orjson.loads(x) for x in r.content.splitlines()]


async def test_batch_runs_its_lines_through_the_endpoints(
    fake: FakeOpenAI, http: httpx.AsyncClient
) -> None:
    ids = [f"req-{i}" for i in range(12)]
    bad = {"custom_id": "bad", "method": "POST", "url": CHAT, "body": {"model": "gpt-4o-mini"}}
    made = await create(
        http, [chat_line(x, f"question {x[4:]}") for x in ids] + [bad], metadata={"job": "nightly"}
    )
    assert made["status"] == "validating" and made["metadata"] == {"job": "nightly"}
    assert made["request_counts"] == {"total": 0, "completed": 0, "failed": 0}
    batch = await settle(http, made["id"])
    assert batch["status"] == "completed" and batch["model"] == "gpt-4o-mini"
    assert fake.batch_statuses(made["id"]) == [
        "validating",
        "in_progress",
        "finalizing",
        "completed",
    ]
    assert batch["request_counts"] == {"total": 13, "completed": 12, "failed": 1}
    assert batch["completed_at"] >= batch["in_progress_at"] >= batch["created_at"]
    outputs = await lines_of(http, batch["output_file_id"])
    errors = await lines_of(http, batch["error_file_id"])
    assert sorted(x["custom_id"] for x in outputs) == sorted(ids)
    assert [x["custom_id"] for x in outputs] != ids  # the API's order is not the input's
    # Each answer is the one a direct call gets (the fake's chat answer is deterministic).
    direct = await http.post("/chat/completions", json=chat_line("x", "question 3")["body"])
    three = next(x for x in outputs if x["custom_id"] == "req-3")
    assert three["response"]["status_code"] == 200 and three["error"] is None
    assert three["id"].startswith("batch_req_") and three["response"]["request_id"]
    assert three["response"]["body"]["choices"] == direct.json()["choices"]
    [failed] = errors
    assert failed["custom_id"] == "bad" and failed["response"]["status_code"] == 400
    assert failed["response"]["body"]["error"]["param"] == "messages"
    assert batch["usage"]["total_tokens"] > 0
    # The lines were run by the server, never sent by the client.
    sent = [(e.method, e.path) for e in fake.journal]
    assert sent.count(("POST", CHAT)) == 1  # the direct call above
    files = (await http.get(f"/files/{batch['output_file_id']}")).json()
    assert files["purpose"] == "batch_output"


async def test_a_queued_fault_reaches_the_line_it_matches(
    fake: FakeOpenAI, http: httpx.AsyncClient
) -> None:
    fake.inject(Fault(status=500, match="/chat/completions"))
    batch = await settle(http, (await create(http, [chat_line("a"), chat_line("b")]))["id"])
    [error] = await lines_of(http, batch["error_file_id"])
    assert error["response"]["status_code"] == 500
    assert batch["request_counts"] == {"total": 2, "completed": 1, "failed": 1}


@pytest.mark.parametrize(
    ("lines", "code", "line", "param"),
    [
        ([b"{not json", chat_line("a")], "invalid_json_line", 1, None),
        ([chat_line("a"), b"", b"[1]"], "invalid_json_line", 3, None),  # blank lines count
        ([chat_line("a"), chat_line("a")], "duplicate_custom_id", 2, "custom_id"),
        ([chat_line("a"), {**chat_line("b"), "url": "/v1/embeddings"}], "invalid_url", 2, "url"),
        ([chat_line("a"), chat_line("b", model="gpt-4o")], "mismatched_model", 2, "body.model"),
        ([{**chat_line("a"), "method": "GET"}], "invalid_method", 1, "method"),
        (
            [{"custom_id": "a", "method": "POST", "url": CHAT}],
            "missing_required_parameter",
            1,
            "body",
        ),
        ([{**chat_line("a"), "custom_id": 7}], "invalid_type", 1, "custom_id"),
    ],
)
async def test_an_invalid_input_file_fails_the_batch(
    fake: FakeOpenAI,
    http: httpx.AsyncClient,
    lines: list[Any],
    code: str,
    line: int,
    param: str | None,
) -> None:
    batch = await settle(http, (await create(http, lines))["id"])
    assert batch["status"] == "failed" and batch["failed_at"] is not None
    assert batch["output_file_id"] is None and batch["error_file_id"] is None
    [error] = batch["errors"]["data"]
    assert (error["code"], error["line"], error["param"]) == (code, line, param)
    assert fake.batch_statuses(batch["id"]) == ["validating", "failed"]
    assert not [e for e in fake.journal if e.path == CHAT]


async def test_the_api_limits_apply(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.set_batch_timing(BatchTiming(max_lines=2))
    batch = await settle(http, (await create(http, [chat_line(f"{i}") for i in range(3)]))["id"])
    assert batch["errors"]["data"][0]["code"] == "too_many_requests_in_batch"
    fake.set_batch_timing(BatchTiming(max_bytes=100))
    batch = await settle(http, (await create(http, [chat_line("a", "x" * 100)]))["id"])
    assert batch["errors"]["data"][0]["code"] == "file_too_large"
    empty = await http.post(
        "/batches",
        json={
            "input_file_id": await upload(http, b"\n"),
            "endpoint": CHAT,
            "completion_window": "24h",
        },
    )
    assert (await settle(http, empty.json()["id"]))["errors"]["data"][0]["code"] == "empty_file"


async def test_create_checks_the_input_file(http: httpx.AsyncClient) -> None:
    other = await upload(http, jsonl([chat_line("a")]), purpose="fine-tune")
    body = {"input_file_id": other, "endpoint": CHAT, "completion_window": "24h"}
    wrong = await http.post("/batches", json=body)
    assert wrong.status_code == 400 and "purpose 'batch'" in wrong.json()["error"]["message"]
    missing = await http.post("/batches", json={**body, "input_file_id": "file-nope"})
    assert missing.status_code == 404 and missing.json()["error"]["param"] == "input_file_id"
    window = await http.post("/batches", json={**body, "completion_window": "1h"})
    assert window.status_code == 400  # the spec's enum: only 24h


async def test_cancel_keeps_partial_results(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.set_batch_timing(BatchTiming(per_line=0.05))
    ids = [f"c{i}" for i in range(40)]
    made = await create(http, [chat_line(i) for i in ids])
    while (await http.get(f"/batches/{made['id']}")).json()["request_counts"]["completed"] < 1:
        await asyncio.sleep(0.01)
    cancelling = (await http.post(f"/batches/{made['id']}/cancel")).json()
    assert cancelling["status"] == "cancelling" and cancelling["cancelling_at"] is not None
    batch = await settle(http, made["id"])
    assert batch["status"] == "cancelled" and batch["cancelled_at"] is not None
    outputs = await lines_of(http, batch["output_file_id"])
    errors = await lines_of(http, batch["error_file_id"])
    assert 1 <= len(outputs) < len(ids)
    assert sorted(x["custom_id"] for x in outputs + errors) == sorted(ids)
    assert {x["error"]["code"] for x in errors} == {"batch_cancelled"}
    assert all(x["response"] is None for x in errors)
    counts = batch["request_counts"]
    assert counts == {"total": 40, "completed": len(outputs), "failed": len(errors)}
    again = await http.post(f"/batches/{made['id']}/cancel")
    assert again.status_code == 400 and "cancelled" in again.json()["error"]["message"]


async def test_expiry_with_partial_results(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.inject(Fault(batch_status="expired", batch_lines=3, match="/batches"))
    ids = [f"e{i}" for i in range(8)]
    batch = await settle(http, (await create(http, [chat_line(i) for i in ids]))["id"])
    assert batch["status"] == "expired" and batch["expired_at"] is not None
    outputs = await lines_of(http, batch["output_file_id"])
    errors = await lines_of(http, batch["error_file_id"])
    assert sorted(x["custom_id"] for x in outputs) == ids[:3]
    assert sorted(x["custom_id"] for x in errors) == ids[3:]
    assert errors[0]["error"]["code"] == "batch_expired"
    assert batch["request_counts"] == {"total": 8, "completed": 3, "failed": 5}
    # A window that has run out expires the batch before any line.
    fake.set_batch_timing(BatchTiming(window=0))
    batch = await settle(http, (await create(http, [chat_line("a")]))["id"])
    assert batch["status"] == "expired" and batch["output_file_id"] is None


async def test_a_fault_fails_validation(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.inject(Fault(batch_status="failed", match="/batches"))
    batch = await settle(http, (await create(http, [chat_line("a")]))["id"])
    assert batch["status"] == "failed"
    assert batch["errors"]["data"][0]["code"] == "token_limit_exceeded"
    with pytest.raises(ValueError, match="batch_status"):
        Fault(batch_status="exploded")


async def test_list_and_retrieve(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    made = [(await create(http, [chat_line("a")]))["id"] for _ in range(3)]
    page = (await http.get("/batches", params={"limit": 2})).json()
    assert [b["id"] for b in page["data"]] == made[::-1][:2] and page["has_more"] is True
    rest = (await http.get("/batches", params={"after": page["last_id"]})).json()
    assert [b["id"] for b in rest["data"]] == made[:1] and rest["has_more"] is False
    unknown = await http.get("/batches/batch_nope")
    assert unknown.status_code == 404 and "batch_nope" in unknown.json()["error"]["message"]
    fake.reset()
    assert (await http.get("/batches")).json()["data"] == []


async def test_timing_control_endpoint(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    base = fake.url.removesuffix("/v1")
    r = await http.post(f"{base}/__fake__/batches", json={"per_line": 0.5})
    assert r.status_code == 200 and r.json()["per_line"] == 0.5
    bad = await http.post(f"{base}/__fake__/batches", json={"per_line": -1})
    assert bad.status_code == 400
    bad = await http.post(f"{base}/__fake__/batches", json={"speed": 1})
    assert bad.status_code == 400 and "speed" in bad.json()["error"]["message"]
    fake.reset()
    assert (await http.get(f"{base}/__fake__/batches")).json()["per_line"] == 0


async def test_a_failure_of_the_fake_fails_the_batch_instead_of_hiding_it() -> None:
    from openai_oxide.testing.batches import Batches

    class Files:
        def file(self, file_id: str) -> tuple[dict[str, Any], bytes] | None:
            return {"id": file_id, "purpose": "batch"}, jsonl([chat_line("a")])

        def add_file(self, filename: str, purpose: str, content: bytes) -> dict[str, Any]:
            raise AssertionError("no file is written")

    def broken(url: str, body: bytes, headers: Any) -> tuple[int, bytes]:
        raise RuntimeError("boom")

    batches = Batches(Files(), broken)
    body = {"input_file_id": "file-1", "endpoint": CHAT, "completion_window": "24h"}
    made = orjson.loads(batches.answer("POST", "/batches", {}, body, {}, None).body)
    for _ in range(100):
        await asyncio.sleep(0)
    assert batches.statuses(made["id"]) == ["validating", "in_progress", "failed"]
    batch = orjson.loads(batches.answer("GET", f"/batches/{made['id']}", {}, None, {}, None).body)
    assert batch["errors"]["data"][0]["code"] == "server_error"
    assert "boom" in batch["errors"]["data"][0]["message"]


async def test_adopted_ids_are_existing_files_and_batches() -> None:
    async with (
        FakeOpenAI(adopt_unknown_ids=True) as server,
        httpx.AsyncClient(base_url=server.url, headers=AUTH) as http,
    ):
        body = {"input_file_id": "file-abc123", "endpoint": CHAT, "completion_window": "24h"}
        made = (await http.post("/batches", json=body)).json()
        batch = await settle(http, made["id"])
        assert batch["status"] == "completed" and batch["request_counts"]["total"] == 0
        held = (await http.get("/batches/batch_abc123")).json()
        assert held["id"] == "batch_abc123" and held["status"] == "in_progress"
        cancel = (await http.post("/batches/batch_abc123/cancel")).json()
        assert cancel["status"] == "cancelling"
        assert (await settle(http, "batch_abc123"))["status"] == "cancelled"
