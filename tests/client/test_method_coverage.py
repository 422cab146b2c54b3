"""Every method of the installed official client's resource tree exists on ours, async
and sync, except an explicit, reasoned allowlist.

The official tree is walked from `openai.AsyncOpenAI` / `openai.OpenAI`: cached
properties that are resources, then their public methods (`with_raw_response` and
`with_streaming_response` are views, not methods). Each dotted path must resolve on
`openai_oxide.AsyncOpenAI` to a method its class defines, and on `openai_oxide.OpenAI` to
a callable.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

import openai
from openai._resource import AsyncAPIResource, SyncAPIResource

import openai_oxide

VIEWS = {"with_raw_response", "with_streaming_response"}

# Groups the spec (`../shared/spec/openapi.yaml`) does not describe: no path of theirs is
# in it, so there is nothing to build them from.
NOT_IN_SPEC = {
    "beta.agents": "no /agents paths",
    "live": "no /live paths",
    "decisions": "no /decisions paths",
    "safety": "no /safety paths",
    "webhooks.create": "webhook endpoints management: no /webhooks paths (events only)",
    "webhooks.delete": "idem",
    "webhooks.event_types": "idem",
    "webhooks.list": "idem",
    "webhooks.retrieve": "idem",
    "webhooks.rotate_secret": "idem",
    "webhooks.test": "idem",
    "webhooks.update": "idem",
    "audio.voices.delete": "no DELETE /audio/voices/{voice_id}",
    "admin.organization.external_keys": "no /organization/external_keys paths",
    "admin.organization.external_storage": "no /organization/external_storage paths",
    "admin.organization.workload_identity_providers": "no"
    " /organization/workload_identity_providers paths",
    "admin.organization.projects.service_tier_settings": "no"
    " /organization/projects/{project_id}/service_tier_settings paths",
    "admin.organization.projects.api_keys.update": "no POST"
    " /organization/projects/{project_id}/api_keys/{api_key_id}",
    "admin.organization.usage.decisions": "no /organization/usage/decisions",
}
# WebSocket sessions: the HTTP spec has no operation for them; `responses.connect`,
# `client.ws_session`, `realtime.connect` and `realtime.translations.connect` are this SDK's
# WebSocket entry points, all present.
WEBSOCKET: dict[str, str] = {}
# Described by the spec but not built yet (say so rather than hide it).
NOT_YET: dict[str, str] = {}
ALLOWED_ABSENT = {**NOT_IN_SPEC, **WEBSOCKET, **NOT_YET}


def _official_methods(client: Any, base: type) -> set[str]:
    found: set[str] = set()

    def walk(obj: Any, prefix: str) -> None:
        cls = type(obj)
        for name in dir(cls):
            if name.startswith("_") or name in VIEWS:
                continue
            attr = inspect.getattr_static(cls, name)
            if isinstance(attr, functools.cached_property | property):
                value = getattr(obj, name)
                if isinstance(value, base):
                    walk(value, f"{prefix}{name}.")
            elif prefix and inspect.isfunction(attr):
                found.add(prefix + name)

    walk(client, "")
    return found


def _allowed(path: str) -> bool:
    return any(path == p or path.startswith(p + ".") for p in ALLOWED_ABSENT)


def _resolve(root: Any, path: str) -> Any:
    obj = root
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _absent_async(client: Any, path: str) -> bool:
    group, _, method = path.rpartition(".")
    try:
        owner = _resolve(client, group)
    except AttributeError:
        return True
    return not inspect.isfunction(inspect.getattr_static(type(owner), method, None))


def _absent_sync(client: Any, path: str) -> bool:
    try:
        return not callable(_resolve(client, path))
    except AttributeError:
        return True


def test_every_official_method_in_scope_is_present() -> None:
    official = _official_methods(openai.AsyncOpenAI(api_key="x"), AsyncAPIResource)
    official_sync = _official_methods(openai.OpenAI(api_key="x"), SyncAPIResource)
    assert official_sync == official  # one tree, two flavours
    in_scope = {p for p in official if not _allowed(p)}
    ours = openai_oxide.AsyncOpenAI(api_key="x")
    ours_sync = openai_oxide.OpenAI(api_key="x")
    missing_async = sorted(p for p in in_scope if _absent_async(ours, p))
    missing_sync = sorted(p for p in in_scope if _absent_sync(ours_sync, p))
    print(f"official methods present: {len(in_scope) - len(missing_async)} of {len(in_scope)}")
    assert missing_async == []
    assert missing_sync == []


def test_the_allowlist_is_not_stale() -> None:
    """Every allowlisted entry names official methods that we really lack."""
    official = _official_methods(openai.AsyncOpenAI(api_key="x"), AsyncAPIResource)
    ours = openai_oxide.AsyncOpenAI(api_key="x")
    for entry in ALLOWED_ABSENT:
        covered = [p for p in official if p == entry or p.startswith(entry + ".")]
        assert covered, f"{entry} names no official method"
        assert all(_absent_async(ours, p) for p in covered), f"{entry} is present now"
