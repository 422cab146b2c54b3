"""`client.videos`: create, retrieve, list, delete, remix and download_content; `poll` and
`create_and_poll` wait for a generation to finish."""

from __future__ import annotations

import asyncio
from typing import Any, Literal, Unpack

from .._binary import BinaryResponseContent
from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.videos import (
    Video,
    VideoCreateCharacterResponse,
    VideoDeleteResponse,
    VideoGetCharacterResponse,
)
from ._options import RequestOptions
from ._polling import Polling, next_interval_ms, poll_headers

__all__ = ["AsyncVideos"]


class AsyncVideos(Polling):
    __slots__ = ()

    async def create(
        self,
        *,
        prompt: str,
        input_reference: Any | Omit = NOT_GIVEN,
        model: Any | Omit = NOT_GIVEN,
        seconds: Any | Omit = NOT_GIVEN,
        size: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Video:
        """Create a new video generation job from a prompt and optional reference assets."""
        return await self._request(
            "POST",
            "/videos",
            Video,
            options,
            body={
                "prompt": prompt,
                "input_reference": input_reference,
                "model": model,
                "seconds": seconds,
                "size": size,
            },
            files=[["input_reference"]],
        )

    async def create_and_poll(
        self,
        *,
        prompt: str,
        input_reference: Any | Omit = NOT_GIVEN,
        model: Any | Omit = NOT_GIVEN,
        seconds: Any | Omit = NOT_GIVEN,
        size: Any | Omit = NOT_GIVEN,
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

    async def retrieve(self, video_id: str, **options: Unpack[RequestOptions]) -> Video:
        """Fetch the latest metadata for a generated video."""
        return await self._request("GET", f"/videos/{path_param(video_id)}", Video, options)

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Video]:
        """List recently generated videos for the current project."""
        return self._list(
            "/videos", Video, options, query={"after": after, "limit": limit, "order": order}
        )

    async def delete(self, video_id: str, **options: Unpack[RequestOptions]) -> VideoDeleteResponse:
        """Permanently delete a completed or failed video and its stored assets."""
        return await self._request(
            "DELETE", f"/videos/{path_param(video_id)}", VideoDeleteResponse, options
        )

    async def create_character(
        self, *, name: str, video: FileTypes, **options: Unpack[RequestOptions]
    ) -> VideoCreateCharacterResponse:
        """Create a character from an uploaded video."""
        return await self._request(
            "POST",
            "/videos/characters",
            VideoCreateCharacterResponse,
            options,
            body={"name": name, "video": video},
            files=[["video"]],
        )

    async def download_content(
        self,
        video_id: str,
        *,
        variant: Literal["video", "thumbnail", "spritesheet"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BinaryResponseContent:
        """Download the generated video bytes or a derived preview asset."""
        return await self._binary(
            "GET",
            f"/videos/{path_param(video_id)}/content",
            options,
            query={"variant": variant},
            accept="application/binary",
        )

    async def edit(self, *, prompt: str, video: Any, **options: Unpack[RequestOptions]) -> Video:
        """Create a new video generation job by editing a source video or existing generated
        video."""
        return await self._request(
            "POST",
            "/videos/edits",
            Video,
            options,
            body={"prompt": prompt, "video": video},
            files=[["video"]],
        )

    async def extend(
        self, *, prompt: str, seconds: Any, video: Any, **options: Unpack[RequestOptions]
    ) -> Video:
        """Create an extension of a completed video."""
        return await self._request(
            "POST",
            "/videos/extensions",
            Video,
            options,
            body={"prompt": prompt, "seconds": seconds, "video": video},
            files=[["video"]],
        )

    async def get_character(
        self, character_id: str, **options: Unpack[RequestOptions]
    ) -> VideoGetCharacterResponse:
        """Fetch a character."""
        return await self._request(
            "GET",
            f"/videos/characters/{path_param(character_id)}",
            VideoGetCharacterResponse,
            options,
        )

    async def remix(
        self, video_id: str, *, prompt: str, **options: Unpack[RequestOptions]
    ) -> Video:
        """Create a remix of a completed video using a refreshed prompt."""
        return await self._request(
            "POST", f"/videos/{path_param(video_id)}/remix", Video, options, body={"prompt": prompt}
        )
