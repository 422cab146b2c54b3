"""`client.files`: upload, list, retrieve, delete, content and `wait_for_processing`."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Literal, Unpack

from .._binary import BinaryResponseContent
from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.files import FileDeleted, FileObject
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncFiles"]


class AsyncFiles(Resource):
    """Files are used to upload documents that can be used with features like Assistants and
    Fine-tuning.
    """

    __slots__ = ()

    async def create(
        self,
        *,
        file: FileTypes,
        purpose: Any,
        expires_after: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> FileObject:
        """Upload a file that can be used across various endpoints."""
        return await self._request(
            "POST",
            "/files",
            FileObject,
            options,
            body={"file": file, "purpose": purpose, "expires_after": expires_after},
            files=[["file"]],
        )

    async def retrieve(self, file_id: str, **options: Unpack[RequestOptions]) -> FileObject:
        """Returns information about a specific file."""
        return await self._request("GET", f"/files/{path_param(file_id)}", FileObject, options)

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        purpose: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[FileObject]:
        """Returns a list of files."""
        return self._list(
            "/files",
            FileObject,
            options,
            query={"after": after, "limit": limit, "order": order, "purpose": purpose},
        )

    async def delete(self, file_id: str, **options: Unpack[RequestOptions]) -> FileDeleted:
        """Delete a file and remove it from all vector stores."""
        return await self._request("DELETE", f"/files/{path_param(file_id)}", FileDeleted, options)

    async def content(
        self, file_id: str, **options: Unpack[RequestOptions]
    ) -> BinaryResponseContent:
        """Returns a response containing the contents of the specified file."""
        return await self._binary(
            "GET", f"/files/{path_param(file_id)}/content", options, accept="application/binary"
        )

    async def retrieve_content(self, file_id: str, **options: Unpack[RequestOptions]) -> str:
        """Returns a response containing the contents of the specified file."""
        return await self._request("GET", f"/files/{path_param(file_id)}/content", str, options)

    async def wait_for_processing(
        self, id: str, *, poll_interval: float = 5.0, max_wait_seconds: float = 30 * 60
    ) -> FileObject:
        """Waits for the given file to be processed (`processed`, `error` or `deleted`),
        retrieving it every `poll_interval` seconds; raises `RuntimeError` after
        `max_wait_seconds` (default 30 minutes)."""
        start = time.monotonic()
        file = await self.retrieve(id)
        while file.status not in _FILE_TERMINAL_STATES:
            await asyncio.sleep(poll_interval)
            file = await self.retrieve(id)
            if time.monotonic() - start > max_wait_seconds:
                raise RuntimeError(
                    f"Giving up on waiting for file {id} to finish processing after "
                    f"{max_wait_seconds} seconds."
                )
        return file


_FILE_TERMINAL_STATES = frozenset({"processed", "error", "deleted"})
