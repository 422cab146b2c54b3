"""Typed models of the Chat Completions API (loaded lazily, PEP 562).

`Choice` exists twice, as in the official SDK: import it from `.chat_completion` or
`.chat_completion_chunk`.
"""

from typing import TYPE_CHECKING

from ..._lazy import lazy_getattr

if TYPE_CHECKING:
    from .chat_completion import (
        Annotation,
        AnnotationURLCitation,
        ChatCompletion,
        ChatCompletionAudio,
        ChatCompletionMessage,
        ChatCompletionMessageCustomToolCall,
        ChatCompletionMessageFunctionToolCall,
        ChatCompletionMessageToolCall,
        ChatCompletionMessageToolCallUnion,
        ChatCompletionModeration,
        ChatCompletionModerationError,
        ChatCompletionModerationResults,
        ChatCompletionTokenLogprob,
        ChoiceLogprobs,
        Custom,
        FinishReason,
        Function,
        FunctionCall,
        Moderation,
        ModerationResultBody,
        ServiceTier,
        TopLogprob,
        UnknownChatCompletionMessageToolCallUnion,
        UnknownChatCompletionModeration,
    )
    from .chat_completion_chunk import (
        ChatCompletionChunk,
        ChoiceDelta,
        ChoiceDeltaAudio,
        ChoiceDeltaFunctionCall,
        ChoiceDeltaToolCall,
        ChoiceDeltaToolCallFunction,
        parse_chat_completion_chunk,
    )
    from .completion_usage import CompletionTokensDetails, CompletionUsage, PromptTokensDetails

_NAME_TO_MODULE: dict[str, str] = {
    "Annotation": "chat_completion",
    "AnnotationURLCitation": "chat_completion",
    "ChatCompletion": "chat_completion",
    "ChatCompletionAudio": "chat_completion",
    "ChatCompletionChunk": "chat_completion_chunk",
    "ChatCompletionMessage": "chat_completion",
    "ChatCompletionMessageCustomToolCall": "chat_completion",
    "ChatCompletionMessageFunctionToolCall": "chat_completion",
    "ChatCompletionMessageToolCall": "chat_completion",
    "ChatCompletionMessageToolCallUnion": "chat_completion",
    "ChatCompletionModeration": "chat_completion",
    "ChatCompletionModerationError": "chat_completion",
    "ChatCompletionModerationResults": "chat_completion",
    "ChatCompletionTokenLogprob": "chat_completion",
    "ChoiceDelta": "chat_completion_chunk",
    "ChoiceDeltaAudio": "chat_completion_chunk",
    "ChoiceDeltaFunctionCall": "chat_completion_chunk",
    "ChoiceDeltaToolCall": "chat_completion_chunk",
    "ChoiceDeltaToolCallFunction": "chat_completion_chunk",
    "ChoiceLogprobs": "chat_completion",
    "CompletionTokensDetails": "completion_usage",
    "CompletionUsage": "completion_usage",
    "Custom": "chat_completion",
    "FinishReason": "chat_completion",
    "Function": "chat_completion",
    "FunctionCall": "chat_completion",
    "Moderation": "chat_completion",
    "ModerationResultBody": "chat_completion",
    "PromptTokensDetails": "completion_usage",
    "ServiceTier": "chat_completion",
    "TopLogprob": "chat_completion",
    "UnknownChatCompletionMessageToolCallUnion": "chat_completion",
    "UnknownChatCompletionModeration": "chat_completion",
    "parse_chat_completion_chunk": "chat_completion_chunk",
}

__all__ = [
    "Annotation",
    "AnnotationURLCitation",
    "ChatCompletion",
    "ChatCompletionAudio",
    "ChatCompletionChunk",
    "ChatCompletionMessage",
    "ChatCompletionMessageCustomToolCall",
    "ChatCompletionMessageFunctionToolCall",
    "ChatCompletionMessageToolCall",
    "ChatCompletionMessageToolCallUnion",
    "ChatCompletionModeration",
    "ChatCompletionModerationError",
    "ChatCompletionModerationResults",
    "ChatCompletionTokenLogprob",
    "ChoiceDelta",
    "ChoiceDeltaAudio",
    "ChoiceDeltaFunctionCall",
    "ChoiceDeltaToolCall",
    "ChoiceDeltaToolCallFunction",
    "ChoiceLogprobs",
    "CompletionTokensDetails",
    "CompletionUsage",
    "Custom",
    "FinishReason",
    "Function",
    "FunctionCall",
    "Moderation",
    "ModerationResultBody",
    "PromptTokensDetails",
    "ServiceTier",
    "TopLogprob",
    "UnknownChatCompletionMessageToolCallUnion",
    "UnknownChatCompletionModeration",
    "parse_chat_completion_chunk",
]


__getattr__ = lazy_getattr(__name__, _NAME_TO_MODULE, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
