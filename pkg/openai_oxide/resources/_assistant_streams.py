"""The Assistants stream helpers (mixed into `AsyncRuns` and `AsyncThreads`, beside the
pollers of `_polling.py`): `runs.stream` / `create_and_stream` /
`submit_tool_outputs_stream`, `threads.create_and_run_stream` return an
`AsyncAssistantStreamManager`; `runs.submit_tool_outputs_and_poll` returns the settled run.

The parameters are those of the `create` / `submit_tool_outputs` / `create_and_run` call
each helper makes (with `stream=True`), typed by the generated `helper_kwargs` and passed
through as is; a required one missing raises TypeError before anything is sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Unpack

from .._core.request import NOT_GIVEN, Omit
from ..types.beta.threads import Run
from ._common import Resource
from ._options import require

if TYPE_CHECKING:
    from typing_extensions import TypeVar

    from ..lib.assistant_stream import AsyncAssistantEventHandler, AsyncAssistantStreamManager
    from .helper_kwargs import (
        RunCreateKwargs,
        RunSubmitToolOutputsKwargs,
        ThreadCreateAndRunKwargs,
    )

    # The handler given, else the base handler the helper makes (as the official overloads).
    H = TypeVar("H", bound=AsyncAssistantEventHandler, default=AsyncAssistantEventHandler)

__all__ = ["RunsStreaming", "ThreadsStreaming"]

# The required keyword arguments of each call (the spec's), checked before it is sent.
RUN_REQUIRED = ("assistant_id",)
SUBMIT_REQUIRED = ("tool_outputs",)
THREAD_RUN_REQUIRED = ("assistant_id",)


def _manager(
    call: Callable[..., Awaitable[Any]],
    event_handler: H | None,
    *args: Any,
    **kwargs: Any,
) -> AsyncAssistantStreamManager[H]:
    # The lib helper this resource returns (the official shape): `lib/` builds on
    # `resources/`, so the resource imports it only when a helper is called.
    from ..lib.assistant_stream import AsyncAssistantEventHandler, AsyncAssistantStreamManager

    async def open_stream() -> Any:
        return await call(*args, stream=True, **kwargs)

    handler: Any = event_handler or AsyncAssistantEventHandler()
    return AsyncAssistantStreamManager(open_stream, handler)


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
        thread_id: str,
        event_handler: H | None = None,
        **params: Unpack[RunCreateKwargs],
    ) -> AsyncAssistantStreamManager[H]:
        """Create a run and stream its events through `event_handler`."""
        require("stream", params, RUN_REQUIRED)
        return _manager(self.create, event_handler, thread_id, **params)

    def create_and_stream(
        self,
        *,
        thread_id: str,
        event_handler: H | None = None,
        **params: Unpack[RunCreateKwargs],
    ) -> AsyncAssistantStreamManager[H]:
        """Create a run and stream its events (the official, deprecated name of `stream`)."""
        require("create_and_stream", params, RUN_REQUIRED)
        return _manager(self.create, event_handler, thread_id, **params)

    def submit_tool_outputs_stream(
        self,
        *,
        run_id: str,
        thread_id: str,
        event_handler: H | None = None,
        **params: Unpack[RunSubmitToolOutputsKwargs],
    ) -> AsyncAssistantStreamManager[H]:
        """Submit tool outputs to a run waiting for them and stream the rest of the run."""
        require("submit_tool_outputs_stream", params, SUBMIT_REQUIRED)
        return _manager(
            self.submit_tool_outputs, event_handler, run_id, thread_id=thread_id, **params
        )

    async def submit_tool_outputs_and_poll(
        self,
        *,
        run_id: str,
        thread_id: str,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        **params: Unpack[RunSubmitToolOutputsKwargs],
    ) -> Run:
        """Submit tool outputs, then poll the run until it reaches a terminal state."""
        require("submit_tool_outputs_and_poll", params, SUBMIT_REQUIRED)
        run: Run = await self.submit_tool_outputs(
            run_id, thread_id=thread_id, stream=False, **params
        )
        return await self.poll_run(run, thread_id, params, poll_interval_ms)


class ThreadsStreaming(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}
    if TYPE_CHECKING:
        create_and_run: Callable[..., Awaitable[Any]]

    def create_and_run_stream(
        self,
        *,
        event_handler: H | None = None,
        **params: Unpack[ThreadCreateAndRunKwargs],
    ) -> AsyncAssistantStreamManager[H]:
        """Create a thread, start a run on it and stream the run's events."""
        require("create_and_run_stream", params, THREAD_RUN_REQUIRED)
        return _manager(self.create_and_run, event_handler, **params)
