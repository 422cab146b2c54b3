"""The Responses WebSocket events: what `client.responses.connect()` receives and sends.

No operation answers with them (the spec describes the WebSocket only as the schemas
`ResponsesServerEvent` and `ResponsesClientEvent`), so they are roots of their own, at the
official paths. They are placed after the groups (`LATE_ROOTS`): what a group reaches (the
stream events, `CreateResponse`'s params) stays where that group has it, and only what no
group reaches goes into these modules.

A server event is a stream event with the WebSocket lane it came on: the spec writes each as
an inline, titled `allOf: [$ref <stream event>, {stream_id}]`. Such a member of a union named
in `TITLED_UNIONS` is a class named by its title that extends the stream event's class with
the inline part's fields, as officially (`ResponseTextWsDelta(ResponseTextDeltaEvent)`): an
event off the WebSocket is still an `isinstance` of the stream event a handler expects.

The client event's model (`ResponseCreate`, which the official `send()` also takes) is
`CreateResponse` merged with the envelope; the request schemas only it has as models take
the official names of `responses_client_event` (`MODEL_NAMES`). Its `input` stays untyped
(overrides_responses.FIELDS, as `Response.instructions`), else the input items' models would
be generated beside `Response` and load with it.
"""

from __future__ import annotations

# (side, spec schema) -> the module (under openai_oxide.types) it and what only it reaches go to
LATE_ROOTS: dict[tuple[str, str], str] = {
    ("model", "ResponsesServerEvent"): "responses.responses_server_event",
    ("model", "ResponsesClientEvent"): "responses.responses_client_event",
    ("param", "ResponsesClientEvent"): "responses.responses_client_event_param",
}

# Unions whose inline members are named by their `title` (`ResponseAudioWsDelta`)
TITLED_UNIONS: frozenset[str] = frozenset({"ResponsesServerEvent"})

# spec schema -> official class name, as tables.NAMES
NAMES: dict[str, str] = {
    "ErrorPayload": "ResponseWsErrorError",  # the `error` of `ResponseWsError`, its only user
    "ResponsesClientEventResponseCreate": "ResponseCreate",
}

# request-side names, as tables.PARAM_NAMES (the official `responses_client_event_param`)
PARAM_NAMES: dict[str, str] = {
    "ResponsesClientEventResponseCreate": "ResponseCreate",
}

# Model-side names of the request schemas only `ResponsesClientEvent` has as models (their
# params keep theirs): the official names of `responses_client_event`, where they live.
MODEL_NAMES: dict[str, str] = {
    "IncludeEnum": "ResponseIncludable",
    "ModerationParam": "ResponseCreateModeration",
    "ModerationPolicyParam": "ResponseCreateModerationPolicy",
    "ModerationConfigParam": "ResponseCreateModerationPolicyInput",
    "ResponseStreamOptions": "ResponseCreateStreamOptions",
    "ConversationParam": "ResponseCreateConversation",
    "ConversationParam-2": "ResponseConversationParam",
    "ContextManagementParam": "ResponseCreateContextManagement",
    "PromptCacheOptionsParam": "ResponseCreatePromptCacheOptions",
}
