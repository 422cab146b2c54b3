"""Every other endpoint of the fake, driven by the spec: validate, then answer plausibly.

Strategy: an operation is classified by the shape of its path template and its answer
schema, not by name:
- `GET T` whose answer has a `data` array lists the collection `T` (cursor pages:
  `after`, `limit`, `order`, `has_more`, `first_id`, `last_id`);
- `POST T` where `T/{id}` exists (or `T` is listed) creates an object in `T`;
- `GET|POST|DELETE T/{id}` retrieve, update and delete it;
- `POST T/{id}/verb` acts on it (`cancel`, `pause`, `resume`, `complete`: a status change);
- a binary answer (`.../content`, speech) sends bytes: the uploaded bytes when there are
  some, else deterministic bytes; with `stream: true` an SSE stream of the event schema.
Objects are generated from the answer schema (`instances.py`), then given an id, the
request's own fields and the ids of the path, and stored, so later calls see them.
A collection nobody can create through the fake (events, checkpoints, run steps) is
filled with three generated items on first use. `POST /threads/runs` also stores the new
thread, and the run under it.

With `adopt_unknown_ids` (an account that already holds objects, as the spec's samples
assume: `files.retrieve("file-abc123")`), an id the fake never issued is taken as an
existing object, generated from the answer schema with that id and stored, instead of a
404; and every collection, not only the uncreatable ones, starts with three items.

Asynchronous work (an uploaded file, a vector store file or file batch, a run) is created
in progress, as the API creates it, and settles (`_SETTLES`: status, and a batch's file
counts) when retrieved: on the first retrieve by default, or after
`Catalog.in_progress_retrieves` retrieves that still see it in progress (a test's knob for
watching polling helpers poll; `clear()` resets it to 0). Batch API batches are not
answered here: they run for real in batches.py, over the files kept here (`file`,
`add_file`).

Request bodies (JSON and multipart) are validated against the operation's request schema
first; a mismatch answers 400 with `param` set to the instance path of the first error
and the schema pointer in the message. Without the spec there is no validation and
objects are minimal (`id`, `object`, `created_at` and the request's fields).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import struct
import threading
from collections.abc import Mapping
from typing import Any

import orjson

from .delivery import Answer
from .errors import error_body
from .forms import UploadedFile, parse_form
from .plausible import plausible
from .spec import Operation, Spec, ValidationFailure, load_spec

__all__ = ["Catalog"]

CREATED = 1715367049
_PAGE = 20
_DONE = b"data: [DONE]\n\n"
_ACTIONS = {
    "cancel": "cancel",
    "pause": "pause",
    "resume": "run",
    "complete": "complet",
    "submit_tool_outputs": "queued",
}
_ACTED = {
    "cancel": "cancelled",
    "pause": "paused",
    "resume": "running",
    "complete": "completed",
    "submit_tool_outputs": "queued",
}
_PREFIXES = {
    "file": "file-",
    "vector_store": "vs_",
    "vector_store.file_batch": "vsfb_",
    "batch": "batch_",
    "fine_tuning.job": "ftjob-",
    "fine_tuning.job.event": "ftevent-",
    "fine_tuning.job.checkpoint": "ftckpt_",
    "checkpoint.permission": "cp_",
    "upload": "upload_",
    "upload.part": "part_",
    "assistant": "asst_",
    "thread": "thread_",
    "thread.message": "msg_",
    "thread.run": "run_",
    "thread.run.step": "step_",
    "video": "video_",
    "container": "cntr_",
    "container.file": "cfile_",
    "eval": "eval_",
    "eval.run": "evalrun_",
    "eval.run.output_item": "outputitem_",
    "conversation": "conv_",
    "chat.completion": "chatcmpl-",
    "chat.completion.message": "chatcmpl-msg-",
}
# object type: (the in-progress statuses it settles from, the status it settles to)
_SETTLES = {
    "file": (("uploaded",), "processed"),
    "vector_store.file": (("in_progress",), "completed"),
    "vector_store.files_batch": (("in_progress",), "completed"),
    "thread.run": (("queued", "in_progress"), "completed"),
    "video": (("queued", "in_progress"), "completed"),
}
_AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
# Served by the hand-written handlers in app.py (responses, chat create, models).
HANDLED_ELSEWHERE = frozenset(
    {
        ("POST", "/responses"),
        ("GET", "/responses/{response_id}"),
        ("DELETE", "/responses/{response_id}"),
        ("POST", "/responses/{response_id}/cancel"),
        ("GET", "/responses/{response_id}/input_items"),
        ("POST", "/chat/completions"),
        ("GET", "/models"),
        ("GET", "/models/{model}"),
    }
)


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=str)


class Catalog:
    """The spec-driven part of the fake. Thread-safe; `clear()` forgets stored objects."""

    def __init__(self, spec_path: str | None = None) -> None:
        self.spec: Spec | None = load_spec(spec_path)
        self._lock = threading.Lock()
        self._collections: dict[str, dict[str, dict[str, Any]]] = {}
        self._blobs: dict[str, bytes] = {}
        self._instances: dict[str, Any] = {}
        self._counter = 0
        self.in_progress_retrieves = 0
        self._retrieves: dict[str, int] = {}
        self.adopt_unknown_ids = False  # a setting, kept by `clear()`

    def clear(self) -> None:
        with self._lock:
            self._collections.clear()
            self._blobs.clear()
            self._counter = 0
            self.in_progress_retrieves = 0
            self._retrieves.clear()

    # -- validation ---------------------------------------------------------------------

    def check_request(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[Answer | None, Any]:
        """Validate a request's body. Returns (an error answer or None, the decoded body:
        JSON value or form fields)."""
        content_type = headers.get("content-type", "")
        decoded: Any = None
        form = content_type.startswith("multipart/form-data")
        if form:
            decoded = parse_form(content_type, body)
            if decoded is None:
                return _bad("Could not parse multipart form."), None
        elif body:
            try:
                decoded = orjson.loads(body)
            except orjson.JSONDecodeError:
                return None, None  # the handlers answer their own "could not parse JSON"
        if self.spec is None:
            return None, decoded
        found = self.spec.match(method, path)
        if found is None or decoded is None:
            return None, decoded
        op, _ = found
        media = "multipart/form-data" if form else "application/json"
        schema = op.request.get(media)
        if schema is None:
            return None, decoded
        value = _with_file_markers(decoded) if form else decoded
        failure = self.spec.validate(schema, value, form=form)
        if failure is not None:
            return _invalid(failure), decoded
        return None, decoded

    # -- routing ------------------------------------------------------------------------

    def handles(self, method: str, path: str) -> bool:
        """Whether this path is the catalog's (not one of the hand-written handlers')."""
        if self.spec is None:
            return not _handled_without_spec(method, path)
        found = self.spec.match(method, path)
        return found is not None and (method, found[0].template) not in HANDLED_ELSEWHERE

    def answer(self, method: str, path: str, query: Mapping[str, str], decoded: Any) -> Answer:
        body = decoded if isinstance(decoded, dict) else {}
        if self.spec is None:
            return self._answer_plain(method, path, query, body)
        found = self.spec.match(method, path)
        if found is None:
            return _not_found(method, path)
        op, params = found
        with self._lock:
            return self._answer(op, params, path, query, body)

    def _answer(
        self,
        op: Operation,
        params: dict[str, str],
        path: str,
        query: Mapping[str, str],
        body: dict[str, Any],
    ) -> Answer:
        spec = self.spec
        assert spec is not None
        binary = _binary_type(op, body, query)
        if binary is not None:
            return self._binary(path, params, body, binary)
        if body.get("stream") in (True, "true"):
            events = op.responses.get("text/event-stream")
            if events is None and op.template.startswith("/threads"):
                events = {"$ref": "#/components/schemas/AssistantStreamEvent"}
            if events is not None:
                return self._events(events, body)
            if "application/json" in op.responses and "{" not in op.template:
                # No event schema (legacy completions): each chunk has the answer's shape.
                chunk = self._make(op.responses["application/json"], params, body, key=path)
                return Answer(200, events=[b"data: " + _dumps(chunk) + b"\n\n", _DONE])
        schema = self._for_format(op.responses.get("application/json"), body)
        if schema is None:
            return Answer(200, b"{}")
        template = op.template
        parent, _, last = template.rpartition("/")
        if op.method == "GET" and self._is_list(schema):
            return self._list(op, template, path, params, query, schema)
        if op.template == "/embeddings":
            return _ok(_embeddings(self._make(schema, params, body, key=path), body))
        if op.method == "POST" and self._is_collection(template) and self._is_list(schema):
            return self._create_many(path, params, body, schema)
        if op.method == "POST" and self._is_collection(template):
            obj = self._make(schema, params, body, key=path)
            if obj.get("object") == "vector_store.file" and isinstance(body.get("file_id"), str):
                obj["id"] = body["file_id"]  # the API names a store's file by the file's id
            self._store(path, obj)
            return _ok(obj)
        if last.startswith("{") and self._is_collection(parent):
            collection = path.rsplit("/", 1)[0]
            item_id = params[last[1:-1]]
            stored = self._collections.get(collection, {}).get(item_id)
            if stored is None and self._creatable(parent) and not self.adopt_unknown_ids:
                return _missing(item_id)
            if stored is None:
                stored = self._make(schema, params, {}, key=path, item_id=item_id)
                self._adopt(collection, stored)
            if op.method == "DELETE":
                self._collections.get(collection, {}).pop(item_id, None)
                deleted = self._make(schema, params, {}, key=path, item_id=item_id)
                deleted.update(id=item_id, deleted=True)
                return _ok(deleted)
            if op.method == "POST" and op.operation_id.lower().startswith("cancel"):
                return self._set_status(stored, schema, "cancel")
            if op.method == "POST":
                changes = self._make(schema, params, body, key=path, item_id=item_id, only=body)
                stored.update(changes)
            elif op.method == "GET":
                self._settle(item_id, stored)
            return _ok(stored)
        _grand, _, action = parent.rpartition("/")
        if op.method == "POST" and last in _ACTIONS and action.startswith("{"):
            return self._act(op, params, path, schema, body, last)
        if op.method == "POST" and template == "/threads/runs":
            return self._create_and_run(schema, body)
        return _ok(self._make(schema, params, body, key=path))

    # -- shapes -------------------------------------------------------------------------

    def _for_format(self, schema: Any, body: Mapping[str, Any]) -> Any:
        """The branch of a union answer that `response_format` picks (a transcription's
        `verbose_json` -> `CreateTranscriptionResponseVerboseJson`), else the answer."""
        fmt = body.get("response_format")
        options = self._resolved(schema).get("oneOf") or self._resolved(schema).get("anyOf")
        if not isinstance(fmt, str) or not isinstance(options, list):
            return schema
        suffix = "Response" + "".join(part.title() for part in fmt.split("_"))
        refs = [o for o in options if isinstance(o, dict) and "$ref" in o]
        return next((o for o in refs if str(o["$ref"]).endswith(suffix)), schema)

    def _is_list(self, schema: Any) -> bool:
        resolved = self._resolved(schema)
        data = (resolved.get("properties") or {}).get("data")
        return isinstance(data, dict) and self._resolved(data).get("type") == "array"

    def _is_collection(self, template: str) -> bool:
        assert self.spec is not None
        prefix = template + "/{"
        listed = not template.endswith("}")
        return any(
            o.template.startswith(prefix)
            or (listed and o.template == template and o.method == "GET")
            for o in self.spec.operations
        )

    def _creatable(self, template: str) -> bool:
        assert self.spec is not None
        return any(
            o.template == template
            and o.method == "POST"
            and (o.method, o.template) not in HANDLED_ELSEWHERE
            for o in self.spec.operations
        )

    def _resolved(self, schema: Any) -> dict[str, Any]:
        assert self.spec is not None
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 8:
            schema = self.spec.resolve(str(schema["$ref"]))
            seen += 1
        return schema if isinstance(schema, dict) else {}

    def _instance(self, schema: Any) -> Any:
        assert self.spec is not None
        key = orjson.dumps(schema, option=orjson.OPT_SORT_KEYS, default=str).decode()
        cached = self._instances.get(key)
        if cached is None:
            cached = plausible(self.spec.document, schema)
            self._instances[key] = cached
        return copy.deepcopy(cached)

    # -- objects ------------------------------------------------------------------------

    def _new_id(self, obj: dict[str, Any]) -> str:
        self._counter += 1
        prefix = _PREFIXES.get(str(obj.get("object")), "obj_")
        digest = hashlib.sha1(str(self._counter).encode()).hexdigest()[:12]
        return f"{prefix}{self._counter:06d}{digest}"

    def _make(
        self,
        schema: Any,
        params: Mapping[str, str],
        body: Mapping[str, Any],
        *,
        key: str,
        item_id: str | None = None,
        only: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A generated object with the path's ids and the request's fields; with `only`,
        just the fields of the request (an update)."""
        obj = {} if only is not None else self._instance(schema)
        if not isinstance(obj, dict):
            return {"value": obj}
        fields = set((self._resolved(schema).get("properties") or {}).keys()) or set(obj)
        if only is None and ("id" in obj or "id" in fields):
            obj["id"] = item_id or self._new_id(obj)
        for name in ("created_at", "created"):
            if name in obj and isinstance(obj[name], int):
                obj[name] = CREATED
        for name, value in params.items():
            if name in fields:
                obj[name] = value
        props = self._resolved(schema).get("properties") or {}
        for name, value in body.items():
            if name not in props or name == "id" or isinstance(value, UploadedFile):
                continue
            # Echo a request field only where it has the answer's shape too.
            if self.spec is None or self.spec.validate(props[name], value) is None:
                obj[name] = value
        upload = next((v for v in body.values() if isinstance(v, UploadedFile)), None)
        if upload is not None:
            if "filename" in fields:
                obj["filename"] = upload.filename
            if "bytes" in fields:
                obj["bytes"] = len(upload.content)
            if "id" in obj:
                self._blobs[obj["id"]] = upload.content
        return obj

    def _store(self, collection: str, obj: dict[str, Any]) -> None:
        if "id" in obj:
            self._collections.setdefault(collection, {})[str(obj["id"])] = obj

    def _adopt(self, collection: str, obj: dict[str, Any]) -> None:
        """Keep an object generated for an unknown id, so later calls see its changes."""
        if self.adopt_unknown_ids:
            self._store(collection, obj)

    def _settle(self, item_id: str, stored: dict[str, Any]) -> None:
        """A retrieve of asynchronous work: still in progress for the first
        `in_progress_retrieves` retrieves, then done."""
        pending, done = _SETTLES.get(str(stored.get("object")), ((), ""))
        if stored.get("status") not in pending:
            return
        seen = self._retrieves.get(item_id, 0)
        if seen < self.in_progress_retrieves:
            self._retrieves[item_id] = seen + 1
            return
        self._retrieves.pop(item_id, None)
        stored["status"] = done
        counts = stored.get("file_counts")
        if isinstance(counts, dict):
            total = counts.get("total", 0)
            counts.update(in_progress=0, completed=total, failed=0, cancelled=0)

    def _create_and_run(self, schema: Any, body: dict[str, Any]) -> Answer:
        """`POST /threads/runs`: a new thread, and the run stored under it."""
        assert self.spec is not None
        found = self.spec.match("POST", "/threads")
        assert found is not None
        thread_schema = found[0].responses.get("application/json")
        thread_body = body.get("thread")
        thread = self._make(
            thread_schema, {}, thread_body if isinstance(thread_body, dict) else {}, key="/threads"
        )
        self._store("/threads", thread)
        runs = f"/threads/{thread['id']}/runs"
        run = self._make(schema, {"thread_id": str(thread["id"])}, body, key=runs)
        self._store(runs, run)
        return _ok(run)

    def _act(
        self,
        op: Operation,
        params: dict[str, str],
        path: str,
        schema: Any,
        body: dict[str, Any],
        verb: str,
    ) -> Answer:
        item_path = path.rsplit("/", 1)[0]
        collection, _, item_id = item_path.rpartition("/")
        parent = op.template.rsplit("/", 2)[0]
        stored = self._collections.get(collection, {}).get(item_id)
        if stored is None and self._creatable(parent) and not self.adopt_unknown_ids:
            return _missing(item_id)
        if stored is None:
            stored = self._make(schema, params, {}, key=item_path, item_id=item_id)
            self._adopt(collection, stored)
        if verb == "complete" and "file" in stored:
            stored["file"] = self._complete_upload(stored, body)
        return self._set_status(stored, schema, verb)

    def _set_status(self, stored: dict[str, Any], schema: Any, verb: str) -> Answer:
        """The status an action leads to, spelled as the schema's enum spells it."""
        status = self._resolved((self._resolved(schema).get("properties") or {}).get("status", {}))
        choices = [v for v in status.get("enum") or [] if isinstance(v, str)]
        wanted = _ACTIONS[verb]
        matching = [v for v in choices if v.startswith(wanted) and v != "cancelling"]
        if matching or "status" in stored:
            stored["status"] = matching[0] if matching else _ACTED[verb]
        return _ok(stored)

    def _complete_upload(self, upload: dict[str, Any], body: dict[str, Any]) -> Any:
        """An upload's parts, in `part_ids` order, become a stored file."""
        content = b"".join(self._blobs.get(str(pid), b"") for pid in body.get("part_ids") or [])
        return self._add_file(upload.get("filename"), upload.get("purpose"), content)

    def _add_file(self, filename: Any, purpose: Any, content: bytes) -> dict[str, Any]:
        file_id = self._new_id({"object": "file"})
        file = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": CREATED,
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        self._blobs[file_id] = content
        self._store("/files", file)
        return file

    # -- files for the Batch API (batches.py) -------------------------------------------

    def file(self, file_id: str) -> tuple[dict[str, Any], bytes] | None:
        """An uploaded file's object and bytes, if the fake holds it."""
        with self._lock:
            obj = self._collections.get("/files", {}).get(file_id)
            return None if obj is None else (dict(obj), self._blobs.get(file_id, b""))

    def add_file(self, filename: str, purpose: str, content: bytes) -> dict[str, Any]:
        """Store a file the fake produced (a batch's output), as an upload would be."""
        with self._lock:
            return self._add_file(filename, purpose, content)

    def _create_many(
        self, path: str, params: dict[str, str], body: dict[str, Any], schema: Any
    ) -> Answer:
        """A create answered with a list (checkpoint permissions: one per project)."""
        envelope = self._instance(schema)
        envelope = envelope if isinstance(envelope, dict) else {}
        lists = [v for v in body.values() if isinstance(v, list)]
        item_schema = self._item_schema(schema)
        created = []
        for _ in range(len(lists[0]) if lists else 1):
            obj = self._make(item_schema, params, {}, key=path)
            self._store(path, obj)
            created.append(obj)
        envelope.update(object="list", data=created)
        if "has_more" in envelope:
            envelope["has_more"] = False
        for name, index in (("first_id", 0), ("last_id", -1)):
            if name in envelope:
                envelope[name] = created[index].get("id")
        return _ok(envelope)

    def _item_schema(self, list_schema: Any) -> Any:
        data = (self._resolved(list_schema).get("properties") or {})["data"]
        return self._resolved(data).get("items", {})

    def _list(
        self,
        op: Operation,
        template: str,
        path: str,
        params: dict[str, str],
        query: Mapping[str, str],
        schema: Any,
    ) -> Answer:
        envelope = self._instance(schema)
        envelope = envelope if isinstance(envelope, dict) else {}
        items = self._collections.get(path)
        if items is None:
            items = {}
            if not self._creatable(template) or self.adopt_unknown_ids:
                item_schema = self._item_schema(schema)
                for _ in range(3):
                    obj = self._make(item_schema, params, {}, key=path)
                    items[str(obj.get("id", len(items)))] = obj
                self._collections[path] = items
        data = list(items.values())
        if query.get("order", "desc") == "desc":
            data.reverse()
        after = query.get("after")
        if after:
            ids = [str(o.get("id")) for o in data]
            data = data[ids.index(after) + 1 :] if after in ids else []
        paged = "has_more" in (self._resolved(schema).get("properties") or {})
        limit = int(query.get("limit", _PAGE)) if paged else len(data)
        page, rest = data[:limit], data[limit:]
        envelope["object"] = "list"
        envelope["data"] = page
        if paged:
            envelope["has_more"] = bool(rest)
        for name, index in (("first_id", 0), ("last_id", -1)):
            if name in envelope or paged:
                envelope[name] = page[index].get("id") if page else None
        if "next_page" in envelope:
            envelope["next_page"] = None
        return _ok(envelope)

    def _binary(
        self, path: str, params: dict[str, str], body: dict[str, Any], content_type: str
    ) -> Answer:
        item = path.removesuffix("/content").rsplit("/", 1)[-1]
        content = self._blobs.get(item)
        if content is None:
            seed = orjson.dumps(body, option=orjson.OPT_SORT_KEYS, default=str) + path.encode()
            content = fake_bytes(seed, 40_000)
        return Answer(200, content, headers=[(b"content-type", content_type.encode())])

    def _events(self, schema: Any, body: dict[str, Any]) -> Answer:
        resolved = self._resolved(schema)
        options = resolved.get("oneOf") or resolved.get("anyOf") or [schema]
        events: list[bytes] = []
        for sequence, option in enumerate(options):
            event = self._instance(option)
            if not isinstance(event, dict):
                continue
            if "sequence_number" in event:
                event["sequence_number"] = sequence
            name = event.get("type") or event.get("event")
            data = event["data"] if "event" in event and "data" in event else event
            head = b"event: " + str(name).encode() + b"\n" if name else b""
            events.append(head + b"data: " + _dumps(data) + b"\n\n")
        if any(e.startswith(b"event: thread.") for e in events):
            events.append(b"event: done\ndata: [DONE]\n\n")
        return Answer(200, events=events)

    # -- without the spec ---------------------------------------------------------------

    def _answer_plain(
        self, method: str, path: str, query: Mapping[str, str], body: dict[str, Any]
    ) -> Answer:
        parts = path.strip("/").split("/")
        name = parts[-1]
        with self._lock:
            if path.endswith("/content") or path == "/audio/speech":
                return self._binary(path, {}, body, "application/octet-stream")
            if len(parts) % 2 == 0 and method in ("GET", "DELETE", "POST"):
                collection = "/" + "/".join(parts[:-1])
                stored = self._collections.get(collection, {}).get(name)
                if stored is None:
                    stored = {"id": name, "object": parts[-2].rstrip("s")}
                if method == "DELETE":
                    self._collections.get(collection, {}).pop(name, None)
                    return _ok({"id": name, "object": stored.get("object"), "deleted": True})
                stored.update(body)
                return _ok(stored)
            if method == "GET":
                data = list(self._collections.get(path, {}).values())
                return _ok({"object": "list", "data": data, "has_more": False})
            obj = {"object": name.rstrip("s"), "created_at": CREATED, **_plain(body)}
            obj["id"] = self._new_id(obj)
            self._store(path, obj)
            return _ok(obj)


def fake_bytes(seed: bytes, size: int) -> bytes:
    """Deterministic binary content of `size` bytes for a seed."""
    block = hashlib.sha256(seed).digest()
    out = bytearray()
    while len(out) < size:
        out += block
        block = hashlib.sha256(block).digest()
    return bytes(out[:size])


def _binary_type(op: Operation, body: dict[str, Any], query: Mapping[str, str]) -> str | None:
    if body.get("stream_format") == "sse" and "text/event-stream" in op.responses:
        return None
    for media, schema in op.responses.items():
        if media in ("application/json", "text/event-stream"):
            continue
        if isinstance(schema, dict) and schema.get("format") == "binary":
            if media == "application/octet-stream" and op.template == "/audio/speech":
                return _AUDIO_TYPES.get(str(body.get("response_format", "mp3")), "audio/mpeg")
            if media == "video/mp4" and query.get("variant") not in (None, "video"):
                continue
            return media
    if op.method == "GET" and op.template.endswith("/content"):
        answer = op.responses.get("application/json")
        plain = not isinstance(answer, dict) or answer.get("type") in (None, "string")
        if plain and "$ref" not in (answer or {}):
            return "application/octet-stream"
    return None


def _handled_without_spec(method: str, path: str) -> bool:
    if path.startswith("/models"):
        return True
    if path == "/chat/completions" and method == "POST":
        return True
    if not path.startswith("/responses"):
        return False
    return path not in ("/responses/input_tokens", "/responses/compact")


def _embeddings(response: dict[str, Any], body: Mapping[str, Any]) -> dict[str, Any]:
    """One vector per input, derived from its text (`dimensions` long, 16 by default); for
    `encoding_format: base64` sent as the API sends it: little-endian float32, base64."""
    inputs = body.get("input")
    if not isinstance(inputs, list) or (inputs and isinstance(inputs[0], int)):
        inputs = [inputs]
    dimensions = body.get("dimensions")
    size = dimensions if isinstance(dimensions, int) and dimensions > 0 else 16
    data = []
    for index, text in enumerate(inputs):
        seed = fake_bytes(str(text).encode(), size)
        values = [round((b - 128) / 128, 4) for b in seed]
        vector: Any = values
        if body.get("encoding_format") == "base64":
            vector = base64.b64encode(struct.pack(f"<{size}f", *values)).decode()
        data.append({"object": "embedding", "index": index, "embedding": vector})
    response["data"] = data
    return response


def _plain(body: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in body.items():
        if isinstance(value, UploadedFile):
            out.setdefault("filename", value.filename)
            out.setdefault("bytes", len(value.content))
        else:
            out[key] = value
    return out


def _with_file_markers(value: Any) -> Any:
    if isinstance(value, UploadedFile):
        return "<binary>"
    if isinstance(value, dict):
        return {k: _with_file_markers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_file_markers(v) for v in value]
    return value


def _ok(value: Any) -> Answer:
    return Answer(200, _dumps(value))


def _bad(message: str) -> Answer:
    return Answer(400, _dumps(error_body(message)))


def _invalid(failure: ValidationFailure) -> Answer:
    code = "invalid_value"
    if "missing required" in failure.message:
        code = "missing_required_parameter"
    elif "unknown parameter" in failure.message:
        code = "unknown_parameter"
    where = failure.param or "(body)"
    message = f"Invalid value for '{where}': {failure.message} (schema: {failure.pointer})."
    return Answer(400, _dumps(error_body(message, param=failure.param or None, code=code)))


def _missing(item_id: str) -> Answer:
    return Answer(404, _dumps(error_body(f"No such object: '{item_id}'.", code="not_found")))


def _not_found(method: str, path: str) -> Answer:
    return Answer(404, _dumps(error_body(f"Invalid URL ({method} /v1{path})")))
