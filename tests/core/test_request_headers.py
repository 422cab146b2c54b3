"""Per-attempt request headers and the idempotency key, built without `uuid` and without
lowering names twice: the same values as before, on the cheaper path."""

from __future__ import annotations

import uuid

from openai_oxide._core.http import Headers
from openai_oxide._core.request import Omit, build_headers, new_idempotency_key


def test_the_idempotency_key_is_a_random_uuid4_as_uuid_writes_it() -> None:
    keys = [new_idempotency_key() for _ in range(2000)]
    assert len(set(keys)) == len(keys)
    for key in keys:
        prefix, _, rest = key.partition("oxide-retry-")
        assert prefix == ""
        parsed = uuid.UUID(rest)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == rest
    # every variant digit and every hex digit turns up: the bits are random, not fixed
    assert {key[len("oxide-retry-") + 19] for key in keys} == set("89ab")
    assert set("".join(keys[:200])[12:]) >= set("0123456789abcdef")


def test_headers_are_lowercase_in_order_and_extra_headers_override_or_omit() -> None:
    base = {"Authorization": "Bearer k", "X-Stainless-Lang": "python", "OpenAI-Project": "p"}
    headers = build_headers(
        base,
        {"X-Custom": "1", "openai-project": Omit(), "Accept": "application/x"},
        retry_count=2,
        idempotency_key="key-1",
        has_body=True,
        stream=True,
    )
    assert headers.raw() == (
        ("accept", "application/x"),
        ("cache-control", "no-cache"),
        ("content-type", "application/json"),
        ("authorization", "Bearer k"),
        ("x-stainless-lang", "python"),
        ("idempotency-key", "key-1"),
        ("x-stainless-retry-count", "2"),
        ("x-custom", "1"),
    )
    assert headers["X-CUSTOM"] == "1" and "OpenAI-Project" not in headers
    assert headers == Headers(dict(headers.raw()))


def test_a_callers_idempotency_key_wins() -> None:
    headers = build_headers(
        {"Idempotency-Key": "mine"},
        None,
        retry_count=0,
        idempotency_key="ours",
        has_body=False,
        stream=False,
    )
    assert headers.get_list("idempotency-key") == ["mine"]
    assert "content-type" not in headers and headers["accept"] == "application/json"


def test_lowered_keeps_repeated_names() -> None:
    headers = Headers.lowered([("set-cookie", "a"), ("set-cookie", "b"), ("x-request-id", "r")])
    assert headers.get_list("Set-Cookie") == ["a", "b"] and headers["x-request-id"] == "r"
    assert len(headers) == 2
