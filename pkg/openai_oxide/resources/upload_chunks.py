"""`uploads.upload_file_chunked`, the official helper, written by hand and mixed into the
generated `AsyncUploads`: split a file into parts, upload them in order, complete the Upload.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Protocol

from .._core.request import NOT_GIVEN, Omit
from ..types.uploads import Upload, UploadPart
from ._common import Resource

__all__ = ["DEFAULT_PART_SIZE", "ChunkedUpload"]

DEFAULT_PART_SIZE = 64 * 1024 * 1024  # the official part size (the API's maximum)


class _Parts(Protocol):
    @property
    def create(self) -> Callable[..., Awaitable[UploadPart]]: ...


def _chunks(file: os.PathLike[str] | builtins.bytes, part_size: int) -> Iterator[builtins.bytes]:
    if isinstance(file, builtins.bytes):
        for start in range(0, len(file), part_size):
            yield file[start : start + part_size]
        return
    with open(file, "rb") as f:
        while chunk := f.read(part_size):
            yield chunk


class ChunkedUpload(Resource):
    __slots__ = ()
    if TYPE_CHECKING:
        create: Callable[..., Awaitable[Upload]]
        complete: Callable[..., Awaitable[Upload]]

        @property
        def parts(self) -> _Parts: ...

    async def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str] | builtins.bytes,
        mime_type: str,
        purpose: str,
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
