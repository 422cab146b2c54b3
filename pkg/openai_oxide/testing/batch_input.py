"""Validating a Batch API input file as the API does, before a batch runs (batches.py).

Each line: a JSON object with `custom_id` (a string, unique in the file), `method` (POST),
`url` (the batch's endpoint) and `body` (an object); one model across the file; at most
`max_lines` lines and `max_bytes` bytes, and 50,000 embedding inputs in an embeddings
batch. Errors carry the API's fields (code, message, param, line; lines count from 1).
"""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["batch_error", "validate_input"]

_MAX_EMBEDDING_INPUTS = 50_000
_MAX_ERRORS = 100
_FIELDS = {"custom_id": str, "method": str, "url": str, "body": dict}


def validate_input(
    content: bytes, endpoint: str, max_lines: int, max_bytes: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]:
    """The lines, the validation errors (the first `_MAX_ERRORS`) and the batch's model."""
    if not content.strip():
        return [], [batch_error("empty_file", "The batch input file is empty.")], None
    if len(content) > max_bytes:
        message = f"The batch input file is larger than the {max_bytes} bytes allowed."
        return [], [batch_error("file_too_large", message)], None
    numbered = [(n, x) for n, x in enumerate(content.split(b"\n"), start=1) if x.strip()]
    if len(numbered) > max_lines:
        message = (
            f"The batch input file has {len(numbered)} requests; a batch takes at most {max_lines}."
        )
        return [], [batch_error("too_many_requests_in_batch", message)], None
    lines: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    model: str | None = None
    inputs = 0
    for number, raw in numbered:
        problem, line = _check_line(raw, endpoint, seen)
        if problem is None and line is not None:
            line_model = line["body"].get("model")
            if model is None and isinstance(line_model, str):
                model = line_model
            elif isinstance(line_model, str) and line_model != model:
                problem = (
                    "mismatched_model",
                    f"The provided model '{line_model}' does not match the model of the "
                    f"other requests in the batch ('{model}'): a batch uses one model.",
                    "body.model",
                )
            embedded = line["body"].get("input")
            inputs += len(embedded) if isinstance(embedded, list) else 1
        if problem is not None:
            code, message, param = problem
            errors.append(batch_error(code, message, param=param, line=number))
        elif line is not None:
            lines.append(line)
    if endpoint == "/v1/embeddings" and inputs > _MAX_EMBEDDING_INPUTS:
        message = f"An embeddings batch takes at most {_MAX_EMBEDDING_INPUTS} inputs in all."
        errors.append(batch_error("too_many_embedding_inputs", message))
    return lines, errors[:_MAX_ERRORS], model


def _check_line(
    raw: bytes, endpoint: str, seen: set[str]
) -> tuple[tuple[str, str, str | None] | None, dict[str, Any] | None]:
    try:
        line = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return ("invalid_json_line", "This line is not parseable as valid JSON.", None), None
    if not isinstance(line, dict):
        return ("invalid_json_line", "Each line must be a JSON object.", None), None
    for name, kind in _FIELDS.items():
        if name not in line:
            return (
                "missing_required_parameter",
                f"Missing required parameter: '{name}'.",
                name,
            ), None
        if not isinstance(line[name], kind):
            expected = "a string" if kind is str else "an object"
            return ("invalid_type", f"Invalid type for '{name}': expected {expected}.", name), None
    if line["method"] != "POST":
        message = f"Invalid method '{line['method']}': batch requests use POST."
        return ("invalid_method", message, "method"), None
    if line["url"] != endpoint:
        message = (
            f"The URL provided for this request ('{line['url']}') does not match the batch "
            f"endpoint ('{endpoint}')."
        )
        return ("invalid_url", message, "url"), None
    if line["custom_id"] in seen:
        message = (
            f"The custom_id '{line['custom_id']}' is a duplicate of another request's. The "
            "custom_id parameter must be unique for each request in a batch."
        )
        return ("duplicate_custom_id", message, "custom_id"), None
    seen.add(line["custom_id"])
    return None, line


def batch_error(
    code: str, message: str, *, param: str | None = None, line: int | None = None
) -> dict[str, Any]:
    return {"code": code, "message": message, "param": param, "line": line}
