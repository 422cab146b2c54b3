"""`client.responses.input_tokens` and `client.responses.compact`."""

from __future__ import annotations

from typing import Any, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit
from ..types.responses.compacted_response import CompactedResponse, ModelIdsCompactionParam
from ..types.responses.input_tokens import InputTokenCountResponse
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncInputTokens", "AsyncResponsesCompact"]


class AsyncInputTokens(Resource):
    """Create and manage model responses."""

    __slots__ = ()

    async def count(
        self,
        *,
        conversation: Any | Omit = NOT_GIVEN,
        input: Any | Omit = NOT_GIVEN,
        instructions: str | Omit | None = NOT_GIVEN,
        model: str | Omit | None = NOT_GIVEN,
        parallel_tool_calls: bool | Omit | None = NOT_GIVEN,
        personality: str | Literal["friendly", "pragmatic"] | Omit = NOT_GIVEN,
        previous_response_id: str | Omit | None = NOT_GIVEN,
        reasoning: Any | Omit = NOT_GIVEN,
        text: Any | Omit = NOT_GIVEN,
        tool_choice: Any | Omit = NOT_GIVEN,
        tools: Any | Omit = NOT_GIVEN,
        truncation: Literal["auto", "disabled"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> InputTokenCountResponse:
        """Returns input token counts of the request."""
        return await self._request(
            "POST",
            "/responses/input_tokens",
            InputTokenCountResponse,
            options,
            body={
                "conversation": conversation,
                "input": input,
                "instructions": instructions,
                "model": model,
                "parallel_tool_calls": parallel_tool_calls,
                "personality": personality,
                "previous_response_id": previous_response_id,
                "reasoning": reasoning,
                "text": text,
                "tool_choice": tool_choice,
                "tools": tools,
                "truncation": truncation,
            },
        )


class AsyncResponsesCompact(Resource):
    """Create and manage model responses."""

    __slots__ = ()

    @property
    def input_tokens(self) -> AsyncInputTokens:
        return AsyncInputTokens(self._client)

    async def compact(
        self,
        *,
        model: ModelIdsCompactionParam | None,
        image: Any | Omit = NOT_GIVEN,
        input: Any | Omit = NOT_GIVEN,
        instructions: str | Omit | None = NOT_GIVEN,
        previous_response_id: str | Omit | None = NOT_GIVEN,
        prompt_cache_key: str | Omit | None = NOT_GIVEN,
        prompt_cache_options: Any | Omit = NOT_GIVEN,
        prompt_cache_retention: Literal["in_memory", "24h"] | Omit | None = NOT_GIVEN,
        service_tier: Literal["auto", "default", "fast", "flex", "priority"]
        | Omit
        | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CompactedResponse:
        """Compact a conversation."""
        return await self._request(
            "POST",
            "/responses/compact",
            CompactedResponse,
            options,
            body={
                "model": model,
                "image": image,
                "input": input,
                "instructions": instructions,
                "previous_response_id": previous_response_id,
                "prompt_cache_key": prompt_cache_key,
                "prompt_cache_options": prompt_cache_options,
                "prompt_cache_retention": prompt_cache_retention,
                "service_tier": service_tier,
            },
        )
