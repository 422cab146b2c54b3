"""Every official (module, name) row of scripts/gen/official_names.tsv (openai 3.57) that the
spec describes imports from the same path under `openai_oxide.types`.

What the spec (`../shared/spec/openapi.yaml`) does not describe is listed below with the
evidence: whole official modules (`NOT_IN_SPEC_MODULES`, fnmatch patterns) and single names
of modules we do have (`NOT_IN_SPEC_ROWS`). A package's row (`types.beta.X`) is out of scope
when every submodule that holds the name is. Everything else must import; a listed single
row that imports now must leave the list.
"""

from __future__ import annotations

import fnmatch
import importlib
from collections import defaultdict
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "scripts" / "gen" / "official_names.tsv"

_AGENTS = (
    "beta agents' own types: only the official `beta.agent*` modules use them; no /agents path"
)
NOT_IN_SPEC_MODULES: dict[str, str] = {
    "live": "the Live API: no /live path, no Live* schema",
    "live.*": "idem",
    "beta.agents": "beta agents: no /agents path, no Agent* schema",
    "beta.agents.*": "idem",
    "beta.agent": "idem",
    "beta.agent_*": "idem",
    "beta.subagent": "idem",
    "beta.session_error": "idem",
    "beta.session_turn_error": "idem",
    "beta.environment*": _AGENTS,
    "beta.hosted_*": _AGENTS,
    "beta.mcp_transport*": _AGENTS,
    "beta.persisted_*": _AGENTS,
    "beta.setup_command_param": _AGENTS,
    "beta.inline_capability_source_param": _AGENTS,
    "beta.input_content*": _AGENTS,
    "beta.output_text": _AGENTS,
    "beta.summary_text": _AGENTS,
    "beta.text_format*": _AGENTS,
    "beta.token_usage": _AGENTS,
    "beta.web_search_action": _AGENTS,
    "beta.multi_agent_config*": _AGENTS,
    "decision": "decisions: no /decisions path, no Decision* schema",
    "decision_*": "idem",
    "shared.decision_*": "idem",
    "shared_params.decision_*": "idem",
    "safety": "safety: no /safety path, no Safety* schema",
    "safety.*": "idem",
    "webhooks.safety_*": "idem (their webhook events are not among the spec's `webhooks`)",
    "webhooks.agent_*": "beta agents' webhook events: not among the spec's `webhooks`",
    "webhooks.live_*": "the Live API's webhook events: not among the spec's webhooks",
    "webhooks.webhook_*": "webhook endpoints: no /webhooks path, no WebhookEndpoint schema",
    "webhooks.deleted_webhook_endpoint": "idem",
    "responses.response_steer*": "steering: `steer` occurs nowhere in the spec",
    "beta.beta_response_steer*": "idem",
    "shared.oauth_error_code": (
        "OAuth error codes: neither `invalid_grant` nor `invalid_subject_token` in the spec"
    ),
    "shared_params.oauth_error_code": "idem",
    "audio.voice_deleted": "no DELETE /audio/voices/{voice_id}, no `audio.voice.deleted`",
    # the admin API: what the official client calls that the spec's /organization paths lack
    "admin.organization.external_key*": "no /organization/external_keys path",
    "admin.organization.*external_storage*": "`external_storage` occurs nowhere in the spec",
    "admin.organization.workload_identity_provider*": (
        "no /organization/workload_identity_providers path, `federation` nowhere"
    ),
    "admin.organization.usage_decisions_*": "no /organization/usage/decisions path",
    "admin.organization.projects.*service_tier*": "no .../service_tier_settings path",
    "admin.organization.projects.api_key_update_params": (
        "/organization/projects/{project_id}/api_keys/{api_key_id} has no POST (only get, delete)"
    ),
}

# (module pattern, name pattern) of single names whose shape the spec lacks
_SVG = "the `svg` options of image generation: `svg` occurs nowhere in the spec"
_CREATE = (
    "a request field CreateResponse lacks: no `access_programs`, `background_options`, `image`"
)
NOT_IN_SPEC_NAMES: dict[tuple[str, str], str] = {
    # (an image generation call's `svg_usage`, which servers send, is in spec_additions.py)
    ("*", "*ImageGenerationSvg*"): _SVG,
    ("image_*_params", "Svg*"): _SVG,
    ("images_response", "SvgUsage"): _SVG,
    # `misalignment` (a steering error) occurs nowhere in the spec; spec_additions.py adds it
    # to a response's error (`ResponseError`, and so its beta twin) only
    ("*responses_server_event", "*Misalignment*"): "`misalignment` occurs nowhere in the spec",
    ("shared.error_object", "Misalignment*"): "idem",
    ("video_create_error", "Misalignment*"): "idem",
    ("*response_create_params", "AccessPrograms"): _CREATE,
    ("*response_create_params", "BackgroundOptions"): _CREATE,
    ("*response_create_params", "Image"): _CREATE,
    ("*response_compact_params", "Image"): "CompactResponseMethodPublicBody has no `image`",
    ("*responses_client_event*", "ResponseCreateAccessPrograms"): _CREATE,
    ("*responses_client_event*", "ResponseCreateBackgroundOptions"): _CREATE,
    ("*responses_client_event*", "ResponseCreateImage"): _CREATE,
    ("audio.voice_create_params", "CreateVoiceRequestPrompt"): (
        "CreateVoiceRequest has only the audio-sample form"
    ),
}
_REALTIME = "the spec's beta Realtime session has another shape here"
NOT_IN_SPEC_ROWS: dict[tuple[str, str], str] = {
    **{
        ("admin.organization.audit_log_list_response", name): (
            "no `external_storage.*` audit log event in the spec"
        )
        for name in (
            "ExternalStorageRegistered",
            "ExternalStorageRegisteredData",
            "ExternalStorageRegisteredDataProvider",
            "ExternalStorageRemoved",
        )
    },
    **{
        ("beta.realtime.realtime_server_event", f"OutputAudioBuffer{what}"): (
            "no RealtimeBetaServerEventOutputAudioBuffer* schema (only the GA events have them)"
        )
        for what in ("Cleared", "Started", "Stopped")
    },
    **{
        (f"beta.realtime.{module}", f"{prefix}{name}"): _REALTIME
        for module, prefix in (
            ("session_create_params", ""),
            ("session_update_event", "Session"),
            ("session_update_event_param", "Session"),
        )
        for name in (
            "ClientSecret",  # the spec's is `{value, expires_at}`, not `{expires_after}`
            "ClientSecretExpiresAfter",
            "InputAudioNoiseReduction",  # RealtimeSessionCreateRequest has none
            "InputAudioTranscription",  # the spec's has `model` only
        )
    },
    ("beta.realtime.session_create_response", "ClientSecret"): (
        "RealtimeSessionCreateResponse has no `client_secret`"
    ),
    ("beta.realtime.session_create_response", "InputAudioTranscription"): (
        "RealtimeSessionCreateResponse has no `input_audio_transcription`"
    ),
    **{
        (f"beta.realtime.{module}", f"{prefix}ClientSecret{suffix}"): (
            "RealtimeTranscriptionSessionCreateRequest has no `client_secret`"
        )
        for module, prefix in (
            ("transcription_session_create_params", ""),
            ("transcription_session_update", "Session"),
            ("transcription_session_update_param", "Session"),
        )
        for suffix in ("", "ExpiresAt")
    },
}


def _out(module: str) -> bool:
    return any(fnmatch.fnmatchcase(module, p) for p in NOT_IN_SPEC_MODULES)


def _named_out(module: str, name: str) -> bool:
    return any(
        fnmatch.fnmatchcase(module, m) and fnmatch.fnmatchcase(name, n)
        for m, n in NOT_IN_SPEC_NAMES
    )


def _rows() -> list[tuple[str, str]]:
    lines = TABLE.read_text().splitlines()
    return [(m, n) for m, _, n in (line.partition("\t") for line in lines[1:]) if n]


def _in_scope(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    holders: dict[str, list[str]] = defaultdict(list)
    for module, name in rows:
        holders[name].append(module)

    def out(module: str, name: str) -> bool:
        if _out(module) or (module, name) in NOT_IN_SPEC_ROWS or _named_out(module, name):
            return True
        below = [
            m for m in holders[name] if m != module and m.startswith(module + "." if module else "")
        ]
        return bool(below) and all(out(m, name) for m in below)

    return [(m, n) for m, n in rows if not out(m, n)]


def _module(name: str, cache: dict[str, ModuleType | None] = {}) -> ModuleType | None:  # noqa: B006
    if name not in cache:
        try:
            cache[name] = importlib.import_module(
                "openai_oxide.types" + ("." + name if name else "")
            )
        except ImportError:
            cache[name] = None
    return cache[name]


def test_every_official_name_the_spec_describes_imports_from_its_official_path() -> None:
    rows = _rows()
    scope = _in_scope(rows)
    missing = [(m, n) for m, n in scope if not hasattr(_module(m), n)]
    print(f"official rows {len(rows)}; the spec describes {len(scope)}; missing {len(missing)}")
    assert missing == []


def test_the_single_rows_left_out_do_not_import() -> None:
    """A listed row (or name pattern) that imports now is described after all: take it off."""
    present = [row for row in NOT_IN_SPEC_ROWS if hasattr(_module(row[0]), row[1])]
    assert present == []
    rows = _rows()
    for module, name in NOT_IN_SPEC_NAMES:
        matched = [
            (m, n)
            for m, n in rows
            if fnmatch.fnmatchcase(m, module) and fnmatch.fnmatchcase(n, name)
        ]
        assert matched, (module, name)
        assert not [row for row in matched if hasattr(_module(row[0]), row[1])], (module, name)


def test_every_module_pattern_names_official_rows() -> None:
    modules = {m for m, _ in _rows()}
    for pattern in NOT_IN_SPEC_MODULES:
        assert any(fnmatch.fnmatchcase(m, pattern) for m in modules), pattern
