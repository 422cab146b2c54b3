"""`client.uploads`: create, parts, complete and cancel; `upload_file_chunked` does all
of it for one file."""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterator, Sequence
from typing import Any, Unpack

from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from ..types.uploads import Upload, UploadPart
from ._common import Resource
from ._options import RequestOptions

__all__ = ["DEFAULT_PART_SIZE", "AsyncParts", "AsyncUploads"]

DEFAULT_PART_SIZE = 64 * 1024 * 1024  # the official part size (the API's maximum)


def _chunks(file: os.PathLike[str] | builtins.bytes, part_size: int) -> Iterator[builtins.bytes]:
    if isinstance(file, builtins.bytes):
        for start in range(0, len(file), part_size):
            yield file[start : start + part_size]
        return
    with open(file, "rb") as f:
        while chunk := f.read(part_size):
            yield chunk


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

    async def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str] | builtins.bytes,
        mime_type: str,
        purpose: Any,
        filename: str | None = None,
        bytes: int | None = None,
        part_size: int | None = None,
        md5: str | Omit = NOT_GIVEN,
    ) -> Upload:
        """Split a file (a path, or bytes with `filename` and `bytes`) into parts of
        `part_size` bytes (64 MiB by default), upload them in order and complete the
        Upload."""
        if isinstance(file, builtins.bytes):
            if filename is None:
                raise TypeError("The `filename` argument must be given for in-memory files")
            if bytes is None:
                raise TypeError("The `bytes` argument must be given for in-memory files")
        else:
            filename = filename or os.path.basename(os.fspath(file))
            if bytes is None:
                bytes = os.stat(file).st_size
        upload = await self.create(
            bytes=bytes, filename=filename, mime_type=mime_type, purpose=purpose
        )
        parts = self.parts
        part_ids = [
            (await parts.create(upload.id, data=chunk)).id
            for chunk in _chunks(file, part_size or DEFAULT_PART_SIZE)
        ]
        return await self.complete(upload.id, part_ids=part_ids, md5=md5)

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
