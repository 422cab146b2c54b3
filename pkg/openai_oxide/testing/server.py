"""FakeOpenAI: runs the fake app under hypercorn, on the current loop or in a thread.

We bind the listening socket ourselves (so port 0 gives a real port before serving) and
hand it to hypercorn's `worker_serve`. The socket is a `TrackingSocket`, which records
accepted connections so an HTTP/2 drop fault can kill its connection. With `tls=True` a
trustme CA issues the server certificate and ALPN offers h2 and http/1.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from hypercorn.asyncio.run import worker_serve
from hypercorn.config import Config, Sockets
from hypercorn.utils import wrap_app

from .app import FakeApp, Preflight
from .batches import BatchTiming
from .delivery import TrackingSocket
from .faults import Fault
from .journal import JournalEntry
from .latency import LatencyModel
from .ratelimit_budget import RateBudget

__all__ = ["FakeOpenAI"]

_START_TIMEOUT = 15.0
_GRACEFUL_TIMEOUT = 1.0
# Deep enough for a thousand calls connecting at once (benchmarks at 1,000 in flight):
# hypercorn's default of 100 resets the rest, and every client then pays retries.
_BACKLOG = 4096
# Seconds hypercorn keeps a connection with no request in progress open (its default).
# It also bounds how long a new connection may wait for its request to be read: at 1,000+
# calls in flight the fake (one process) falls that far behind and drops connections that
# every client then retries, so the load benchmarks raise it (`--keep-alive`).
_KEEP_ALIVE_TIMEOUT = 5.0


class FakeOpenAI:
    """A deterministic fake OpenAI server. Every public method is thread-safe.

    Use `async with FakeOpenAI() as server:` on the current loop, or
    `with FakeOpenAI() as server:` / `start_in_thread()` + `stop()` for a daemon thread.
    `adopt_unknown_ids=True` answers ids it never issued as existing objects (the API
    answers 404, as the fake does by default), as for an account that holds them.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tls: bool = False,
        api_key: str | None = None,
        latency: float | LatencyModel = 0.0,
        websocket: bool = True,
        stateless: bool = False,
        adopt_unknown_ids: bool = False,
        profile: str | None = None,
        quirks: tuple[str, ...] = (),
        cors_allow_headers: tuple[str, ...] | None = None,
        rate_limits: RateBudget | None = None,
        keep_alive_timeout: float = _KEEP_ALIVE_TIMEOUT,
    ) -> None:
        """`websocket=False`: no Responses WebSocket mode (the upgrade gets 404);
        `stateless=True`: no response is kept, so `previous_response_id` always fails
        (both as many compatible servers behave; see `testing.ws` and `testing.app`).
        `profile` / `quirks`: make every streamed answer depart from OpenAI's the way
        that compatible server does (profiles.py; a named server's profile also turns the
        WebSocket mode off where that server lacks it); ValueError for unknown names.
        `latency`: seconds before every answer's headers, or a `LatencyModel` (a median
        plus a seeded heavy tail, drawn in arrival order; see latency.py).
        `cors_allow_headers`: answer CORS preflights with only these header names, as
        servers with a short allow list do (default: allow whatever is asked); every
        preflight is recorded either way (`preflights`).
        `rate_limits`: a `RateBudget` that every `/v1/` call is charged to: `x-ratelimit-*`
        headers on each answer, 429 with Retry-After once it is spent (ratelimit_budget.py).
        `keep_alive_timeout`: seconds an idle connection (or one whose request is not read
        yet) stays open on the server's side."""
        self.host = host
        self.keep_alive_timeout = keep_alive_timeout
        self.tls = tls
        self._app = FakeApp(
            api_key=api_key,
            latency=latency,
            websocket=websocket,
            stateless=stateless,
            adopt_unknown_ids=adopt_unknown_ids,
            profile=profile,
            quirks=quirks,
            cors_allow_headers=cors_allow_headers,
            rate_limits=rate_limits,
        )
        self._requested_port = port
        self._port: int | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._ca: Any = None
        self._ca_path: Path | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None

    # -- addresses ---------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the server is not running")
        return self._port

    @property
    def url(self) -> str:
        """The base URL including `/v1`, e.g. `http://127.0.0.1:PORT/v1`."""
        host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(self.host, self.host)
        if ":" in host:
            host = f"[{host}]"
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}/v1"

    @property
    def ca_cert_pem(self) -> bytes:
        if self._ca is None:
            raise RuntimeError("ca_cert_pem needs tls=True and a running server")
        pem: bytes = self._ca.cert_pem.bytes()
        return pem

    @property
    def ca_cert_path(self) -> str:
        """A PEM file with the CA certificate (for `SSL_CERT_FILE`, curl, Node...)."""
        if self._ca_path is None:
            raise RuntimeError("ca_cert_path needs tls=True and a running server")
        return str(self._ca_path)

    def client_ssl_context(self) -> ssl.SSLContext:
        """A client SSLContext that trusts the fake's CA."""
        context = ssl.create_default_context(cadata=self.ca_cert_pem.decode())
        context.set_alpn_protocols(["h2", "http/1.1"])
        return context

    # -- state ---------------------------------------------------------------------------

    @property
    def journal(self) -> list[JournalEntry]:
        """A snapshot of the requests received so far (control endpoints excluded)."""
        return self._app.journal.snapshot()

    @property
    def preflights(self) -> list[Preflight]:
        """The CORS preflights received so far, with the header names each asked for
        and those the allow list refused."""
        return list(self._app.preflights)

    def open_connections(self) -> list[str]:
        """The clients ("host:port", as in the journal's `connection`) whose connections
        are still open on the server's side (also `GET /__fake__/connections`)."""
        return self._app.sockets.open_peers()

    def accepted_connections(self) -> int:
        """How many connections the server has accepted since it started (also
        `accepted` in `GET /__fake__/connections`): a client's reconnects show here."""
        return self._app.sockets.accepted

    def inject(self, fault: Fault) -> None:
        """Queue a fault for the next matching request(s)."""
        self._app.faults.push(fault)

    def set_profile(self, profile: str | None, quirks: tuple[str, ...] = ()) -> None:
        """Switch the server-wide profile and quirks (until `reset()`, which restores the
        ones given to the constructor)."""
        self._app.set_profile(profile, quirks)

    def reset(self) -> None:
        """Clear the journal, the queued faults and the stored responses, and return to the
        constructor's settings and profile."""
        self._app.reset()

    def configure(self, *, websocket: bool | None = None, stateless: bool | None = None) -> None:
        """Change the constructor's `websocket`/`stateless` settings until the next `reset()`
        (also `POST /__fake__/settings` with the same names)."""
        if websocket is not None:
            self._app.websocket = websocket
        if stateless is not None:
            self._app.stateless = stateless

    def set_rate_limits(self, budget: RateBudget | None) -> None:
        """Charge every `/v1/` call to this budget from now on, or to none (until `reset()`,
        which restores the constructor's)."""
        self._app.rate_limits = budget

    def set_latency(self, model: LatencyModel) -> None:
        """Use this latency model from the next request on, its draws restarted at index 0
        (until `reset()`; also `POST /__fake__/latency` with the model's fields)."""
        self._app.latency.set(model)

    def set_batch_timing(self, timing: BatchTiming) -> None:
        """How fast batches settle from the next one created on (until `reset()`; also
        `POST /__fake__/batches` with the same fields)."""
        self._app.batches.timing = timing

    def batch_statuses(self, batch_id: str) -> list[str]:
        """Every status a batch has had so far, in order (KeyError for an unknown id)."""
        return self._app.batches.statuses(batch_id)

    # -- lifecycle -----------------------------------------------------------------------

    def _prepare(self) -> tuple[Config, Sockets]:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = TrackingSocket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._requested_port))
        sock.listen(_BACKLOG)
        sock.setblocking(False)
        sock.registry = self._app.sockets
        self._port = sock.getsockname()[1]
        config = Config()
        config.loglevel = "WARNING"
        config.backlog = _BACKLOG  # hypercorn listens again with its own (default 100)
        config.graceful_timeout = _GRACEFUL_TIMEOUT
        config.keep_alive_timeout = self.keep_alive_timeout
        config.alpn_protocols = ["h2", "http/1.1"]
        if self.tls:
            import trustme

            self._tmp = tempfile.TemporaryDirectory(prefix="openai-oxide-fake-")
            tmp = Path(self._tmp.name)
            self._ca = trustme.CA()
            names = sorted({"127.0.0.1", "localhost", "::1", self.host} - {"", "0.0.0.0", "::"})
            cert = self._ca.issue_cert(*names)
            cert.cert_chain_pems[0].write_to_path(str(tmp / "cert.pem"))
            for extra in cert.cert_chain_pems[1:]:
                extra.write_to_path(str(tmp / "cert.pem"), append=True)
            cert.private_key_pem.write_to_path(str(tmp / "key.pem"))
            self._ca_path = tmp / "ca.pem"
            self._ca.cert_pem.write_to_path(str(self._ca_path))
            config.certfile = str(tmp / "cert.pem")
            config.keyfile = str(tmp / "key.pem")
            sockets = Sockets(secure_sockets=[sock], insecure_sockets=[], quic_sockets=[])
        else:
            sockets = Sockets(secure_sockets=[], insecure_sockets=[sock], quic_sockets=[])
        return config, sockets

    async def _serve(self, ready: threading.Event | asyncio.Event) -> None:
        config, sockets = self._prepare()
        self._loop = asyncio.get_running_loop()
        stop_event = self._stop_event = asyncio.Event()

        async def shutdown_trigger() -> None:
            ready.set()
            await stop_event.wait()
            self._app.close()
            # A TLS connection a client keeps idle would hold the shutdown for asyncio's
            # 30 s close_notify wait: cut whatever is still open halfway through the grace
            # (before hypercorn cancels the tasks serving them).
            loop = asyncio.get_running_loop()
            loop.call_later(_GRACEFUL_TIMEOUT / 2, self._app.sockets.shutdown_all)

        try:
            await worker_serve(
                wrap_app(cast(Any, self._app), config.wsgi_max_body_size, "asgi"),
                config,
                sockets=sockets,
                shutdown_trigger=shutdown_trigger,
            )
        finally:
            for sock in sockets.secure_sockets + sockets.insecure_sockets:
                sock.close()
            if self._tmp is not None:
                self._tmp.cleanup()
                self._tmp = None

    async def start(self) -> None:
        """Start serving on the running loop; returns once connections are accepted."""
        ready = asyncio.Event()
        self._task = asyncio.ensure_future(self._serve(ready))
        waiter = asyncio.ensure_future(ready.wait())
        await asyncio.wait({self._task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if not ready.is_set():
            waiter.cancel()
            self._task.result()  # raises the startup error
            raise RuntimeError("the fake server stopped during startup")

    async def aclose(self) -> None:
        """Stop a server started with `start()` and wait for it to finish."""
        if self._stop_event is not None:
            self._stop_event.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def __aenter__(self) -> FakeOpenAI:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def start_in_thread(self) -> FakeOpenAI:
        """Serve from a daemon thread with its own loop; returns once it accepts."""
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            try:
                asyncio.run(self._serve(ready))
            except BaseException as exc:
                errors.append(exc)
                ready.set()

        self._thread = threading.Thread(target=run, name="fake-openai", daemon=True)
        self._thread.start()
        if not ready.wait(_START_TIMEOUT):
            raise RuntimeError("the fake server did not start")
        if errors:
            raise RuntimeError("the fake server failed to start") from errors[0]
        return self

    def stop(self) -> None:
        """Stop a server started with `start_in_thread()` (idempotent)."""
        thread, loop, event = self._thread, self._loop, self._stop_event
        if thread is None or loop is None or event is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(event.set)
        thread.join(_START_TIMEOUT)
        self._thread = None

    @contextmanager
    def running_in_thread(self) -> Iterator[FakeOpenAI]:
        self.start_in_thread()
        try:
            yield self
        finally:
            self.stop()

    def __enter__(self) -> FakeOpenAI:
        return self.start_in_thread()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
