"""`client.vector_stores`: stores, files, file batches and search.

With the official polling helpers: `files.poll`, `files.create_and_poll`, `files.upload`,
`files.upload_and_poll`, `file_batches.poll`, `file_batches.create_and_poll` and
`file_batches.upload_and_poll` (see `_polling`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal, Unpack

from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.vector_stores import (
    VectorStore,
    VectorStoreDeleted,
    VectorStoreFile,
    VectorStoreFileBatch,
    VectorStoreFileContentResponseData,
    VectorStoreFileDeleted,
    VectorStoreSearchResponse,
)
from ._common import Resource
from ._options import RequestOptions
from ._polling import Polling, next_interval_ms, poll_headers, validate_max_wait_seconds
from .files import AsyncFiles

__all__ = ["AsyncFileBatches", "AsyncVectorStoreFiles", "AsyncVectorStores"]


class AsyncVectorStores(Resource):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    @property
    def files(self) -> AsyncVectorStoreFiles:
        return AsyncVectorStoreFiles(self._client)

    @property
    def file_batches(self) -> AsyncFileBatches:
        return AsyncFileBatches(self._client)

    async def create(
        self,
        *,
        chunking_strategy: Any | Omit = NOT_GIVEN,
        description: str | Omit = NOT_GIVEN,
        expires_after: Any | Omit = NOT_GIVEN,
        file_ids: Sequence[str] | Omit = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        name: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> VectorStore:
        """Create a vector store."""
        return await self._request(
            "POST",
            "/vector_stores",
            VectorStore,
            options,
            body={
                "chunking_strategy": chunking_strategy,
                "description": description,
                "expires_after": expires_after,
                "file_ids": file_ids,
                "metadata": metadata,
                "name": name,
            },
        )

    async def retrieve(
        self, vector_store_id: str, **options: Unpack[RequestOptions]
    ) -> VectorStore:
        """Retrieves a vector store."""
        return await self._request(
            "GET", f"/vector_stores/{path_param(vector_store_id)}", VectorStore, options
        )

    async def update(
        self,
        vector_store_id: str,
        *,
        expires_after: Any | Omit = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        name: str | Omit | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> VectorStore:
        """Modifies a vector store."""
        return await self._request(
            "POST",
            f"/vector_stores/{path_param(vector_store_id)}",
            VectorStore,
            options,
            body={"expires_after": expires_after, "metadata": metadata, "name": name},
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[VectorStore]:
        """Returns a list of vector stores."""
        return self._list(
            "/vector_stores",
            VectorStore,
            options,
            query={"after": after, "before": before, "limit": limit, "order": order},
        )

    async def delete(
        self, vector_store_id: str, **options: Unpack[RequestOptions]
    ) -> VectorStoreDeleted:
        """Delete a vector store."""
        return await self._request(
            "DELETE", f"/vector_stores/{path_param(vector_store_id)}", VectorStoreDeleted, options
        )

    def search(
        self,
        vector_store_id: str,
        *,
        query: str | Sequence[str],
        filters: Any | Omit = NOT_GIVEN,
        max_num_results: int | Omit = NOT_GIVEN,
        ranking_options: Any | Omit = NOT_GIVEN,
        rewrite_query: bool | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[VectorStoreSearchResponse]:
        """Search a vector store for relevant chunks based on a query and file attributes filter."""
        return self._list(
            f"/vector_stores/{path_param(vector_store_id)}/search",
            VectorStoreSearchResponse,
            options,
            method="POST",
            body={
                "query": query,
                "filters": filters,
                "max_num_results": max_num_results,
                "ranking_options": ranking_options,
                "rewrite_query": rewrite_query,
            },
        )


class AsyncVectorStoreFiles(Polling):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        vector_store_id: str,
        *,
        file_id: str,
        attributes: dict[str, str | float | bool] | Omit | None = NOT_GIVEN,
        chunking_strategy: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> VectorStoreFile:
        """Create a vector store file by attaching a
        [File](https://developers.openai.com/api/reference/resources/files) to a [vector
        store](https://developers.openai.com/api/reference/resources/vector_stores).
        """
        return await self._request(
            "POST",
            f"/vector_stores/{path_param(vector_store_id)}/files",
            VectorStoreFile,
            options,
            body={
                "file_id": file_id,
                "attributes": attributes,
                "chunking_strategy": chunking_strategy,
            },
        )

    async def retrieve(
        self, file_id: str, *, vector_store_id: str, **options: Unpack[RequestOptions]
    ) -> VectorStoreFile:
        """Retrieves a vector store file."""
        return await self._request(
            "GET",
            f"/vector_stores/{path_param(vector_store_id)}/files/{path_param(file_id)}",
            VectorStoreFile,
            options,
        )

    async def update(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        attributes: dict[str, str | float | bool] | None,
        **options: Unpack[RequestOptions],
    ) -> VectorStoreFile:
        """Update attributes on a vector store file."""
        return await self._request(
            "POST",
            f"/vector_stores/{path_param(vector_store_id)}/files/{path_param(file_id)}",
            VectorStoreFile,
            options,
            body={"attributes": attributes},
        )

    def list(
        self,
        vector_store_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        filter: Literal["in_progress", "completed", "failed", "cancelled"] | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[VectorStoreFile]:
        """Returns a list of vector store files."""
        return self._list(
            f"/vector_stores/{path_param(vector_store_id)}/files",
            VectorStoreFile,
            options,
            query={
                "after": after,
                "before": before,
                "filter": filter,
                "limit": limit,
                "order": order,
            },
        )

    async def delete(
        self, file_id: str, *, vector_store_id: str, **options: Unpack[RequestOptions]
    ) -> VectorStoreFileDeleted:
        """Delete a vector store file."""
        return await self._request(
            "DELETE",
            f"/vector_stores/{path_param(vector_store_id)}/files/{path_param(file_id)}",
            VectorStoreFileDeleted,
            options,
        )

    def content(
        self, file_id: str, *, vector_store_id: str, **options: Unpack[RequestOptions]
    ) -> AsyncPaginator[VectorStoreFileContentResponseData]:
        """Retrieve the parsed contents of a vector store file."""
        return self._list(
            f"/vector_stores/{path_param(vector_store_id)}/files/{path_param(file_id)}/content",
            VectorStoreFileContentResponseData,
            options,
        )

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
        attributes: dict[str, str | float | bool] | Omit | None = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        max_wait_seconds: float | Omit = NOT_GIVEN,
        chunking_strategy: Any | Omit = NOT_GIVEN,
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
        chunking_strategy: Any | Omit = NOT_GIVEN,
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
        attributes: dict[str, str | float | bool] | Omit | None = NOT_GIVEN,
        poll_interval_ms: int | Omit = NOT_GIVEN,
        max_wait_seconds: float | Omit = NOT_GIVEN,
        chunking_strategy: Any | Omit = NOT_GIVEN,
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


class AsyncFileBatches(Polling):
    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {"OpenAI-Beta": "assistants=v2"}

    async def create(
        self,
        vector_store_id: str,
        *,
        attributes: dict[str, str | float | bool] | Omit | None = NOT_GIVEN,
        chunking_strategy: Any | Omit = NOT_GIVEN,
        file_ids: Sequence[str] | Omit = NOT_GIVEN,
        files: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> VectorStoreFileBatch:
        """Create a vector store file batch."""
        return await self._request(
            "POST",
            f"/vector_stores/{path_param(vector_store_id)}/file_batches",
            VectorStoreFileBatch,
            options,
            body={
                "attributes": attributes,
                "chunking_strategy": chunking_strategy,
                "file_ids": file_ids,
                "files": files,
            },
        )

    async def retrieve(
        self, batch_id: str, *, vector_store_id: str, **options: Unpack[RequestOptions]
    ) -> VectorStoreFileBatch:
        """Retrieves a vector store file batch."""
        return await self._request(
            "GET",
            f"/vector_stores/{path_param(vector_store_id)}/file_batches/{path_param(batch_id)}",
            VectorStoreFileBatch,
            options,
        )

    async def cancel(
        self, batch_id: str, *, vector_store_id: str, **options: Unpack[RequestOptions]
    ) -> VectorStoreFileBatch:
        """Cancel a vector store file batch."""
        return await self._request(
            "POST",
            f"/vector_stores/{path_param(vector_store_id)}/file_batches/{path_param(batch_id)}/cancel",
            VectorStoreFileBatch,
            options,
        )

    def list_files(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        filter: Literal["in_progress", "completed", "failed", "cancelled"] | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[VectorStoreFile]:
        """Returns a list of vector store files in a batch."""
        return self._list(
            f"/vector_stores/{path_param(vector_store_id)}/file_batches/{path_param(batch_id)}/files",
            VectorStoreFile,
            options,
            query={
                "after": after,
                "before": before,
                "filter": filter,
                "limit": limit,
                "order": order,
            },
        )

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
        attributes: dict[str, str | float | bool] | Omit | None = NOT_GIVEN,
        chunking_strategy: Any | Omit = NOT_GIVEN,
        file_ids: Sequence[str] | Omit = NOT_GIVEN,
        files: Any | Omit = NOT_GIVEN,
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
        chunking_strategy: Any | Omit = NOT_GIVEN,
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
