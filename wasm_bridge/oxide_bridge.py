"""The Python half of wasm_bridge/oxide.mjs (the JS API), imported inside Pyodide.

Everything crosses the boundary as JSON text: JS passes parameters as JSON, and every
operation is an `Op` whose `wait()` resolves to `{"ok": value}` or `{"error": {...}}` and
never rejects, so JS builds its own Error subclasses from plain fields (no PythonError,
no proxy leaks). `cancel()` cancels the task: the SDK closes its stream or request, and
the Pyodide transport aborts the fetch.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

# The Responses resource is imported here, not on first use, so that loadOxide's "import"
# step shows its cost (about 1 s in Pyodide) instead of the first call.
import openai_oxide.resources.responses  # noqa: F401
from openai_oxide import APIError, AsyncOpenAI
from openai_oxide.lib.browser import AsyncBrowserToolset
from openai_oxide.lib.hedge import Hedger, hedged_request_n
from openai_oxide.lib.responses_tool_runner import (
    AsyncRegisteredFunction,
    AsyncResponsesToolRunner,
)

__all__ = ["Bridge", "connect"]

_API_FIELDS = ("status_code", "request_id", "type", "code", "param")
_JS_NAMES = {"status_code": "status", "request_id": "requestId"}


def error_info(exc: BaseException) -> dict[str, Any]:
    """The plain fields of an error, for the JS Error subclass named `kind`."""
    if isinstance(exc, asyncio.CancelledError):
        return {"kind": "AbortError", "message": "The operation was aborted."}
    info: dict[str, Any] = {"kind": type(exc).__name__, "message": str(exc)}
    if isinstance(exc, APIError):
        info["message"] = exc.message
        for name in _API_FIELDS:
            info[_JS_NAMES.get(name, name)] = getattr(exc, name, None)
    return info


def _plain(model: Any) -> Any:
    return model.to_dict(mode="json")


def _response(response: Any) -> dict[str, Any]:
    """A Response as a plain object, with the `output_text` property the JS SDK has."""
    return {**_plain(response), "output_text": response.output_text}


class Op:
    """One running operation. JS awaits `wait()` (JSON text) and may call `cancel()`."""

    def __init__(self, work: Coroutine[Any, Any, Any]) -> None:
        self._task = asyncio.ensure_future(self._run(work))

    @staticmethod
    async def _run(work: Coroutine[Any, Any, Any]) -> str:
        try:
            return json.dumps({"ok": await work})
        except BaseException as exc:  # every outcome goes to JS as data
            return json.dumps({"error": error_info(exc)})

    def wait(self) -> asyncio.Future[str]:
        return self._task

    def cancel(self) -> None:
        self._task.cancel()


class EventStream:
    """A Responses stream pumped into a queue; `next()` gives one JSON message:
    `{"event": {...}}`, then `{"done": true}` or `{"error": {...}}`."""

    def __init__(self, client: AsyncOpenAI, params: dict[str, Any]) -> None:
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._task = asyncio.ensure_future(self._pump(client, params))

    async def _pump(self, client: AsyncOpenAI, params: dict[str, Any]) -> None:
        try:
            stream = await client.responses.create(**params, stream=True)
            async with stream:  # leaving it (also by cancellation) closes the request
                async for event in stream:
                    self._queue.put_nowait(json.dumps({"event": _plain(event)}))
            message: dict[str, Any] = {"done": True}
        except BaseException as exc:
            message = {"error": error_info(exc)}
        self._queue.put_nowait(json.dumps(message))

    async def next(self) -> str:
        return await self._queue.get()

    def cancel(self) -> None:
        self._task.cancel()


class WsSession:
    """An open `client.ws_session(...)`; turns are Ops, `close()` leaves the session."""

    def __init__(self, client: AsyncOpenAI, defaults: dict[str, Any]) -> None:
        self._client, self._defaults = client, defaults
        self._manager: Any = None
        self._session: Any = None

    async def open(self) -> None:
        self._manager = self._client.ws_session(defaults=self._defaults)
        self._session = await self._manager.__aenter__()

    def send(self, params_json: str) -> Op:
        async def turn() -> dict[str, Any]:
            return _response(await self._session.send(**json.loads(params_json)))

        return Op(turn())

    def close(self) -> Op:
        async def leave() -> None:
            await self._manager.__aexit__(None, None, None)

        return Op(leave())


JsTool = Callable[[str], Awaitable[str]]
Emit = Callable[[str], None]


def _registered(tool: dict[str, Any], run: JsTool, emit: Emit) -> AsyncRegisteredFunction:
    name = tool["name"]

    async def execute(arguments: Any) -> str:
        emit(json.dumps({"kind": "tool_started", "name": name, "arguments": arguments}))
        output = await run(json.dumps(arguments))
        emit(json.dumps({"kind": "tool_finished", "name": name, "output": output}))
        return str(output)

    definition = {
        "type": "function",
        "name": name,
        "description": tool.get("description") or "",
        "parameters": tool.get("parameters") or {"type": "object", "properties": {}},
        "strict": bool(tool.get("strict", False)),
    }
    return AsyncRegisteredFunction(definition, execute, independent=True)


class JsBrowser:
    """An `AsyncBrowserDriver` over a JS object whose methods take and return JSON text
    (oxide.mjs builds it from the caller's driver): the official driver protocol, so the
    SDK's BrowserToolset confirms, checks URLs and reports tabs as it does natively."""

    def __init__(self, js: Any) -> None:
        self._js = js

    async def state(self) -> Any:
        return json.loads(await self._js.state())

    async def navigate(self, action: Any) -> None:
        await self._js.navigate(json.dumps(action))

    async def read_page(self, action: Any) -> Any:
        return json.loads(await self._js.read_page(json.dumps(action)))

    async def click(self, action: Any) -> None:
        await self._js.click(json.dumps(action))


def _toolset(js: Any, members: list[str], emit: Emit) -> AsyncBrowserToolset:
    def confirm(context: Any) -> bool:
        emit(json.dumps({"kind": "browser_confirm", "member": context.get("member")}))
        return True  # the demo's page approves every action, and shows it

    def url_policy(context: Any, url: str) -> bool:
        return True  # the in-page browser fetches nothing: every URL stays in the page

    return AsyncBrowserToolset(
        JsBrowser(js), members=members, confirm=confirm, url_policy=url_policy
    )


def connect(options_json: str) -> Bridge | str:
    """A Bridge, or the JSON of the error (e.g. bad options) for JS to throw."""
    try:
        return Bridge(options_json)
    except Exception as exc:
        return json.dumps({"error": error_info(exc)})


class Bridge:
    """One JS `client`: an AsyncOpenAI built from the JS options."""

    def __init__(self, options_json: str) -> None:
        options = json.loads(options_json)
        self._client = AsyncOpenAI(
            api_key=options["apiKey"],
            base_url=options.get("baseURL"),
            max_retries=options.get("maxRetries", 2),
            timeout=options.get("timeout", 600.0),
            default_headers=options.get("defaultHeaders"),
            dangerously_allow_browser=options.get("dangerouslyAllowBrowser", False),
        )

    def create(self, params_json: str) -> Op:
        async def create() -> dict[str, Any]:
            return _response(await self._client.responses.create(**json.loads(params_json)))

        return Op(create())

    def stream(self, params_json: str) -> EventStream:
        return EventStream(self._client, json.loads(params_json))

    def hedged(self, params_json: str, delay_ms: float, copies: int) -> Op:
        params = json.loads(params_json)
        hedger = Hedger()  # its own statistics, so each answer reports its own copies

        async def hedged() -> dict[str, Any]:
            response = await hedged_request_n(
                lambda: self._client.responses.create(**params),
                n=copies,
                delay=delay_ms / 1000.0,
                hedger=hedger,
            )
            return {
                "response": _response(response),
                "extraRequests": hedger.stats.extra_requests,
                "hedgedWin": hedger.stats.hedged_wins > 0,
            }

        return Op(hedged())

    def ws_session(self, defaults_json: str) -> tuple[WsSession, Op]:
        session = WsSession(self._client, json.loads(defaults_json))
        return session, Op(session.open())

    def agent(
        self,
        params_json: str,
        tools_json: str,
        runners: dict[str, JsTool],
        emit: Emit,
        max_steps: int,
        browser: Any = None,
        browser_members_json: str = "[]",
    ) -> Op:
        async def on_event(event: Any) -> None:
            emit(json.dumps({"kind": "event", "event": _plain(event)}))

        async def run() -> dict[str, Any]:
            # Built inside the Op, so that a bad tool definition comes back as an error too.
            tools = json.loads(tools_json)
            functions = [_registered(t, runners[t["name"]], emit) for t in tools]
            members = json.loads(browser_members_json)
            toolset = None if browser is None else _toolset(browser, members, emit)
            runner = AsyncResponsesToolRunner(functions=functions, browser=toolset)
            final = await runner.run(
                self._client,
                json.loads(params_json),
                stream=True,
                eager=True,
                on_event=on_event,
                max_steps=max_steps,
            )
            return _response(final)

        return Op(run())

    async def close(self) -> None:
        await self._client.close()
