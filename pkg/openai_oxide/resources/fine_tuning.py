"""`client.fine_tuning`: jobs, events, checkpoints and checkpoint permissions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.fine_tuning import (
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    GraderRunResponse,
    GraderValidateResponse,
    PermissionCreateResponse,
    PermissionDeleteResponse,
    PermissionRetrieveResponse,
)
from ._common import Resource
from ._options import RequestOptions

__all__ = [
    "AsyncAlpha",
    "AsyncCheckpoints",
    "AsyncFineTuning",
    "AsyncGraders",
    "AsyncJobCheckpoints",
    "AsyncJobs",
    "AsyncPermissions",
]


class AsyncFineTuning(Resource):
    __slots__ = ()

    @property
    def jobs(self) -> AsyncJobs:
        return AsyncJobs(self._client)

    @property
    def checkpoints(self) -> AsyncCheckpoints:
        return AsyncCheckpoints(self._client)

    @property
    def alpha(self) -> AsyncAlpha:
        return AsyncAlpha(self._client)


class AsyncJobs(Resource):
    """Manage fine-tuning jobs to tailor a model to your specific training data."""

    __slots__ = ()

    @property
    def checkpoints(self) -> AsyncJobCheckpoints:
        return AsyncJobCheckpoints(self._client)

    async def create(
        self,
        *,
        model: str | Literal["babbage-002", "davinci-002", "gpt-3.5-turbo", "gpt-4o-mini"],
        training_file: str,
        hyperparameters: Any | Omit = NOT_GIVEN,
        integrations: Any | Omit = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        method: Any | Omit = NOT_GIVEN,
        seed: int | Omit | None = NOT_GIVEN,
        suffix: str | Omit | None = NOT_GIVEN,
        validation_file: str | Omit | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> FineTuningJob:
        """Creates a fine-tuning job which begins the process of creating a new model from a given
        dataset.
        """
        return await self._request(
            "POST",
            "/fine_tuning/jobs",
            FineTuningJob,
            options,
            body={
                "model": model,
                "training_file": training_file,
                "hyperparameters": hyperparameters,
                "integrations": integrations,
                "metadata": metadata,
                "method": method,
                "seed": seed,
                "suffix": suffix,
                "validation_file": validation_file,
            },
        )

    async def retrieve(
        self, fine_tuning_job_id: str, **options: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """Get info about a fine-tuning job."""
        return await self._request(
            "GET", f"/fine_tuning/jobs/{path_param(fine_tuning_job_id)}", FineTuningJob, options
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        metadata: dict[str, str] | Omit | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[FineTuningJob]:
        """List your organization's fine-tuning jobs"""
        return self._list(
            "/fine_tuning/jobs",
            FineTuningJob,
            options,
            query={"after": after, "limit": limit, "metadata": metadata},
        )

    async def cancel(
        self, fine_tuning_job_id: str, **options: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """Immediately cancel a fine-tune job."""
        return await self._request(
            "POST",
            f"/fine_tuning/jobs/{path_param(fine_tuning_job_id)}/cancel",
            FineTuningJob,
            options,
        )

    def list_events(
        self,
        fine_tuning_job_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[FineTuningJobEvent]:
        """Get status updates for a fine-tuning job."""
        return self._list(
            f"/fine_tuning/jobs/{path_param(fine_tuning_job_id)}/events",
            FineTuningJobEvent,
            options,
            query={"after": after, "limit": limit},
        )

    async def pause(
        self, fine_tuning_job_id: str, **options: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """Pause a fine-tune job."""
        return await self._request(
            "POST",
            f"/fine_tuning/jobs/{path_param(fine_tuning_job_id)}/pause",
            FineTuningJob,
            options,
        )

    async def resume(
        self, fine_tuning_job_id: str, **options: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """Resume a fine-tune job."""
        return await self._request(
            "POST",
            f"/fine_tuning/jobs/{path_param(fine_tuning_job_id)}/resume",
            FineTuningJob,
            options,
        )


class AsyncJobCheckpoints(Resource):
    """Manage fine-tuning jobs to tailor a model to your specific training data."""

    __slots__ = ()

    def list(
        self,
        fine_tuning_job_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[FineTuningJobCheckpoint]:
        """List checkpoints for a fine-tuning job."""
        return self._list(
            f"/fine_tuning/jobs/{path_param(fine_tuning_job_id)}/checkpoints",
            FineTuningJobCheckpoint,
            options,
            query={"after": after, "limit": limit},
        )


class AsyncCheckpoints(Resource):
    __slots__ = ()

    @property
    def permissions(self) -> AsyncPermissions:
        return AsyncPermissions(self._client)


class AsyncPermissions(Resource):
    """Manage fine-tuning jobs to tailor a model to your specific training data."""

    __slots__ = ()

    def create(
        self,
        fine_tuned_model_checkpoint: str,
        *,
        project_ids: Sequence[str],
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[PermissionCreateResponse]:
        """**NOTE:** Calling this endpoint requires an [admin API
        key](https://developers.openai.com/api/reference/resources/admin/subresources/organization/subresources/admin_api_keys).
        """
        return self._list(
            f"/fine_tuning/checkpoints/{path_param(fine_tuned_model_checkpoint)}/permissions",
            PermissionCreateResponse,
            options,
            method="POST",
            body={"project_ids": project_ids},
        )

    async def retrieve(
        self,
        fine_tuned_model_checkpoint: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["ascending", "descending"] | Omit = NOT_GIVEN,
        project_id: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> PermissionRetrieveResponse:
        """**NOTE:** This endpoint requires an [admin API
        key](https://developers.openai.com/api/reference/resources/admin/subresources/organization/subresources/admin_api_keys).
        """
        return await self._request(
            "GET",
            f"/fine_tuning/checkpoints/{path_param(fine_tuned_model_checkpoint)}/permissions",
            PermissionRetrieveResponse,
            options,
            query={"after": after, "limit": limit, "order": order, "project_id": project_id},
        )

    def list(
        self,
        fine_tuned_model_checkpoint: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["ascending", "descending"] | Omit = NOT_GIVEN,
        project_id: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[PermissionCreateResponse]:
        """**NOTE:** This endpoint requires an [admin API
        key](https://developers.openai.com/api/reference/resources/admin/subresources/organization/subresources/admin_api_keys).
        """
        return self._list(
            f"/fine_tuning/checkpoints/{path_param(fine_tuned_model_checkpoint)}/permissions",
            PermissionCreateResponse,
            options,
            query={"after": after, "limit": limit, "order": order, "project_id": project_id},
        )

    async def delete(
        self,
        permission_id: str,
        *,
        fine_tuned_model_checkpoint: str,
        **options: Unpack[RequestOptions],
    ) -> PermissionDeleteResponse:
        """**NOTE:** This endpoint requires an [admin API
        key](https://developers.openai.com/api/reference/resources/admin/subresources/organization/subresources/admin_api_keys).
        """
        return await self._request(
            "DELETE",
            f"/fine_tuning/checkpoints/{path_param(fine_tuned_model_checkpoint)}/permissions/{path_param(permission_id)}",
            PermissionDeleteResponse,
            options,
        )


class AsyncAlpha(Resource):
    __slots__ = ()

    @property
    def graders(self) -> AsyncGraders:
        return AsyncGraders(self._client)


class AsyncGraders(Resource):
    """Manage fine-tuning jobs to tailor a model to your specific training data."""

    __slots__ = ()

    async def run(
        self,
        *,
        grader: Any,
        model_sample: str,
        item: object | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> GraderRunResponse:
        """Run a grader."""
        return await self._request(
            "POST",
            "/fine_tuning/alpha/graders/run",
            GraderRunResponse,
            options,
            body={"grader": grader, "model_sample": model_sample, "item": item},
        )

    async def validate(
        self, *, grader: Any, **options: Unpack[RequestOptions]
    ) -> GraderValidateResponse:
        """Validate a grader."""
        return await self._request(
            "POST",
            "/fine_tuning/alpha/graders/validate",
            GraderValidateResponse,
            options,
            body={"grader": grader},
        )
