"""The base of the admin API's generated groups (`client.admin.organization...`): their calls
send the admin key, never the project API key, as the official client's `admin_api_key_auth`
security does for these endpoints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._base import CallOptions
from ._common import Resource

__all__ = ["AdminAuth"]

MISSING = (
    "Could not resolve authentication method. Expected the admin_api_key to be set (or the"
    " OPENAI_ADMIN_KEY environment variable) for the admin API. Or for the `Authorization`"
    " header to be explicitly omitted."
)


class AdminAuth(Resource):
    __slots__ = ()

    def _options(
        self, options: Mapping[str, Any], extra: Mapping[str, str] | None = None
    ) -> CallOptions:
        given = options.get("extra_headers") or {}
        # A caller's own `Authorization` (or its omission) wins, as in the official client.
        if not any(name.lower() == "authorization" for name in given):
            key = self._client.admin_api_key
            if not key:  # raised before anything is sent: the project key is no admin key
                raise TypeError(MISSING)
            extra = {**(extra or {}), "authorization": f"Bearer {key}"}
        return super()._options(options, extra)
