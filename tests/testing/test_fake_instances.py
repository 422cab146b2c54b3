from __future__ import annotations

from typing import Any

from openai_oxide.testing.faults import Fault, FaultQueue, split_events, split_inside_utf8
from openai_oxide.testing.instances import function_arguments, instance_for_schema


def test_types_and_constraints() -> None:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            "s": {"type": "string", "maxLength": 3},
            "long": {"type": "string", "minLength": 20},
            "i": {"type": "integer", "minimum": 100},
            "x": {"type": "number", "maximum": 1},
            "b": {"type": "boolean"},
            "n": {"type": "null"},
            "e": {"enum": ["only"]},
            "c": {"const": 7},
            "when": {"type": "string", "format": "date-time"},
            "arr": {"type": "array", "items": {"type": "integer"}, "minItems": 3, "maxItems": 4},
            "opt": {"type": ["string", "null"]},
            "nullable": {"type": "integer", "nullable": True},
            "one": {"oneOf": [{"type": "null"}, {"type": "boolean"}]},
            "all": {
                "allOf": [{"properties": {"a": {"type": "integer"}}}, {"properties": {"b": {}}}]
            },
        },
    }
    value = instance_for_schema(schema)
    assert len(value["s"]) <= 3 and len(value["long"]) >= 20
    assert value["i"] >= 100 and value["x"] <= 1 and value["b"] is True and value["n"] is None
    assert value["e"] == "only" and value["c"] == 7 and value["when"].endswith("Z")
    assert value["arr"] == [42, 42, 42] and isinstance(value["opt"], str)
    assert value["nullable"] == 42 and value["one"] is True
    assert set(value["all"]) == {"a", "b"}
    assert instance_for_schema(schema) == value  # deterministic


def test_recursive_refs_terminate() -> None:
    schema = {
        "$ref": "#/$defs/node",
        "$defs": {
            "node": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                    "parent": {"anyOf": [{"$ref": "#/$defs/node"}, {"type": "null"}]},
                },
                "required": ["name", "children", "parent"],
            }
        },
    }
    value = instance_for_schema(schema)
    depth = 0
    while value["children"]:
        value = value["children"][0]
        depth += 1
    assert 0 < depth < 10


def test_function_arguments() -> None:
    assert function_arguments(None) == {}
    assert function_arguments({"type": "object", "properties": {}}) == {}
    args = function_arguments({"type": "object", "properties": {"city": {"type": "string"}}})
    assert isinstance(args["city"], str)
    many = {k: {"type": "string"} for k in "abcdefgh"}
    values = function_arguments({"type": "object", "properties": many}).values()
    assert any(ord(ch) > 127 for ch in "".join(values))


def test_fault_queue_and_helpers() -> None:
    queue = FaultQueue()
    queue.push(Fault(status=1, times=0))
    assert queue.take("/x") is None
    queue.push(Fault(status=2, match="/a", times=2))
    assert queue.take("/b") is None
    first, second, third = queue.take("/a"), queue.take("/a"), queue.take("/a")
    assert first is second and first is not None and first.status == 2 and third is None
    assert queue.pending() == []
    assert Fault.from_mapping({"replay": "data: x\n\n"}).replay == b"data: x\n\n"
    assert split_events(b"a\r\n\r\nb\n\nc") == [b"a\n\n", b"b\n\n", b"c"]
    pieces = split_inside_utf8("aü—👋".encode())
    assert b"".join(pieces) == "aü—👋".encode() and len(pieces) == 4
