"""The Responses tool runner (the official `openai.lib.responses_tool_runner` names):
`types` (options, ledger, turns, errors), `state` (one run's bookkeeping, no I/O),
`loop` (the async runner) and `sync` (the sync runner, driving the async one)."""
