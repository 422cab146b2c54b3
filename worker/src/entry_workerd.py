"""The same Worker for workerd 1.20240806.0 (the last release that runs Python Workers
offline: Python 3.12, no `workers` module, no pydantic): `on_fetch(request, env)` with JS
objects, answered by the same `proxy.handle` (see entry.py)."""

from __future__ import annotations

from typing import Any

from jsglue import call_from_js, js_body
from proxy import handle


async def on_fetch(request: Any, env: Any) -> Any:
    from js import Object, Response
    from pyodide.ffi import to_js

    answer = await handle(call_from_js(request), env)
    init = to_js(
        {"status": answer.status, "headers": answer.headers}, dict_converter=Object.fromEntries
    )
    return Response.new(js_body(answer), init)
