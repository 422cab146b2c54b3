"""The Assistants stream helpers (mixed into `AsyncRuns` and `AsyncThreads`, beside the
pollers of `_polling.py`): `runs.stream` / `create_and_stream` /
`submit_tool_outputs_stream`, `threads.create_and_run_stream` return an
`AsyncAssistantStreamManager`; `runs.submit_tool_outputs_and_poll` returns the settled run.

The optional parameters are those of the `create` / `submit_tool_outputs` /
`create_and_run` call each helper makes (with `stream=True`), passed through as is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .._core.request import NOT_GIVEN, Omit
from ..types.beta.threads import Run, RunSubmitToolOutputsParamsToolOutputs
from ._common import Resource

if TYPE_CHECKING:
    from ..lib.assistant_stream import AsyncAssistantEventHandler, AsyncAssistantStreamManager

    Manager = AsyncAssistantStreamManager[AsyncAssistantEventHandler]

__all__ = ["RunsStreaming", "ThreadsStreaming"]


def _manager(
    call: Callable[..., Awaitable[Any]],
    event_handler: AsyncAssistantEventHandler | None,
    *args: Any,
    **kwargs: Any,
) -> Manager:
    # The lib helper this resource returns (the official shape): `lib/` builds on
    # `resources/`, so the resource imports it only when a helper is called.
    from ..lib.assistant_stream import AsyncAssistantEventHandler, AsyncAssistantStreamManager

    async def open_stream() -> Any:
        return await call(*args, stream=True, **kwargs)

    return AsyncAssistantStreamManager(open_stream, event_handler or AsyncAssistantEventHandler())


class RunsStreaming(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}
    if TYPE_CHECKING:
        create: Callable[..., Awaitable[Any]]
        submit_tool_outputs: Callable[..., Awaitable[Any]]
        poll_run: Callable[..., Awaitable[Run]]

    def stream(
        self,
        *,
        assistant_id: str,
        thread_id: str,
        event_handler: AsyncAssistantEventHandler | None = None,
        **params: Any,
    ) -> Manager:
        """Create a run and stream its events through `event_handler`."""
        return _manager(self.create, event_handler, thread_id, assistant_id=assistant_id, **params)

    def create_and_stream(
        self,
        *,
        assistant_id: str,
        thread_id: str,
        event_handler: AsyncAssistantEventHandler | None = None,
        **params: Any,
    ) -> Manager:
        """Create a run and stream its events (the official, deprecated name of `stream`)."""
        return self.stream(
            assistant_id=assistant_id, thread_id=thread_id, event_handler=event_handler, **params
        )

    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[RunSubmitToolOutputsParamsToolOutputs],
        run_id: str,
        thread_id: str,
        event_handler: AsyncAssistantEventHandler | None = None,
        **options: Any,
    ) -> Manager:
        """Submit tool outputs to a run waiting for them and stream the rest of the run."""
        return _manager(
            self.submit_tool_outputs,
            event_handler,
            run_id,
            thread_id=thread_id,
            tool_outputs=tool_outputs,
            **options,
        )

    async def submit_tool_outputs_and_poll(
        self,
        *,
        tool_outputs: Iterable[RunSubmitToolOutputsParamsToolOutputs],
        run_id: str,
        thread_id: str,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        **options: Any,
    ) -> Run:
        """Submit tool outputs, then poll the run until it reaches a terminal state."""
        run: Run = await self.submit_tool_outputs(
            run_id, thread_id=thread_id, tool_outputs=tool_outputs, stream=False, **options
        )
        return await self.poll_run(run, thread_id, options, poll_interval_ms)


class ThreadsStreaming(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}
    if TYPE_CHECKING:
        create_and_run: Callable[..., Awaitable[Any]]

    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        event_handler: AsyncAssistantEventHandler | None = None,
        **params: Any,
    ) -> Manager:
        """Create a thread, start a run on it and stream the run's events."""
        return _manager(self.create_and_run, event_handler, assistant_id=assistant_id, **params)
