"""What workerd does for a `WorkerEntrypoint` class, as the `on_fetch(request, env, ctx)` the
harness calls: wrap the JS Request in `workers.Request`, unwrap the `workers.Response`."""

from entry import Default
from workers import python_from_rpc, python_to_rpc


async def on_fetch(request, env, ctx):
    return python_to_rpc(await Default(ctx, env).fetch(python_from_rpc(request)))
