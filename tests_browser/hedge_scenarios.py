"""Hedging and fan-out on every target: they sit above the transport, so a losing copy
must be aborted (AbortController under Pyodide) and the outcome must read the same.
The fake's latency model is set so that the first request lands in its heavy tail
(`fake_control.TAIL_FIRST`).
"""

from __future__ import annotations

import json
from typing import Any

from fake_control import TAIL_FIRST, all_settled, set_latency, tail_outcomes
from scenarios import client, journal_settled, record_error, reset, transcript

from openai_oxide import BadRequestError, Hedger, fan_out, hedged_request


async def hedged_tail_and_fan_out(base_url: str) -> dict[str, Any]:
    """A copy in the tail loses to a hedge and is aborted (by hand and client-level); a
    fan-out keeps input order; copies that all fail raise the last error with the others."""
    result = transcript()
    await reset(base_url)
    await set_latency(base_url, TAIL_FIRST)
    hedger = Hedger()
    async with client(base_url) as c:
        response = await hedged_request(
            lambda: c.responses.create(model="gpt-4o", input="hedge"), delay=0.05, hedger=hedger
        )
        result["final"] = {"answered": bool(response.output_text)}
        result["hedged"] = tail_outcomes(await journal_settled(base_url, all_settled))
        result["stats"] = [hedger.stats.calls, hedger.stats.extra_requests, hedger.stats.cancelled]

        await reset(base_url)
        await set_latency(base_url, TAIL_FIRST)
        hedging = c.with_options(hedge=Hedger(delay=0.05))
        stream = await hedging.responses.create(model="gpt-4o", input="stream", stream=True)
        result["events"] = [event.type async for event in stream][-1:]
        result["client_level"] = tail_outcomes(await journal_settled(base_url, all_settled))

        await reset(base_url)
        results = await fan_out(
            [
                lambda i=i: c.responses.create(model="gpt-4o", input="x", metadata={"i": str(i)})
                for i in range(5)
            ],
            limit=2,
        )
        result["fan_out"] = [r.metadata["i"] for r in results]

        await reset(base_url)
        bad = {"x-fake-fault": json.dumps({"status": 400})}
        try:
            await hedged_request(
                lambda: c.responses.create(model="gpt-4o", input="x", extra_headers=bad),
                delay=10.0,
                hedger=Hedger(),
            )
        except BadRequestError as exc:
            record_error(result, exc)
            result["others"] = [type(e).__name__ for e in exc.hedge_errors]  # type: ignore[attr-defined]
        result["requests"] = len(await journal_settled(base_url, all_settled))
    return result


SCENARIOS = {"hedged_tail_and_fan_out": hedged_tail_and_fan_out}
