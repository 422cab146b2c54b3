"""`client.vector_stores`: stores, files, file batches and search."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal, Unpack

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


class AsyncVectorStoreFiles(Resource):
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


class AsyncFileBatches(Resource):
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
