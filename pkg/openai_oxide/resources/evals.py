"""`client.evals`: evals, runs and output items."""

from __future__ import annotations

from typing import Any, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.evals import (
    EvalCreateResponse,
    EvalDeleteResponse,
    EvalListResponse,
    EvalRetrieveResponse,
    EvalUpdateResponse,
    OutputItemListResponse,
    OutputItemRetrieveResponse,
    RunCancelResponse,
    RunCreateResponse,
    RunDeleteResponse,
    RunListResponse,
    RunRetrieveResponse,
)
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncEvalRuns", "AsyncEvals", "AsyncOutputItems"]


class AsyncEvals(Resource):
    """Manage and run evals in the OpenAI platform."""

    __slots__ = ()

    @property
    def runs(self) -> AsyncEvalRuns:
        return AsyncEvalRuns(self._client)

    async def create(
        self,
        *,
        data_source_config: Any,
        testing_criteria: Any,
        metadata: Any | Omit = NOT_GIVEN,
        name: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> EvalCreateResponse:
        return await self._request(
            "POST",
            "/evals",
            EvalCreateResponse,
            options,
            body={
                "data_source_config": data_source_config,
                "testing_criteria": testing_criteria,
                "metadata": metadata,
                "name": name,
            },
        )

    async def retrieve(
        self, eval_id: str, **options: Unpack[RequestOptions]
    ) -> EvalRetrieveResponse:
        """Get an evaluation by ID."""
        return await self._request(
            "GET", f"/evals/{path_param(eval_id)}", EvalRetrieveResponse, options
        )

    async def update(
        self,
        eval_id: str,
        *,
        metadata: Any | Omit = NOT_GIVEN,
        name: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> EvalUpdateResponse:
        """Update certain properties of an evaluation."""
        return await self._request(
            "POST",
            f"/evals/{path_param(eval_id)}",
            EvalUpdateResponse,
            options,
            body={"metadata": metadata, "name": name},
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        order_by: Literal["created_at", "updated_at"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[EvalListResponse]:
        """List evaluations for a project."""
        return self._list(
            "/evals",
            EvalListResponse,
            options,
            query={"after": after, "limit": limit, "order": order, "order_by": order_by},
        )

    async def delete(self, eval_id: str, **options: Unpack[RequestOptions]) -> EvalDeleteResponse:
        """Delete an evaluation."""
        return await self._request(
            "DELETE", f"/evals/{path_param(eval_id)}", EvalDeleteResponse, options
        )


class AsyncEvalRuns(Resource):
    """Manage and run evals in the OpenAI platform."""

    __slots__ = ()

    @property
    def output_items(self) -> AsyncOutputItems:
        return AsyncOutputItems(self._client)

    async def create(
        self,
        eval_id: str,
        *,
        data_source: Any,
        metadata: Any | Omit = NOT_GIVEN,
        name: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> RunCreateResponse:
        """Kicks off a new run for a given evaluation, specifying the data source, and what model
        configuration to use to test. The datasource will be validated against the schema specified
        in the config of the evaluation.
        """
        return await self._request(
            "POST",
            f"/evals/{path_param(eval_id)}/runs",
            RunCreateResponse,
            options,
            body={"data_source": data_source, "metadata": metadata, "name": name},
        )

    async def retrieve(
        self, run_id: str, *, eval_id: str, **options: Unpack[RequestOptions]
    ) -> RunRetrieveResponse:
        """Get an evaluation run by ID."""
        return await self._request(
            "GET",
            f"/evals/{path_param(eval_id)}/runs/{path_param(run_id)}",
            RunRetrieveResponse,
            options,
        )

    def list(
        self,
        eval_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        status: Literal["queued", "in_progress", "completed", "canceled", "failed"]
        | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[RunListResponse]:
        """Get a list of runs for an evaluation."""
        return self._list(
            f"/evals/{path_param(eval_id)}/runs",
            RunListResponse,
            options,
            query={"after": after, "limit": limit, "order": order, "status": status},
        )

    async def delete(
        self, run_id: str, *, eval_id: str, **options: Unpack[RequestOptions]
    ) -> RunDeleteResponse:
        """Delete an eval run."""
        return await self._request(
            "DELETE",
            f"/evals/{path_param(eval_id)}/runs/{path_param(run_id)}",
            RunDeleteResponse,
            options,
        )

    async def cancel(
        self, run_id: str, *, eval_id: str, **options: Unpack[RequestOptions]
    ) -> RunCancelResponse:
        """Cancel an ongoing evaluation run."""
        return await self._request(
            "POST",
            f"/evals/{path_param(eval_id)}/runs/{path_param(run_id)}",  # cancelEvalRun
            RunCancelResponse,
            options,
        )


class AsyncOutputItems(Resource):
    """Manage and run evals in the OpenAI platform."""

    __slots__ = ()

    async def retrieve(
        self, output_item_id: str, *, eval_id: str, run_id: str, **options: Unpack[RequestOptions]
    ) -> OutputItemRetrieveResponse:
        """Get an evaluation run output item by ID."""
        return await self._request(
            "GET",
            f"/evals/{path_param(eval_id)}/runs/{path_param(run_id)}/output_items/{path_param(output_item_id)}",
            OutputItemRetrieveResponse,
            options,
        )

    def list(
        self,
        run_id: str,
        *,
        eval_id: str,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        status: Literal["fail", "pass"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[OutputItemListResponse]:
        """Get a list of output items for an evaluation run."""
        return self._list(
            f"/evals/{path_param(eval_id)}/runs/{path_param(run_id)}/output_items",
            OutputItemListResponse,
            options,
            query={"after": after, "limit": limit, "order": order, "status": status},
        )
