"""`client.beta`: assistants, threads, messages, runs and run steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, Unpack, cast

from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from .._streaming import AsyncStream
from ..types.beta.assistants import Assistant, AssistantDeleted
from ..types.beta.threads import (
    AssistantStreamEvent,
    Message,
    MessageDeleted,
    Run,
    RunStep,
    Thread,
    ThreadDeleted,
)
from ._assistant_streams import RunsStreaming, ThreadsStreaming
from ._common import Enveloped, Resource
from ._options import RequestOptions
from ._polling import RunsPolling, ThreadsPolling

if TYPE_CHECKING:
    from .._base import BaseClient
    from .chat import AsyncChat
    from .chatkit import AsyncChatKit
    from .realtime_sessions import AsyncSessions, AsyncTranscriptionSessions
    from .responses import AsyncResponses


class _Reconfigurable(Protocol):
    """A client that copies itself with other settings (`AsyncOpenAI` is one): typed by
    what is used, so this group does not depend on the client module that imports it."""

    def with_options(self, *, default_query: Mapping[str, object] | None = None) -> BaseClient: ...


__all__ = [
    "AsyncAssistants",
    "AsyncBeta",
    "AsyncBetaRealtime",
    "AsyncMessages",
    "AsyncRuns",
    "AsyncSteps",
    "AsyncThreads",
]


class AsyncBeta(Resource):
    """`client.beta`: the Assistants API (assistants, threads), beta realtime sessions,
    ChatKit, and the official aliases `beta.chat` and `beta.responses`."""

    __slots__ = ()

    @property
    def assistants(self) -> AsyncAssistants:
        return AsyncAssistants(self._client)

    @property
    def threads(self) -> AsyncThreads:
        return AsyncThreads(self._client)

    @property
    def realtime(self) -> AsyncBetaRealtime:
        return AsyncBetaRealtime(self._client)

    @property
    def chatkit(self) -> AsyncChatKit:
        from .chatkit import AsyncChatKit

        return AsyncChatKit(self._client)

    @property
    def chat(self) -> AsyncChat:
        """The same group as `client.chat` (the official `beta.chat` is an alias)."""
        from .chat import AsyncChat

        return AsyncChat(self._client)

    @property
    def responses(self) -> AsyncResponses:
        """The Responses API with `?beta=true` on every call, as the official `beta.responses`
        sends it (the answers are parsed as `Response`)."""
        from .responses import AsyncResponses

        client = cast("_Reconfigurable", self._client)
        return AsyncResponses(client.with_options(default_query={"beta": "true"}))


class AsyncBetaRealtime(Resource):
    """`client.beta.realtime`: the beta session endpoints (also on `client.realtime`)."""

    __slots__ = ()

    @property
    def sessions(self) -> AsyncSessions:
        from .realtime_sessions import AsyncSessions

        return AsyncSessions(self._client)

    @property
    def transcription_sessions(self) -> AsyncTranscriptionSessions:
        from .realtime_sessions import AsyncTranscriptionSessions

        return AsyncTranscriptionSessions(self._client)


class AsyncAssistants(Resource):
    """Build Assistants that can call models and use tools."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        *,
        model: Any,
        description: str | Omit | None = NOT_GIVEN,
        instructions: str | Omit | None = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        name: str | Omit | None = NOT_GIVEN,
        reasoning_effort: Any | Omit = NOT_GIVEN,
        response_format: Any | Omit = NOT_GIVEN,
        temperature: float | Omit | None = NOT_GIVEN,
        tool_resources: Any | Omit = NOT_GIVEN,
        tools: Any | Omit = NOT_GIVEN,
        top_p: float | Omit | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Assistant:
        """Create an assistant with a model and instructions."""
        return await self._request(
            "POST",
            "/assistants",
            Assistant,
            options,
            body={
                "model": model,
                "description": description,
                "instructions": instructions,
                "metadata": metadata,
                "name": name,
                "reasoning_effort": reasoning_effort,
                "response_format": response_format,
                "temperature": temperature,
                "tool_resources": tool_resources,
                "tools": tools,
                "top_p": top_p,
            },
        )

    async def retrieve(self, assistant_id: str, **options: Unpack[RequestOptions]) -> Assistant:
        """Retrieves an assistant."""
        return await self._request(
            "GET", f"/assistants/{path_param(assistant_id)}", Assistant, options
        )

    async def update(
        self,
        assistant_id: str,
        *,
        description: str | Omit | None = NOT_GIVEN,
        instructions: str | Omit | None = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        model: str
        | Literal[
            "gpt-5",
            "gpt-5-mini",
            "gpt-5-nano",
            "gpt-5-2025-08-07",
            "gpt-5-mini-2025-08-07",
            "gpt-5-nano-2025-08-07",
            "gpt-4.1",
            "gpt-4.1-mini",
            "gpt-4.1-nano",
            "gpt-4.1-2025-04-14",
            "gpt-4.1-mini-2025-04-14",
            "gpt-4.1-nano-2025-04-14",
            "o3-mini",
            "o3-mini-2025-01-31",
            "o1",
            "o1-2024-12-17",
            "gpt-4o",
            "gpt-4o-2024-11-20",
            "gpt-4o-2024-08-06",
            "gpt-4o-2024-05-13",
            "gpt-4o-mini",
            "gpt-4o-mini-2024-07-18",
            "gpt-4.5-preview",
            "gpt-4.5-preview-2025-02-27",
            "gpt-4-turbo",
            "gpt-4-turbo-2024-04-09",
            "gpt-4-0125-preview",
            "gpt-4-turbo-preview",
            "gpt-4-1106-preview",
            "gpt-4-vision-preview",
            "gpt-4",
            "gpt-4-0314",
            "gpt-4-0613",
            "gpt-4-32k",
            "gpt-4-32k-0314",
            "gpt-4-32k-0613",
            "gpt-3.5-turbo",
            "gpt-3.5-turbo-16k",
            "gpt-3.5-turbo-0613",
            "gpt-3.5-turbo-1106",
            "gpt-3.5-turbo-0125",
            "gpt-3.5-turbo-16k-0613",
        ]
        | Omit = NOT_GIVEN,
        name: str | Omit | None = NOT_GIVEN,
        reasoning_effort: Any | Omit = NOT_GIVEN,
        response_format: Any | Omit = NOT_GIVEN,
        temperature: float | Omit | None = NOT_GIVEN,
        tool_resources: Any | Omit = NOT_GIVEN,
        tools: Any | Omit = NOT_GIVEN,
        top_p: float | Omit | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Assistant:
        """Modifies an assistant."""
        return await self._request(
            "POST",
            f"/assistants/{path_param(assistant_id)}",
            Assistant,
            options,
            body={
                "description": description,
                "instructions": instructions,
                "metadata": metadata,
                "model": model,
                "name": name,
                "reasoning_effort": reasoning_effort,
                "response_format": response_format,
                "temperature": temperature,
                "tool_resources": tool_resources,
                "tools": tools,
                "top_p": top_p,
            },
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Assistant]:
        """Returns a list of assistants."""
        return self._list(
            "/assistants",
            Assistant,
            options,
            query={"after": after, "before": before, "limit": limit, "order": order},
        )

    async def delete(
        self, assistant_id: str, **options: Unpack[RequestOptions]
    ) -> AssistantDeleted:
        """Delete an assistant."""
        return await self._request(
            "DELETE", f"/assistants/{path_param(assistant_id)}", AssistantDeleted, options
        )


class AsyncThreads(ThreadsPolling, ThreadsStreaming):
    """Build Assistants that can call models and use tools."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    @property
    def runs(self) -> AsyncRuns:
        return AsyncRuns(self._client)

    @property
    def messages(self) -> AsyncMessages:
        return AsyncMessages(self._client)

    async def create(
        self,
        *,
        messages: Any | Omit = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        tool_resources: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Thread:
        """Create a thread."""
        return await self._request(
            "POST",
            "/threads",
            Thread,
            options,
            body={"messages": messages, "metadata": metadata, "tool_resources": tool_resources},
        )

    async def retrieve(self, thread_id: str, **options: Unpack[RequestOptions]) -> Thread:
        """Retrieves a thread."""
        return await self._request("GET", f"/threads/{path_param(thread_id)}", Thread, options)

    async def update(
        self,
        thread_id: str,
        *,
        metadata: Any | Omit = NOT_GIVEN,
        tool_resources: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Thread:
        """Modifies a thread."""
        return await self._request(
            "POST",
            f"/threads/{path_param(thread_id)}",
            Thread,
            options,
            body={"metadata": metadata, "tool_resources": tool_resources},
        )

    async def delete(self, thread_id: str, **options: Unpack[RequestOptions]) -> ThreadDeleted:
        """Delete a thread."""
        return await self._request(
            "DELETE", f"/threads/{path_param(thread_id)}", ThreadDeleted, options
        )

    async def create_and_run(
        self,
        *,
        assistant_id: str,
        instructions: str | Omit | None = NOT_GIVEN,
        max_completion_tokens: int | Omit | None = NOT_GIVEN,
        max_prompt_tokens: int | Omit | None = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        model: Any | Omit = NOT_GIVEN,
        parallel_tool_calls: bool | Omit = NOT_GIVEN,
        response_format: Any | Omit = NOT_GIVEN,
        stream: Literal[False] | Literal[True] | Omit | None = NOT_GIVEN,
        temperature: float | Omit | None = NOT_GIVEN,
        thread: Any | Omit = NOT_GIVEN,
        tool_choice: Any | Omit = NOT_GIVEN,
        tool_resources: Any | Omit = NOT_GIVEN,
        tools: Any | Omit = NOT_GIVEN,
        top_p: float | Omit | None = NOT_GIVEN,
        truncation_strategy: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Run | AsyncStream[AssistantStreamEvent]:
        if stream is True:
            return await self._stream(
                "POST",
                "/threads/runs",
                Enveloped(AssistantStreamEvent),
                options,
                body={
                    "assistant_id": assistant_id,
                    "instructions": instructions,
                    "max_completion_tokens": max_completion_tokens,
                    "max_prompt_tokens": max_prompt_tokens,
                    "metadata": metadata,
                    "model": model,
                    "parallel_tool_calls": parallel_tool_calls,
                    "response_format": response_format,
                    "temperature": temperature,
                    "thread": thread,
                    "tool_choice": tool_choice,
                    "tool_resources": tool_resources,
                    "tools": tools,
                    "top_p": top_p,
                    "truncation_strategy": truncation_strategy,
                },
            )
        return await self._request(
            "POST",
            "/threads/runs",
            Run,
            options,
            body={
                "assistant_id": assistant_id,
                "instructions": instructions,
                "max_completion_tokens": max_completion_tokens,
                "max_prompt_tokens": max_prompt_tokens,
                "metadata": metadata,
                "model": model,
                "parallel_tool_calls": parallel_tool_calls,
                "response_format": response_format,
                "temperature": temperature,
                "thread": thread,
                "tool_choice": tool_choice,
                "tool_resources": tool_resources,
                "tools": tools,
                "top_p": top_p,
                "truncation_strategy": truncation_strategy,
            },
        )


class AsyncMessages(Resource):
    """Build Assistants that can call models and use tools."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        thread_id: str,
        *,
        content: Any,
        role: Literal["user", "assistant"],
        attachments: Any | Omit = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Create a message."""
        return await self._request(
            "POST",
            f"/threads/{path_param(thread_id)}/messages",
            Message,
            options,
            body={
                "content": content,
                "role": role,
                "attachments": attachments,
                "metadata": metadata,
            },
        )

    async def retrieve(
        self, message_id: str, *, thread_id: str, **options: Unpack[RequestOptions]
    ) -> Message:
        """Retrieve a message."""
        return await self._request(
            "GET",
            f"/threads/{path_param(thread_id)}/messages/{path_param(message_id)}",
            Message,
            options,
        )

    async def update(
        self,
        message_id: str,
        *,
        thread_id: str,
        metadata: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Modifies a message."""
        return await self._request(
            "POST",
            f"/threads/{path_param(thread_id)}/messages/{path_param(message_id)}",
            Message,
            options,
            body={"metadata": metadata},
        )

    def list(
        self,
        thread_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        run_id: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Message]:
        """Returns a list of messages for a given thread."""
        return self._list(
            f"/threads/{path_param(thread_id)}/messages",
            Message,
            options,
            query={
                "after": after,
                "before": before,
                "limit": limit,
                "order": order,
                "run_id": run_id,
            },
        )

    async def delete(
        self, message_id: str, *, thread_id: str, **options: Unpack[RequestOptions]
    ) -> MessageDeleted:
        """Deletes a message."""
        return await self._request(
            "DELETE",
            f"/threads/{path_param(thread_id)}/messages/{path_param(message_id)}",
            MessageDeleted,
            options,
        )


class AsyncRuns(RunsPolling, RunsStreaming):
    """Build Assistants that can call models and use tools."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    @property
    def steps(self) -> AsyncSteps:
        return AsyncSteps(self._client)

    async def create(
        self,
        thread_id: str,
        *,
        assistant_id: str,
        include: Any | Omit = NOT_GIVEN,
        additional_instructions: str | Omit | None = NOT_GIVEN,
        additional_messages: Any | Omit = NOT_GIVEN,
        instructions: str | Omit | None = NOT_GIVEN,
        max_completion_tokens: int | Omit | None = NOT_GIVEN,
        max_prompt_tokens: int | Omit | None = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        model: Any | Omit = NOT_GIVEN,
        parallel_tool_calls: bool | Omit = NOT_GIVEN,
        reasoning_effort: Any | Omit = NOT_GIVEN,
        response_format: Any | Omit = NOT_GIVEN,
        stream: Literal[False] | Literal[True] | Omit | None = NOT_GIVEN,
        temperature: float | Omit | None = NOT_GIVEN,
        tool_choice: Any | Omit = NOT_GIVEN,
        tools: Any | Omit = NOT_GIVEN,
        top_p: float | Omit | None = NOT_GIVEN,
        truncation_strategy: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Run | AsyncStream[AssistantStreamEvent]:
        if stream is True:
            return await self._stream(
                "POST",
                f"/threads/{path_param(thread_id)}/runs",
                Enveloped(AssistantStreamEvent),
                options,
                body={
                    "model": model,
                    "assistant_id": assistant_id,
                    "additional_instructions": additional_instructions,
                    "additional_messages": additional_messages,
                    "instructions": instructions,
                    "max_completion_tokens": max_completion_tokens,
                    "max_prompt_tokens": max_prompt_tokens,
                    "metadata": metadata,
                    "parallel_tool_calls": parallel_tool_calls,
                    "reasoning_effort": reasoning_effort,
                    "response_format": response_format,
                    "temperature": temperature,
                    "tool_choice": tool_choice,
                    "tools": tools,
                    "top_p": top_p,
                    "truncation_strategy": truncation_strategy,
                },
            )
        return await self._request(
            "POST",
            f"/threads/{path_param(thread_id)}/runs",
            Run,
            options,
            body={
                "model": model,
                "assistant_id": assistant_id,
                "additional_instructions": additional_instructions,
                "additional_messages": additional_messages,
                "instructions": instructions,
                "max_completion_tokens": max_completion_tokens,
                "max_prompt_tokens": max_prompt_tokens,
                "metadata": metadata,
                "parallel_tool_calls": parallel_tool_calls,
                "reasoning_effort": reasoning_effort,
                "response_format": response_format,
                "temperature": temperature,
                "tool_choice": tool_choice,
                "tools": tools,
                "top_p": top_p,
                "truncation_strategy": truncation_strategy,
            },
            query={"include": include},
        )

    async def retrieve(
        self, run_id: str, *, thread_id: str, **options: Unpack[RequestOptions]
    ) -> Run:
        """Retrieves a run."""
        return await self._request(
            "GET", f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}", Run, options
        )

    async def update(
        self,
        run_id: str,
        *,
        thread_id: str,
        metadata: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Run:
        """Modifies a run."""
        return await self._request(
            "POST",
            f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}",
            Run,
            options,
            body={"metadata": metadata},
        )

    def list(
        self,
        thread_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Run]:
        """Returns a list of runs belonging to a thread."""
        return self._list(
            f"/threads/{path_param(thread_id)}/runs",
            Run,
            options,
            query={"after": after, "before": before, "limit": limit, "order": order},
        )

    async def cancel(
        self, run_id: str, *, thread_id: str, **options: Unpack[RequestOptions]
    ) -> Run:
        """Cancels a run that is `in_progress`."""
        return await self._request(
            "POST",
            f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}/cancel",
            Run,
            options,
        )

    async def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        tool_outputs: Any,
        stream: Literal[False] | Literal[True] | Omit | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Run | AsyncStream[AssistantStreamEvent]:
        if stream is True:
            return await self._stream(
                "POST",
                f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}/submit_tool_outputs",
                Enveloped(AssistantStreamEvent),
                options,
                body={"tool_outputs": tool_outputs},
            )
        return await self._request(
            "POST",
            f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}/submit_tool_outputs",
            Run,
            options,
            body={"tool_outputs": tool_outputs},
        )


class AsyncSteps(Resource):
    """Build Assistants that can call models and use tools."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def retrieve(
        self,
        step_id: str,
        *,
        thread_id: str,
        run_id: str,
        include: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> RunStep:
        """Retrieves a run step."""
        return await self._request(
            "GET",
            f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}/steps/{path_param(step_id)}",
            RunStep,
            options,
            query={"include": include},
        )

    def list(
        self,
        run_id: str,
        *,
        thread_id: str,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        include: Any | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[RunStep]:
        """Returns a list of run steps belonging to a run."""
        return self._list(
            f"/threads/{path_param(thread_id)}/runs/{path_param(run_id)}/steps",
            RunStep,
            options,
            query={
                "after": after,
                "before": before,
                "include": include,
                "limit": limit,
                "order": order,
            },
        )
