"""`client.audio`: speech (bytes, streamed), transcriptions (+ events) and translations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, Unpack

from .._binary import BinaryResponseContent
from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit
from .._streaming import AsyncStream
from ..types.audio import (
    Transcription,
    TranscriptionCreateResponse,
    TranscriptionDiarized,
    TranscriptionStreamEvent,
    TranscriptionVerbose,
    Translation,
    TranslationCreateResponse,
    TranslationVerbose,
)
from ._common import Resource
from ._options import RequestOptions

if TYPE_CHECKING:
    from .voices import AsyncVoiceConsents, AsyncVoices

_TEXT_FORMATS = ("text", "srt", "vtt")

__all__ = ["AsyncAudio", "AsyncSpeech", "AsyncTranscriptions", "AsyncTranslations"]


class AsyncAudio(Resource):
    __slots__ = ()

    @property
    def transcriptions(self) -> AsyncTranscriptions:
        return AsyncTranscriptions(self._client)

    @property
    def translations(self) -> AsyncTranslations:
        return AsyncTranslations(self._client)

    @property
    def speech(self) -> AsyncSpeech:
        return AsyncSpeech(self._client)

    @property
    def voices(self) -> AsyncVoices:
        from .voices import AsyncVoices

        return AsyncVoices(self._client)

    @property
    def voice_consents(self) -> AsyncVoiceConsents:
        from .voices import AsyncVoiceConsents

        return AsyncVoiceConsents(self._client)


class AsyncSpeech(Resource):
    """Turn audio into text or text into audio."""

    __slots__ = ()

    async def create(
        self,
        *,
        input: str,
        model: Any,
        voice: Any,
        instructions: str | Omit = NOT_GIVEN,
        response_format: Literal["mp3", "opus", "aac", "flac", "wav", "pcm"] | Omit = NOT_GIVEN,
        speed: float | Omit = NOT_GIVEN,
        stream_format: Literal["sse", "audio"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BinaryResponseContent:
        """Generates audio from the input text."""
        return await self._binary(
            "POST",
            "/audio/speech",
            options,
            body={
                "input": input,
                "model": model,
                "voice": voice,
                "instructions": instructions,
                "response_format": response_format,
                "speed": speed,
                "stream_format": stream_format,
            },
        )


class AsyncTranscriptions(Resource):
    """Turn audio into text or text into audio."""

    __slots__ = ()

    async def create(
        self,
        *,
        file: FileTypes,
        model: Any,
        chunking_strategy: Any | Omit = NOT_GIVEN,
        include: Any | Omit = NOT_GIVEN,
        keywords: Sequence[str] | Omit = NOT_GIVEN,
        known_speaker_names: Sequence[str] | Omit = NOT_GIVEN,
        known_speaker_references: Sequence[str] | Omit = NOT_GIVEN,
        language: str | Omit = NOT_GIVEN,
        languages: Sequence[str] | Omit = NOT_GIVEN,
        prompt: str | Omit = NOT_GIVEN,
        response_format: Any | Omit = NOT_GIVEN,
        stream: Literal[False] | Literal[True] | Omit | None = NOT_GIVEN,
        temperature: float | Omit = NOT_GIVEN,
        timestamp_granularities: list[Literal["word", "segment"]] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> TranscriptionCreateResponse | str | AsyncStream[TranscriptionStreamEvent]:
        """Transcribes audio into the input language (text for `text`, `srt` and `vtt`)."""
        body = {
            "file": file,
            "model": model,
            "chunking_strategy": chunking_strategy,
            "include": include,
            "keywords": keywords,
            "known_speaker_names": known_speaker_names,
            "known_speaker_references": known_speaker_references,
            "language": language,
            "languages": languages,
            "prompt": prompt,
            "response_format": response_format,
            "temperature": temperature,
            "timestamp_granularities": timestamp_granularities,
        }
        path = "/audio/transcriptions"
        if stream is True:
            return await self._stream(
                "POST", path, TranscriptionStreamEvent, options, body=body, files=[["file"]]
            )
        if response_format in _TEXT_FORMATS:
            return await self._request("POST", path, str, options, body=body, files=[["file"]])
        # The answer's shape follows `response_format`, as the official SDK reads it.
        result: type[TranscriptionCreateResponse] = Transcription
        if response_format == "verbose_json":
            result = TranscriptionVerbose
        elif response_format == "diarized_json":
            result = TranscriptionDiarized
        return await self._request("POST", path, result, options, body=body, files=[["file"]])


class AsyncTranslations(Resource):
    """Turn audio into text or text into audio."""

    __slots__ = ()

    async def create(
        self,
        *,
        file: FileTypes,
        model: Any,
        prompt: str | Omit = NOT_GIVEN,
        response_format: Literal["json", "text", "srt", "verbose_json", "vtt"] | Omit = NOT_GIVEN,
        temperature: float | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> TranslationCreateResponse | str:
        """Translates audio into English (text for `text`, `srt` and `vtt`)."""
        body = {
            "file": file,
            "model": model,
            "prompt": prompt,
            "response_format": response_format,
            "temperature": temperature,
        }
        path = "/audio/translations"
        if response_format in _TEXT_FORMATS:
            return await self._request("POST", path, str, options, body=body, files=[["file"]])
        result = TranslationVerbose if response_format == "verbose_json" else Translation
        return await self._request("POST", path, result, options, body=body, files=[["file"]])
