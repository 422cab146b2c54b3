"""`client.beta.realtime.sessions` and `.transcription_sessions` (also on `client.realtime`):
ephemeral tokens for the beta Realtime API.

Written by hand: the spec's session schemas differ from the official client's parameters
(the spec requires `client_secret` and has no `model`), so these follow the official client;
the parameters are typed with the generated `types.realtime` classes of the spec's schemas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit
from .._resource import (
    AsyncResponseView,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
)
from ..types.realtime import (
    AudioTranscriptionParam,
    RealtimeSessionCreateResponse,
    RealtimeTranscriptionSessionCreateResponse,
    SessionCreateParamsClientSecret,
    SessionCreateParamsInputAudioTranscription,
    SessionCreateParamsTools,
    SessionCreateParamsTracingTracingConfiguration,
    SessionCreateParamsTurnDetection,
    TranscriptionSessionCreateParamsTurnDetection,
)
from ..types.realtime import (
    TranscriptionSessionCreateParamsInputAudioNoiseReduction as NoiseReduction,
)
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncSessions", "AsyncTranscriptionSessions"]


class AsyncSessions(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        *,
        client_secret: SessionCreateParamsClientSecret | Omit = NOT_GIVEN,
        input_audio_format: Literal["pcm16", "g711_ulaw", "g711_alaw"] | Omit = NOT_GIVEN,
        input_audio_noise_reduction: NoiseReduction | Omit = NOT_GIVEN,
        input_audio_transcription: SessionCreateParamsInputAudioTranscription | Omit = NOT_GIVEN,
        instructions: str | Omit = NOT_GIVEN,
        max_response_output_tokens: int | Literal["inf"] | Omit = NOT_GIVEN,
        modalities: list[Literal["text", "audio"]] | Omit = NOT_GIVEN,
        model: Literal[
            "gpt-realtime",
            "gpt-realtime-2025-08-28",
            "gpt-4o-realtime-preview",
            "gpt-4o-realtime-preview-2024-10-01",
            "gpt-4o-realtime-preview-2024-12-17",
            "gpt-4o-realtime-preview-2025-06-03",
            "gpt-4o-mini-realtime-preview",
            "gpt-4o-mini-realtime-preview-2024-12-17",
        ]
        | Omit = NOT_GIVEN,
        output_audio_format: Literal["pcm16", "g711_ulaw", "g711_alaw"] | Omit = NOT_GIVEN,
        speed: float | Omit = NOT_GIVEN,
        temperature: float | Omit = NOT_GIVEN,
        tool_choice: str | Omit = NOT_GIVEN,
        tools: Sequence[SessionCreateParamsTools] | Omit = NOT_GIVEN,
        tracing: Literal["auto"]
        | SessionCreateParamsTracingTracingConfiguration
        | Omit = NOT_GIVEN,
        turn_detection: SessionCreateParamsTurnDetection | Omit = NOT_GIVEN,
        voice: str
        | Literal["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse"]
        | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> RealtimeSessionCreateResponse:
        """Create an ephemeral API token for use in client-side applications with the
        Realtime API. Can be configured with the same session parameters as the
        `session.update` client event."""
        return await self._request(
            "POST",
            "/realtime/sessions",
            RealtimeSessionCreateResponse,
            options,
            body={
                "client_secret": client_secret,
                "input_audio_format": input_audio_format,
                "input_audio_noise_reduction": input_audio_noise_reduction,
                "input_audio_transcription": input_audio_transcription,
                "instructions": instructions,
                "max_response_output_tokens": max_response_output_tokens,
                "modalities": modalities,
                "model": model,
                "output_audio_format": output_audio_format,
                "speed": speed,
                "temperature": temperature,
                "tool_choice": tool_choice,
                "tools": tools,
                "tracing": tracing,
                "turn_detection": turn_detection,
                "voice": voice,
            },
        )

    @property
    def with_raw_response(self) -> AsyncSessionsWithRawResponse:
        return AsyncSessionsWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncSessionsWithStreamingResponse:
        return AsyncSessionsWithStreamingResponse(self)


class AsyncSessionsWithRawResponse(AsyncResponseView):
    """`AsyncSessions` methods that return the answer with its body read."""

    def __init__(self, resource: AsyncSessions) -> None:
        super().__init__(resource)
        self.create = async_to_raw_response_wrapper(resource.create)


class AsyncSessionsWithStreamingResponse(AsyncResponseView):
    """`AsyncSessions` methods that return the body read on demand."""

    def __init__(self, resource: AsyncSessions) -> None:
        super().__init__(resource)
        self.create = async_to_streamed_response_wrapper(resource.create)


class AsyncTranscriptionSessions(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        *,
        client_secret: SessionCreateParamsClientSecret | Omit = NOT_GIVEN,
        include: list[str] | Omit = NOT_GIVEN,
        input_audio_format: Literal["pcm16", "g711_ulaw", "g711_alaw"] | Omit = NOT_GIVEN,
        input_audio_noise_reduction: NoiseReduction | Omit = NOT_GIVEN,
        input_audio_transcription: AudioTranscriptionParam | Omit = NOT_GIVEN,
        modalities: list[Literal["text", "audio"]] | Omit = NOT_GIVEN,
        turn_detection: TranscriptionSessionCreateParamsTurnDetection | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> RealtimeTranscriptionSessionCreateResponse:
        """Create an ephemeral API token for use in client-side applications with the Realtime API
        specifically for realtime transcriptions. Can be configured with the same session parameters
        as the `transcription_session.update` client event.
        """
        return await self._request(
            "POST",
            "/realtime/transcription_sessions",
            RealtimeTranscriptionSessionCreateResponse,
            options,
            body={
                "client_secret": client_secret,
                "include": include,
                "input_audio_format": input_audio_format,
                "input_audio_noise_reduction": input_audio_noise_reduction,
                "input_audio_transcription": input_audio_transcription,
                "modalities": modalities,
                "turn_detection": turn_detection,
            },
        )

    @property
    def with_raw_response(self) -> AsyncTranscriptionSessionsWithRawResponse:
        return AsyncTranscriptionSessionsWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncTranscriptionSessionsWithStreamingResponse:
        return AsyncTranscriptionSessionsWithStreamingResponse(self)


class AsyncTranscriptionSessionsWithRawResponse(AsyncResponseView):
    """`AsyncTranscriptionSessions` methods that return the answer with its body read."""

    def __init__(self, resource: AsyncTranscriptionSessions) -> None:
        super().__init__(resource)
        self.create = async_to_raw_response_wrapper(resource.create)


class AsyncTranscriptionSessionsWithStreamingResponse(AsyncResponseView):
    """`AsyncTranscriptionSessions` methods that return the body read on demand."""

    def __init__(self, resource: AsyncTranscriptionSessions) -> None:
        super().__init__(resource)
        self.create = async_to_streamed_response_wrapper(resource.create)
