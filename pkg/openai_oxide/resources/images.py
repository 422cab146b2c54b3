"""`client.images`: generate, edit and create_variation (+ streamed partial images).

Written by hand: the official client has parameters the spec lacks (`svg`, `complexity`,
`frame_count`, ...); `model` is the official `str | ImageModel` and `svg` its `Svg`
mapping (`model`, `reasoning`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, Unpack

from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit
from .._resource import (
    AsyncResponseView,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
)
from .._streaming import AsyncStream
from ..types.images import ImageEditStreamEvent, ImageGenStreamEvent, ImagesResponse
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncImages"]


class AsyncImages(Resource):
    """Given a prompt and/or an input image, the model will generate a new image."""

    __slots__ = ()

    async def create_variation(
        self,
        *,
        image: FileTypes,
        model: str | Omit | None = NOT_GIVEN,
        n: int | Omit | None = NOT_GIVEN,
        response_format: Literal["url", "b64_json"] | Omit | None = NOT_GIVEN,
        size: Literal["256x256", "512x512", "1024x1024"] | Omit | None = NOT_GIVEN,
        user: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ImagesResponse:
        """This endpoint is retired and no longer available."""
        return await self._request(
            "POST",
            "/images/variations",
            ImagesResponse,
            options,
            body={
                "image": image,
                "model": model,
                "n": n,
                "response_format": response_format,
                "size": size,
                "user": user,
            },
            files=[["image"]],
        )

    async def edit(
        self,
        *,
        image: FileTypes | Sequence[FileTypes],
        prompt: str,
        background: Literal["transparent", "opaque", "auto"] | Omit | None = NOT_GIVEN,
        complexity: Literal["low", "medium", "high"] | Omit | None = NOT_GIVEN,
        frame_count: int | Omit | None = NOT_GIVEN,
        frame_duration_ms: int | Omit | None = NOT_GIVEN,
        input_fidelity: Literal["high", "low"] | Omit | None = NOT_GIVEN,
        markup: FileTypes | Omit = NOT_GIVEN,
        mask: FileTypes | Omit = NOT_GIVEN,
        model: str | Omit | None = NOT_GIVEN,
        n: int | Omit | None = NOT_GIVEN,
        output_compression: int | Omit | None = NOT_GIVEN,
        output_format: Literal["png", "webp", "jpeg", "gif", "svg"] | Omit | None = NOT_GIVEN,
        partial_images: int | Omit | None = NOT_GIVEN,
        quality: Literal["low", "medium", "high", "xhigh", "max", "auto", "standard"]
        | Omit
        | None = NOT_GIVEN,
        response_format: Literal["url", "b64_json"] | Omit | None = NOT_GIVEN,
        safety_identifier: str | Omit | None = NOT_GIVEN,
        size: str
        | Literal["1024x1024", "1536x1024", "1024x1536", "auto", "256x256", "512x512"]
        | Omit
        | None = NOT_GIVEN,
        stream: Literal[False] | Literal[True] | Omit | None = NOT_GIVEN,
        svg: Mapping[str, object] | Omit | None = NOT_GIVEN,
        user: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ImagesResponse | AsyncStream[ImageEditStreamEvent]:
        if stream is True:
            return await self._stream(
                "POST",
                "/images/edits",
                ImageEditStreamEvent,
                options,
                body={
                    "image": image,
                    "prompt": prompt,
                    "background": background,
                    "complexity": complexity,
                    "frame_count": frame_count,
                    "frame_duration_ms": frame_duration_ms,
                    "input_fidelity": input_fidelity,
                    "markup": markup,
                    "mask": mask,
                    "model": model,
                    "n": n,
                    "output_compression": output_compression,
                    "output_format": output_format,
                    "partial_images": partial_images,
                    "quality": quality,
                    "response_format": response_format,
                    "safety_identifier": safety_identifier,
                    "size": size,
                    "svg": svg,
                    "user": user,
                },
                files=[["image"], ["image", "<array>"], ["markup"], ["mask"]],
            )
        return await self._request(
            "POST",
            "/images/edits",
            ImagesResponse,
            options,
            body={
                "image": image,
                "prompt": prompt,
                "background": background,
                "complexity": complexity,
                "frame_count": frame_count,
                "frame_duration_ms": frame_duration_ms,
                "input_fidelity": input_fidelity,
                "markup": markup,
                "mask": mask,
                "model": model,
                "n": n,
                "output_compression": output_compression,
                "output_format": output_format,
                "partial_images": partial_images,
                "quality": quality,
                "response_format": response_format,
                "safety_identifier": safety_identifier,
                "size": size,
                "svg": svg,
                "user": user,
            },
            files=[["image"], ["image", "<array>"], ["markup"], ["mask"]],
        )

    async def generate(
        self,
        *,
        prompt: str,
        background: Literal["transparent", "opaque", "auto"] | Omit | None = NOT_GIVEN,
        complexity: Literal["low", "medium", "high"] | Omit | None = NOT_GIVEN,
        frame_count: int | Omit | None = NOT_GIVEN,
        frame_duration_ms: int | Omit | None = NOT_GIVEN,
        model: str | Omit | None = NOT_GIVEN,
        moderation: Literal["low", "auto"] | Omit | None = NOT_GIVEN,
        n: int | Omit | None = NOT_GIVEN,
        output_compression: int | Omit | None = NOT_GIVEN,
        output_format: Literal["png", "webp", "jpeg", "gif", "svg"] | Omit | None = NOT_GIVEN,
        partial_images: int | Omit | None = NOT_GIVEN,
        quality: Literal["low", "medium", "high", "xhigh", "max", "auto", "standard", "hd"]
        | Omit
        | None = NOT_GIVEN,
        response_format: Literal["url", "b64_json"] | Omit | None = NOT_GIVEN,
        safety_identifier: str | Omit | None = NOT_GIVEN,
        size: str
        | Literal[
            "auto",
            "1024x1024",
            "1536x1024",
            "1024x1536",
            "256x256",
            "512x512",
            "1792x1024",
            "1024x1792",
        ]
        | Omit
        | None = NOT_GIVEN,
        stream: Literal[False] | Literal[True] | Omit | None = NOT_GIVEN,
        style: Literal["vivid", "natural"] | Omit | None = NOT_GIVEN,
        svg: Mapping[str, object] | Omit | None = NOT_GIVEN,
        user: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ImagesResponse | AsyncStream[ImageGenStreamEvent]:
        if stream is True:
            return await self._stream(
                "POST",
                "/images/generations",
                ImageGenStreamEvent,
                options,
                body={
                    "prompt": prompt,
                    "background": background,
                    "complexity": complexity,
                    "frame_count": frame_count,
                    "frame_duration_ms": frame_duration_ms,
                    "model": model,
                    "moderation": moderation,
                    "n": n,
                    "output_compression": output_compression,
                    "output_format": output_format,
                    "partial_images": partial_images,
                    "quality": quality,
                    "response_format": response_format,
                    "safety_identifier": safety_identifier,
                    "size": size,
                    "style": style,
                    "svg": svg,
                    "user": user,
                },
            )
        return await self._request(
            "POST",
            "/images/generations",
            ImagesResponse,
            options,
            body={
                "prompt": prompt,
                "background": background,
                "complexity": complexity,
                "frame_count": frame_count,
                "frame_duration_ms": frame_duration_ms,
                "model": model,
                "moderation": moderation,
                "n": n,
                "output_compression": output_compression,
                "output_format": output_format,
                "partial_images": partial_images,
                "quality": quality,
                "response_format": response_format,
                "safety_identifier": safety_identifier,
                "size": size,
                "style": style,
                "svg": svg,
                "user": user,
            },
        )

    @property
    def with_raw_response(self) -> AsyncImagesWithRawResponse:
        return AsyncImagesWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncImagesWithStreamingResponse:
        return AsyncImagesWithStreamingResponse(self)


class AsyncImagesWithRawResponse(AsyncResponseView):
    """`AsyncImages` methods that return the answer with its body read."""

    def __init__(self, resource: AsyncImages) -> None:
        super().__init__(resource)
        self.create_variation = async_to_raw_response_wrapper(resource.create_variation)
        self.edit = async_to_raw_response_wrapper(resource.edit)
        self.generate = async_to_raw_response_wrapper(resource.generate)


class AsyncImagesWithStreamingResponse(AsyncResponseView):
    """`AsyncImages` methods that return the body read on demand."""

    def __init__(self, resource: AsyncImages) -> None:
        super().__init__(resource)
        self.create_variation = async_to_streamed_response_wrapper(resource.create_variation)
        self.edit = async_to_streamed_response_wrapper(resource.edit)
        self.generate = async_to_streamed_response_wrapper(resource.generate)
