"""What a browser driver reports (tab state with observations, tab URLs, rich reads,
images, script results, file outcomes) is checked as the official toolset checks it:
the same bad (or odd) report ends a call the same way on ours and on the official's,
with the same output or error and the same diagnostics."""

from __future__ import annotations

import json
from typing import Any

import pytest
from openai.lib import browser as official
from openai.lib.browser import _legacy_tab_url, _state_origin
from openai.types.responses import ResponseFunctionToolCall as TheirCall

from openai_oxide.lib import browser as ours
from openai_oxide.lib.tool_runner.browser_reports import canonical_origin, legacy_origin

TAB = {
    "id": "t1",
    "title": "Shop",
    "url": "https://u:p@Shop.Example.com:443/cart?k=1",
    "active": True,
}
IMAGE = {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo="}
FILE = {"version": 1, "status": "completed", "effect": "completed", "cleanup": "completed"}
READ = {"version": 1, "text": "Shop", "elements": [], "omitted": []}
BUTTON = {"ref": "b1", "role": "button", "label": "Buy"}


def observed(sequence: int, dropped: int = 0, **extra: Any) -> dict[str, Any]:
    changes = [
        {"type": "navigation", "sequence": n, "tab_id": "t1"}
        for n in range(dropped + 1, sequence + 1)
    ]
    return {
        "version": 1,
        "sequence": sequence,
        "dropped_changes": dropped,
        "title_truncated": False,
        "changes": changes,
        **extra,
    }


def report(observation: Any = None, **tab: Any) -> dict[str, Any]:
    state: dict[str, Any] = {"tabs": [{**TAB, **tab}]}
    if observation is not None:
        state["observation"] = observation
    return state


class Reporter:
    """A driver that reports the given states (before and after the action) and
    returns `result` from whatever member is called."""

    def __init__(self, states: list[Any], result: Any = None) -> None:
        self.states, self.result, self.calls = list(states), result, 0

    def state(self) -> Any:
        self.calls += 1
        return self.states[min(self.calls, len(self.states)) - 1]

    def _act(self, action: Any) -> Any:
        return self.result

    click = read_page = get_page_text = read_page_scoped = read_diagnostics = _act
    screenshot = zoom = run_script = upload_file = wait_for = _act


ARGUMENTS: dict[str, dict[str, Any]] = {
    "click": {"target": "b1", "tab_id": None},
    "read_page": {"tab_id": None, "filter": "all"},
    "get_page_text": {"tab_id": None},
    "read_page_scoped": {"tab_id": None, "root": None, "depth": 2, "filter": "all"},
    "read_diagnostics": {"tab_id": None, "source": "console", "limit": 5},
    "screenshot": {"tab_id": None},
    "zoom": {"tab_id": None, "region": [0, 0, 10, 10]},
    "run_script": {"tab_id": None, "source": "1", "timeout_ms": 100},
    "upload_file": {"grant_id": "g1"},
    "wait_for": {"text": "Ready", "timeout_ms": 100, "tab_id": None},
}


def outcome(toolset: Any, item: Any) -> tuple[Any, list[tuple[Any, ...]]]:
    seen: list[tuple[Any, ...]] = []

    def observe(d: Any) -> None:
        seen.append((d["stage"], d["reason"], d["member"]))

    try:
        result: Any = toolset.execute(item, on_diagnostic=observe)
    except Exception as exc:
        result = (type(exc).__name__, str(exc))
    return result, seen


def compare(member: str, states: list[Any], result: Any = None) -> Any:
    """Both toolsets' outcome of one call of `member` on a `Reporter`; they must agree."""
    item = {
        "type": "function_call",
        "call_id": "call_1",
        "name": "browser_" + member,
        "arguments": json.dumps(ARGUMENTS[member]),
    }
    options: dict[str, Any] = {"members": list(ARGUMENTS), "confirm": lambda context: True}
    mine = ours.BrowserToolset(Reporter(states, result), **options)
    theirs = official.BrowserToolset(Reporter(states, result), **options)  # type: ignore[arg-type]
    got = outcome(mine, item)
    expected = outcome(theirs, TheirCall.model_validate(item))
    assert got == expected
    return got[0]


def change(type_: str, sequence: int, **fields: Any) -> dict[str, Any]:
    return {"type": type_, "sequence": sequence, "tab_id": "t1", **fields}


STATES: dict[str, list[Any]] = {
    "legacy": [report()],
    "legacy-other-scheme": [report(url="chrome://settings")],
    "legacy-port": [report(url="https://a.com:0443/x")],
    "no-tabs-list": [{"tabs": None}],
    "two-active": [{"tabs": [TAB, {**TAB, "id": "t2"}]}],
    "observation": [report(observed(2)), report(observed(3))],
    "observation-dropped": [report(observed(3, 1)), report(observed(5, 2))],
    "observation-is-none": [{**report(), "observation": None}],
    "observation-version-2": [report(observed(0, version=2))],
    "observation-count-mismatch": [report({**observed(2), "sequence": 3})],
    "observation-change-numbered-wrong": [
        report({**observed(0), "sequence": 1, "changes": [change("navigation", 2)]})
    ],
    "observation-truncated-not-bool": [report({**observed(0), "title_truncated": 1})],
    "observation-unknown-change": [
        report({**observed(0), "sequence": 1, "changes": [change("reload", 1)]})
    ],
    "observation-refused": [
        report(
            {
                **observed(0),
                "sequence": 1,
                "changes": [change("navigation_refused", 1, reason="policy")],
            }
        )
    ],
    "observation-refused-bad-reason": [
        report(
            {**observed(0), "sequence": 1, "changes": [change("navigation_refused", 1, reason="x")]}
        )
    ],
    "observation-download-no-tab": [
        report(
            {
                **observed(0),
                "sequence": 1,
                "changes": [
                    {"type": "download", "sequence": 1, "tab_id": None, "status": "started"}
                ],
            }
        )
    ],
    "observation-download-missing-tab": [
        report(
            {
                **observed(0),
                "sequence": 1,
                "changes": [{"type": "download", "sequence": 1, "status": "started"}],
            }
        )
    ],
    "observation-dialog": [
        report(
            {**observed(0), "sequence": 1, "changes": [change("dialog_dismissed", 1, kind="alert")]}
        )
    ],
    "observation-dialog-bad-kind": [
        report(
            {**observed(0), "sequence": 1, "changes": [change("dialog_dismissed", 1, kind="modal")]}
        )
    ],
    "observation-tab-change-without-tab": [
        report(
            {**observed(0), "sequence": 1, "changes": [{**change("tab_opened", 1), "tab_id": None}]}
        )
    ],
    "after-goes-back": [report(observed(3)), report(observed(2))],
    "after-drops-fewer": [report(observed(3, 2)), report(observed(3, 1))],
    "after-rewrites-a-change": [
        report(observed(1)),
        report({**observed(2), "changes": [change("tab_opened", 1), change("navigation", 2)]}),
    ],
    "after-loses-observation": [report(observed(1)), report()],
    "after-gains-observation": [report(), report(observed(1))],
    "long-title": [report(observed(0), title="é" * 600)],
    "long-tab-id": [report(observed(0), id="t" * 129)],
    "canonical-url": [report(observed(0), url="HTTPS://user:pw@Shop.EXAMPLE.com:8443/a?b#c")],
    "canonical-url-ipv6": [report(observed(0), url="http://[0:0::1]:80/")],
    "canonical-url-other-scheme": [report(observed(0), url="chrome://settings")],
    "canonical-url-escaped-host": [report(observed(0), url="https://sh%6Fp.example.com/")],
    "canonical-url-short-ipv4": [report(observed(0), url="http://1.2.3/")],
    "canonical-url-underscore": [report(observed(0), url="http://a_b.example.com/")],
}


@pytest.mark.parametrize("states", list(STATES.values()), ids=list(STATES))
def test_tab_state_reports(states: list[Any]) -> None:
    compare("click", states)


RESULTS: list[tuple[str, Any]] = [
    ("click", 7),  # other members return text or None
    ("click", "done"),
    ("read_page", READ),
    (
        "read_page",
        {
            **READ,
            "elements": [BUTTON, {**BUTTON, "ref": "b2", "role": "checkbox", "checked": True}],
        },
    ),
    ("read_page", {**READ, "elements": [BUTTON, BUTTON]}),  # duplicate ref
    ("read_page", {**READ, "elements": [{**BUTTON, "role": "link"}]}),
    ("read_page", {**READ, "elements": [{**BUTTON, "label": ""}]}),
    ("read_page", {**READ, "elements": [{**BUTTON, "role": "radio", "checked": "yes"}]}),
    (
        "read_page",
        {
            **READ,
            "elements": [
                {
                    **BUTTON,
                    "role": "listbox",
                    "options": [{"label": "A", "value": "a", "selected": True}],
                }
            ],
        },
    ),
    ("read_page", {**READ, "elements": [{**BUTTON, "options": [{"label": "A"}]}]}),
    ("read_page", {**READ, "elements": [{**BUTTON, "value": "v" * 513}]}),
    ("read_page", {**READ, "omitted": ["private", "private"]}),
    ("read_page", {**READ, "omitted": ["secret"]}),
    ("read_page", {**READ, "version": 2}),
    ("read_page", {**READ, "extra": "dropped"}),
    ("read_page", ["not", "a", "report"]),
    ("get_page_text", {**READ, "elements": [BUTTON]}),
    ("get_page_text", None),
    ("read_page_scoped", READ),  # no scopes
    ("read_page_scoped", {**READ, "scopes": [{"ref": "s1", "label": "Main"}]}),
    (
        "read_page_scoped",
        {**READ, "elements": [BUTTON], "scopes": [{"ref": "b1", "label": "Main"}]},
    ),
    ("read_page_scoped", "text"),
    ("read_diagnostics", "text"),
    ("read_diagnostics", READ),
    ("screenshot", IMAGE),
    ("screenshot", {**IMAGE, "detail": "high", "prompt_cache_breakpoint": {"mode": "explicit"}}),
    ("screenshot", {**IMAGE, "prompt_cache_breakpoint": {"mode": "auto"}}),
    ("screenshot", {**IMAGE, "file_id": None}),
    ("screenshot", {**IMAGE, "extra": 1}),
    ("screenshot", {"type": "input_image", "image_url": "  "}),
    ("zoom", {**IMAGE, "detail": "best"}),
    ("zoom", IMAGE),
    ("run_script", "result"),
    ("run_script", 42),
    ("run_script", "\ud800"),
    ("upload_file", FILE),
    ("upload_file", {**FILE, "status": "refused", "effect": "none"}),
    ("upload_file", {**FILE, "status": "refused", "effect": "completed"}),
    ("upload_file", {**FILE, "cleanup": "done"}),
    ("upload_file", {**FILE, "version": True}),
    ("upload_file", {**FILE, "note": "x"}),
    ("upload_file", {"status": "completed"}),
    ("wait_for", None),
]


@pytest.mark.parametrize("text", ["Ready", "\ud800", "x" * 257])
def test_an_argument_with_a_lone_surrogate_fails_the_call(text: str) -> None:
    """A bounded text argument with a lone surrogate: "Browser action failed." (the
    official's encode error), not "invalid value"; an over-long one is invalid."""
    item = {
        "type": "function_call",
        "call_id": "call_1",
        "name": "browser_wait_for",
        "arguments": json.dumps({"text": text, "timeout_ms": 100, "tab_id": None}),
    }
    options: dict[str, Any] = {"members": list(ARGUMENTS), "confirm": lambda context: True}
    mine = ours.BrowserToolset(Reporter([report()]), **options)
    theirs = official.BrowserToolset(Reporter([report()]), **options)  # type: ignore[arg-type]
    assert outcome(mine, item) == outcome(theirs, TheirCall.model_validate(item))


@pytest.mark.parametrize(
    ("member", "result"), RESULTS, ids=[f"{m}-{i}" for i, (m, _) in enumerate(RESULTS)]
)
def test_action_results(member: str, result: Any) -> None:
    compare(member, [report(observed(0))], result)


def test_an_invalid_result_ends_the_call_as_the_official() -> None:
    """Not "Browser action failed." in the output: the call raises, as the official's."""
    assert compare("read_page", [report()], {**READ, "version": 2}) == (
        "RuntimeError",
        "Browser read report failed.",
    )
    assert compare("click", [report()], 7) == (
        "RuntimeError",
        "Browser actions must return a string or None.",
    )


URLS = [
    "about:blank",
    "HTTPS://A.Example.COM:443/x",
    "http://a.com:0080",
    "http://a.com:99999",
    "http://a.com:8a",
    "http://[0:0::1]:80/",
    "http://[::ffff:1.2.3.4]",
    "http://[fe80::1%25eth0]",
    "http://1.2.3",
    "http://01.2.3.4",
    "http://0x1.2.3.4",
    "http://a_b.com",
    "http://a..com",
    "http://a.com.",
    "http://bücher.example",
    # Non-ASCII hosts where IDNA 2008 (the idna package, as httpx2) and Python's IDNA 2003
    # codec differ; tests_browser's toolkit_browser_origins runs them under Pyodide too.
    "http://faß.de/",
    "http://☃.net",
    "http://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com",  # fullwidth "example"
    "http://ΣΊΣΥΦΟΣ.gr",
    "http://日本語.jp:8080/x",
    "http://a\u200cb.com",
    "http://ⅷ.com",
    "http://é.com.",
    "http://a b.com",
    "https://a.com:443@b.com",
    "http://u%20:p@a.com",
    "http://sh%6Fp.com",
    "ftp://a.com",
    "data:text/html,x",
    "http:///x",
    "http://:80",
    "http://a.com\\x",
    "http://a\x01.com",
    "http://a.com: 81",
    "http://" + "a" * 64 + ".com",
    "http://a" + ".b" * 1030,
]


@pytest.mark.parametrize("url", URLS)
def test_tab_url_origins(url: str) -> None:
    """The origin a tab's URL is shown as (canonical beside an observation), or none."""
    for mine, theirs in ((canonical_origin, _state_origin), (legacy_origin, _legacy_tab_url)):
        try:
            expected: Any = theirs(url)
        except Exception:
            expected = "invalid"
        try:
            got: Any = mine(url)
        except ValueError:
            got = "invalid"
        assert got == expected
