"""`Model` and `ModelDeleted` (the `models` endpoints)."""

from typing import Literal

from ._base import BaseModel

__all__ = ["Model", "ModelDeleted"]


class Model(BaseModel):
    """Describes an OpenAI model offering that can be used with the API."""

    id: str | None = None
    created: int | None = None
    object: Literal["model"] | str | None = None
    owned_by: str | None = None
    shutdown_date: str | None = None


class ModelDeleted(BaseModel):
    id: str | None = None
    deleted: bool | None = None
    object: str | None = None
