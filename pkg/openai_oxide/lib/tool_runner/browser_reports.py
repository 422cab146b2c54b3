"""What a browser driver reports, checked and projected as the official toolset does:
tab state (with an optional observation: a numbered, non-consuming change log), tab
URLs (an origin; the canonical one beside an observation), rich reads (BrowserReadV1),
images, script results and file outcomes. Sans-I/O; nothing of the driver's objects is
kept (each value is copied into plain types)."""

from __future__ import annotations

import re
from ipaddress import IPv4Address, IPv6Address
from typing import Any, TypeGuard
from urllib.parse import quote, urlsplit

from ..browser_types import READ_OMISSIONS

_MAX = 9007199254740991
RICH_READS = frozenset(
    ("read_page", "get_page_text", "find", "read_page_scoped", "read_diagnostics")
)
FILE_TRANSFERS = frozenset(("upload_file", "download_file"))
_DEFAULT_PORTS = {"ftp": 21, "http": 80, "https": 443, "ws": 80, "wss": 443}
_AUTHORITY = re.compile(r"(?:(.*)@)?(\[.*\]|[^:@]*):?(.*)")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_ROLES = ("button", "textbox", "combobox", "checkbox", "radio", "slider", "listbox")
_DIALOGS = ("alert", "confirm", "prompt", "beforeunload", "other")
_TAB_CHANGES = ("tab_opened", "tab_closed", "tab_switched", "navigation")
_FILE_OUTCOMES = {
    ("completed", "completed"),
    ("refused", "none"),
    ("unknown", "unknown"),
    ("interrupted", "none"),
    ("interrupted", "unknown"),
}


def text(value: object, limit: int | None = None, empty: bool = True) -> TypeGuard[str]:
    """A str (no lone surrogates), nonempty unless `empty`, at most `limit` UTF-8 bytes.
    With a `limit`, a lone surrogate raises UnicodeEncodeError (as the official: a call's
    argument with one fails the call instead of being an invalid value)."""
    if type(value) is not str or (not empty and not value):
        return False
    if limit is None:
        return re.search(r"[\ud800-\udfff]", value) is None
    return len(value.encode("utf-8")) <= limit


def counter(value: object) -> TypeGuard[int]:
    return type(value) is int and 0 <= value <= _MAX


def _plain(value: object) -> object:
    """A str subclass's value as a plain str (its hooks are not kept)."""
    return str.__str__(value) if isinstance(value, str) else value


# Tab URLs. The official parses the authority with httpx2's URL; this is that parse.


def _host_port(scheme: str, authority: str) -> tuple[str, int | None]:
    """The encoded host and the port (None when empty or the scheme's default) of
    `scheme://authority`; ValueError when the authority is invalid."""
    url = f"{scheme}://{authority}"
    if len(url) > 65536 or any(c.isascii() and not c.isprintable() for c in url):
        raise ValueError
    match = _AUTHORITY.match(authority)
    assert match is not None  # every part may be empty
    host, port = match[2], match[3]
    number = None if port == "" else int(port)
    if number == _DEFAULT_PORTS.get(scheme.lower()):
        number = None
    if re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+", host):
        IPv4Address(host)
    elif re.fullmatch(r"\[.*\]", host):
        host = host[1:-1]
        IPv6Address(host)
    elif host.isascii():
        host = quote(host.lower(), safe="!$&'()*+,;=" + '"`{}%|\\')
    else:
        host = _idna(host.lower())
    return host, number


def _idna(host: str) -> str:
    # IDNA 2008 as httpx2 (not Python's IDNA 2003 codec: "faß" differs); imported on
    # first use, since few hosts need it.
    import idna

    try:
        return str(idna.encode(host).decode("ascii"))
    except idna.IDNAError as exc:
        raise ValueError from exc


def legacy_origin(url: str) -> str:
    """A tab URL without an observation: its origin as the official writes it."""
    if url == "about:blank":
        return url
    parts = urlsplit(url)
    if not parts.scheme:
        raise ValueError
    if parts.scheme in ("http", "https"):
        authority = parts.netloc.rsplit("@", 1)[-1]
        if not authority:
            raise ValueError
        host, port = _host_port(parts.scheme, authority)
        host = f"[{host}]" if ":" in host else host
        projected = f"{parts.scheme}://{host}" + ("" if port is None else f":{port}")
    else:
        projected = parts.scheme + ":"
    if not text(projected, 2048, empty=False):
        raise ValueError
    return projected


def canonical_origin(url: str) -> str:
    """A tab URL beside an observation: the canonical http(s) origin, or about:blank;
    no escaped host or port bytes, no scoped or non-canonical IP addresses."""
    if not text(url, empty=False):
        raise ValueError
    if url == "about:blank":
        return url
    match = re.match(r"https?://([^/?#]*)", url, re.IGNORECASE)
    if not match or not match[1] or re.search(r"[\x00-\x20\x7f\\]", match[1]):
        raise ValueError
    host_port = match[1].rsplit("@", 1)[-1]  # escaped userinfo is allowed, never shown
    if "%" in host_port:
        raise ValueError
    scheme = url[: match.start(1) - 3].lower()
    host, port = _host_port(scheme, host_port)
    if not host or (port is not None and not 0 <= port <= 65535):
        raise ValueError
    if ":" in host:
        host = f"[{IPv6Address(host).compressed}]"
    else:
        labels = host.removesuffix(".").split(".")
        if any(_LABEL.fullmatch(label) is None for label in labels):
            raise ValueError
        # A numeric last label makes an IPv4 host (as WHATWG); only the four-octet
        # spelling is accepted.
        if re.fullmatch(r"(?:[0-9]+|0x[0-9a-f]*)", labels[-1]):
            host = str(IPv4Address(host))
            if host_port.split(":")[0] != host:
                raise ValueError
    projected = f"{scheme}://{host}" + ("" if port is None else f":{port}")
    if not text(projected, 2048, empty=False):
        raise ValueError
    return projected


# Tab state and observations. Every failure is one RuntimeError to the toolset.


def _change(raw: object, position: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError
    kind, tab_id = _plain(raw.get("type")), _plain(raw.get("tab_id"))
    if not counter(raw.get("sequence")) or raw.get("sequence") != position:
        raise ValueError
    change: dict[str, Any] = {"type": kind, "sequence": position, "tab_id": tab_id}
    allowed: tuple[str, ...]
    if kind in ("navigation_refused", "download"):
        if "tab_id" not in raw or (tab_id is not None and not text(tab_id, 128, empty=False)):
            raise ValueError
        field, allowed = "reason", ("policy", "unsupported")
        if kind == "download":
            field, allowed = "status", ("blocked", "started", "completed", "failed")
    elif not text(tab_id, 128, empty=False):
        raise ValueError
    elif kind == "dialog_dismissed":
        field, allowed = "kind", _DIALOGS
    elif isinstance(kind, str) and kind in _TAB_CHANGES:
        return change
    else:
        raise ValueError
    value = _plain(raw.get(field))
    if not isinstance(value, str) or value not in allowed:
        raise ValueError
    change[field] = value
    return change


def observation(value: object) -> dict[str, Any]:
    """An observation (version 1): `sequence` counts every change, the first
    `dropped_changes` of which are no longer listed; `changes` number on from there."""
    if not isinstance(value, dict):
        raise ValueError
    sequence, dropped = value.get("sequence"), value.get("dropped_changes")
    truncated, changes = value.get("title_truncated"), value.get("changes")
    if (
        type(value.get("version")) is not int
        or value.get("version") != 1
        or not counter(sequence)
        or not counter(dropped)
        or type(truncated) is not bool
        or not isinstance(changes, list)
        or sequence != dropped + len(changes)
    ):
        raise ValueError
    listed = [_change(raw, dropped + index + 1) for index, raw in enumerate(list(changes))]
    return {
        "version": 1,
        "sequence": sequence,
        "dropped_changes": dropped,
        "title_truncated": truncated,
        "changes": listed,
    }


def _follows(now: dict[str, Any] | None, before: dict[str, Any]) -> bool:
    """An observation after `before` in the same call: it never goes back, and the
    changes both still list are the same."""
    if now is None or now["sequence"] < before["sequence"]:
        return False
    if now["dropped_changes"] < before["dropped_changes"]:
        return False
    offset = now["dropped_changes"] - before["dropped_changes"]
    kept = before["sequence"] - now["dropped_changes"]
    return all(now["changes"][i] == before["changes"][offset + i] for i in range(kept))


def state(value: object, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The driver's tab report, checked and projected; `previous` is the observation
    reported before the action (the report after it must follow it)."""
    try:
        if not isinstance(value, dict) or not isinstance(value.get("tabs"), list):
            raise ValueError
        seen = observation(value["observation"]) if "observation" in value else None
        if previous is not None and not _follows(seen, previous):
            raise ValueError
        tabs = [_tab(raw, seen) for raw in list(value["tabs"])]
        ids = [tab["id"] for tab in tabs]
        if len(set(ids)) != len(ids) or (tabs and sum(tab["active"] for tab in tabs) != 1):
            raise ValueError
    except Exception:
        raise RuntimeError("Browser state is invalid.") from None
    return {"tabs": tabs} if seen is None else {"tabs": tabs, "observation": seen}


def _tab(raw: object, seen: dict[str, Any] | None) -> dict[str, Any]:
    if not isinstance(raw, dict) or type(raw.get("active")) is not bool:
        raise ValueError
    if not all(isinstance(raw.get(key), str) for key in ("id", "title", "url")):
        raise ValueError
    tab_id, title, url = (str.__str__(raw[key]) for key in ("id", "title", "url"))
    if seen is None:
        return {"id": tab_id, "title": title, "url": legacy_origin(url), "active": raw["active"]}
    if not text(tab_id, 128, empty=False) or not text(title):
        raise ValueError
    short = title[:1024].encode("utf-8")[:1024].decode("utf-8", errors="ignore")
    if short != title:  # at most 1024 UTF-8 bytes, and the observation says so
        title, seen["title_truncated"] = short, True
    return {"id": tab_id, "title": title, "url": canonical_origin(url), "active": raw["active"]}


# Action results.


def _element(raw: object, refs: set[str]) -> dict[str, Any]:
    if type(raw) is not dict:
        raise ValueError
    ref, role, label = raw.get("ref"), raw.get("role"), raw.get("label")
    if not text(ref, 256, empty=False) or ref in refs:
        raise ValueError
    if type(role) is not str or role not in _ROLES or not text(label, 256, empty=False):
        raise ValueError
    refs.add(ref)
    element: dict[str, Any] = {"ref": ref, "role": role, "label": label}
    if role in ("checkbox", "radio") and "checked" in raw:
        if type(raw["checked"]) is not bool:
            raise ValueError
        element["checked"] = raw["checked"]
    if "value" in raw:
        if not text(raw["value"], 512):
            raise ValueError
        element["value"] = raw["value"]
    if "options" in raw:
        if type(raw["options"]) is not list:
            raise ValueError
        element["options"] = [_option(option, role) for option in list(raw["options"])]
    return element


def _option(raw: object, role: str) -> dict[str, Any]:
    if type(raw) is not dict:
        raise ValueError
    label, value = raw.get("label"), raw.get("value")
    if not text(label, 256, empty=False) or not text(value, 512):
        raise ValueError
    option: dict[str, Any] = {"label": label, "value": value}
    if role == "listbox" and "selected" in raw:
        if type(raw["selected"]) is not bool:
            raise ValueError
        option["selected"] = raw["selected"]
    return option


def read(member: str, value: object) -> Any:
    """A rich read's result: text or None, or a BrowserReadV1 report (the only form of
    read_page_scoped, with its scopes, and of read_diagnostics)."""
    if member not in ("read_page_scoped", "read_diagnostics") and (
        value is None or isinstance(value, str)
    ):
        return value
    try:
        if type(value) is not dict:
            raise ValueError
        body, elements, omitted = value.get("text"), value.get("elements"), value.get("omitted")
        version = value.get("version")
        if type(version) is not int or version != 1 or not text(body):
            raise ValueError
        if type(elements) is not list or type(omitted) is not list:
            raise ValueError
        scopes: object = value.get("scopes") if member == "read_page_scoped" else []
        if type(scopes) is not list:
            raise ValueError
        if member in ("get_page_text", "read_diagnostics") and elements:
            raise ValueError
        if len(omitted) > len(READ_OMISSIONS):
            raise ValueError
        refs: set[str] = set()
        report: dict[str, Any] = {
            "version": 1,
            "text": body,
            "elements": [_element(raw, refs) for raw in list(elements)],
        }
        codes: list[str] = []
        for code in list(omitted):
            if type(code) is not str or code not in READ_OMISSIONS or code in codes:
                raise ValueError
            codes.append(code)
        report["omitted"] = codes
        if member == "read_page_scoped":
            report["scopes"] = [_scope(raw, refs) for raw in list(scopes)]
        return report
    except Exception:
        raise RuntimeError("Browser read report failed.") from None


def _scope(raw: object, refs: set[str]) -> dict[str, Any]:
    if type(raw) is not dict:
        raise ValueError
    ref, label = raw.get("ref"), raw.get("label")
    if not text(ref, 256, empty=False) or ref in refs or not text(label, 256, empty=False):
        raise ValueError
    refs.add(ref)
    return {"ref": ref, "label": label}


def image(member: str, value: object) -> dict[str, Any]:
    """A screenshot or zoom result: an `input_image` with an image_url or file_id."""
    fields = ("type", "image_url", "file_id", "detail", "prompt_cache_breakpoint")
    try:
        if not isinstance(value, dict) or set(value) - set(fields):
            raise ValueError
        found = {name: _plain(value[name]) for name in fields if name in value}
        sources = [found.get("image_url"), found.get("file_id")]
        if found.get("type") != "input_image" or sources == [None, None]:
            raise ValueError
        if not all(s is None or (isinstance(s, str) and s.strip()) for s in sources):
            raise ValueError
        if found.get("detail") not in (None, "auto", "low", "high", "original"):
            raise ValueError
        mark = found.get("prompt_cache_breakpoint")
        if mark is not None:
            if not isinstance(mark, dict) or set(mark) != {"mode"} or mark["mode"] != "explicit":
                raise ValueError
            found["prompt_cache_breakpoint"] = {"mode": "explicit"}
        return found
    except Exception:
        message = "Browser zoom must return a valid input_image."
        if member == "screenshot":
            message = "Browser screenshot must be input_image with at least one valid "
            message += "image_url or file_id."
        raise RuntimeError(message) from None


def file_outcome(value: object) -> dict[str, Any]:
    """An upload's or download's outcome: exactly version 1, a status with the effect
    it allows, and how far the cleanup got."""
    try:
        if type(value) is not dict:
            raise ValueError
        fields = dict(value)
        if any(type(key) is not str for key in fields):
            raise ValueError
        if set(fields) != {"version", "status", "effect", "cleanup"}:
            raise ValueError
        if type(fields["version"]) is not int or fields["version"] != 1:
            raise ValueError
        if not all(type(fields[name]) is str for name in ("status", "effect", "cleanup")):
            raise ValueError
        if fields["cleanup"] not in ("not_started", "pending", "completed"):
            raise ValueError
        if (fields["status"], fields["effect"]) not in _FILE_OUTCOMES:
            raise ValueError
    except Exception:
        raise RuntimeError("Browser file result failed.") from None
    return {name: fields[name] for name in ("version", "status", "effect", "cleanup")}


def result(member: str, value: object) -> Any:
    """A driver's result, checked for what its member returns (other members' results
    are checked when the output is written: see `plain_result`)."""
    if member in RICH_READS:
        return read(member, value)
    if member in ("screenshot", "zoom"):
        return image(member, value)
    if member == "run_script":
        if not text(value):
            raise RuntimeError("Browser script result failed.")
        return value
    if member in FILE_TRANSFERS:
        return file_outcome(value)
    return value


def plain_result(member: str, value: object) -> None:
    """Other members return a string or None."""
    if member in RICH_READS or member in FILE_TRANSFERS:
        return
    if value is not None and not isinstance(value, str):
        raise RuntimeError("Browser actions must return a string or None.")
