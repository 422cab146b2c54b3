"""`client.audio.voices` and `client.audio.voice_consents`: custom voices and the consent
recordings that authorise them."""

from __future__ import annotations

from typing import Unpack

from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.audio import Voice, VoiceConsent, VoiceConsentDeleted
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncVoiceConsents", "AsyncVoices"]


class AsyncVoices(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        audio_sample: FileTypes,
        consent: str,
        name: str,
        **options: Unpack[RequestOptions],
    ) -> Voice:
        """Create a custom voice from an audio sample and an uploaded consent recording."""
        return await self._request(
            "POST",
            "/audio/voices",
            Voice,
            options,
            body={"audio_sample": audio_sample, "consent": consent, "name": name},
            files=[["audio_sample"]],
        )


class AsyncVoiceConsents(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        language: str,
        name: str,
        recording: FileTypes,
        **options: Unpack[RequestOptions],
    ) -> VoiceConsent:
        """Upload a consent recording that authorizes creation of a custom voice."""
        return await self._request(
            "POST",
            "/audio/voice_consents",
            VoiceConsent,
            options,
            body={"language": language, "name": name, "recording": recording},
            files=[["recording"]],
        )

    async def retrieve(self, consent_id: str, **options: Unpack[RequestOptions]) -> VoiceConsent:
        """Retrieve a consent recording."""
        return await self._request(
            "GET", f"/audio/voice_consents/{path_param(consent_id)}", VoiceConsent, options
        )

    async def update(
        self, consent_id: str, *, name: str, **options: Unpack[RequestOptions]
    ) -> VoiceConsent:
        """Update a consent recording's metadata."""
        return await self._request(
            "POST",
            f"/audio/voice_consents/{path_param(consent_id)}",
            VoiceConsent,
            options,
            body={"name": name},
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[VoiceConsent]:
        """List the consent recordings of the organization."""
        return self._list(
            "/audio/voice_consents", VoiceConsent, options, query={"after": after, "limit": limit}
        )

    async def delete(
        self, consent_id: str, **options: Unpack[RequestOptions]
    ) -> VoiceConsentDeleted:
        """Delete a consent recording."""
        return await self._request(
            "DELETE",
            f"/audio/voice_consents/{path_param(consent_id)}",
            VoiceConsentDeleted,
            options,
        )
