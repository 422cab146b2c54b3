"""What servers send and the official package reads that the spec does not describe yet,
written as spec schemas: the generator reads openapi.yaml with these added (`extend`, called
by spec.load), so it emits their classes like any other, at their official paths, lenient
and walked by tests/types/test_spec_coverage.py like the spec's own.

- `SCHEMAS`: whole schemas the spec lacks (a stored item, a stream event);
- `PROPERTIES`: fields a spec schema lacks (spec schema, or a JSON pointer under it);
- `MEMBERS`: the unions those schemas join, after the member the official union has before;
- `TITLED_MEMBERS`: the same for unions whose members the spec writes in place, by title.

The beta Responses API's copies of the Responses schemas (`Beta*`) get the same additions
(`_beta_twins`, `_beta_titled`), and `BETA_PROPERTIES` the fields only the beta classes have.

Each entry says why. Where a later spec has the schema or the field, the spec's wins and the
entry is stale: tests/types/test_generator_overrides.py fails until it is removed.
"""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

from . import beta_responses

PREFIX = "#/components/schemas/"
COPY = "x-copy-of"  # a component schema copied in place when the additions are made


class Added(NamedTuple):
    schema: dict[str, Any]
    why: str


def _const(value: str, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "enum": [value],
        "x-stainless-const": True,
        "description": description,
    }


def _enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": PREFIX + name}


_OFFICIAL = "in the official 3.57 models and sent by servers; the spec does not describe it yet"

SCHEMAS: dict[str, Added] = {
    "ConfigurationUpdate": Added(
        {
            "type": "object",
            "description": "A configuration update for subsequent responses. Each setting stays"
            " in effect until a later update replaces that setting.\n",
            "properties": {
                "id": {
                    "type": "string",
                    "description": "The unique ID of the configuration update item.",
                },
                "type": _const("configuration_update", "The item type."),
                "reasoning": {
                    "type": "object",
                    "description": "The reasoning configuration applied by this update.",
                    # the spec's `ReasoningEffort`, copied: a `$ref` would make the
                    # generator home it here, away from the groups that share it
                    "properties": {"effort": {COPY: "ReasoningEffort"}},
                },
                "text": {
                    "type": "object",
                    "description": "The text output configuration for subsequent responses.",
                    "properties": {
                        "format": {
                            "oneOf": [
                                _ref("ResponseFormatText"),
                                _ref("TextResponseFormatJsonSchema"),
                            ],
                        }
                    },
                    "required": ["format"],
                },
            },
            "required": ["id", "type"],
        },
        "a stored item of `responses.input_items.list` and `conversations.items.list`, "
        + _OFFICIAL,
    ),
    "ConfigurationUpdateItemParam": Added(
        {
            "type": "object",
            "title": "Configuration update",
            "description": "A configuration update for subsequent responses. Supply reasoning,"
            " text, or both. Each setting stays in effect until a later update replaces it.\n",
            "properties": {
                "id": {
                    "anyOf": [
                        {"type": "string", "description": "The unique ID of the item."},
                        {"type": "null"},
                    ]
                },
                "type": _const("configuration_update", "The item type."),
                "reasoning": {
                    "type": "object",
                    "description": "The reasoning configuration for subsequent responses.",
                    "properties": {"effort": _ref("ReasoningEffort")},
                },
                "text": {
                    "type": "object",
                    "description": "The text output configuration for subsequent responses.",
                    # officially `text` or `json_schema`: the request's formats (with
                    # `json_object`), so that no other group's params move
                    "properties": {"format": _ref("TextResponseFormatConfiguration")},
                    "required": ["format"],
                },
            },
            "required": ["type"],
        },
        "the input item that sends a `ConfigurationUpdate` (`responses.create(input=...)`), "
        + _OFFICIAL,
    ),
    "ResponseCompactionCompactingEvent": Added(
        {
            "type": "object",
            "description": "Emitted when new summary content is sampled for a compaction"
            " trigger. Contains no summary content.\n",
            "properties": {
                "item_id": {"type": "string", "description": "The ID of the compaction item."},
                "output_index": {
                    "type": "integer",
                    "description": "The index of the compaction output item.",
                },
                "sequence_number": {
                    "type": "integer",
                    "description": "The sequence number of the event that was emitted.",
                },
                "type": _const("response.compaction.compacting", "The type of the event."),
            },
            "required": ["item_id", "output_index", "sequence_number", "type"],
        },
        "the stream event `response.compaction.compacting`, " + _OFFICIAL,
    ),
    "FileContent": Added(
        {"type": "string", "description": "The contents of a file, as the API answers them."},
        "the answer of `files.retrieve_content` (`GET /files/{file_id}/content`), which the spec"
        " writes in place (`type: string`) and the official package names (`types.file_content`:"
        " `FileContent = str`)",
    ),
    "ConversationItemContent": Added(
        {
            "type": "object",
            "properties": {
                "id": {
                    "type": "string",
                    "description": "ID of a previous conversation item to reference (for"
                    " `item_reference` content types in `response.create` events). These can"
                    " reference both client and server created items.\n",
                },
                "audio": {
                    "type": "string",
                    "description": "Base64-encoded audio bytes, used for `input_audio` content"
                    " type.",
                },
                "text": {
                    "type": "string",
                    "description": "The text content, used for `input_text` and `text` content"
                    " types.",
                },
                "transcript": {
                    "type": "string",
                    "description": "The transcript of the audio, used for `input_audio` and"
                    " `audio` content types.",
                },
                "type": {
                    **_enum("input_text", "input_audio", "item_reference", "text", "audio"),
                    "description": "The content type (`input_text`, `input_audio`,"
                    " `item_reference`, `text`, `audio`).\n",
                },
            },
        },
        "a content part of the beta Realtime protocol's items (`types.beta.realtime`): the"
        " spec no longer lists the beta item, whose events carry the GA item union; " + _OFFICIAL,
    ),
    "RealtimeConnectParams": Added(
        {"type": "object", "properties": {"model": {"type": "string"}}, "required": ["model"]},
        "the query of a beta Realtime connection (`client.beta.realtime.connect(model=...)`):"
        " the spec has no schema for a WebSocket's query; in the official 3.57 params",
    ),
    "RealtimeConnectParamsGA": Added(
        {
            "type": "object",
            "properties": {"call_id": {"type": "string"}, "model": {"type": "string"}},
        },
        "the query of a Realtime connection (`client.realtime.connect(...)`), a model or a"
        " call to join: the spec has no schema for a WebSocket's query; in the official 3.57"
        " params",
    ),
}


def _obj(properties: dict[str, Any], *required: str, description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties, "required": list(required)}
    return out | ({"description": description} if description else {})


def _int(description: str = "") -> dict[str, Any]:
    return {"type": "integer"} | ({"description": description} if description else {})


def _str(description: str = "") -> dict[str, Any]:
    return {"type": "string"} | ({"description": description} if description else {})


def _tagged(tag: str, *required: str, **properties: dict[str, Any]) -> dict[str, Any]:
    """A member of the `prompt_cache_diagnostics` union, tagged `type: tag`."""
    return _obj({**properties, "type": _const(tag, "The diagnostics type.")}, *required, "type")


_IMAGE_TOKENS = {
    "image_tokens": _int("The number of image tokens."),
    "text_tokens": _int("The number of text tokens."),
}

# `Response`'s fields the spec lacks, as the official 3.57 `Response` has them
_RESPONSE: dict[str, Added] = {
    "access_programs": Added(
        _obj(
            {
                "cyber": {
                    **_enum("standard", "daybreak_blue", "daybreak_red"),
                    "description": "The effective Cyber access program used for this response.",
                }
            },
            "cyber",
        ),
        _OFFICIAL,
    ),
    "image": Added(
        _obj(
            {
                "context_compression": {
                    **_enum("enabled", "disabled"),
                    "description": "Effective image context optimization policy.",
                }
            },
            "context_compression",
        ),
        _OFFICIAL,
    ),
    "input_transformations": Added(
        {
            "type": "array",
            "items": _obj(
                {
                    "id": _str("The original reasoning item ID."),
                    "action": _enum("removed"),
                    "reason": _enum(
                        "organization_mismatch",
                        "end_user_mismatch",
                        "model_mismatch",
                        "prefix_mismatch",
                        "turn_boundary",
                    ),
                    "type": _const("reasoning", "The transformed item's type."),
                },
                "id",
                "action",
                "reason",
                "type",
            ),
        },
        _OFFICIAL,
    ),
    "prompt_cache_diagnostics": Added(
        {
            "oneOf": [
                _tagged(
                    "cache_miss",
                    "cache_missed_tokens",
                    "reason",
                    cache_missed_tokens=_int(
                        "The estimated number of input tokens affected after the first"
                        " detected divergence."
                    ),
                    reason={
                        **_enum(
                            "model_changed",
                            "prompt_cache_key_changed",
                            "tools_changed",
                            "text_format_changed",
                            "reasoning_effort_changed",
                            "verbosity_changed",
                            "context_compacted",
                            "input_changed",
                            "service_tier_changed",
                        ),
                        "description": "The reason prompt cache reuse did not occur.",
                    },
                    comparison_reusable_tokens=_int(
                        "The raw token count of the reusable prefix in the compared response."
                    ),
                ),
                _tagged("cache_hit"),
                _tagged("comparison_response_not_found"),
                _tagged("unavailable"),
            ],
            "discriminator": {"propertyName": "type"},
        },
        _OFFICIAL,
    ),
    "tool_usage": Added(
        _obj(
            {
                "image_gen": _obj(
                    {
                        "input_tokens": _int("The number of tokens in the input prompt."),
                        "input_tokens_details": _obj(dict(_IMAGE_TOKENS), *_IMAGE_TOKENS),
                        "output_tokens": _int("The number of output tokens generated."),
                        "total_tokens": _int("The total number of tokens used."),
                        "cached_tokens": _int(),
                        "cached_tokens_details": _obj(
                            {"cached_image_tokens": _int(), "cached_text_tokens": _int()},
                            "cached_image_tokens",
                            "cached_text_tokens",
                        ),
                        "output_tokens_details": _obj(dict(_IMAGE_TOKENS), *_IMAGE_TOKENS),
                    },
                    "input_tokens",
                    "input_tokens_details",
                    "output_tokens",
                    "total_tokens",
                    description="Aggregated usage statistics for image generation tool calls.",
                ),
                "web_search": _obj(
                    {"num_requests": _int("The number of billable web search requests.")},
                    "num_requests",
                    description="Aggregated billable usage statistics for web search tool calls.",
                ),
            },
            "image_gen",
            "web_search",
            description="Usage reported by hosted tools, separate from base model `usage`.",
        ),
        _OFFICIAL,
    ),
}

# a call the model did not wait for: the official `async_` (alias `async`), in the official
# models and their request params alike
_ASYNC = Added(
    {"type": "boolean", "description": "Whether the model did not wait for this call."},
    _OFFICIAL,
)

# A `response.create` whose input refers to items already in the Realtime session by id: the
# spec shows `{"type": "item_reference", "id": ...}` only in the event's example, where its
# `input` holds `RealtimeConversationItem`s alone; the official 3.57 has these request types.
_REFERENCES = (
    "sent by clients and accepted by servers (the spec's own `response.create` example); the"
    " spec's `input` items lack it; in the official 3.57 params"
)
SCHEMAS |= {
    "ResponseItemReference": Added(
        _obj(
            {
                "id": _str("The ID of an existing item in the same Realtime session."),
                "type": _const("item_reference", "The type of this item."),
            },
            "id",
            "type",
            description="Reference an existing item in this Realtime session as"
            " response.create input. Item references are only accepted in the response input"
            " array, not as new conversation items.",
        ),
        _REFERENCES,
    ),
    # the response's parameters (`allOf` the spec's), with `input` taking references too
    "RealtimeResponseCreateParamsWithReferences": Added(
        {
            "type": "object",
            "description": "Create a new Realtime response with these parameters.",
            "allOf": [_ref("RealtimeResponseCreateParams")],
            "properties": {
                "input": {
                    "type": "array",
                    "description": "Input items to include in the prompt for the model: new"
                    " items, or references to items that previously appeared in the session"
                    " by their id.",
                    "items": {
                        "anyOf": [
                            _ref("RealtimeConversationItem"),
                            _ref("ResponseItemReference"),
                        ]
                    },
                }
            },
        },
        _REFERENCES,
    ),
    "ResponseCreateEventWithReferences": Added(
        _obj(
            {
                "event_id": _str("Optional client-generated ID used to identify this event."),
                "type": _const("response.create", "The event type, must be `response.create`."),
                "response": _ref("RealtimeResponseCreateParamsWithReferences"),
            },
            "type",
            description="The `response.create` client event, whose response input may refer to"
            " existing items by id.",
        ),
        _REFERENCES,
    ),
}

PROPERTIES: dict[str, dict[str, Added]] = {
    "Response/allOf/2": _RESPONSE,
    # the compacted response reports the image policy in effect, as `Response` does
    "CompactResource": {"image": _RESPONSE["image"]},
    "FunctionToolCall": {"async": _ASYNC},
    "CustomToolCall": {"async": _ASYNC},
    "PromptCacheBreakpointConfig": {
        "ttl": Added(
            {"type": "string", "description": "The TTL the breakpoint inherits."},
            "the official model and request param have it; " + _OFFICIAL,
        )
    },
    "ResponseErrorEvent": {
        "error": Added(
            _ref("ResponseError"),
            "the WebSocket mode's error event nests the error (`{type: error, status, error}`);"
            " the spec describes only the HTTP stream's flat one",
        )
    },
    "ResponseError/anyOf/0": {
        "param": Added(_str("The request parameter the error is about."), _OFFICIAL),
        "type": Added(_str("The error type."), _OFFICIAL),
        "misalignment": Added(
            _obj(
                {
                    "detailed_explanation": _str("The public explanation for this block."),
                    "error_type": {
                        **_enum(
                            "potentially_unintended_data_transfer",
                            "potentially_unintended_data_access",
                            "potentially_unintended_destructive_activity",
                            "other",
                        ),
                        "description": "An optional classification; clients must accept"
                        " additional values.",
                    },
                    "review_target": _str(
                        "An opaque target for explicitly continuing this review."
                    ),
                    "steer": _obj(
                        {"message": _str("The public continuation instruction.")},
                        "message",
                        description="An optional public continuation instruction.",
                    ),
                },
            ),
            _OFFICIAL,
        ),
    },
    "ImageGenToolCall": {
        "action": Added(
            {**_enum("generate", "edit", "auto"), "description": "The action used."},
            _OFFICIAL,
        ),
        "background": Added(
            {
                **_enum("transparent", "opaque", "auto"),
                "description": "The background setting used for generation.",
            },
            _OFFICIAL,
        ),
        "error": Added(
            {
                "type": "object",
                "description": "Details of a moderation failure, when available.",
                "properties": {
                    "code": {"type": "string", "description": "The error code."},
                    "message": {"type": "string", "description": "A description of the error."},
                    "param": {"type": "string", "description": "The related request parameter."},
                    "type": {"type": "string", "description": "The error type."},
                    "moderation_details": {
                        "type": "object",
                        "description": "Public details for a `moderation_blocked` error.",
                        "properties": {
                            "categories": {"type": "array", "items": {"type": "string"}},
                            "moderation_stage": _enum("input", "output", "unknown"),
                        },
                        "required": ["categories", "moderation_stage"],
                    },
                },
                "required": ["message", "type"],
            },
            _OFFICIAL,
        ),
        "output_format": Added(
            {
                **_enum("png", "webp", "jpeg", "gif", "svg"),
                "description": "The output format used for generation.",
            },
            _OFFICIAL,
        ),
        "quality": Added(
            {
                **_enum("low", "medium", "high", "xhigh", "max", "auto"),
                "description": "The quality of the generated image.",
            },
            _OFFICIAL,
        ),
        "revised_prompt": Added(
            {"type": "string", "description": "The prompt used after any rewriting."},
            _OFFICIAL,
        ),
        "size": Added(
            {
                "type": "string",
                "description": "The image dimensions as a `WIDTHxHEIGHT` string.",
            },
            _OFFICIAL,
        ),
        "svg_usage": Added(
            {
                "type": "object",
                "properties": {
                    name: {"type": "integer"}
                    for name in (
                        "input_tokens",
                        "output_tokens",
                        "reasoning_tokens",
                        "total_tokens",
                    )
                }
                | {"model": {"type": "string"}},
                "required": [
                    "input_tokens",
                    "model",
                    "output_tokens",
                    "reasoning_tokens",
                    "total_tokens",
                ],
            },
            _OFFICIAL,
        ),
    },
    "ResponseUsage/properties/input_tokens_details": {
        "cache_write_tokens_details": Added(
            {
                "type": "object",
                "description": "The input tokens written to the cache, by cache TTL.",
                "properties": {
                    "ttl_12h_tokens": {
                        "type": "integer",
                        "description": "The input tokens written with 12-hour retention.",
                    },
                    "ttl_30m_tokens": {
                        "type": "integer",
                        "description": "The input tokens written with 30-minute retention.",
                    },
                },
                "required": ["ttl_12h_tokens", "ttl_30m_tokens"],
            },
            "the official model's breakdown of `cache_write_tokens` by TTL; " + _OFFICIAL,
        )
    },
    "ChatCompletionStreamResponseDelta": {
        "audio": Added(
            {
                "type": "object",
                "description": "A partial audio response. Audio chunks may carry an ID, base64"
                " data, or transcript text; the final audio update contains only its expiry"
                " timestamp.\n",
                "properties": {
                    "id": {"type": "string", "description": "The ID of this audio response."},
                    "data": {"type": "string", "description": "Base64 encoded audio bytes."},
                    "expires_at": {
                        "type": "integer",
                        "description": "When this audio response expires (Unix seconds).",
                    },
                    "transcript": {
                        "type": "string",
                        "description": "Transcript text from this audio chunk.",
                    },
                },
            },
            "the streamed audio of a chat completion, " + _OFFICIAL,
        )
    },
}

# added object -> its fields in the official order, where the generator's rule gives another
ORDER: dict[str, tuple[str, ...]] = {
    "ImageGenToolCall/properties/error": ("code", "message", "param", "type", "moderation_details")
}

# union schema -> (added schema, the member it follows in the official union; "" = last)
MEMBERS: dict[str, tuple[tuple[str, str], ...]] = {
    "ItemResource": (("ConfigurationUpdate", "AdditionalTools"),),
    "ConversationItem": (("ConfigurationUpdate", "AdditionalTools"),),
    "Item": (("ConfigurationUpdateItemParam", "AdditionalToolsItemParam"),),
    "ResponseStreamEvent": (("ResponseCompactionCompactingEvent", ""),),
}


def _ws_event(title: str, event: str, description: str) -> dict[str, Any]:
    """A Responses WebSocket server event as the spec writes them: a stream event and the lane
    it came on."""
    lane = "The WebSocket lane that emitted this event. This field is present when the"
    lane += " originating `response.create` event supplied a `stream_id`."
    return {
        "title": title,
        "description": description,
        "allOf": [
            {"$ref": PREFIX + event},
            {"type": "object", "properties": {"stream_id": _str(lane)}},
        ],
    }


# union schema -> (an inline member, the title of the member it follows in the official union)
TITLED_MEMBERS: dict[str, tuple[tuple[dict[str, Any], str], ...]] = {
    # the WebSocket's compaction event, as `ResponseStreamEvent` has it (MEMBERS): _OFFICIAL
    "ResponsesServerEvent": (
        (
            _ws_event(
                "ResponseCompactionWsCompacting",
                "ResponseCompactionCompactingEvent",
                "Emitted when new summary content is sampled for a compaction trigger.",
            ),
            "ResponseCodeInterpreterCallWsInterpreting",
        ),
    ),
}


_AGENT = "the agent of a multi-agent response, in the official 3.57 beta class; the spec's"
_AGENT += " beta copy of the Responses schema (which has no agent) does not describe it yet"

# fields of a beta twin (spec_additions' own schemas, copied for the beta API by `_beta_twins`)
# that only the beta classes have: the agent that produced it, as the spec's other beta items
BETA_PROPERTIES: dict[str, dict[str, Added]] = {
    name: {
        "agent": Added(
            {
                "anyOf": [_ref(tag), {"type": "null"}],
                "description": "The agent that produced this item.",
            },
            _AGENT,
        )
    }
    for name, tag in (
        ("BetaConfigurationUpdate", "BetaAgentTag"),
        ("BetaConfigurationUpdateItemParam", "Beta_AgentTagParam"),
        ("BetaResponseCompactionCompactingEvent", "BetaAgentTag"),
    )
}


def _beta_titled(schemas: dict[str, Any]) -> dict[str, tuple[tuple[dict[str, Any], str], ...]]:
    """TITLED_MEMBERS for the beta twins of their unions: each member's title, and the
    schemas it refers to, with `Beta` in front (`BetaResponseCompactionWsCompacting`)."""
    beta = beta_responses.PREFIX

    def twin(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and beta + ref.removeprefix(PREFIX) in schemas:
                return {**node, "$ref": PREFIX + beta + ref.removeprefix(PREFIX)}
            title = node.get("title")
            titled = {"title": beta + title} if isinstance(title, str) else {}
            return {k: twin(v) for k, v in node.items()} | titled
        if isinstance(node, list):
            return [twin(v) for v in node]
        return node

    return {
        beta + union: tuple((twin(member), beta + after) for member, after in titled)
        for union, titled in TITLED_MEMBERS.items()
        if beta + union in schemas
    }


def _at(schemas: dict[str, Any], where: str) -> dict[str, Any]:
    """The schema at `where`: a component name, or a JSON pointer below one."""
    name, *parts = where.split("/")
    node: dict[str, Any] = schemas[name]
    for part in parts:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _copied(node: Any, schemas: dict[str, Any]) -> Any:
    """A copy of `node` (the spec never shares a dict with this module), each `{COPY: name}`
    replaced by a copy of that component schema."""
    if isinstance(node, dict):
        if COPY in node:
            return copy.deepcopy(schemas[node[COPY]])
        return {k: _copied(v, schemas) for k, v in node.items()}
    if isinstance(node, list):
        return [_copied(v, schemas) for v in node]
    return node


def extend(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` (as loaded, changed in place) with the additions the spec lacks; what the
    spec already has is left as the spec says it."""
    schemas: dict[str, Any] = spec["components"]["schemas"]
    _apply(schemas, SCHEMAS, PROPERTIES, MEMBERS)
    # the beta Responses API's copies of the Responses schemas lack the same
    _apply(schemas, *_beta_twins(schemas))
    _apply(schemas, {}, {k: v for k, v in BETA_PROPERTIES.items() if k in schemas}, {})
    for union, titled in (TITLED_MEMBERS | _beta_titled(schemas)).items():
        variants = schemas[union].get("oneOf") or schemas[union]["anyOf"]
        for member, after in titled:
            titles = [v.get("title") for v in variants]
            if member["title"] not in titles:
                variants.insert(titles.index(after) + 1, _copied(member, schemas))
    return spec


def _apply(
    schemas: dict[str, Any],
    added_schemas: dict[str, Added],
    added_properties: dict[str, dict[str, Added]],
    added_members: dict[str, tuple[tuple[str, str], ...]],
) -> None:
    for name, added in added_schemas.items():
        schemas.setdefault(name, _copied(added.schema, schemas))
    for where, fields in added_properties.items():
        properties = _at(schemas, where).setdefault("properties", {})
        for prop, added in fields.items():
            properties.setdefault(prop, _copied(added.schema, schemas))
    for union, members in added_members.items():
        schema = schemas[union]
        variants: list[dict[str, Any]] = schema.get("oneOf") or schema["anyOf"]
        for name, after in members:
            ref = _ref(name)
            if ref in variants:
                continue
            refs = [v.get("$ref") for v in variants]
            at = refs.index(PREFIX + after) + 1 if after else len(variants)
            variants.insert(at, ref)


def _beta_twins(
    schemas: dict[str, Any],
) -> tuple[dict[str, Added], dict[str, dict[str, Added]], dict[str, tuple[tuple[str, str], ...]]]:
    """The additions for the `Beta` copies of the Responses schemas (`BetaResponse` lacks what
    `Response` lacks; the official beta classes have it): each entry whose schema has a beta
    twin, its references to schemas that have one made references to the twin, so a beta
    class reaches no Responses class. A whole schema is added for the unions it joins."""
    beta = beta_responses.PREFIX

    def twin(node: Any) -> Any:
        if isinstance(node, dict):
            ref, copied = node.get("$ref"), node.get(COPY)
            if isinstance(ref, str) and beta + ref.removeprefix(PREFIX) in schemas:
                return {**node, "$ref": PREFIX + beta + ref.removeprefix(PREFIX)}
            if isinstance(copied, str) and beta + copied in schemas:
                return {**node, COPY: beta + copied}
            return {k: twin(v) for k, v in node.items()}
        if isinstance(node, list):
            return [twin(v) for v in node]
        return node

    members = {
        beta + union: tuple((beta + name, beta + after if after else "") for name, after in found)
        for union, found in MEMBERS.items()
        if beta + union in schemas
    }
    joined = {name.removeprefix(beta) for found in members.values() for name, _ in found}
    added = {
        beta + name: Added(twin(entry.schema), entry.why)
        for name, entry in SCHEMAS.items()
        if name in joined
    }
    properties = {
        beta + where: {prop: Added(twin(entry.schema), entry.why) for prop, entry in fields.items()}
        for where, fields in PROPERTIES.items()
        if beta + where.split("/")[0] in schemas
    }
    return added, properties, members
