"""`client.skills`: skills, their versions, and the zip bundles of both (`content`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Unpack

from .._binary import BinaryResponseContent
from .._core.multipart import FileTypes
from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.skills import DeletedSkill, DeletedSkillVersion, Skill, SkillVersion
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncSkillContent", "AsyncSkills", "AsyncVersionContent", "AsyncVersions"]

# A directory is sent as repeated `files[]` parts, a zip as one `files` part.
_FILES = [["files", "<array>"], ["files"]]


class AsyncSkills(Resource):
    __slots__ = ()

    @property
    def content(self) -> AsyncSkillContent:
        return AsyncSkillContent(self._client)

    @property
    def versions(self) -> AsyncVersions:
        return AsyncVersions(self._client)

    async def create(
        self,
        *,
        files: Sequence[FileTypes] | FileTypes,
        **options: Unpack[RequestOptions],
    ) -> Skill:
        """Create a new skill."""
        return await self._request(
            "POST", "/skills", Skill, options, body={"files": files}, files=_FILES
        )

    async def retrieve(self, skill_id: str, **options: Unpack[RequestOptions]) -> Skill:
        """Get a skill by its ID."""
        return await self._request("GET", f"/skills/{path_param(skill_id)}", Skill, options)

    async def update(
        self, skill_id: str, *, default_version: str, **options: Unpack[RequestOptions]
    ) -> Skill:
        """Update the default version pointer for a skill."""
        return await self._request(
            "POST",
            f"/skills/{path_param(skill_id)}",
            Skill,
            options,
            body={"default_version": default_version},
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Skill]:
        """List all skills for the current project."""
        return self._list(
            "/skills", Skill, options, query={"after": after, "limit": limit, "order": order}
        )

    async def delete(self, skill_id: str, **options: Unpack[RequestOptions]) -> DeletedSkill:
        """Delete a skill by its ID."""
        return await self._request(
            "DELETE", f"/skills/{path_param(skill_id)}", DeletedSkill, options
        )


class AsyncSkillContent(Resource):
    __slots__ = ()

    async def retrieve(
        self, skill_id: str, **options: Unpack[RequestOptions]
    ) -> BinaryResponseContent:
        """Download a skill zip bundle by its ID."""
        return await self._binary(
            "GET",
            f"/skills/{path_param(skill_id)}/content",
            options,
            accept="application/binary",
        )


class AsyncVersions(Resource):
    __slots__ = ()

    @property
    def content(self) -> AsyncVersionContent:
        return AsyncVersionContent(self._client)

    async def create(
        self,
        skill_id: str,
        *,
        default: bool | Omit = NOT_GIVEN,
        files: Sequence[FileTypes] | FileTypes,
        **options: Unpack[RequestOptions],
    ) -> SkillVersion:
        """Create a new immutable skill version."""
        return await self._request(
            "POST",
            f"/skills/{path_param(skill_id)}/versions",
            SkillVersion,
            options,
            body={"default": default, "files": files},
            files=_FILES,
        )

    async def retrieve(
        self, version: str, *, skill_id: str, **options: Unpack[RequestOptions]
    ) -> SkillVersion:
        """Get a specific skill version."""
        return await self._request(
            "GET",
            f"/skills/{path_param(skill_id)}/versions/{path_param(version)}",
            SkillVersion,
            options,
        )

    def list(
        self,
        skill_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[SkillVersion]:
        """List skill versions for a skill."""
        return self._list(
            f"/skills/{path_param(skill_id)}/versions",
            SkillVersion,
            options,
            query={"after": after, "limit": limit, "order": order},
        )

    async def delete(
        self, version: str, *, skill_id: str, **options: Unpack[RequestOptions]
    ) -> DeletedSkillVersion:
        """Delete a skill version."""
        return await self._request(
            "DELETE",
            f"/skills/{path_param(skill_id)}/versions/{path_param(version)}",
            DeletedSkillVersion,
            options,
        )


class AsyncVersionContent(Resource):
    __slots__ = ()

    async def retrieve(
        self, version: str, *, skill_id: str, **options: Unpack[RequestOptions]
    ) -> BinaryResponseContent:
        """Download a skill version zip bundle."""
        return await self._binary(
            "GET",
            f"/skills/{path_param(skill_id)}/versions/{path_param(version)}/content",
            options,
            accept="application/binary",
        )
