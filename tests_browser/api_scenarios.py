"""The API surface beyond Responses/Chat, run on every target like the other scenarios:
multipart uploads (bytes, tuple, file object), binary downloads (whole and streamed),
cursor pagination, and one small call from each endpoint group.

What the server received comes from the fake's journal. Its JSON form carries the body
as text (UTF-8 decoded with replacement), so a multipart body is summarized per part
(field name, filename, content type, length and sha256 of the part's bytes as journaled),
with the random boundary left out; the exact bytes of a binary upload are checked through
what the fake stored (downloaded back with `files.content`).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import time
from typing import Any

from scenarios import (
    API_KEY,
    Normalizer,
    _http,
    _root,
    client,
    journal,
    record_error,
    reset,
    transcript,
)

from openai_oxide import (
    AsyncAzureOpenAI,
    AsyncBedrockOpenAI,
    AsyncOpenAI,
    InvalidWebhookSignatureError,
    NotFoundError,
)
from openai_oxide._core.webhooks import sign

# Valid UTF-8 (so the journal keeps it exactly) with multibyte text, CRLFs and a line that
# looks like a multipart delimiter.
TEXT_DATA = (
    '{"prompt": "café ☕ 🌍"}\r\n--not-a-boundary\r\n{"completion": "Grüße"}\n'.encode() * 20
)
BIN_DATA = bytes(range(256)) * 8 + b"\r\n--\r\n"  # every byte value: not valid UTF-8
AUDIO = b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(range(200))
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _parts(entry: dict[str, Any]) -> dict[str, Any]:
    """A journaled multipart request without its random boundary: the content-type form,
    the body length, and each part's name, filename, content type, length and digest."""
    content_type = entry["headers"].get("content-type", "")
    found = re.fullmatch(
        r"multipart/form-data; boundary=([0-9A-Za-z'()+_,./:=?-]{1,70})", content_type
    )
    if found is None:
        return {"content_type": content_type}
    sep = b"--" + found.group(1).encode()
    body = entry["body"].encode("utf-8")  # the text the journal kept
    chunks = body.split(sep)
    parts: list[dict[str, Any]] = []
    for chunk in chunks[1:-1]:
        head, _, value = chunk[2:-2].partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head)
        filename = re.search(rb'filename="([^"]*)"', head)
        kind = re.search(rb"(?im)^content-type:\s*(.+?)\s*$", head)
        part: dict[str, Any] = {"name": name.group(1).decode() if name else None}
        if filename is not None:
            part["filename"] = filename.group(1).decode()
            part["content_type"] = kind.group(1).decode() if kind else None
            if "\ufffd".encode() in value:  # not UTF-8: the journal's text lost bytes
                part["journaled_with_replacements"] = True
                part["sha256_as_journaled"] = _sha(value)
            else:
                part["length"] = len(value)
                part["sha256"] = _sha(value)
        else:
            part["value"] = value.decode()
        parts.append(part)
    return {
        "content_type": "multipart/form-data; boundary=<boundary>",
        "boundary_length": len(found.group(1)),
        "content_length": entry["headers"].get("content-length"),
        "closing_delimiter": chunks[-1] == b"--\r\n",
        "parts": parts,
    }


def _requests(entries: list[dict[str, Any]]) -> list[str]:
    return [f"{e['method']} {e['path']} {e['status']}" for e in entries]


class _Norm(Normalizer):
    """Also replaces the ids the fake generates inside paths and id-valued fields."""

    _ID = re.compile(
        r"\b(?:file-|vs_|vsfb_|batch_|ftjob-|ftevent-|upload_|part_|asst_|thread_|msg_|run_"
        r"|video_|cntr_|cfile_|eval_|evalrun_|conv_|chatcmpl-|obj_)[0-9A-Za-z_-]+"
    )

    def path(self, text: str) -> str:
        return self._ID.sub(lambda m: self.ident(m.group(0)), text)

    def __call__(self, value: Any) -> Any:
        value = super().__call__(value)
        return self._ids_in(value)

    def _ids_in(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self._ids_in(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._ids_in(v) for v in value]
        if isinstance(value, str) and self._ID.fullmatch(value):
            return self.ident(value)
        return value


def _summary(result: dict[str, Any], entries: list[dict[str, Any]], norm: _Norm) -> None:
    result["requests"] = len(entries)
    result["sent"] = [norm.path(line) for line in _requests(entries)]


# -- uploads ----------------------------------------------------------------------------


async def files_upload_forms(base_url: str) -> dict[str, Any]:
    """`files.create` with the file as bytes, as a (filename, bytes, content type) tuple and
    as a file object (io.BytesIO with a name): what the server received, and the FileObject."""
    await reset(base_url)
    norm = _Norm()
    result = transcript()
    named = io.BytesIO(TEXT_DATA)
    named.name = "/some/dir/train.jsonl"
    forms: list[tuple[str, Any, str]] = [
        ("bytes", BIN_DATA, "fine-tune"),
        ("tuple", ("named.jsonl", TEXT_DATA, "application/jsonl"), "user_data"),
        ("file_object", named, "batch"),
        ("file_object_unnamed", io.BytesIO(BIN_DATA), "assistants"),
        ("bytearray_tuple_2", ("données.bin", bytearray(BIN_DATA)), "user_data"),
    ]
    created: dict[str, Any] = {}
    async with client(base_url) as c:
        for label, file, purpose in forms:
            obj = await c.files.create(file=file, purpose=purpose)
            created[label] = obj
        stored = {
            label: _sha((await c.files.content(obj.id)).content) for label, obj in created.items()
        }
    entries = await journal(base_url)
    uploads = [e for e in entries if e["method"] == "POST"]
    result["final"] = {label: norm(obj) for label, obj in created.items()}
    result["types"] = sorted({type(obj).__name__ for obj in created.values()})
    result["received"] = {label: _parts(e) for (label, _, _), e in zip(forms, uploads, strict=True)}
    result["stored_sha256"] = stored
    result["expected_sha256"] = {"text": _sha(TEXT_DATA), "bin": _sha(BIN_DATA)}
    result["expected_length"] = {"text": len(TEXT_DATA), "bin": len(BIN_DATA)}
    _summary(result, entries, norm)
    return result


# -- downloads --------------------------------------------------------------------------


async def binary_downloads(base_url: str) -> dict[str, Any]:
    """`files.content` whole and streamed (`with_streaming_response`, `iter_bytes`), and
    `audio.speech.create` as bytes and streamed."""
    await reset(base_url)
    norm = _Norm()
    result = transcript()
    async with client(base_url) as c:
        created = await c.files.create(file=("blob.bin", BIN_DATA), purpose="user_data")
        whole = await c.files.content(created.id)
        async with c.files.with_streaming_response.content(created.id) as response:
            chunk_sizes = [len(ch) async for ch in response.iter_bytes(chunk_size=1000)]
            head = _raw_head(response, f"/files/{created.id}/content")
        async with c.files.with_streaming_response.content(created.id) as response:
            read_whole = await response.read()
        text = await c.files.retrieve_content(
            (await c.files.create(file="grüße\n".encode(), purpose="user_data")).id
        )
        speech = await c.audio.speech.create(
            model="gpt-4o-mini-tts", voice="alloy", input="Grüß Gott", response_format="wav"
        )
        async with c.audio.speech.with_streaming_response.create(
            model="gpt-4o-mini-tts", voice="alloy", input="Grüß Gott", response_format="wav"
        ) as response:
            speech_type = response.content_type
            streamed = b"".join([ch async for ch in response.iter_bytes()])
        # leaving early: the transfer is aborted, nothing raises
        async with c.audio.speech.with_streaming_response.create(
            model="tts-1", voice="alloy", input="x"
        ) as response:
            async for first in response.iter_bytes(chunk_size=10):
                early = len(first)
                break
        raw = await c.models.with_raw_response.retrieve("gpt-4o")
        raw_model = {
            **_raw_head(raw, "/models/gpt-4o"),
            "id": raw.parse().id,
            "json_id": raw.json()["id"],
        }
    result["final"] = {
        "file": {
            "type": type(whole).__name__,
            "length": len(whole.content),
            "sha256": _sha(whole.content),
            "read_is_content": whole.read() == whole.content,
            "streamed_chunk_sizes": chunk_sizes,
            "streamed_read_sha256": _sha(read_whole),
        },
        "retrieve_content_text": text,
        "streamed_head": head,
        "raw_model": raw_model,
        "speech": {
            "length": len(speech.content),
            "sha256": _sha(speech.content),
            "streamed_equals_bytes": streamed == speech.content,
            "streamed_content_type": speech_type,
            "early_chunk": early,
        },
    }
    result["expected_sha256"] = _sha(BIN_DATA)
    entries = await journal(base_url)
    result["accept"] = [e["headers"].get("accept") for e in entries if e["method"] == "GET"]
    result["speech_accept"] = [
        e["headers"].get("accept") for e in entries if e["path"] == "/v1/audio/speech"
    ]
    result["speech_sent"] = [e["json"] for e in entries if e["path"] == "/v1/audio/speech"]
    _summary(result, entries, norm)
    return result


def _raw_head(response: Any, path: str) -> dict[str, Any]:
    """What `with_raw_response` / `with_streaming_response` tell about an answer."""
    return {
        "status": response.status_code,
        "request": [response.http_request.method, response.http_request.url.endswith(path)],
        "retries": response.retries_taken,
        "request_id": response.request_id == response.headers.get("x-request-id") is not None,
        "elapsed": response.elapsed.total_seconds() >= 0,
    }


# -- pagination -------------------------------------------------------------------------


async def cursor_pagination(base_url: str) -> dict[str, Any]:
    """Five files, then pages of two: `has_next_page()` / `get_next_page()` by hand, and
    `async for` across all pages (both orders); also a second collection (vector stores)."""
    await reset(base_url)
    norm = _Norm()
    result = transcript()
    async with client(base_url) as c:
        ids = [
            norm.ident((await c.files.create(file=b"x%d" % i, purpose="batch")).id)
            for i in range(5)
        ]
        page = await c.files.list(limit=2, purpose="batch")
        pages = [[norm.ident(f.id) for f in page.data]]
        has_next = [page.has_next_page()]
        while page.has_next_page():
            page = await page.get_next_page()
            pages.append([norm.ident(f.id) for f in page.data])
            has_next.append(page.has_next_page())
        try:
            await page.get_next_page()
            past_the_end = None
        except Exception as exc:
            past_the_end = type(exc).__name__
        every_desc = [norm.ident(f.id) async for f in c.files.list(limit=2)]
        every_asc = [norm.ident(f.id) async for f in c.files.list(limit=3, order="asc")]
        per_page = [
            len(p.data) async for p in (await c.files.list(limit=2, order="asc")).iter_pages()
        ]
        for name in ("a", "b", "c"):
            await c.vector_stores.create(name=name)
        stores = [s.name async for s in c.vector_stores.list(limit=1)]
        first_page = await c.vector_stores.list(limit=5)
    result["final"] = {
        "created": ids,
        "pages": pages,
        "has_next_page": has_next,
        "past_the_end": past_the_end,
        "async_for_desc": every_desc,
        "async_for_asc": every_asc,
        "iter_pages_sizes": per_page,
        "vector_store_names": stores,
        "vector_store_single_page": [len(first_page.data), first_page.has_next_page()],
        "page_type": type(first_page).__name__,
    }
    entries = await journal(base_url)
    result["list_queries"] = [
        {k: norm.path(v) for k, v in e["query"].items()}
        for e in entries
        if e["method"] == "GET" and e["path"] == "/v1/files"
    ]
    _summary(result, entries, norm)
    return result


# -- one call from each group -----------------------------------------------------------


async def groups_models_media(base_url: str) -> dict[str, Any]:
    """Embeddings (float, base64 decoded), images.generate, audio.transcriptions (multipart),
    moderations, the Upload lifecycle (create, parts, complete), batches, fine-tuning jobs."""
    await reset(base_url)
    norm = _Norm()
    result = transcript()
    out: dict[str, Any] = {}
    async with client(base_url) as c:
        floats = await c.embeddings.create(
            model="text-embedding-3-small", input=["a", "b"], encoding_format="float", dimensions=8
        )
        decoded = await c.embeddings.create(
            model="text-embedding-3-small", input=["a", "b"], dimensions=8
        )
        out["embeddings"] = {
            "float": norm(floats),
            "decoded": norm(decoded),
            "decoded_close": all(
                abs(x - y) < 1e-6
                for a, b in zip(floats.data, decoded.data, strict=True)
                for x, y in zip(a.embedding, b.embedding, strict=True)
            ),
        }
        out["images"] = norm(await c.images.generate(prompt="a cat", model="gpt-image-1", n=1))
        out["transcription"] = norm(
            await c.audio.transcriptions.create(
                file=("speech.wav", AUDIO, "audio/wav"),
                model="gpt-4o-transcribe",
                timestamp_granularities=["word", "segment"],
            )
        )
        out["moderation"] = norm(
            await c.moderations.create(input="hello", model="omni-moderation-latest")
        )
        upload = await c.uploads.create(
            bytes=len(BIN_DATA), filename="big.bin", mime_type="text/jsonl", purpose="batch"
        )
        half = len(BIN_DATA) // 2
        one = await c.uploads.parts.create(upload.id, data=BIN_DATA[:half])
        two = await c.uploads.parts.create(upload.id, data=io.BytesIO(BIN_DATA[half:]))
        done = await c.uploads.complete(upload.id, part_ids=[one.id, two.id])
        assert done.file is not None
        assembled = (await c.files.content(done.file.id)).content
        out["upload"] = {
            "created": norm(upload),
            "parts": [norm(one), norm(two)],
            "completed": norm(done),
            "assembled_equals_data": assembled == BIN_DATA,
        }
        # A batch needs an uploaded input file; slowed down, it is still there to cancel.
        await _http("POST", f"{_root(base_url)}/__fake__/batches", {"validating": 30})
        line = {"custom_id": "a", "method": "POST", "url": "/v1/responses", "body": {}}
        batch_file = await c.files.create(
            file=("batch.jsonl", json.dumps(line).encode()), purpose="batch"
        )
        batch = await c.batches.create(
            completion_window="24h", endpoint="/v1/responses", input_file_id=batch_file.id
        )
        out["batch"] = {
            "created": norm(batch),
            "cancelled": (await c.batches.cancel(batch.id)).status,
        }
        job = await c.fine_tuning.jobs.create(
            model="gpt-4o-mini-2024-07-18", training_file="file-train", suffix="mine"
        )
        events = [e async for e in c.fine_tuning.jobs.list_events(job.id, limit=2)]
        out["fine_tuning"] = {
            "job": norm(job),
            "events": [type(e).__name__ for e in events],
        }
    result["final"] = out
    entries = await journal(base_url)
    forms = [e for e in entries if e["headers"].get("content-type", "").startswith("multipart/")]
    result["received_forms"] = [_parts(e) for e in forms]
    result["embedding_formats"] = [
        e["json"].get("encoding_format") for e in entries if e["path"] == "/v1/embeddings"
    ]
    _summary(result, entries, norm)
    return result


async def groups_stores_beta_more(base_url: str) -> dict[str, Any]:
    """Vector stores (+ search), assistants/threads (beta), realtime client secrets,
    videos, containers (+ a file), evals, conversations (+ items), responses input-token
    count and compact, stored chat completions, and webhooks.unwrap (valid and invalid)."""
    await reset(base_url)
    norm = _Norm()
    result = transcript()
    out: dict[str, Any] = {}
    async with client(base_url, webhook_secret=WEBHOOK_SECRET) as c:
        store = await c.vector_stores.create(name="docs", chunking_strategy={"type": "auto"})
        search = await c.vector_stores.search(store.id, query="café", max_num_results=3)
        out["vector_store"] = {
            "created": norm(store),
            "search": norm(search.data),
            "search_has_next": search.has_next_page(),
        }
        assistant = await c.beta.assistants.create(model="gpt-4o", name="Helper")
        thread = await c.beta.threads.create(messages=[{"role": "user", "content": "Hallo"}])
        message = await c.beta.threads.messages.create(thread.id, role="user", content="Grüße")
        out["beta"] = {
            "assistant": norm(assistant),
            "thread": norm(thread),
            "message": norm(message),
        }
        secret = norm(
            await c.realtime.client_secrets.create(
                expires_after={"anchor": "created_at", "seconds": 600},
                session={"type": "realtime", "model": "gpt-realtime"},
            )
        )
        secret["value"] = secret["value"][:3]  # minted per call: only the `ek_` is stable
        out["realtime_client_secret"] = secret
        video = await c.videos.create(prompt="a cat on a boat", model="sora-2", seconds="4")
        video_bytes = (await c.videos.download_content(video.id)).content
        out["video"] = {
            "created": norm(video),
            "content": [len(video_bytes), _sha(video_bytes)],
        }
        container = await c.containers.create(name="sandbox")
        cfile = await c.containers.files.create(
            container.id, file=("data.csv", b"a,b\n1,2\n", "text/csv")
        )
        out["container"] = {"created": norm(container), "file": norm(cfile)}
        evaluation = await c.evals.create(
            name="capitals",
            data_source_config={
                "type": "custom",
                "item_schema": {"type": "object", "properties": {"q": {"type": "string"}}},
            },
            testing_criteria=[
                {
                    "type": "string_check",
                    "name": "match",
                    "input": "{{sample.output_text}}",
                    "reference": "{{item.a}}",
                    "operation": "eq",
                }
            ],
        )
        out["eval"] = norm(evaluation)
        conversation = await c.conversations.create(
            metadata={"topic": "demo"},
            items=[{"type": "message", "role": "user", "content": "Bonjour"}],
        )
        items = [i async for i in c.conversations.items.list(conversation.id, limit=1)]
        out["conversation"] = {"created": norm(conversation), "items": norm(items)}
        out["input_tokens"] = norm(
            await c.responses.input_tokens.count(model="gpt-4o", input="Wie viele?")
        )
        compacted = await c.responses.compact(model="gpt-5", input="a long conversation")
        out["compact"] = {"type": type(compacted).__name__, "object": compacted.object}
        stored = await c.chat.completions.list(limit=2, metadata={"k": "v"}, model="gpt-4o")
        out["stored_chat"] = {
            "types": sorted({type(x).__name__ for x in stored.data}),
            "count": len(stored.data),
            "has_next": stored.has_next_page(),
        }
        out["webhooks"] = _webhooks(c)
    result["final"] = out
    entries = await journal(base_url)
    result["beta_headers"] = sorted(
        {e["headers"].get("openai-beta", "") for e in entries if "/assistants" in e["path"]}
    )
    _summary(result, entries, norm)
    return result


def _webhooks(c: AsyncOpenAI) -> dict[str, Any]:
    payload = json.dumps(
        {
            "id": "evt_1",
            "type": "batch.completed",
            "created_at": 1719168000,
            "object": "event",
            "data": {"id": "batch_1"},
        }
    )
    stamp = int(time.time())

    def headers(secret: str) -> dict[str, str]:
        signature = sign(payload, secret=secret, webhook_id="wh_1", timestamp=stamp)
        return {
            "webhook-id": "wh_1",
            "webhook-timestamp": str(stamp),
            "webhook-signature": signature,
        }

    event = c.webhooks.unwrap(payload.encode(), headers(WEBHOOK_SECRET))
    out: dict[str, Any] = {"valid": [type(event).__name__, event.type, event.data.id]}  # type: ignore[union-attr]
    invalid: dict[str, Any] = transcript()
    try:
        c.webhooks.unwrap(payload, headers("whsec_" + "A" * 44))
    except InvalidWebhookSignatureError as exc:
        record_error(invalid, exc)
    out["invalid"] = invalid["error"]
    tampered: dict[str, Any] = transcript()
    try:
        c.webhooks.unwrap(payload + " ", headers(WEBHOOK_SECRET))
    except InvalidWebhookSignatureError as exc:
        record_error(tampered, exc)
    out["tampered"] = tampered["error"]
    return out


# -- Azure and Bedrock credentials ----------------------------------------------------------


async def azure_and_bedrock_credentials(base_url: str) -> dict[str, Any]:
    """Azure (`api-key`; an async AD token provider) and Bedrock (a bearer key; a sync token
    provider) on the fake: each provider is called once per request, `api-version` rides on
    every Azure request, and a deployment-scoped call goes to `/deployments/{model}/...`."""
    await reset(base_url)
    calls: list[str] = []

    async def ad_token() -> str:
        calls.append("azure")
        return API_KEY

    def bedrock_token() -> str:
        calls.append("bedrock")
        return API_KEY

    azure = {"base_url": base_url, "api_version": "2024-10-21", "max_retries": 0}
    bedrock = {"base_url": base_url, "max_retries": 0}
    clients: list[AsyncOpenAI] = [
        AsyncAzureOpenAI(api_key=API_KEY, **azure),
        AsyncAzureOpenAI(azure_ad_token_provider=ad_token, **azure),
        AsyncBedrockOpenAI(api_key=API_KEY, **bedrock),
        AsyncBedrockOpenAI(bedrock_token_provider=bedrock_token, **bedrock),
    ]
    result = transcript()
    outcomes: list[Any] = []
    for c in clients:
        models = [m.id async for m in c.models.list()]
        created = await c.responses.create(model="gpt-4o", input="hi")
        try:
            await c.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
            )
            chat: str | None = None
        except NotFoundError as exc:  # the fake has no Azure deployment routes
            chat = type(exc).__name__
        outcomes.append([len(models) > 0, created.status, chat])
    entries = await journal(base_url)

    def auth(headers: dict[str, str]) -> dict[str, str]:
        return {
            k: v.replace(API_KEY, "<key>")
            for k, v in headers.items()
            if k in ("api-key", "authorization")
        }

    result["final"] = {"outcomes": outcomes, "provider_calls": calls}
    result["sent"] = [
        [e["method"], e["path"], e["query"], auth(e["headers"]), e["status"]] for e in entries
    ]
    result["requests"] = len(entries)
    return result


SCENARIOS = {
    "azure_and_bedrock_credentials": azure_and_bedrock_credentials,
    "files_upload_forms": files_upload_forms,
    "binary_downloads": binary_downloads,
    "cursor_pagination": cursor_pagination,
    "groups_models_media": groups_models_media,
    "groups_stores_beta_more": groups_stores_beta_more,
}
