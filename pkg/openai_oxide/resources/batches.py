"""`client.batches`: create, retrieve, list and cancel."""

from __future__ import annotations

from typing import Any, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.batches import Batch
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncBatches"]


class AsyncBatches(Resource):
    """Create large batches of API requests to run asynchronously."""

    __slots__ = ()

    async def create(
        self,
        *,
        completion_window: Literal["24h"],
        endpoint: Literal[
            "/v1/responses",
            "/v1/chat/completions",
            "/v1/embeddings",
            "/v1/completions",
            "/v1/moderations",
            "/v1/images/generations",
            "/v1/images/edits",
            "/v1/videos",
        ],
        input_file_id: str,
        metadata: Any | Omit = NOT_GIVEN,
        output_expires_after: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Batch:
        """Creates and executes a batch from an uploaded file of requests"""
        return await self._request(
            "POST",
            "/batches",
            Batch,
            options,
            body={
                "completion_window": completion_window,
                "endpoint": endpoint,
                "input_file_id": input_file_id,
                "metadata": metadata,
                "output_expires_after": output_expires_after,
            },
        )

    async def retrieve(self, batch_id: str, **options: Unpack[RequestOptions]) -> Batch:
        """Retrieves a batch."""
        return await self._request("GET", f"/batches/{path_param(batch_id)}", Batch, options)

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Batch]:
        """List your organization's batches."""
        return self._list("/batches", Batch, options, query={"after": after, "limit": limit})

    async def cancel(self, batch_id: str, **options: Unpack[RequestOptions]) -> Batch:
        """Cancels an in-progress batch."""
        return await self._request(
            "POST", f"/batches/{path_param(batch_id)}/cancel", Batch, options
        )
