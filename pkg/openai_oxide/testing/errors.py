"""Error bodies shaped like the official API: `{"error": {message, type, param, code}}`."""

from __future__ import annotations

from typing import Any

__all__ = ["error_body", "status_error_body"]

_BY_STATUS: dict[int, tuple[str, str | None, str]] = {
    400: ("invalid_request_error", None, "Invalid request."),
    401: (
        "invalid_request_error",
        "invalid_api_key",
        "Incorrect API key provided. You can find your API key at "
        "https://platform.openai.com/account/api-keys.",
    ),
    403: ("invalid_request_error", "unsupported_country_region_territory", "Forbidden."),
    404: ("invalid_request_error", None, "Not found."),
    409: ("invalid_request_error", "conflict", "Conflict."),
    422: ("invalid_request_error", None, "Unprocessable entity."),
    429: (
        "requests",
        "rate_limit_exceeded",
        "Rate limit reached for requests. Please try again in 1s.",
    ),
    500: (
        "server_error",
        None,
        "The server had an error while processing your request. Sorry about that!",
    ),
    502: ("server_error", None, "Bad gateway."),
    503: ("server_error", None, "The server is overloaded or not ready yet."),
    504: ("server_error", None, "Gateway timeout."),
}


def error_body(
    message: str,
    *,
    type: str = "invalid_request_error",
    param: str | None = None,
    code: str | None = None,
) -> dict[str, Any]:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def status_error_body(status: int) -> dict[str, Any]:
    """A realistic error body for an injected status code."""
    kind, code, message = _BY_STATUS.get(
        status,
        ("server_error" if status >= 500 else "invalid_request_error", None, f"HTTP {status}."),
    )
    return error_body(message, type=kind, code=code)


def missing_param(param: str) -> dict[str, Any]:
    return error_body(
        f"Missing required parameter: '{param}'.", param=param, code="missing_required_parameter"
    )
