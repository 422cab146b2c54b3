"""`client.uploads`: create, parts, complete and cancel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Unpack

from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from ..types.uploads import Upload, UploadPart
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncParts", "AsyncUploads"]


class AsyncUploads(Resource):
    """Use Uploads to upload large files in multiple parts."""

    __slots__ = ()

    @property
    def parts(self) -> AsyncParts:
        return AsyncParts(self._client)

    async def create(
        self,
        *,
        bytes: int,
        filename: str,
        mime_type: str,
        purpose: Any,
        expires_after: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Upload:
        return await self._request(
            "POST",
            "/uploads",
            Upload,
            options,
            body={
                "bytes": bytes,
                "filename": filename,
                "mime_type": mime_type,
                "purpose": purpose,
                "expires_after": expires_after,
            },
        )

    async def cancel(self, upload_id: str, **options: Unpack[RequestOptions]) -> Upload:
        """Cancels the Upload."""
        return await self._request(
            "POST", f"/uploads/{path_param(upload_id)}/cancel", Upload, options
        )

    async def complete(
        self,
        upload_id: str,
        *,
        part_ids: Sequence[str],
        md5: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Upload:
        """Completes the [Upload](https://developers.openai.com/api/reference/resources/uploads)."""
        return await self._request(
            "POST",
            f"/uploads/{path_param(upload_id)}/complete",
            Upload,
            options,
            body={"part_ids": part_ids, "md5": md5},
        )


class AsyncParts(Resource):
    """Use Uploads to upload large files in multiple parts."""

    __slots__ = ()

    async def create(
        self, upload_id: str, *, data: FileTypes, **options: Unpack[RequestOptions]
    ) -> UploadPart:
        """Adds a
        [Part](https://developers.openai.com/api/reference/resources/uploads/subresources/parts) to
        an [Upload](https://developers.openai.com/api/reference/resources/uploads) object. A Part
        represents a chunk of bytes from the file you are trying to upload.
        """
        return await self._request(
            "POST",
            f"/uploads/{path_param(upload_id)}/parts",
            UploadPart,
            options,
            body={"data": data},
            files=[["data"]],
        )
