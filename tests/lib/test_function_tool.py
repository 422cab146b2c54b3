"""`@function_tool`, `FunctionTool` and `ToolRegistry`."""

from __future__ import annotations

import asyncio
import enum
import json
from typing import Annotated, Literal

import pydantic
import pytest
from pydantic import BaseModel, Field

from openai_oxide.lib import (
    FunctionTool,
    ToolArgumentsError,
    ToolExecutionError,
    ToolRegistry,
    UnknownToolError,
    function_tool,
    parse_docstring,
    to_strict_json_schema,
    tool_output_to_str,
)


class Unit(enum.Enum):
    C = "celsius"
    F = "fahrenheit"


class Location(BaseModel):
    city: str
    country: str | None = None


@function_tool
def get_weather(location: Location, unit: Unit = Unit.C, days: int = 1) -> str:
    """Get the weather forecast.

    Looks it up in the forecast service.

    Args:
        location: Where to look.
        unit (Unit): Temperature unit.
        days: How many days,
            counting today.
    """
    return f"{location.city}:{unit.value}:{days}"


@function_tool(name="search_docs", description="Search the docs")
async def search(query: str, limit: int | None = None, tags: list[str] | None = None) -> list[str]:
    await asyncio.sleep(0)
    return [query] * (limit or 1)


def test_schema_from_signature_and_docstring() -> None:
    assert isinstance(get_weather, FunctionTool)
    assert get_weather.name == "get_weather"
    assert (
        get_weather.description
        == "Get the weather forecast.\n\nLooks it up in the forecast service."
    )
    params = get_weather.parameters
    assert params["type"] == "object"
    assert params["additionalProperties"] is False
    assert params["required"] == ["location", "unit", "days"]
    props = params["properties"]
    assert props["location"]["description"] == "Where to look."
    assert props["unit"]["description"] == "Temperature unit."
    assert props["days"] == {
        "default": 1,
        "description": "How many days, counting today.",
        "title": "Days",
        "type": "integer",
    }
    assert params["$defs"]["Unit"]["enum"] == ["celsius", "fahrenheit"]
    loc = params["$defs"]["Location"]
    assert loc["required"] == ["city", "country"]
    assert loc["properties"]["country"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    # The schema is exactly the strict schema of the generated model.
    assert params == to_strict_json_schema(get_weather.model)


def test_chat_and_responses_tool_dicts() -> None:
    chat = search.chat_tool()
    assert chat["type"] == "function"
    assert chat["function"]["name"] == "search_docs"
    assert chat["function"]["description"] == "Search the docs"
    assert chat["function"]["strict"] is True
    assert chat["function"]["parameters"]["required"] == ["query", "limit", "tags"]
    responses = search.responses_tool()
    assert responses == {"type": "function", **chat["function"]}
    json.dumps([chat, responses])  # plain JSON


def test_parse_arguments_returns_model_instance() -> None:
    args = get_weather.parse_arguments(
        '{"location": {"city": "Paris", "country": null}, "unit": "fahrenheit", "days": 3}'
    )
    assert isinstance(args, get_weather.model)
    assert args.location == Location(city="Paris")  # type: ignore[attr-defined]
    assert args.unit is Unit.F  # type: ignore[attr-defined]


def test_bad_arguments_raise_with_details() -> None:
    with pytest.raises(ToolArgumentsError) as info:
        get_weather.parse_arguments('{"location": {"city": 5}, "unit": "kelvin", "extra": 1}')
    err = info.value
    assert err.tool_name == "get_weather"
    locs = {tuple(e["loc"]) for e in err.errors}
    assert ("location", "city") in locs and ("unit",) in locs and ("extra",) in locs
    assert "location.city" in str(err) and "unit" in str(err)
    assert isinstance(err.__cause__, pydantic.ValidationError)
    assert isinstance(err, ValueError)

    with pytest.raises(ToolArgumentsError, match="Invalid JSON"):
        get_weather.parse_arguments('{"location": ')


async def test_call_sync_and_async() -> None:
    assert (
        await get_weather.call(
            '{"location": {"city": "Oslo", "country": "NO"}, "unit": "celsius", "days": 2}'
        )
        == "Oslo:celsius:2"
    )
    assert await search.call({"query": "q", "limit": 2, "tags": None}) == ["q", "q"]
    # Missing optional arguments fall back to the defaults.
    assert await search.call('{"query": "z"}') == ["z"]
    # The decorated function is still callable as before.
    assert get_weather(Location(city="Rome")) == "Rome:celsius:1"
    assert await search("x") == ["x"]


async def test_call_wraps_tool_exceptions() -> None:
    @function_tool
    async def boom(x: int) -> None:
        """Fails."""
        raise RuntimeError(f"bad {x}")

    with pytest.raises(ToolExecutionError, match="'boom' raised RuntimeError: bad 3") as info:
        await boom.call('{"x": 3}')
    assert isinstance(info.value.__cause__, RuntimeError)
    with pytest.raises(ToolArgumentsError):
        await boom.call('{"x": "three"}')


def test_annotated_fields_literals_and_numpy_docstring() -> None:
    @function_tool
    def book(
        room: Literal["a", "b"],
        nights: Annotated[int, Field(ge=1, description="Number of nights")],
        guest: str = Field(description="Guest name"),
        *,
        breakfast: bool = False,
    ) -> str:
        """Book a room.

        Parameters
        ----------
        room : str
            The room.
        nights : int
            Ignored: Field description wins.
        breakfast : bool
            Include breakfast.

        Returns
        -------
        str
            A confirmation.
        """
        return f"{room}{nights}{guest}{breakfast}"

    props = book.parameters["properties"]
    assert book.description == "Book a room."
    assert props["room"] == {
        "description": "The room.",
        "enum": ["a", "b"],
        "title": "Room",
        "type": "string",
    }
    assert props["nights"]["description"] == "Number of nights"
    assert props["nights"]["minimum"] == 1
    assert props["guest"]["description"] == "Guest name"
    assert props["breakfast"]["description"] == "Include breakfast."
    assert book.parameters["required"] == ["room", "nights", "guest", "breakfast"]


def test_sphinx_docstring_and_positional_only() -> None:
    @function_tool
    def add(a: int, b: int, /) -> int:
        """Add two numbers.

        :param a: The first.
        :param int b: The second.
        :returns: The sum.
        """
        return a + b

    assert add.description == "Add two numbers."
    assert add.parameters["properties"]["a"]["description"] == "The first."
    assert add.parameters["properties"]["b"]["description"] == "The second."
    assert asyncio.run(add.call('{"a": 1, "b": 2}')) == 3


def test_parse_docstring_edge_cases() -> None:
    assert parse_docstring(None) == (None, {})
    assert parse_docstring("Just a line.") == ("Just a line.", {})
    desc, params = parse_docstring(
        """Summary.

        Arguments:
            x (int): The x.
            y: The y
              continued.

        Raises:
            ValueError: never.
        """
    )
    assert desc == "Summary."
    assert params == {"x": "The x.", "y": "The y continued."}


def test_unsupported_signatures_raise() -> None:
    def untyped(x):  # type: ignore[no-untyped-def]
        return x

    with pytest.raises(TypeError, match="needs a type hint"):
        function_tool(untyped)

    def star(*args: int) -> None: ...

    with pytest.raises(TypeError, match=r"\*args"):
        function_tool(star)

    def free(data: dict[str, int]) -> None: ...

    with pytest.raises(TypeError, match="free-form mappings"):
        function_tool(free)
    # Non-strict tools accept what strict mode cannot express.
    loose = function_tool(strict=False)(free)
    assert loose.chat_tool()["function"]["strict"] is False


async def test_registry() -> None:
    def plain(n: int) -> int:
        """Double it."""
        return n * 2

    registry = ToolRegistry([get_weather, search, plain])
    assert registry.names == ["get_weather", "search_docs", "plain"]
    assert "plain" in registry and len(registry) == 3
    assert [t["function"]["name"] for t in registry.chat_tools()] == registry.names
    assert [t["name"] for t in registry.responses_tools()] == registry.names
    assert await registry.call("plain", '{"n": 4}') == 8
    with pytest.raises(UnknownToolError) as info:
        await registry.call("get_wether", "{}")
    assert info.value.name == "get_wether"
    assert "unknown tool 'get_wether'" in str(info.value)
    assert "'get_weather'" in str(info.value)
    with pytest.raises(ValueError, match="duplicate"):
        registry.add(plain)


def test_tool_output_to_str() -> None:
    assert tool_output_to_str("hi") == "hi"
    assert tool_output_to_str(Location(city="A")) == '{"city":"A","country":null}'
    assert tool_output_to_str({"a": [1]}) == '{"a": [1]}'
    assert tool_output_to_str(None) == "null"
