"""A Cloudflare Python Worker that holds the OpenAI key for the web demo: the routes are in
`proxy.py` (`/v1/chat`, `/v1/agent`, `/v1/realtime/client_secret`, `/`), answered through
the pydantic-free `openai_oxide.lite` client.

Bindings: OPENAI_API_KEY (a secret), and vars OPENAI_BASE_URL, OPENAI_MODEL, DEMO_ORIGIN
(the one browser origin allowed to call it), MAX_BODY_BYTES (default 32 KiB), and
REALTIME_MODEL, REALTIME_SESSION_FIELDS, REALTIME_SECRET_TTL (see realtime_secret.py).

Streams are pull-based: the runtime asks for the next chunk when the client is ready for it,
and a client that goes away cancels the SDK stream, which aborts the upstream fetch. Nothing
runs after `fetch` returns except that pull, so no `ctx.waitUntil` is needed.
"""

from __future__ import annotations

from jsglue import call_from_js, js_body
from proxy import handle
from workers import Request, Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request: Request) -> Response:
        answer = await handle(call_from_js(request.js_object), self.env)
        return Response(js_body(answer), status=answer.status, headers=answer.headers)
