"""The one place the JSON codec is chosen. Every caller goes through `dumps`/`loads`.

Strategy: the stdlib `json` module, run strictly (RFC 8259: no NaN/Infinity literals, UTF-8
only, no BOM), defines the answer. orjson (native) and pydantic-core (everywhere pydantic
is, including Pyodide) are accelerators, chosen in that order at import time (pydantic-core
is imported on first use). An accelerator
is only trusted where it agrees with the stdlib; where it refuses an input the stdlib would
take, the call falls back to the stdlib, so every backend gives the same result:

- loads: an accelerator's parse error is re-checked by the strict stdlib parse, so a number
  like 1e400 (inf), a lone surrogate escape or deep nesting decode the same everywhere.
  Any failure is a ValueError chained to the stdlib's error. Known residual difference:
  orjson reads integers outside the 64-bit range as floats (the others keep them exact).
  No API payload carries such integers; checking for them would double orjson's cost.
- dumps: compact separators, UTF-8 bytes, ensure_ascii=False, as the official SDK sends.
  Objects with `model_dump` (pydantic models, duck-typed) become
  `model_dump(mode="json", by_alias=True, exclude_unset=True)` and datetimes `isoformat()`,
  both through a `default=` hook, as in the official SDK's `openapi_dumps`. Non-finite
  floats are written as `null` (orjson cannot refuse them; the official SDK raises
  ValueError instead). Any other iterable but a set (a generator, an iterator, a range) is
  sent as a JSON array, as the official `Iterable[...]` parameters promise: listed once, on
  the slow path only, after the encoders stopped at it unread. Anything else that is not
  JSON raises TypeError. orjson's own refusals
  (integers beyond 64 bits, non-str keys, deep nesting) fall back to the stdlib encoder.
  The pydantic-core backend encodes with the stdlib: `pydantic_core.to_json` serializes
  models natively without `exclude_unset`, writes UTC as "Z", and turns a TypeError from the
  hook into a ValueError, so it cannot keep this contract.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from importlib.util import find_spec
from typing import Any

__all__ = ["NAME", "dumps", "loads"]

Dumps = Callable[[Any], bytes]
Loads = Callable[[bytes | bytearray | memoryview | str], Any]


def _default(obj: Any) -> Any:
    """The `default=` hook shared by every backend."""
    dump = getattr(obj, "model_dump", None)
    if callable(dump) and not isinstance(obj, type):
        return dump(mode="json", by_alias=True, exclude_unset=True)
    from datetime import datetime  # only on this slow path: keeps the import light

    if isinstance(obj, datetime):
        return obj.isoformat()
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _finite(obj: Any) -> Any:
    """A copy of `obj` with NaN and infinities replaced by None (the slow path only)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_finite(v) for v in obj]
    dump = getattr(obj, "model_dump", None)
    if callable(dump) and not isinstance(obj, type):
        return _finite(_default(obj))
    return obj


def _listed(obj: Any) -> Any:
    """`obj` with every iterable that is not a str, bytes, mapping, set or model turned
    into a list, or `obj` itself when it holds none. Each iterator is consumed here, once."""
    if isinstance(obj, dict):
        items = {k: _listed(v) for k, v in obj.items()}
        return obj if all(items[k] is v for k, v in obj.items()) else items
    if isinstance(obj, list | tuple):
        values = [_listed(v) for v in obj]
        return obj if all(a is b for a, b in zip(values, obj, strict=True)) else values
    if isinstance(obj, str | bytes | bytearray | memoryview | Mapping | set | frozenset):
        return obj  # a set has no order to send: refused, as the official encoder does
    if hasattr(obj, "model_dump"):
        return obj
    if isinstance(obj, Iterable):
        return [_listed(v) for v in obj]
    return obj


def _std_dumps(obj: Any) -> bytes:
    def encode(value: Any) -> bytes:
        text = json.dumps(
            value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_default
        )
        return text.encode()

    try:
        return encode(obj)
    except TypeError:
        listed = _listed(obj)  # the encoder stopped at an iterator before reading it
        if listed is obj:
            raise
        return _std_dumps(listed)
    except UnicodeEncodeError as exc:  # a lone surrogate in a str
        raise TypeError(f"cannot encode as UTF-8 JSON: {exc}") from exc
    except RecursionError as exc:
        raise TypeError("object is nested too deeply to encode as JSON") from exc
    except ValueError as exc:
        if not str(exc).startswith("Out of range float"):
            raise TypeError(f"cannot encode as JSON: {exc}") from exc  # a circular reference
    return encode(_finite(obj))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (RFC 8259 section 6)")


def _std_loads(data: bytes | bytearray | memoryview | str) -> Any:
    try:
        text = data if isinstance(data, str) else bytes(data).decode("utf-8")
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise ValueError(f"invalid JSON: {exc}") from exc


def _select(name: str) -> tuple[Dumps, Loads]:
    """The (dumps, loads) pair of backend `name`; ImportError if it is not installed."""
    if name == "json":
        return _std_dumps, _std_loads
    if name == "orjson":
        import orjson

        option = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
        orjson_dumps, orjson_loads, orjson_error = (
            orjson.dumps,
            orjson.loads,
            orjson.JSONDecodeError,
        )

        def dumps(obj: Any) -> bytes:
            try:
                out = orjson_dumps(obj, default=_default, option=option)
            except TypeError:
                return _std_dumps(obj)
            # orjson hands over its working buffer, ~8x the JSON (4 KB for a 44-byte body):
            # a request in flight or a stream open would hold all of it. A copy holds the JSON.
            return bytes(memoryview(out))

        def loads(data: bytes | bytearray | memoryview | str) -> Any:
            try:
                return orjson_loads(data)
            except orjson_error:
                return _std_loads(data)

        return dumps, loads
    if name == "pydantic-core":
        if find_spec("pydantic_core") is None:
            raise ImportError("pydantic_core is not installed")

        def pc_loads(data: bytes | bytearray | memoryview | str) -> Any:
            # Imported on first use: under Pyodide loading the wasm module costs ~100 ms,
            # which a client that has not sent anything yet should not pay.
            from pydantic_core import from_json

            try:
                return from_json(
                    bytes(data) if isinstance(data, memoryview) else data, allow_inf_nan=False
                )
            except ValueError:
                return _std_loads(data)

        return _std_dumps, pc_loads
    raise ValueError(f"unknown JSON backend {name!r}")


def _first_available() -> tuple[str, Dumps, Loads]:
    for name in ("orjson", "pydantic-core"):
        try:
            return (name, *_select(name))
        except ImportError:
            continue
    return ("json", *_select("json"))


NAME, dumps, loads = _first_available()
"""NAME: "orjson" | "pydantic-core" | "json"; dumps(obj) -> bytes; loads(data) -> object."""
