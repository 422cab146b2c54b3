"""A call that lacks a required parameter fails before anything is sent, naming it.

The spec says which body and query parameters each operation requires, and (in its Python
request samples) which SDK method calls the operation. Every such method is called with its
path parameters only, on the async and the sync client: it must raise `TypeError` naming
each required parameter, and the transport must see no request.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide._transport.mock import MockResponse, MockTransport
from openai_oxide.testing.spec import load_spec
from samples.harness import extract
from support import SHARED

SPEC = SHARED / "spec" / "openapi.yaml"
_CALL = re.compile(r"client\.((?:\w+\.)*\w+)\(")
_WRAPPERS = re.compile(r"with_(?:raw|streaming)_response\.")


def _resolve(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].split("/")[1:]:
            target = target[part]
        node = target
    return node


def _required_of(document: dict[str, Any], schema: Any) -> set[str]:
    """A body schema's required properties, through `allOf` (a union requires nothing)."""
    schema = _resolve(document, schema)
    if not isinstance(schema, dict):
        return set()
    found = set(schema.get("required") or ())
    for part in schema.get("allOf") or ():
        found |= _required_of(document, part)
    return found


def _sample_call(code: str, required: set[str]) -> str | None:
    """The SDK method a sample calls for its operation: of the calls in the sample, the one
    whose arguments name the most required parameters; on a tie the last (a sample sets
    things up first, e.g. `list()` to find an id, then makes its call)."""
    best: tuple[int, int, str] | None = None
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        match = _CALL.fullmatch(ast.unparse(node.func) + "(")
        if match is None:
            continue
        named = len(required & {kw.arg for kw in node.keywords if kw.arg})
        method = _WRAPPERS.sub("", match.group(1))
        if best is None or (named, node.lineno) >= best[:2]:
            best = (named, node.lineno, method)
    return best[2] if best else None


def _required_body(document: dict[str, Any], op: dict[str, Any]) -> set[str]:
    """Required in every content type the operation takes (JSON or multipart)."""
    contents = list(((op.get("requestBody") or {}).get("content") or {}).values())
    found = [_required_of(document, content.get("schema")) for content in contents]
    return set.intersection(*found) if found else set()


# Operations whose spec examples have no Python sample (curl only): their SDK method, by
# operationId. Their required parameters still come from the spec.
WITHOUT_SAMPLE = {
    "createSpeech": "audio.speech.create",
    "createUpload": "uploads.create",
    "completeUpload": "uploads.complete",
    "addUploadPart": "uploads.parts.create",
    "CreateContainer": "containers.create",
    "validateGrader": "fine_tuning.alpha.graders.validate",
    "createFineTuningCheckpointPermission": "fine_tuning.checkpoints.permissions.create",
    "updateVectorStoreFileAttributes": "vector_stores.files.update",
    "searchVectorStore": "vector_stores.search",
    "createVoiceConsent": "audio.voice_consents.create",
    "updateVoiceConsent": "audio.voice_consents.update",
    "createVoice": "audio.voices.create",
    "accept-realtime-call": "realtime.calls.accept",
    "refer-realtime-call": "realtime.calls.refer",
    "create-realtime-translation-client-secret": "realtime.translations.client_secrets.create",
    "CreateSkill": "skills.create",
    "UpdateSkillDefaultVersion": "skills.update",
    "CreateSkillVersion": "skills.versions.create",
    "CreateVideoEdit": "videos.edit",
    "CreateVideoExtend": "videos.extend",
    "CreateVideoCharacter": "videos.create_character",
    "Createcontentprovenancecheck": "content_provenance_checks.create",
}


def _required(document: dict[str, Any], op: dict[str, Any]) -> set[str]:
    required = _required_body(document, op)
    for param in op.get("parameters") or ():
        param = _resolve(document, param)
        if param.get("in") == "query" and param.get("required"):
            required.add(param["name"])
    return required


def required_calls() -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(operationId, SDK method path, its required body and query parameters)."""
    spec = load_spec(SPEC)
    if spec is None:
        return
    document = spec.document
    seen: set[str] = set()
    for item in document["paths"].values():
        for op in item.values():
            method = isinstance(op, dict) and WITHOUT_SAMPLE.get(op.get("operationId", ""))
            if method and _required(document, op):
                seen.add(method)
                yield op["operationId"], method, tuple(sorted(_required(document, op)))
    for sample in extract(document):
        op = document["paths"][sample.path][sample.method.lower()]
        required = _required(document, op)
        method = _sample_call(sample.code, required) if required else None
        if method is None or method in seen or _bound(_PROBE, method) is None:
            continue  # groups the SDK leaves out (admin) are listed by the coverage test
        seen.add(method)
        yield sample.id.split("[")[0], method, tuple(sorted(required))


def _bound(client: Any, dotted: str) -> Any:
    target = client
    for part in dotted.split("."):
        target = getattr(target, part, None)
    return target


# Resolves method names and signatures; it never sends.
_PROBE = AsyncOpenAI(api_key="sk-test", transport=MockTransport(lambda request: MockResponse()))
CALLS = list(required_calls())


def _path_args(method: Any, required: tuple[str, ...]) -> dict[str, str]:
    """A value for each parameter with no default that the spec does not list as a body or
    query parameter: the path parameters (`thread_id`, ...)."""
    return {
        name: "x_1"
        for name, param in inspect.signature(method).parameters.items()
        if param.default is inspect.Parameter.empty
        and param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY)
        and name not in required
    }


def test_the_spec_lists_methods_with_required_parameters() -> None:
    if not CALLS:
        pytest.skip(f"spec not found at {SPEC}")
    methods = {method for _, method, _ in CALLS}
    assert {"chat.completions.create", "responses.compact", "embeddings.create"} <= methods
    assert set(WITHOUT_SAMPLE.values()) <= methods  # each is in the spec, with requirements


@pytest.mark.parametrize(("operation", "method", "required"), CALLS, ids=[c[1] for c in CALLS])
async def test_async_call_without_required_parameters_sends_nothing(
    operation: str, method: str, required: tuple[str, ...]
) -> None:
    sent: list[object] = []
    transport = MockTransport(lambda request: sent.append(request) or MockResponse(200, body=b"{}"))
    client = AsyncOpenAI(api_key="sk-test", transport=transport, max_retries=0)
    bound = _bound(client, method)
    with pytest.raises(TypeError) as info:
        await bound(**_path_args(bound, required))
    for name in required:
        assert f"'{name}'" in str(info.value), (operation, str(info.value))
    assert sent == []


@pytest.mark.parametrize(("operation", "method", "required"), CALLS, ids=[c[1] for c in CALLS])
def test_sync_call_without_required_parameters_sends_nothing(
    operation: str, method: str, required: tuple[str, ...]
) -> None:
    sent: list[object] = []
    transport = MockTransport(lambda request: sent.append(request) or MockResponse(200, body=b"{}"))
    with OpenAI(api_key="sk-test", transport=transport, max_retries=0) as client:
        bound = _bound(client, method)
        path_args = _path_args(
            _bound(_PROBE, method), required
        )  # the sync proxy's is (*args, **kwargs)
        with pytest.raises(TypeError) as info:
            bound(**path_args)
    for name in required:
        assert f"'{name}'" in str(info.value), (operation, str(info.value))
    assert sent == []


@pytest.mark.parametrize("helper", ["stream", "parse", "create_stream_fc"])
async def test_chat_helpers_check_the_required_parameters_too(helper: str) -> None:
    sent: list[object] = []
    transport = MockTransport(lambda request: sent.append(request) or MockResponse(200, body=b"{}"))
    client = AsyncOpenAI(api_key="sk-test", transport=transport, max_retries=0)
    call = getattr(client.chat.completions, helper)
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'messages'"):
        result = call(model="gpt-4o")
        if inspect.isawaitable(result):
            await result
    assert sent == []
