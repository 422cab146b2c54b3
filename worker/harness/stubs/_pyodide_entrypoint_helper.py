"""Stand-in for workerd's internal `_pyodide_entrypoint_helper` (built into the runtime, not on
PyPI), which the vendored `workers-runtime-sdk` imports. Only what the SDK uses on the
fetch path is real; the values come from `_worker_harness`, a JS module that
worker/harness/run.mjs registers with `pyodide.registerJsModule`.
"""

from collections.abc import Generator
from typing import Any

import _worker_harness

# `from workers import env, wait_until` read these (the `cloudflare:workers` module).
cloudflareWorkersModule: Any = _worker_harness.cloudflareWorkers
cloudflareSocketsModule: Any = None  # no TCP sockets in Node here


async def doAnImport(module_name: str) -> Any:
    # workerd imports a JS module of the bundle; only the SDK's own workflows.js exists here.
    return await _worker_harness.importModule(module_name)


def patch_env_helper(kwds: Any) -> Generator[None]:
    raise NotImplementedError("workers.patch_env is not supported by the Node harness")
    yield


def patchWaitUntil(ctx: Any) -> None:
    # workerd makes ctx.waitUntil accept Python awaitables; the harness ctx takes promises.
    pass
