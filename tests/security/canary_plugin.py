"""pytest plugin for the canary run (test_canary.py starts pytest with `-p canary_plugin`).

It swaps the suite's API key (`support.API_KEY`, `OPENAI_API_KEY`) for a canary, and writes
to OXIDE_CANARY_OUT everything the SDK says that could leak it: every log record of every
logger at DEBUG, and, after each test, str/repr/traceback (with the whole `__cause__` and
`__context__` chain) and `vars()` of every SDK exception created during it, and repr/str of
every client and raw response. The parent test greps that file and pytest's own output.
"""

from __future__ import annotations

import functools
import logging
import os
import traceback
from typing import Any

import pytest

CANARY = os.environ["OXIDE_CANARY_KEY"]
_made: list[tuple[str, Any]] = []  # (kind, object) created during the current test
_out: Any = None


def _record(cls: type, kind: str) -> None:
    init = cls.__init__

    @functools.wraps(init)
    def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        _made.append((kind, self))

    cls.__init__ = recording_init  # type: ignore[misc]


def pytest_configure(config: pytest.Config) -> None:
    global _out
    import support  # on pytest's pythonpath (tests/) by now

    support.API_KEY = CANARY
    _out = open(os.environ["OXIDE_CANARY_OUT"], "a", encoding="utf-8")  # noqa: SIM115
    handler = logging.StreamHandler(_out)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logging.getLogger("hpack.hpack").addFilter(_not_the_fake_receiving)  # for every handler
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)

    from openai_oxide import _response
    from openai_oxide._base import BaseClient
    from openai_oxide._core.errors import InvalidWebhookSignatureError, OpenAIError

    _record(OpenAIError, "error")
    _record(InvalidWebhookSignatureError, "error")
    _record(BaseClient, "client")
    for name in ("APIResponse", "AsyncAPIResponse", "LegacyAPIResponse"):
        _record(getattr(_response, name), "response")


def _not_the_fake_receiving(record: logging.LogRecord) -> bool:
    """hpack logs every header it decodes. Only the fake server decodes a request's
    headers (the client decodes answers, which carry no key), so those lines are the
    test server's, not the SDK's; hpack's encoding side stays in the grep."""
    return not (record.name.startswith("hpack") and str(record.msg).startswith("Decod"))


def _said(kind: str, obj: Any) -> list[str]:
    if kind != "error":
        return [repr(obj), str(obj)]
    out: list[str] = ["".join(traceback.format_exception(obj))]
    seen: set[int] = set()
    exc: BaseException | None = obj
    while exc is not None and id(exc) not in seen:  # the whole chain, attributes included
        seen.add(id(exc))
        out += [repr(exc), str(exc), repr(vars(exc)), repr(exc.args)]
        exc = exc.__cause__ or exc.__context__
    return out


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    for kind, obj in _made:
        try:
            text = "\n".join(_said(kind, obj))
        except Exception as exc:  # an object that cannot even be shown: say so
            text = f"<{kind} of {type(obj).__name__} could not be rendered: {exc!r}>"
        _out.write(f"--- {item.nodeid} {kind} {type(obj).__name__}\n{text}\n")
    _made.clear()
    _out.flush()
