"""`client.containers`: containers, their files and the files' content."""

from __future__ import annotations

from collections.abc import Sequence
from types import NoneType
from typing import Any, Literal, Unpack

from .._binary import BinaryResponseContent
from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.containers import (
    ContainerCreateResponse,
    ContainerListResponse,
    ContainerRetrieveResponse,
    FileCreateResponse,
    FileListResponse,
    FileRetrieveResponse,
)
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncContainerFileContent", "AsyncContainerFiles", "AsyncContainers"]


class AsyncContainers(Resource):
    __slots__ = ()

    @property
    def files(self) -> AsyncContainerFiles:
        return AsyncContainerFiles(self._client)

    async def create(
        self,
        *,
        name: str,
        expires_after: Any | Omit = NOT_GIVEN,
        file_ids: Sequence[str] | Omit = NOT_GIVEN,
        memory_limit: Literal["1g", "4g", "16g", "64g"] | Omit = NOT_GIVEN,
        network_policy: Any | Omit = NOT_GIVEN,
        skills: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ContainerCreateResponse:
        """Create Container"""
        return await self._request(
            "POST",
            "/containers",
            ContainerCreateResponse,
            options,
            body={
                "name": name,
                "expires_after": expires_after,
                "file_ids": file_ids,
                "memory_limit": memory_limit,
                "network_policy": network_policy,
                "skills": skills,
            },
        )

    async def retrieve(
        self, container_id: str, **options: Unpack[RequestOptions]
    ) -> ContainerRetrieveResponse:
        """Retrieve Container"""
        return await self._request(
            "GET", f"/containers/{path_param(container_id)}", ContainerRetrieveResponse, options
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        name: str | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ContainerListResponse]:
        """List Containers"""
        return self._list(
            "/containers",
            ContainerListResponse,
            options,
            query={"after": after, "limit": limit, "name": name, "order": order},
        )

    async def delete(self, container_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete Container"""
        await self._request("DELETE", f"/containers/{path_param(container_id)}", NoneType, options)


class AsyncContainerFiles(Resource):
    __slots__ = ()

    @property
    def content(self) -> AsyncContainerFileContent:
        return AsyncContainerFileContent(self._client)

    async def create(
        self,
        container_id: str,
        *,
        file: FileTypes | Omit = NOT_GIVEN,
        file_id: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> FileCreateResponse:
        """Create a Container File"""
        return await self._request(
            "POST",
            f"/containers/{path_param(container_id)}/files",
            FileCreateResponse,
            options,
            body={"file": file, "file_id": file_id},
            files=[["file"]],
        )

    async def retrieve(
        self, file_id: str, *, container_id: str, **options: Unpack[RequestOptions]
    ) -> FileRetrieveResponse:
        """Retrieve Container File"""
        return await self._request(
            "GET",
            f"/containers/{path_param(container_id)}/files/{path_param(file_id)}",
            FileRetrieveResponse,
            options,
        )

    def list(
        self,
        container_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[FileListResponse]:
        """List Container files"""
        return self._list(
            f"/containers/{path_param(container_id)}/files",
            FileListResponse,
            options,
            query={"after": after, "limit": limit, "order": order},
        )

    async def delete(
        self, file_id: str, *, container_id: str, **options: Unpack[RequestOptions]
    ) -> None:
        """Delete Container File"""
        await self._request(
            "DELETE",
            f"/containers/{path_param(container_id)}/files/{path_param(file_id)}",
            NoneType,
            options,
        )


class AsyncContainerFileContent(Resource):
    __slots__ = ()

    async def retrieve(
        self, file_id: str, *, container_id: str, **options: Unpack[RequestOptions]
    ) -> BinaryResponseContent:
        """Retrieve Container File Content"""
        return await self._binary(
            "GET",
            f"/containers/{path_param(container_id)}/files/{path_param(file_id)}/content",
            options,
            accept="application/binary",
        )
