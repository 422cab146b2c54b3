"""`client.content_provenance_checks`: does an image or audio file carry OpenAI's
provenance signals (C2PA metadata, SynthID watermark)."""

from __future__ import annotations

from typing import Unpack

from .._core.multipart import FileTypes
from ..types.content_provenance_checks import ContentProvenanceCheck
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncContentProvenanceChecks"]


class AsyncContentProvenanceChecks(Resource):
    __slots__ = ()

    async def create(
        self, *, file: FileTypes, **options: Unpack[RequestOptions]
    ) -> ContentProvenanceCheck:
        """Check whether an image or audio file contains known OpenAI provenance signals."""
        return await self._request(
            "POST",
            "/content_provenance_checks",
            ContentProvenanceCheck,
            options,
            body={"file": file},
            files=[["file"]],
        )
