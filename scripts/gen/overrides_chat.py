"""The chat and models entries of the override tables (scripts/gen/overrides.py merges them).

The chat models were written by hand with every field optional (a compatible server may omit
any of them) and open tags (`object`, `role`): LENIENT keeps the first, `OPEN_TAGS` the
second. Two kinds are only used here: `ORDER` (the official field order where the rule gives
another) and `OPEN_TAGS`. Kept in their own module so the Responses entries and these change
apart.
"""

from __future__ import annotations

from .extra import Extra

# spec schema -> (module under openai_oxide.types, official class name), leaves first: a
# schema's closure goes to the first module that reaches it.
GENERATED: dict[str, tuple[str, str]] = {
    "ServiceTier": ("chat.chat_completion", "ServiceTier"),
    "ChatCompletionTokenLogprob": (
        "chat.chat_completion_token_logprob",
        "ChatCompletionTokenLogprob",
    ),
    "CompletionUsage": ("chat.completion_usage", "CompletionUsage"),
    # the function call beside the union of calls and its official alias
    # `ChatCompletionMessageToolCall`, which the official module holds
    "ChatCompletionMessageToolCall": (
        "chat.chat_completion_message_tool_call",
        "ChatCompletionMessageFunctionToolCall",
    ),
    "ChatCompletionMessageCustomToolCall": (
        "chat.chat_completion_message_custom_tool_call",
        "ChatCompletionMessageCustomToolCall",
    ),
    # a list alias; its items are the official `ChatCompletionMessageToolCallUnion`
    "ChatCompletionMessageToolCalls": (
        "chat.chat_completion_message_tool_call",
        "ChatCompletionMessageToolCalls",
    ),
    "ChatCompletionResponseMessage": ("chat.chat_completion_message", "ChatCompletionMessage"),
    "ChatCompletionModerationResults": ("chat.chat_completion", "ChatCompletionModerationResults"),
    "ChatCompletionModerationError": ("chat.chat_completion", "ChatCompletionModerationError"),
    "ChatCompletionModeration": ("chat.chat_completion", "Moderation"),
    "CreateChatCompletionResponse": ("chat.chat_completion", "ChatCompletion"),
    "ChatCompletionMessageToolCallChunk": ("chat.chat_completion_chunk", "ChoiceDeltaToolCall"),
    "ChatCompletionStreamResponseDelta": ("chat.chat_completion_chunk", "ChoiceDelta"),
    "CreateChatCompletionStreamResponse": ("chat.chat_completion_chunk", "ChatCompletionChunk"),
    "Model": ("models", "Model"),
    # a named enum no schema refers to, officially a type alias of its own module
    "ChatCompletionRole": ("chat.chat_completion_role", "ChatCompletionRole"),
    "DeleteModelResponse": ("models", "ModelDeleted"),
}

# inline schema (parent class + "." + property, or a list alias + "[]" for its items) -> the
# official class name
INLINE_NAMES: dict[str, str] = {
    "ChatCompletionTokenLogprob.top_logprobs": "TopLogprob",
    "CompletionUsage.completion_tokens_details": "CompletionTokensDetails",
    "CompletionUsage.prompt_tokens_details": "PromptTokensDetails",
    "ChatCompletionMessageFunctionToolCall.function": "Function",
    "ChatCompletionMessageCustomToolCall.custom": "Custom",
    "ChatCompletionMessageToolCalls[]": "ChatCompletionMessageToolCallUnion",
    "ChatCompletionMessage.annotations": "Annotation",
    "Annotation.url_citation": "AnnotationURLCitation",
    "ChatCompletionMessage.audio": "ChatCompletionAudio",
    "ChatCompletionMessage.function_call": "FunctionCall",
    "ChatCompletion.choices": "Choice",
    "ChatCompletionChunk.choices": "Choice",
}

# spec schema (or JSON pointer under it) -> its fields in the official order, where that is
# not the rule's (required first, `id` first, then by name)
ORDER: dict[str, tuple[str, ...]] = {
    "ChatCompletionTokenLogprob": ("token", "bytes", "logprob", "top_logprobs"),
    "ChatCompletionTokenLogprob/properties/top_logprobs/items": ("token", "bytes", "logprob"),
    "CreateChatCompletionStreamResponse/properties/choices/items": (
        "delta",
        "index",
        "finish_reason",
        "logprobs",
    ),
    # the stored message: the official class inherits `ChatCompletionMessage`'s fields
    "ChatCompletionMessageList/properties/data/items": (
        "content",
        "refusal",
        "role",
        "annotations",
        "audio",
        "function_call",
        "tool_calls",
        "id",
        "content_parts",
    ),
}


# Schemas whose constant tags (`object`, `role`) stay open, `Literal[...] | str | None`, in
# their place: the hand-written models took other values or none (compatible servers send
# them), where the spec says one value. Tags that pick a union's member stay closed.
OPEN_TAGS: frozenset[str] = frozenset(
    {
        "CreateChatCompletionResponse",
        "CreateChatCompletionStreamResponse",
        "ChatCompletionResponseMessage",
        "Model",
    }
)

# spec schema -> {field: default}, where LENIENT's default is not the hand-written one
FIELD_DEFAULTS: dict[str, dict[str, str]] = {"ChatCompletionModerationResults": {"results": "None"}}

# Extra public names of a class: the official alias of the function tool call
ALIASES: dict[str, list[str]] = {
    "ChatCompletionMessageFunctionToolCall": ["ChatCompletionMessageToolCall"]
}

FIELDS: dict[str, dict[str, Extra]] = {}
