"""Strict function tools: from pydantic models, and from plain Python functions.

- `pydantic_function_tool` / `pydantic_responses_function_tool`: the official SDK's
  helpers. The returned dicts carry the model (``.model``), so `parsing` turns the
  model's arguments into an instance of it.
- `function_tool`: the counterpart of the Rust crate's ``#[openai_tool]``. Decorating a
  function gives a `FunctionTool` whose strict schema comes from the signature (type
  hints, defaults, ``Annotated[..., Field(...)]``) and the docstring (the text before
  the first section is the description; Google ``Args:``, NumPy ``Parameters`` and
  Sphinx ``:param x:`` entries describe the parameters). It validates the model's
  arguments and dispatches them to the function, sync or async.
- `ToolRegistry`: tools by name, with `UnknownToolError` for a name the model invented.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, ParamSpec, TypeVar, cast, get_type_hints, overload

import pydantic
from pydantic.fields import FieldInfo

from .._core.errors import OpenAIError
from .schema import schema_name, to_strict_json_schema

__all__ = [
    "FunctionTool",
    "PydanticFunctionTool",
    "ResponsesPydanticFunctionTool",
    "ToolArgumentsError",
    "ToolError",
    "ToolExecutionError",
    "ToolRegistry",
    "UnknownToolError",
    "function_tool",
    "parse_docstring",
    "pydantic_function_tool",
    "pydantic_responses_function_tool",
    "to_chat_tool_param",
    "to_responses_tool_param",
    "tool_output_to_str",
]

P = ParamSpec("P")
R = TypeVar("R")


# --------------------------------------------------------------------------- errors


class ToolError(OpenAIError):
    """Base of the errors raised while resolving, validating or running a tool call."""


class UnknownToolError(ToolError, LookupError):
    """The model called a tool name that was not offered."""

    def __init__(self, name: str, known: Iterable[str] = ()) -> None:
        self.name = name
        self.known = sorted(known)
        offered = ", ".join(repr(k) for k in self.known) or "none"
        super().__init__(f"the model called an unknown tool {name!r} (offered: {offered})")

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


class ToolArgumentsError(ToolError, ValueError):
    """The model's arguments are not valid JSON or do not validate against the tool."""

    def __init__(
        self, tool_name: str, arguments: object, errors: list[dict[str, Any]], detail: str
    ) -> None:
        self.tool_name = tool_name
        self.arguments = arguments
        self.errors = errors
        """``pydantic.ValidationError.errors()`` of the failure (locations, messages)."""
        super().__init__(f"invalid arguments for tool {tool_name!r}: {detail}")


class ToolExecutionError(ToolError):
    """The tool's function raised; the original exception is ``.exception``/``__cause__``."""

    def __init__(self, tool_name: str, exception: BaseException) -> None:
        self.tool_name = tool_name
        self.exception = exception
        super().__init__(f"tool {tool_name!r} raised {type(exception).__name__}: {exception}")


# ------------------------------------------------------------- pydantic model tools


class PydanticFunctionTool(dict[str, Any]):
    """A chat ``function`` definition dict that remembers its model (as the official)."""

    model: type[pydantic.BaseModel]

    def __init__(self, definition: Mapping[str, Any], model: type[pydantic.BaseModel]) -> None:
        super().__init__(definition)
        self.model = model


class ResponsesPydanticFunctionTool(dict[str, Any]):
    """A Responses function tool dict that remembers its model."""

    model: type[pydantic.BaseModel]

    def __init__(self, tool: Mapping[str, Any], model: type[pydantic.BaseModel]) -> None:
        super().__init__(tool)
        self.model = model


def _function_definition(
    name: str,
    description: str | None,
    parameters: dict[str, Any],
    strict: bool,
) -> dict[str, Any]:
    definition: dict[str, Any] = {"name": name, "strict": strict, "parameters": parameters}
    if description is not None:
        definition["description"] = description
    return definition


def pydantic_function_tool(
    model: type[pydantic.BaseModel],
    *,
    name: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    """A strict chat tool (``{"type": "function", "function": {...}}``) for a model.

    The name defaults to the class name and the description to the class docstring
    (``__doc__``, not inherited), as in the official SDK; characters the API refuses in
    names (``Page[Item]``) become ``_``.
    """
    if description is None:
        description = model.__doc__
    definition = _function_definition(
        name or schema_name(model), description, to_strict_json_schema(model), True
    )
    return {"type": "function", "function": PydanticFunctionTool(definition, model)}


def pydantic_responses_function_tool(
    model: type[pydantic.BaseModel],
    *,
    name: str | None = None,
    description: str | None = None,
    defer_loading: bool | None = None,
) -> dict[str, Any]:
    """A strict Responses tool (``{"type": "function", "name", ...}``) for a model."""
    function = pydantic_function_tool(model, name=name, description=description)["function"]
    tool = ResponsesPydanticFunctionTool({"type": "function", **function}, model)
    if defer_loading is not None:
        tool["defer_loading"] = defer_loading
    return tool


# ------------------------------------------------------------------------ docstrings

_GOOGLE_ARGS = re.compile(
    r"^(args|arguments|parameters|params|keyword args|keyword arguments|other parameters)"
    r"\s*:\s*$",
    re.IGNORECASE,
)
_GOOGLE_SECTION = re.compile(
    r"^(args|arguments|parameters|params|keyword args|keyword arguments|other parameters|"
    r"returns?|yields?|raises|examples?|notes?|attributes|see also|warnings?|todo|"
    r"references)\s*:\s*$",
    re.IGNORECASE,
)
_GOOGLE_ENTRY = re.compile(r"^\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")
_NUMPY_ENTRY = re.compile(r"^\*{0,2}(\w+)\s*(?::.*)?$")
_SPHINX_PARAM = re.compile(r"^:param\s+(?:[^:]*\s)?(\w+)\s*:\s*(.*)$")
_SPHINX_FIELD = re.compile(r"^:\w+")
_UNDERLINE = re.compile(r"^\s*-{3,}\s*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _join(parts: list[str]) -> str:
    return " ".join(p.strip() for p in parts if p.strip())


def parse_docstring(doc: str | None) -> tuple[str | None, dict[str, str]]:
    """``(description, {parameter: description})`` from a Google/NumPy/Sphinx docstring.

    The description is the text before the first section, paragraphs kept apart.
    """
    if not doc:
        return None, {}
    lines = inspect.cleandoc(doc).splitlines()
    params: dict[str, str] = {}
    desc_end = len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        numpy_header = i + 1 < len(lines) and bool(stripped) and _UNDERLINE.match(lines[i + 1])
        if numpy_header or _GOOGLE_SECTION.match(stripped) or _SPHINX_FIELD.match(stripped):
            desc_end = min(desc_end, i)
        if numpy_header:
            is_params = stripped.lower() in ("parameters", "other parameters")
            i += 2
            base: int | None = None
            current: str | None = None
            while i < len(lines):
                entry = lines[i]
                if entry.strip() and i + 1 < len(lines) and _UNDERLINE.match(lines[i + 1]):
                    break
                if entry.strip():
                    if base is None:
                        base = _indent(entry)
                    m = _NUMPY_ENTRY.match(entry.strip())
                    if _indent(entry) <= base and m:
                        current = m.group(1)
                        if is_params:
                            params[current] = ""
                    elif current is not None and is_params:
                        params[current] = _join([params[current], entry])
                i += 1
            continue
        if _GOOGLE_ARGS.match(stripped):
            header_indent = _indent(line)
            i += 1
            entry_indent: int | None = None
            current = None
            while i < len(lines):
                entry = lines[i]
                if entry.strip() and _indent(entry) <= header_indent:
                    break
                if entry.strip():
                    if entry_indent is None:
                        entry_indent = _indent(entry)
                    m = _GOOGLE_ENTRY.match(entry.strip())
                    if _indent(entry) <= entry_indent and m:
                        current = m.group(1)
                        params[current] = m.group(2).strip()
                    elif current is not None:
                        params[current] = _join([params[current], entry])
                i += 1
            continue
        m = _SPHINX_PARAM.match(stripped)
        if m:
            current = m.group(1)
            parts = [m.group(2)]
            i += 1
            while i < len(lines) and lines[i].strip() and not _SPHINX_FIELD.match(lines[i].strip()):
                parts.append(lines[i])
                i += 1
            params[current] = _join(parts)
            continue
        i += 1

    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines[:desc_end], ""]:
        if line.strip():
            block.append(line)
        elif block:
            paragraphs.append(_join(block))
            block = []
    description = "\n\n".join(paragraphs) or None
    return description, {k: v for k, v in params.items() if v}


# ------------------------------------------------------------------- function tools


def _has_description(annotation: Any) -> bool:
    metadata = getattr(annotation, "__metadata__", ())
    return any(isinstance(m, FieldInfo) and m.description for m in metadata)


def _model_from_function(
    fn: Callable[..., Any], model_name: str, param_docs: Mapping[str, str]
) -> tuple[type[pydantic.BaseModel], list[str]]:
    """The arguments model of ``fn``, and the names of its positional-only parameters."""
    signature = inspect.signature(fn)
    try:
        hints = get_type_hints(fn, include_extras=True)
    except NameError as exc:
        raise TypeError(f"cannot resolve the type hints of {fn.__qualname__}: {exc}") from exc
    fields: dict[str, Any] = {}
    positional_only: list[str] = []
    for param in signature.parameters.values():
        where = f"parameter {param.name!r} of {fn.__qualname__}"
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise TypeError(f"{where}: *args/**kwargs cannot be described to the model")
        if param.name.startswith("_"):
            raise TypeError(f"{where}: names starting with '_' are not supported")
        if param.name not in hints:
            raise TypeError(f"{where} needs a type hint to build the tool schema")
        if param.kind is param.POSITIONAL_ONLY:
            positional_only.append(param.name)
        annotation = hints[param.name]
        default = param.default
        doc = param_docs.get(param.name)
        if isinstance(default, FieldInfo):
            info = default
            if doc and not info.description:
                info.description = doc
        else:
            value = ... if default is param.empty else default
            if doc and not _has_description(annotation):
                info = pydantic.Field(value, description=doc)
            else:
                info = pydantic.Field(value)
        fields[param.name] = (annotation, info)
    model = pydantic.create_model(
        model_name,
        __config__=pydantic.ConfigDict(extra="forbid", arbitrary_types_allowed=False),
        **fields,
    )
    return model, positional_only


def _validation_details(exc: pydantic.ValidationError) -> str:
    lines = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err.get("loc", ())) or "<arguments>"
        lines.append(f"{loc}: {err.get('msg')}")
    return "; ".join(lines)


def validate_arguments(
    model: type[pydantic.BaseModel], arguments: str | bytes | Mapping[str, Any] | None, name: str
) -> pydantic.BaseModel:
    """Validate raw tool arguments (JSON text or a dict) into ``model``.

    Raises `ToolArgumentsError` carrying the validation errors.
    """
    try:
        if arguments is None or (isinstance(arguments, (str, bytes)) and not arguments.strip()):
            return model.model_validate({})
        if isinstance(arguments, (str, bytes)):
            return model.model_validate_json(arguments)
        return model.model_validate(arguments)
    except pydantic.ValidationError as exc:
        errors = cast(list[dict[str, Any]], exc.errors(include_url=False))
        raise ToolArgumentsError(name, arguments, errors, _validation_details(exc)) from exc


class FunctionTool(Generic[P, R]):
    """A Python function offered to the model as a strict function tool.

    Calling the object calls the function unchanged. `chat_tool()` / `responses_tool()`
    give the dicts for ``tools=[...]`` (they also carry the model, so the parse helpers
    fill ``parsed_arguments``).
    """

    def __init__(
        self,
        fn: Callable[P, R],
        *,
        name: str | None = None,
        description: str | None = None,
        strict: bool = True,
    ) -> None:
        self.fn = fn
        self.name: str = name or fn.__name__
        doc_description, param_docs = parse_docstring(inspect.getdoc(fn))
        self.description: str | None = description if description is not None else doc_description
        self.strict = strict
        self.model, self._positional_only = _model_from_function(fn, self.name, param_docs)
        if strict:
            self.parameters = to_strict_json_schema(self.model)
        else:
            self.parameters = self.model.model_json_schema()
        self.is_async = inspect.iscoroutinefunction(fn)
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__
        self.__wrapped__ = fn

    def __repr__(self) -> str:
        return f"FunctionTool(name={self.name!r}, fn={self.fn.__qualname__})"

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        return self.fn(*args, **kwargs)

    def _definition(self) -> dict[str, Any]:
        return _function_definition(self.name, self.description, self.parameters, self.strict)

    def chat_tool(self) -> dict[str, Any]:
        """``{"type": "function", "function": {...}}`` for Chat Completions."""
        return {
            "type": "function",
            "function": PydanticFunctionTool(self._definition(), self.model),
        }

    def responses_tool(self) -> dict[str, Any]:
        """``{"type": "function", "name": ..., "parameters": ...}`` for Responses."""
        return ResponsesPydanticFunctionTool({"type": "function", **self._definition()}, self.model)

    def parse_arguments(
        self, arguments: str | bytes | Mapping[str, Any] | None
    ) -> pydantic.BaseModel:
        """The arguments model instance; `ToolArgumentsError` when they do not validate."""
        return validate_arguments(self.model, arguments, self.name)

    async def call(self, arguments: str | bytes | Mapping[str, Any] | pydantic.BaseModel) -> Any:
        """Validate ``arguments`` and run the function (awaited when it is async).

        Raises `ToolArgumentsError` for invalid arguments and `ToolExecutionError`
        (original exception as ``__cause__``) when the function raises. A sync function
        runs on the event loop thread: keep it short, or make it async.
        """
        if isinstance(arguments, pydantic.BaseModel):
            instance = arguments
        else:
            instance = self.parse_arguments(arguments)
        values = {name: getattr(instance, name) for name in type(instance).model_fields}
        args = [values.pop(name) for name in self._positional_only]
        try:
            result: Any = self.fn(*args, **values)  # type: ignore[arg-type]
            if inspect.isawaitable(result):
                result = await result
        except Exception as exc:
            raise ToolExecutionError(self.name, exc) from exc
        return result


@overload
def function_tool(fn: Callable[P, R], /) -> FunctionTool[P, R]: ...


@overload
def function_tool(
    *, name: str | None = None, description: str | None = None, strict: bool = True
) -> Callable[[Callable[P, R]], FunctionTool[P, R]]: ...


def function_tool(
    fn: Callable[P, R] | None = None,
    /,
    *,
    name: str | None = None,
    description: str | None = None,
    strict: bool = True,
) -> FunctionTool[P, R] | Callable[[Callable[P, R]], FunctionTool[P, R]]:
    """Turn a function into a `FunctionTool`: ``@function_tool`` or ``@function_tool(name=...)``."""

    def wrap(f: Callable[P, R]) -> FunctionTool[P, R]:
        return FunctionTool(f, name=name, description=description, strict=strict)

    if fn is not None:
        return wrap(fn)
    return wrap


def tool_output_to_str(result: object) -> str:
    """A tool result as the string the API expects as the call's output.

    ``str`` is kept, pydantic models are dumped to JSON, everything else goes through
    ``json.dumps`` (``str()`` for what JSON cannot encode).
    """
    if isinstance(result, str):
        return result
    if isinstance(result, pydantic.BaseModel):
        return result.model_dump_json()
    try:
        return json.dumps(result, default=str)
    except (TypeError, ValueError):
        return str(result)


# -------------------------------------------------------------- tool normalization

ToolLike = FunctionTool[Any, Any] | type[pydantic.BaseModel] | Mapping[str, Any]


def to_chat_tool_param(tool: ToolLike) -> dict[str, Any]:
    """A chat ``tools`` entry from a `FunctionTool`, a pydantic model class, or a dict."""
    if isinstance(tool, FunctionTool):
        return tool.chat_tool()
    if isinstance(tool, type) and issubclass(tool, pydantic.BaseModel):
        return pydantic_function_tool(tool)
    if isinstance(tool, Mapping):
        return tool if isinstance(tool, dict) else dict(tool)
    raise TypeError(f"not a tool: {tool!r}")


def to_responses_tool_param(tool: ToolLike) -> dict[str, Any]:
    """A Responses ``tools`` entry from a `FunctionTool`, a pydantic model, or a dict."""
    if isinstance(tool, FunctionTool):
        return tool.responses_tool()
    if isinstance(tool, type) and issubclass(tool, pydantic.BaseModel):
        return pydantic_responses_function_tool(tool)
    if isinstance(tool, Mapping):
        return tool if isinstance(tool, dict) else dict(tool)
    raise TypeError(f"not a tool: {tool!r}")


# ------------------------------------------------------------------------ registry


class ToolRegistry:
    """Function tools by name: ``ToolRegistry([get_weather, search])``.

    Plain functions are wrapped with `function_tool`. Names must be unique.
    """

    def __init__(self, tools: Iterable[FunctionTool[Any, Any] | Callable[..., Any]] = ()) -> None:
        self._tools: dict[str, FunctionTool[Any, Any]] = {}
        for tool in tools:
            self.add(tool)

    def add(self, tool: FunctionTool[Any, Any] | Callable[..., Any]) -> FunctionTool[Any, Any]:
        ft = tool if isinstance(tool, FunctionTool) else FunctionTool(tool)
        if ft.name in self._tools:
            raise ValueError(f"duplicate tool name {ft.name!r}")
        self._tools[ft.name] = ft
        return ft

    def get(self, name: str) -> FunctionTool[Any, Any]:
        """The tool called ``name``; `UnknownToolError` if there is none."""
        try:
            return self._tools[name]
        except KeyError:
            raise UnknownToolError(name, self._tools) from None

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __iter__(self) -> Iterator[FunctionTool[Any, Any]]:
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    @property
    def names(self) -> list[str]:
        return list(self._tools)

    def chat_tools(self) -> list[dict[str, Any]]:
        return [t.chat_tool() for t in self._tools.values()]

    def responses_tools(self) -> list[dict[str, Any]]:
        return [t.responses_tool() for t in self._tools.values()]

    def parse_arguments(
        self, name: str, arguments: str | bytes | Mapping[str, Any] | None
    ) -> pydantic.BaseModel:
        return self.get(name).parse_arguments(arguments)

    async def call(self, name: str, arguments: str | bytes | Mapping[str, Any]) -> Any:
        """Resolve, validate and run one call (see `FunctionTool.call` for the errors)."""
        return await self.get(name).call(arguments)
