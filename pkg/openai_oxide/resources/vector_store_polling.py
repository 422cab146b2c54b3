"""The official vector store helpers, written by hand and mixed into the generated
`vector_stores.files` and `vector_stores.file_batches` classes: `poll`, `create_and_poll`,
`upload`, `upload_and_poll`.

They call the generated `create` (declared here for the type checker only) and wait with
`Polling` (see `_polling`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Unpack

from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from ..types.shared_params.vector_store_file_attributes import VectorStoreFileAttributesParam
from ..types.vector_stores import (
    ChunkingStrategyRequestParamParam,
    FileCreateParams,
    VectorStoreFile,
    VectorStoreFileBatch,
)
from ._options import RequestOptions
from ._polling import Polling, next_interval_ms, poll_headers, validate_max_wait_seconds
from .files import AsyncFiles

__all__ = ["FileBatchPolling", "VectorStoreFilePolling"]


class VectorStoreFilePolling(Polling):
    __slots__ = ()
    if TYPE_CHECKING:
        create: Callable[..., Awaitable[VectorStoreFile]]

    async def poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        max_wait_seconds: float | Omit = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Wait for the vector store file to finish processing (`status` other than
        `in_progress`).

        `max_wait_seconds` must be finite and non-negative. When given, it limits polling
        and raises `TimeoutError` on expiry; zero prevents any polling requests. Omit it
        to wait indefinitely. Timing out does not cancel processing on the server.

        Note: this returns even if the file failed to process; check `file.status` and
        `file.last_error`.
        """
        validate_max_wait_seconds(max_wait_seconds)
        deadline = (
            None if isinstance(max_wait_seconds, Omit) else time.monotonic() + max_wait_seconds
        )
        path = f"/vector_stores/{path_param(vector_store_id)}/files/{path_param(file_id)}"
        headers = poll_headers(poll_interval_ms)
        while True:
            if deadline is not None:
                _remaining(deadline, file_id)
            file, answer_headers = await self._retrieve_polled(path, VectorStoreFile, {}, headers)
            if file.status != "in_progress":
                return file
            poll_interval_ms = next_interval_ms(poll_interval_ms, answer_headers)
            seconds = poll_interval_ms / 1000
            if deadline is not None:
                seconds = min(seconds, _remaining(deadline, file_id))
            await asyncio.sleep(seconds)

    async def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        attributes: VectorStoreFileAttributesParam | Omit = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        max_wait_seconds: float | Omit = NOT_GIVEN,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> VectorStoreFile:
        """Attach a file to the given vector store and wait for it to be processed.

        `max_wait_seconds` limits polling after attachment; see `poll`.
        """
        validate_max_wait_seconds(max_wait_seconds)
        await self.create(
            vector_store_id,
            file_id=file_id,
            attributes=attributes,
            chunking_strategy=chunking_strategy,
            **options,
        )
        return await self.poll(
            file_id,
            vector_store_id=vector_store_id,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
        )

    async def upload(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file to the `files` API and then attach it to the given vector store.

        The file is processed asynchronously (`upload_and_poll` waits for that).
        """
        uploaded = await AsyncFiles(self._client).create(file=file, purpose="assistants")
        return await self.create(
            vector_store_id, file_id=uploaded.id, chunking_strategy=chunking_strategy
        )

    async def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        attributes: VectorStoreFileAttributesParam | Omit = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        max_wait_seconds: float | Omit = NOT_GIVEN,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Add a file to a vector store and poll until processing is complete.

        `max_wait_seconds` limits polling after upload and attachment; see `poll`.
        """
        validate_max_wait_seconds(max_wait_seconds)
        uploaded = await AsyncFiles(self._client).create(file=file, purpose="assistants")
        return await self.create_and_poll(
            uploaded.id,
            vector_store_id=vector_store_id,
            attributes=attributes,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
            chunking_strategy=chunking_strategy,
        )


class FileBatchPolling(Polling):
    __slots__ = ()
    if TYPE_CHECKING:
        create: Callable[..., Awaitable[VectorStoreFileBatch]]

    async def poll(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Wait for the given file batch to be processed (no file `in_progress`).

        Note: this returns even if some files failed to process; check
        `batch.file_counts.failed`.
        """
        path = f"/vector_stores/{path_param(vector_store_id)}/file_batches/{path_param(batch_id)}"
        headers = poll_headers(poll_interval_ms)
        while True:
            batch, answer_headers = await self._retrieve_polled(
                path, VectorStoreFileBatch, {}, headers
            )
            if batch.file_counts.in_progress <= 0:
                return batch
            poll_interval_ms = next_interval_ms(poll_interval_ms, answer_headers)
            await asyncio.sleep(poll_interval_ms / 1000)

    async def create_and_poll(
        self,
        vector_store_id: str,
        *,
        attributes: VectorStoreFileAttributesParam | Omit = NOT_GIVEN,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = NOT_GIVEN,
        file_ids: Sequence[str] | Omit = NOT_GIVEN,
        files: Iterable[FileCreateParams] | Omit = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> VectorStoreFileBatch:
        """Create a vector store file batch and poll until all files have been processed."""
        batch = await self.create(
            vector_store_id,
            attributes=attributes,
            chunking_strategy=chunking_strategy,
            file_ids=file_ids,
            files=files,
            **options,
        )
        return await self.poll(
            batch.id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    async def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileTypes],
        max_concurrency: int = 5,
        file_ids: Sequence[str] = (),
        poll_interval_ms: int | Omit = NOT_GIVEN,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Upload the files (at most `max_concurrency` at a time), then create a file batch
        of them and the already uploaded `file_ids`, and poll until it is processed.

        If an upload fails, the other uploads are cancelled and its error is raised.
        """
        uploader = AsyncFiles(self._client)
        limit = asyncio.Semaphore(max_concurrency)

        async def upload(file: FileTypes) -> str:
            async with limit:
                return (await uploader.create(file=file, purpose="assistants")).id

        tasks = [asyncio.ensure_future(upload(file)) for file in files]
        try:
            uploaded = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            raise
        return await self.create_and_poll(
            vector_store_id,
            file_ids=[*file_ids, *uploaded],
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,
        )


def _remaining(deadline: float, file_id: str) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError(
            f"Timed out waiting for vector store file {file_id!r} to finish processing"
        )
    return remaining
