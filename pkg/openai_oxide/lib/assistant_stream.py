"""The Assistants run stream helpers' shape, as in the official SDK: an
`AsyncAssistantStreamManager` (`async with`) hands out an `AsyncAssistantEventHandler`,
which yields the run's events, calls its `on_*` hooks, and keeps the current run, the
completed messages and run steps.

Subclass the handler and override the hooks to react to events. Snapshots are the objects
of the `created`/`completed` events (message deltas are not merged into them here);
`text_deltas` yields the text of every message delta.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from .._streaming import AsyncStream, AsyncStreamManager, HelperStream
from ..types.beta.threads import (
    AssistantStreamEvent,
    Message,
    MessageDeltaObject,
    Run,
    RunStep,
)

__all__ = ["AsyncAssistantEventHandler", "AsyncAssistantStreamManager"]

H = TypeVar("H", bound="AsyncAssistantEventHandler")


class AsyncAssistantEventHandler(HelperStream[AssistantStreamEvent]):
    """Iterate it for the run's events, or `await until_done()`; override the hooks."""

    def __init__(self) -> None:  # the manager attaches the stream (`_attach`)
        self.current_event: AssistantStreamEvent | None = None
        self.current_run: Run | None = None
        self.current_message_snapshot: Message | None = None
        self.current_run_step_snapshot: RunStep | None = None
        self._messages: dict[str, Message] = {}
        self._steps: dict[str, RunStep] = {}

    def _attach(self, raw: AsyncStream[Any]) -> None:
        super().__init__(raw)

    async def _events(self) -> AsyncIterator[AssistantStreamEvent]:
        try:
            async for event in self._raw:
                self.current_event = event
                await self._record(event)
                await self.on_event(event)
                yield event
        except Exception as exc:
            await self.on_exception(exc)
            raise
        await self.on_end()

    async def _record(self, event: AssistantStreamEvent) -> None:
        name, data = getattr(event, "event", ""), getattr(event, "data", None)
        if isinstance(data, Run):
            self.current_run = data
        elif isinstance(data, RunStep):
            self.current_run_step_snapshot = self._steps[data.id] = data
            if name == "thread.run.step.created":
                await self.on_run_step_created(data)
            elif name == "thread.run.step.completed":
                await self.on_run_step_done(data)
        elif isinstance(data, Message):
            self.current_message_snapshot = self._messages[data.id] = data
            if name == "thread.message.created":
                await self.on_message_created(data)
            elif name == "thread.message.completed":
                await self.on_message_done(data)

    @property
    async def text_deltas(self) -> AsyncIterator[str]:
        """The text of every message delta, in order (iterates the stream)."""
        async for event in self:
            data = getattr(event, "data", None)
            if not isinstance(data, MessageDeltaObject):
                continue
            for part in data.delta.content or []:
                text = getattr(part, "text", None)
                if part.type == "text" and text is not None and text.value:
                    yield text.value

    async def get_final_run(self) -> Run:
        await self.until_done()
        if self.current_run is None:
            raise RuntimeError("No run events were received")
        return self.current_run

    async def get_final_messages(self) -> list[Message]:
        await self.until_done()
        return list(self._messages.values())

    async def get_final_run_steps(self) -> list[RunStep]:
        await self.until_done()
        return list(self._steps.values())

    # -- hooks: override in a subclass ---------------------------------------------------

    async def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, after the hooks specific to it."""

    async def on_end(self) -> None:
        """The stream ended."""

    async def on_exception(self, exception: Exception) -> None:
        """Reading or handling the stream raised `exception` (it is re-raised)."""

    async def on_message_created(self, message: Message) -> None: ...

    async def on_message_done(self, message: Message) -> None: ...

    async def on_run_step_created(self, run_step: RunStep) -> None: ...

    async def on_run_step_done(self, run_step: RunStep) -> None: ...


class AsyncAssistantStreamManager(AsyncStreamManager[H]):
    """`async with manager as handler:` sends the request, attaches the stream to the
    handler, and closes the stream on exit."""

    def __init__(
        self, open_stream: Callable[[], Awaitable[AsyncStream[Any]]], event_handler: H
    ) -> None:
        async def open_handler() -> H:
            event_handler._attach(await open_stream())
            return event_handler

        super().__init__(open_handler)
