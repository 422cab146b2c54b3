"""`videos.poll` and `videos.create_and_poll`, the official helpers, written by hand and mixed
into the generated `AsyncVideos` (whose `create` they call)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Unpack

from .._core.request import NOT_GIVEN, Omit, path_param
from ..types._files import FileTypes
from ..types.videos import (
    ImageRefParam2Param,
    Video,
    VideoModelParam,
    VideoSecondsParam,
    VideoSizeParam,
)
from ._options import RequestOptions
from ._polling import Polling, next_interval_ms, poll_headers

__all__ = ["VideoPolling"]


class VideoPolling(Polling):
    __slots__ = ()
    if TYPE_CHECKING:
        create: Callable[..., Awaitable[Video]]

    async def create_and_poll(
        self,
        *,
        prompt: str,
        input_reference: FileTypes | ImageRefParam2Param | Omit = NOT_GIVEN,
        model: VideoModelParam | Omit = NOT_GIVEN,
        seconds: VideoSecondsParam | Omit = NOT_GIVEN,
        size: VideoSizeParam | Omit = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Video:
        """Create a video and wait for it to be processed."""
        video = await self.create(
            prompt=prompt,
            input_reference=input_reference,
            model=model,
            seconds=seconds,
            size=size,
            **options,
        )
        return await self.poll(video.id, poll_interval_ms=poll_interval_ms)

    async def poll(self, video_id: str, *, poll_interval_ms: int | Omit = NOT_GIVEN) -> Video:
        """Wait for the video to leave `queued` / `in_progress`.

        Note: this returns a failed video too; check `video.status` and `video.error`.
        """
        path = f"/videos/{path_param(video_id)}"
        headers = poll_headers(poll_interval_ms)
        while True:
            video, answer_headers = await self._retrieve_polled(path, Video, {}, headers)
            if video.status not in ("queued", "in_progress"):
                return video
            poll_interval_ms = next_interval_ms(poll_interval_ms, answer_headers)
            await asyncio.sleep(poll_interval_ms / 1000)
