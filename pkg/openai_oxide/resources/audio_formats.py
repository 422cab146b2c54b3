"""What an audio transcription or translation answer parses into: it follows the call's
`response_format`, as the official SDK reads it (plain text for `text`, `srt` and `vtt`).
Hand-written; the generated `audio` methods call these (an override of the generator)."""

from __future__ import annotations

from ..types.audio import (
    Transcription,
    TranscriptionDiarized,
    TranscriptionVerbose,
    Translation,
    TranslationVerbose,
)

__all__ = ["transcription_result", "translation_result"]

_TEXT_FORMATS = ("text", "srt", "vtt")


def transcription_result(
    response_format: object,
) -> type[Transcription | TranscriptionVerbose | TranscriptionDiarized | str]:
    if response_format in _TEXT_FORMATS:
        return str
    if response_format == "verbose_json":
        return TranscriptionVerbose
    if response_format == "diarized_json":
        return TranscriptionDiarized
    return Transcription


def translation_result(response_format: object) -> type[Translation | TranslationVerbose | str]:
    if response_format in _TEXT_FORMATS:
        return str
    return TranslationVerbose if response_format == "verbose_json" else Translation
