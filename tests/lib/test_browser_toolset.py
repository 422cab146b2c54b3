"""The browser toolset: the same tools and the same outputs as the official
`openai.lib.browser` for the same driver and calls, the policies (confirm, url_policy,
confirm_reads), and the runner driving it against the fake server."""

from __future__ import annotations

import json
from typing import Any

import pytest
from browser_support import AsyncTabs, Tabs
from openai.lib import browser as official
from openai.types.responses import ResponseFunctionToolCall as TheirCall

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import browser as ours
from openai_oxide.lib.responses_tool_runner import AsyncResponsesToolRunner, ToolRunnerError
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

MEMBERS = ["navigate", "read_page", "click", "type", "screenshot", "list_tabs", "switch_tab"]


def allow_shop(context: Any, url: str) -> bool:
    return url.startswith("https://shop.example.com")


def confirm_all_but_buy(context: Any) -> bool:
    return context["arguments"].get("target") != "b1"


def toolsets(**options: Any) -> tuple[Any, Any, Tabs, Tabs]:
    mine, theirs = Tabs(), Tabs()
    return (
        ours.BrowserToolset(mine, **options),
        official.BrowserToolset(theirs, **options),  # type: ignore[arg-type]
        mine,
        theirs,
    )


def call(name: str, arguments: Any, call_id: str = "call_1") -> dict[str, Any]:
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {"type": "function_call", "call_id": call_id, "name": name, "arguments": text}


CALLS = [
    call("browser_navigate", {"url": "https://shop.example.com/cart", "tab_id": None}),
    call("browser_navigate", {"url": "https://evil.example.com/", "tab_id": None}),
    call("browser_read_page", {"tab_id": "t1", "filter": "interactive"}),
    call("browser_click", {"target": "t1", "tab_id": None}),
    call("browser_click", {"target": "b1", "tab_id": None}),  # refused by confirm
    call("browser_click", {"target": "gone", "tab_id": None}),  # the driver fails
    call("browser_type", {"text": "shoes", "target": None}),  # a field missing
    call("browser_type", '{"text": "shoes"'),  # not JSON
    call("browser_screenshot", {"tab_id": None}),
    call("browser_list_tabs", {}),
    call("browser_switch_tab", {"tab_id": "t9"}),  # the driver fails
    call("browser_get_page_text", {"tab_id": None}),  # not selected
    call("browser_hover_at", {"tab_id": None, "x": 1, "y": 2}),  # explicit only
]


@pytest.mark.parametrize("item", CALLS, ids=lambda c: c["name"] + c["arguments"][:24])
def test_same_output_as_the_official(item: dict[str, Any]) -> None:
    options = {"members": MEMBERS, "confirm": confirm_all_but_buy, "url_policy": allow_shop}
    mine, theirs, my_tabs, their_tabs = toolsets(**options)
    assert mine.tools == theirs.tools
    try:
        expected: Any = theirs.execute(TheirCall.model_validate(item))
    except Exception as exc:
        expected = (type(exc).__name__, str(exc))
    try:
        got: Any = mine.execute(item)
    except Exception as exc:
        got = (type(exc).__name__, str(exc))
    assert got == expected
    assert my_tabs.log == their_tabs.log
    assert "secret selector" not in json.dumps(got)  # driver errors stay out of the output


def test_default_members_and_construction_checks() -> None:
    mine = ours.BrowserToolset(Tabs(), confirm=lambda c: True, url_policy=allow_shop)
    theirs = official.BrowserToolset(Tabs(), confirm=lambda c: True, url_policy=allow_shop)  # type: ignore[arg-type]
    assert mine.tools == theirs.tools
    assert ours.DEFAULT_BROWSER_MEMBERS == official.DEFAULT_BROWSER_MEMBERS
    assert ours.BROWSER_MEMBERS == official.BROWSER_MEMBERS
    for options, message in [
        ({}, "require confirm"),
        ({"confirm": print}, "require url_policy"),
        ({"members": ["read_page"], "additional_members": ["run_script"]}, "not both"),
        ({"members": ["fly"]}, "unique fixed member names"),
        ({"members": ["run_script"], "confirm": print}, "not implemented by the driver"),
        ({"members": ["read_page"], "confirm_reads": ["click"], "confirm": print}, "read-only"),
    ]:
        for module in (ours, official):
            with pytest.raises(ValueError, match=message):
                module.BrowserToolset(Tabs(), **options)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="use AsyncBrowserToolset"):
        ours.BrowserToolset(AsyncTabs(), members=["read_page"])  # type: ignore[arg-type]


@pytest.mark.parametrize("answer", [True, False])
def test_confirm_reads_asks_before_reading(answer: bool) -> None:
    asked: list[Any] = []

    def confirm(context: Any) -> bool:
        asked.append(context)
        return answer

    options = {"members": ["read_page"], "confirm_reads": ["read_page"], "confirm": confirm}
    mine, theirs, my_tabs, _ = toolsets(**options)
    item = call("browser_read_page", {"tab_id": None, "filter": "all"})
    assert mine.execute(item) == theirs.execute(TheirCall.model_validate(item))
    assert asked[0] == asked[1]
    assert asked[0]["phase"] == "before_read" and asked[0]["state"] is None
    assert bool(my_tabs.log) is answer


async def test_the_runner_drives_an_async_browser(fake: FakeOpenAI) -> None:
    tabs = AsyncTabs()
    confirmed: list[str] = []

    async def confirm(context: Any) -> bool:
        confirmed.append(context["member"])
        return True

    async def url_policy(context: Any, url: str) -> bool:
        return True

    browser = ours.AsyncBrowserToolset(
        tabs, members=["navigate", "read_page", "click"], confirm=confirm, url_policy=url_policy
    )
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        runner = AsyncResponsesToolRunner(browser=browser)
        response = await runner.run(client, {"model": "m", "input": "shop"})
        assert response.output_text
        second = [e.json for e in fake.journal if e.path.endswith("/responses")][1]
        assert [t["name"] for t in second["tools"]] == [
            "browser_navigate",
            "browser_read_page",
            "browser_click",
        ]
        outputs = [i for i in second["input"] if i.get("type") == "function_call_output"]
        reports = [json.loads(o["output"][0]["text"]) for o in outputs]
        assert [r["ok"] for r in reports] == [True, True, True]
        assert reports[0]["state"]["tabs"][0]["url"] == "https://shop.example.com"
        assert [name for name, _ in tabs.sync.log] == ["navigate", "read_page", "click"]
        assert confirmed == ["navigate", "click"]

        # A failed browser call skips the later ones of its turn.
        async def refuse(context: Any) -> bool:
            return False

        browser.confirm = refuse
        tabs.sync.log.clear()
        await runner.run(client, {"model": "m", "input": "again"})
        second = [e.json for e in fake.journal if e.path.endswith("/responses")][3]
        outputs = [i for i in second["input"] if i.get("type") == "function_call_output"]
        errors = [json.loads(o["output"][0]["text"]).get("error", "") for o in outputs]
        assert errors[0] == "Browser action was not approved. Do not retry it unless the user asks."
        assert all(e.startswith("Not executed") for e in errors[1:])
        assert tabs.sync.log == []
    with pytest.raises(ValueError, match="unique"):
        from openai_oxide.lib.responses_tool_runner import AsyncRegisteredFunction

        clash = {**browser.tools[0], "description": "mine"}
        AsyncResponsesToolRunner(
            browser=browser, functions=[AsyncRegisteredFunction(clash, confirm)]
        )
    assert ToolRunnerError  # the runner's error type stays importable beside the toolset


def test_the_modules_have_the_official_names_and_signatures() -> None:
    import inspect

    from openai.lib import computer as their_computer

    from openai_oxide.lib import computer as our_computer

    assert set(ours.__all__) == set(official.__all__)
    assert set(our_computer.__all__) == set(their_computer.__all__)
    pairs = [(ours, official, n, "__init__") for n in ("BrowserToolset", "AsyncBrowserToolset")]
    pairs += [
        (our_computer, their_computer, n, m)
        for n in ("ComputerToolset", "AsyncComputerToolset")
        for m in ("__init__", "run", "execute")
    ]
    for mine, theirs, name, method in pairs:
        got = inspect.signature(getattr(getattr(mine, name), method)).parameters
        want = inspect.signature(getattr(getattr(theirs, name), method)).parameters
        assert list(got) == list(want), (name, method)
    for name in ("BrowserDriver", "BrowserReadDriver", "AsyncBrowserClickDriver"):
        mine_protocol, their_protocol = getattr(ours, name), getattr(official, name)
        assert getattr(mine_protocol, "__abstractmethods__", set()) == getattr(
            their_protocol, "__abstractmethods__", set()
        )


def test_the_sync_runner_drives_a_sync_browser(fake: FakeOpenAI) -> None:
    from openai_oxide import OpenAI
    from openai_oxide.lib.responses_tool_runner import ResponsesToolRunner

    tabs = Tabs()
    browser = ours.BrowserToolset(
        tabs,
        members=["read_page", "get_page_text"],
        confirm_reads=["read_page"],
        confirm=lambda c: True,
    )
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        response = ResponsesToolRunner(browser=browser).run(client, {"model": "m", "input": "x"})
    assert response.output_text
    assert [name for name, _ in tabs.log] == ["read_page", "read_page"]  # get_page_text reads
