"""`context_budget`: keep each request's input under a byte and image limit by letting
the application drop completed tool calls (with their outputs) and add a summary.

Pure functions over the run's history; the run keeps the full history (and the ledger
saves it), only the request sent is the compacted projection, as in the official runner.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .types import ContextBudgetDecision, ContextBudgetSnapshot

_FIELDS = {"max_input_bytes", "max_input_images", "keep_recent_screenshots", "compact"}
_LIMIT = 9007199254740991
_CALLS = ("function_call", "computer_call")
_OUTPUTS = ("function_call_output", "computer_call_output")


def checked(budget: Any, params: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a valid budget; ValueError names what is wrong."""
    if not isinstance(budget, dict) or budget.keys() - _FIELDS:
        raise ValueError("Unknown context_budget fields.")
    for name, minimum in (("max_input_bytes", 1), ("max_input_images", 0)):
        number = budget.get(name)
        if type(number) is not int or not minimum <= number <= _LIMIT:
            raise ValueError(f"Invalid context_budget limit {name}.")
    keep = budget.get("keep_recent_screenshots", 1)
    if type(keep) is not int or not 1 <= keep <= _LIMIT:
        raise ValueError("Invalid context_budget limit keep_recent_screenshots.")
    if "compact" in budget and not callable(budget["compact"]):
        raise ValueError("context_budget.compact must be callable.")
    if params.get("truncation") == "auto" or params.get("context_management"):
        raise ValueError("context_budget cannot use server truncation or context management.")
    return dict(budget)


def size(history: list[dict[str, Any]]) -> tuple[int, int]:
    """The input's compact JSON size in UTF-8 bytes, and its number of images."""
    text = json.dumps(history, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    images = 0
    for item in history:
        kind = item.get("type", "message")
        if kind == "computer_call_output":
            images += 1
        elif kind in ("message", "function_call_output"):
            blocks = item.get("output" if kind == "function_call_output" else "content")
            if isinstance(blocks, list):
                images += sum(
                    1 for b in blocks if isinstance(b, dict) and b.get("type") == "input_image"
                )
    return len(text.encode("utf-8")), images


def over(
    budget: Mapping[str, Any], history: list[dict[str, Any]], browser_names: frozenset[str]
) -> ContextBudgetSnapshot | None:
    """None when the history fits; else what `compact` is shown. Completed calls are
    eligible to drop except the latest computer and browser calls, calls with safety
    checks, and the `keep_recent_screenshots` newest screenshots (as the official)."""
    input_bytes, images = size(history)
    if input_bytes <= budget["max_input_bytes"] and images <= budget["max_input_images"]:
        return None
    calls: dict[str, dict[str, Any]] = {}
    kept: set[str] = set()
    screenshots: list[str] = []
    latest: dict[str, str] = {}
    for item in history:
        kind, call_id = item.get("type"), str(item.get("call_id"))
        if kind in _CALLS:
            calls[call_id] = item
            if kind == "computer_call":
                latest["computer"] = call_id
                if item.get("pending_safety_checks"):
                    kept.add(call_id)
            elif item.get("name") in browser_names:
                latest["browser"] = call_id
        elif kind == "computer_call_output":
            screenshots.append(call_id)
            if item.get("acknowledged_safety_checks"):
                kept.add(call_id)
        elif kind == "function_call_output" and _browser_image(calls.get(call_id), item):
            screenshots.append(call_id)
    kept.update(screenshots[-budget.get("keep_recent_screenshots", 1) :])
    kept.update(latest.values())
    return {
        "history": json.loads(json.dumps(history)),
        "eligible_call_ids": [call_id for call_id in calls if call_id not in kept],
        "input_bytes": input_bytes,
        "input_images": images,
    }


def _browser_image(call: dict[str, Any] | None, output: dict[str, Any]) -> bool:
    blocks = output.get("output")
    return (
        call is not None
        and call.get("name") in ("browser_screenshot", "browser_zoom")
        and isinstance(blocks, list)
        and any(isinstance(b, dict) and b.get("type") == "input_image" for b in blocks)
    )


def projected(
    budget: Mapping[str, Any],
    history: list[dict[str, Any]],
    decision: ContextBudgetDecision,
    eligible: list[str],
) -> list[dict[str, Any]]:
    """The request input after `decision`; ValueError when it is invalid or still too big."""
    if not isinstance(decision, dict) or decision.keys() - {"drop_call_ids", "summary"}:
        raise ValueError("Invalid context_budget decision.")
    drop = decision.get("drop_call_ids")
    if (
        not isinstance(drop, list)
        or any(call_id not in eligible for call_id in drop)
        or len(set(drop)) != len(drop)
        or ("summary" in decision and not isinstance(decision["summary"], str))
    ):
        raise ValueError("Invalid context_budget decision.")
    retained: list[dict[str, Any]] = []
    receipts: list[dict[str, str]] = []
    for item in history:
        kind = item.get("type")
        if kind in _CALLS + _OUTPUTS and item.get("call_id") in drop:
            if kind in _CALLS:
                receipt = {"call_id": item["call_id"], "kind": kind}
                if kind == "function_call":
                    receipt["name"] = item["name"]
                receipts.append(receipt)
        else:
            retained.append(item)
    notes: list[dict[str, Any]] = []
    if "summary" in decision:
        text = "Caller summary of omitted completed tool results: " + decision["summary"]
        notes.append({"role": "user", "content": text})
    if receipts:
        listed = json.dumps(receipts, ensure_ascii=False, separators=(",", ":"))
        text = (
            f"Omitted completed tool receipts: {listed}. Output is present in the runner's "
            "full history; external success is unverified."
        )
        notes.append({"role": "user", "content": text})
    result = [*notes, *retained]
    input_bytes, images = size(result)
    if input_bytes > budget["max_input_bytes"] or images > budget["max_input_images"]:
        raise ValueError("Native request input still exceeds context_budget.")
    return result
