"""`client.models`: list and retrieve."""

from __future__ import annotations

from typing import Unpack

from .._base import CallOptions, list_fetcher
from .._core.request import path_param
from .._pagination import AsyncPaginator
from .._resource import AsyncAPIResource
from ..types._lenient import json_decoder, python_decoder
from ..types.models import Model, ModelDeleted
from ._options import RequestOptions

__all__ = ["AsyncModels"]


class AsyncModels(AsyncAPIResource):
    __slots__ = ()

    def list(self, **params: Unpack[RequestOptions]) -> AsyncPaginator[Model]:
        options = CallOptions.pop_from(dict(params))
        return AsyncPaginator(
            list_fetcher(self._client, "/models", python_decoder(Model), options), {}
        )

    async def retrieve(self, model: str, **params: Unpack[RequestOptions]) -> Model:
        options = CallOptions.pop_from(dict(params))
        return await self._client.request(
            "GET", f"/models/{path_param(model)}", parse=json_decoder(Model), options=options
        )

    async def delete(self, model: str, **params: Unpack[RequestOptions]) -> ModelDeleted:
        options = CallOptions.pop_from(dict(params))
        return await self._client.request(
            "DELETE",
            f"/models/{path_param(model)}",
            parse=json_decoder(ModelDeleted),
            options=options,
        )
