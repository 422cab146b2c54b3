"""`client.realtime`: client secrets, calls, and sessions."""

from __future__ import annotations

from collections.abc import Mapping
from types import NoneType
from typing import Any, ClassVar, Literal, Unpack

from .._base import without_omitted
from .._binary import BinaryResponseContent
from .._core.request import NOT_GIVEN, Omit, path_param
from ..types.realtime import (
    CallAcceptParams,
    ClientSecretCreateResponse,
    RealtimeSessionCreateResponse,
    RealtimeTranscriptionSessionCreateResponse,
    RealtimeTranslationClientSecretCreateResponse,
    RealtimeTranslationSessionCreateRequestParam,
    TranslationClientSecretCreateParamsExpiresAfter,
)
from ._common import Resource
from ._options import RequestOptions

__all__ = [
    "AsyncCalls",
    "AsyncClientSecrets",
    "AsyncRealtime",
    "AsyncSessions",
    "AsyncTranscriptionSessions",
    "AsyncTranslationClientSecrets",
    "AsyncTranslations",
]


class AsyncRealtime(Resource):
    __slots__ = ()

    @property
    def client_secrets(self) -> AsyncClientSecrets:
        return AsyncClientSecrets(self._client)

    @property
    def calls(self) -> AsyncCalls:
        return AsyncCalls(self._client)

    @property
    def sessions(self) -> AsyncSessions:
        return AsyncSessions(self._client)

    @property
    def transcription_sessions(self) -> AsyncTranscriptionSessions:
        return AsyncTranscriptionSessions(self._client)

    @property
    def translations(self) -> AsyncTranslations:
        return AsyncTranslations(self._client)


class AsyncClientSecrets(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        expires_after: Any | Omit = NOT_GIVEN,
        session: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ClientSecretCreateResponse:
        """Create a Realtime client secret with an associated session configuration."""
        return await self._request(
            "POST",
            "/realtime/client_secrets",
            ClientSecretCreateResponse,
            options,
            body={"expires_after": expires_after, "session": session},
        )


class AsyncTranslations(Resource):
    __slots__ = ()

    @property
    def client_secrets(self) -> AsyncTranslationClientSecrets:
        return AsyncTranslationClientSecrets(self._client)


class AsyncTranslationClientSecrets(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        session: RealtimeTranslationSessionCreateRequestParam,
        expires_after: TranslationClientSecretCreateParamsExpiresAfter | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> RealtimeTranslationClientSecretCreateResponse:
        """Create a Realtime translation client secret with an associated translation
        session configuration."""
        return await self._request(
            "POST",
            "/realtime/translations/client_secrets",
            RealtimeTranslationClientSecretCreateResponse,
            options,
            body={"session": session, "expires_after": expires_after},
        )


class AsyncCalls(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        sdp: str,
        session: CallAcceptParams | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BinaryResponseContent:
        """Create a new Realtime API call over WebRTC and receive the SDP answer needed to
        complete the peer connection (the answer's bytes; its `Location` header names the
        call)."""
        # A multipart form without files: `session` goes in the SDK's bracket notation.
        return await self._client.request(
            "POST",
            "/realtime/calls",
            parse=BinaryResponseContent,
            body=without_omitted({"sdp": sdp, "session": session}),
            options=self._options(options, {"accept": "application/sdp"}),
            files=[],
        )

    async def accept(
        self,
        call_id: str,
        *,
        type: Literal["realtime"],
        audio: Any | Omit = NOT_GIVEN,
        include: list[Literal["item.input_audio_transcription.logprobs"]] | Omit = NOT_GIVEN,
        instructions: str | Omit = NOT_GIVEN,
        max_output_tokens: int | Literal["inf"] | Omit = NOT_GIVEN,
        model: str
        | Literal[
            "gpt-realtime",
            "gpt-realtime-1.5",
            "gpt-realtime-2",
            "gpt-realtime-2.1",
            "gpt-realtime-2.1-mini",
            "gpt-realtime-2025-08-28",
            "gpt-4o-realtime-preview",
            "gpt-4o-realtime-preview-2024-10-01",
            "gpt-4o-realtime-preview-2024-12-17",
            "gpt-4o-realtime-preview-2025-06-03",
            "gpt-4o-mini-realtime-preview",
            "gpt-4o-mini-realtime-preview-2024-12-17",
            "gpt-realtime-mini",
            "gpt-realtime-mini-2025-10-06",
            "gpt-realtime-mini-2025-12-15",
            "gpt-audio-1.5",
            "gpt-audio-mini",
            "gpt-audio-mini-2025-10-06",
            "gpt-audio-mini-2025-12-15",
        ]
        | Omit = NOT_GIVEN,
        output_modalities: list[Literal["text", "audio"]] | Omit = NOT_GIVEN,
        parallel_tool_calls: bool | Omit = NOT_GIVEN,
        prompt: Any | Omit = NOT_GIVEN,
        reasoning: Any | Omit = NOT_GIVEN,
        tool_choice: Any | Omit = NOT_GIVEN,
        tools: Any | Omit = NOT_GIVEN,
        tracing: Any | Omit = NOT_GIVEN,
        truncation: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Accept an incoming SIP call and configure the realtime session that will handle it."""
        await self._request(
            "POST",
            f"/realtime/calls/{path_param(call_id)}/accept",
            NoneType,
            options,
            body={
                "type": type,
                "audio": audio,
                "include": include,
                "instructions": instructions,
                "max_output_tokens": max_output_tokens,
                "model": model,
                "output_modalities": output_modalities,
                "parallel_tool_calls": parallel_tool_calls,
                "prompt": prompt,
                "reasoning": reasoning,
                "tool_choice": tool_choice,
                "tools": tools,
                "tracing": tracing,
                "truncation": truncation,
            },
        )

    async def hangup(self, call_id: str, **options: Unpack[RequestOptions]) -> None:
        """End an active Realtime API call, whether it was initiated over SIP or WebRTC."""
        await self._request(
            "POST", f"/realtime/calls/{path_param(call_id)}/hangup", NoneType, options
        )

    async def refer(
        self, call_id: str, *, target_uri: str, **options: Unpack[RequestOptions]
    ) -> None:
        """Transfer an active SIP call to a new destination using the SIP REFER verb."""
        await self._request(
            "POST",
            f"/realtime/calls/{path_param(call_id)}/refer",
            NoneType,
            options,
            body={"target_uri": target_uri},
        )

    async def reject(
        self,
        call_id: str,
        *,
        status_code: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Decline an incoming SIP call by returning a SIP status code to the caller."""
        await self._request(
            "POST",
            f"/realtime/calls/{path_param(call_id)}/reject",
            NoneType,
            options,
            body={"status_code": status_code},
        )


class AsyncSessions(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        *,
        client_secret: Any | Omit = NOT_GIVEN,
        input_audio_format: Literal["pcm16", "g711_ulaw", "g711_alaw"] | Omit = NOT_GIVEN,
        input_audio_noise_reduction: Any | Omit = NOT_GIVEN,
        input_audio_transcription: Any | Omit = NOT_GIVEN,
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
        tools: Any | Omit = NOT_GIVEN,
        tracing: Any | Omit = NOT_GIVEN,
        turn_detection: Any | Omit = NOT_GIVEN,
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


class AsyncTranscriptionSessions(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        *,
        client_secret: Any | Omit = NOT_GIVEN,
        include: list[str] | Omit = NOT_GIVEN,
        input_audio_format: Literal["pcm16", "g711_ulaw", "g711_alaw"] | Omit = NOT_GIVEN,
        input_audio_noise_reduction: Any | Omit = NOT_GIVEN,
        input_audio_transcription: Any | Omit = NOT_GIVEN,
        modalities: list[Literal["text", "audio"]] | Omit = NOT_GIVEN,
        turn_detection: Any | Omit = NOT_GIVEN,
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
