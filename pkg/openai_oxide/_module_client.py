"""The module-level client: `import openai_oxide as openai; openai.audio.speech.create(...)`.

As in the official package, the endpoint groups are reachable on the package itself.
Each is a proxy that, on every attribute access, asks a sync `OpenAI` client built from
the package's settings (`openai_oxide.api_key`, `admin_api_key`, `base_url`, `organization`,
`project`, `webhook_secret`, `timeout`, `max_retries`, `default_headers`, `default_query`;
unset ones come from the environment, as for `OpenAI()`). The client is built on first use
and built again whenever one of those settings, or the variables they fall back to, has
changed since, so assigning `openai_oxide.api_key = ...` takes effect on the next call.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .sync._client import OpenAI

__all__ = ["ModuleResource", "module_client"]

_SETTINGS = (
    "api_key",
    "admin_api_key",
    "organization",
    "project",
    "webhook_secret",
    "base_url",
    "timeout",
    "max_retries",
    "default_headers",
    "default_query",
)
# What `AsyncOpenAI()` reads when a setting is None.
_ENVIRONMENT = (
    "OPENAI_API_KEY",
    "OPENAI_ADMIN_KEY",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "OPENAI_WEBHOOK_SECRET",
    "OPENAI_BASE_URL",
)
_lock = threading.Lock()
_built: tuple[tuple[Any, ...], OpenAI] | None = None


def module_client() -> OpenAI:
    """The client the package's settings describe (built again when they change)."""
    global _built
    package = sys.modules[__name__.rpartition(".")[0]]
    settings = tuple(getattr(package, name, None) for name in _SETTINGS)
    key = (*settings, *(os.environ.get(name) for name in _ENVIRONMENT))
    with _lock:
        if _built is None or _built[0] != key:
            from .sync._client import OpenAI

            given = {k: v for k, v in zip(_SETTINGS, settings, strict=True) if v is not None}
            _built = (key, OpenAI(**given))
        return _built[1]


class ModuleResource:
    """`openai_oxide.<group>`: the endpoint group of the current module client."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(getattr(module_client(), self._name), attr)

    def __repr__(self) -> str:
        return f"<openai_oxide.{self._name} of the module-level client>"
