"""Polling helpers, as in the official SDK: wait for asynchronous work to settle.

`Polling._retrieve_polled` is one retrieve that also returns the answer's headers (for the
`openai-poll-after-ms` hint); `next_interval_ms` is the official rule for the wait: the
caller's `poll_interval_ms` when given, else the hint of the first unsettled answer, else
one second, fixed from then on. Waits are `asyncio.sleep`: nothing blocks, no threads
(Pyodide). The Assistants helpers (`runs.poll`, `runs.create_and_poll`,
`threads.create_and_run_poll`) live here as mixins of the generated `threads` classes.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, Unpack, cast

from .._browser_key import in_page
from .._core.request import NOT_GIVEN, Omit, path_param
from ..types._lenient import json_decoder
from ..types.beta.threads import (
    AssistantsApiToolChoiceOptionParam,
    MessageCreateParams,
    ParallelToolCallsParam,
    Run,
    ThreadCreateAndRunParamsToolResources,
    ThreadCreateParams,
    TruncationObjectParam,
)
from ..types.shared_params.assistant_supported_models import (
    AssistantsApiResponseFormatOptionParam,
    AssistantToolsCodeParam,
    AssistantToolsFileSearchParam,
    AssistantToolsFunctionParam,
)
from ..types.shared_params.metadata import MetadataParam
from ..types.shared_params.reasoning_effort import ReasoningEffortParam
from ._common import Resource
from ._options import RequestOptions, TimeoutArg

__all__ = [
    "RUN_TERMINAL_STATES",
    "Polling",
    "RunsPolling",
    "ThreadsPolling",
    "next_interval_ms",
    "poll_headers",
    "validate_max_wait_seconds",
]

T = TypeVar("T")
# A tool of the Assistants API, as the generated `runs.create` types it.
AssistantTool = (
    AssistantToolsCodeParam | AssistantToolsFileSearchParam | AssistantToolsFunctionParam
)

# The statuses a run stops changing on its own in (`runs.poll` returns there).
RUN_TERMINAL_STATES = frozenset(
    {"requires_action", "cancelled", "completed", "failed", "expired", "incomplete"}
)


def poll_headers(poll_interval_ms: int | Omit) -> dict[str, str]:
    """The headers the official helpers send with every polling retrieve (none from a
    page, where each would need a place in the server's CORS allow list)."""
    if in_page():
        return {}
    headers = {"X-Stainless-Poll-Helper": "true"}
    if not isinstance(poll_interval_ms, Omit):
        headers["X-Stainless-Custom-Poll-Interval"] = str(poll_interval_ms)
    return headers


def next_interval_ms(poll_interval_ms: int | Omit, headers: Mapping[str, str]) -> int:
    """The caller's interval, else the server's `openai-poll-after-ms` hint, else 1000."""
    if not isinstance(poll_interval_ms, Omit):
        return poll_interval_ms
    hint = headers.get("openai-poll-after-ms")
    return int(hint) if hint is not None else 1000


def validate_max_wait_seconds(max_wait_seconds: float | Omit) -> None:
    if not isinstance(max_wait_seconds, Omit) and (
        not math.isfinite(max_wait_seconds) or max_wait_seconds < 0
    ):
        raise ValueError("Expected a finite, non-negative value for `max_wait_seconds`")


class Polling(Resource):
    """Base of the resources that poll: one retrieve that also returns the answer's headers."""

    __slots__ = ()

    async def _retrieve_polled(
        self,
        path: str,
        result: type[T],
        options: Mapping[str, Any],
        headers: Mapping[str, str],
    ) -> tuple[T, Mapping[str, str]]:
        """`GET path` parsed into `result`, with the answer's headers (retried by policy)."""
        parsed, head = await self._client.request_with_head(
            "GET",
            path,
            parse=json_decoder(cast(Any, result)),
            options=self._options(options, headers),
        )
        return parsed, head.headers


class RunsPolling(Polling):
    """`runs.poll` and `runs.create_and_poll` (mixed into `AsyncRuns`)."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}
    if TYPE_CHECKING:
        create: Callable[..., Awaitable[Any]]

    async def poll_run(
        self, run: Run, thread_id: str, options: RequestOptions, poll_interval_ms: int | Omit
    ) -> Run:
        """`poll` for a run just created or resumed, with that call's per-call options."""
        return await self.poll(
            run.id,
            thread_id,
            options.get("extra_headers"),
            options.get("extra_query"),
            options.get("extra_body"),
            options.get("timeout", NOT_GIVEN),
            poll_interval_ms,
        )

    async def poll(
        self,
        run_id: str,
        thread_id: str,
        extra_headers: Mapping[str, str | Omit] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutArg = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
    ) -> Run:
        """Retrieve the run until it reaches a terminal state (`requires_action`,
        `cancelled`, `completed`, `failed`, `expired` or `incomplete`)."""
        options: dict[str, Any] = {
            "extra_headers": extra_headers,
            "extra_query": extra_query,
            "extra_body": extra_body,
            "timeout": timeout,
        }
        path = f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}"
        headers = poll_headers(poll_interval_ms)
        while True:
            run, answer_headers = await self._retrieve_polled(path, Run, options, headers)
            if run.status in RUN_TERMINAL_STATES:
                return run
            poll_interval_ms = next_interval_ms(poll_interval_ms, answer_headers)
            await asyncio.sleep(poll_interval_ms / 1000)

    async def create_and_poll(
        self,
        *,
        assistant_id: str,
        include: Sequence[Literal["step_details.tool_calls[*].file_search.results[*].content"]]
        | Omit = NOT_GIVEN,
        additional_instructions: str | Omit | None = NOT_GIVEN,
        additional_messages: Iterable[MessageCreateParams] | Omit | None = NOT_GIVEN,
        instructions: str | Omit | None = NOT_GIVEN,
        max_completion_tokens: int | Omit | None = NOT_GIVEN,
        max_prompt_tokens: int | Omit | None = NOT_GIVEN,
        metadata: MetadataParam | Omit = NOT_GIVEN,
        model: str | Omit | None = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCallsParam | Omit = NOT_GIVEN,
        reasoning_effort: ReasoningEffortParam | Omit = NOT_GIVEN,
        response_format: AssistantsApiResponseFormatOptionParam | Omit | None = NOT_GIVEN,
        temperature: float | Omit | None = NOT_GIVEN,
        tool_choice: AssistantsApiToolChoiceOptionParam | Omit | None = NOT_GIVEN,
        tools: Iterable[AssistantTool] | Omit | None = NOT_GIVEN,
        top_p: float | Omit | None = NOT_GIVEN,
        truncation_strategy: TruncationObjectParam | Omit | None = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        thread_id: str,
        **options: Unpack[RequestOptions],
    ) -> Run:
        """Create a run and poll it until it reaches a terminal state."""
        run: Run = await self.create(
            thread_id,
            assistant_id=assistant_id,
            include=include,
            additional_instructions=additional_instructions,
            additional_messages=additional_messages,
            instructions=instructions,
            max_completion_tokens=max_completion_tokens,
            max_prompt_tokens=max_prompt_tokens,
            metadata=metadata,
            model=model,
            parallel_tool_calls=parallel_tool_calls,
            reasoning_effort=reasoning_effort,
            response_format=response_format,
            stream=False,
            temperature=temperature,
            tool_choice=tool_choice,
            tools=tools,
            top_p=top_p,
            truncation_strategy=truncation_strategy,
            **options,
        )
        return await self.poll_run(run, thread_id, options, poll_interval_ms)


class ThreadsPolling(Polling):
    """`threads.create_and_run_poll` (mixed into `AsyncThreads`)."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}
    if TYPE_CHECKING:
        create_and_run: Callable[..., Awaitable[Any]]

    async def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        instructions: str | Omit | None = NOT_GIVEN,
        max_completion_tokens: int | Omit | None = NOT_GIVEN,
        max_prompt_tokens: int | Omit | None = NOT_GIVEN,
        metadata: MetadataParam | Omit = NOT_GIVEN,
        model: str | Omit | None = NOT_GIVEN,
        parallel_tool_calls: ParallelToolCallsParam | Omit = NOT_GIVEN,
        response_format: AssistantsApiResponseFormatOptionParam | Omit | None = NOT_GIVEN,
        temperature: float | Omit | None = NOT_GIVEN,
        thread: ThreadCreateParams | Omit = NOT_GIVEN,
        tool_choice: AssistantsApiToolChoiceOptionParam | Omit | None = NOT_GIVEN,
        tool_resources: ThreadCreateAndRunParamsToolResources | Omit | None = NOT_GIVEN,
        tools: Iterable[AssistantTool] | Omit | None = NOT_GIVEN,
        top_p: float | Omit | None = NOT_GIVEN,
        truncation_strategy: TruncationObjectParam | Omit | None = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Run:
        """Create a thread, start a run on it and poll the run until it reaches a
        terminal state."""
        run: Run = await self.create_and_run(
            assistant_id=assistant_id,
            instructions=instructions,
            max_completion_tokens=max_completion_tokens,
            max_prompt_tokens=max_prompt_tokens,
            metadata=metadata,
            model=model,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            stream=False,
            temperature=temperature,
            thread=thread,
            tool_choice=tool_choice,
            tool_resources=tool_resources,
            tools=tools,
            top_p=top_p,
            truncation_strategy=truncation_strategy,
            **options,
        )
        return await RunsPolling(self._client).poll_run(
            run, run.thread_id, options, poll_interval_ms
        )
