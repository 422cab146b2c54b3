"""What the generated `Response` takes from here (scripts/gen/overrides_responses.py):

- `FIELDS`: the classes of the fields the spec does not describe yet, which the official 3.57
  model has and servers send (importable from `types.responses.response` too, as officially);
- `BASES`: `output_text`, a helper property. The spec also lists `output_text` as a field; as
  in the official model the property wins (the field is dropped: `DROPPED`).
"""

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel
from .response_output_message import ResponseOutputMessage
from .response_output_text import ResponseOutputText

if TYPE_CHECKING:
    from .response_output_item import ResponseOutputItem

__all__ = [
    "AccessPrograms",
    "Image",
    "InputTransformation",
    "Misalignment",
    "MisalignmentSteer",
    "PromptCacheDiagnosticsCacheHit",
    "PromptCacheDiagnosticsCacheMiss",
    "PromptCacheDiagnosticsComparisonResponseNotFound",
    "PromptCacheDiagnosticsUnavailable",
    "ResponseOutputTextMixin",
    "ResponsePromptCacheDiagnostics",
    "ToolUsage",
    "UnknownResponsePromptCacheDiagnostics",
]


class AccessPrograms(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""


class Image(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""


class InputTransformation(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["reasoning"]


class MisalignmentSteer(BaseModel):
    """An optional public continuation instruction."""

    message: str | None = None


class Misalignment(BaseModel):
    detailed_explanation: str | None = None
    error_type: str | None = None
    review_target: str | None = None
    steer: MisalignmentSteer | None = None


class PromptCacheDiagnosticsCacheMiss(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["cache_miss"]


class PromptCacheDiagnosticsCacheHit(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["cache_hit"]


class PromptCacheDiagnosticsComparisonResponseNotFound(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["comparison_response_not_found"]


class PromptCacheDiagnosticsUnavailable(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["unavailable"]


class UnknownResponsePromptCacheDiagnostics(UnknownModel):
    """A `ResponsePromptCacheDiagnostics` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {"cache_hit", "cache_miss", "comparison_response_not_found", "unavailable"}
    )


ResponsePromptCacheDiagnostics: TypeAlias = Annotated[
    Annotated[
        PromptCacheDiagnosticsCacheMiss
        | PromptCacheDiagnosticsCacheHit
        | PromptCacheDiagnosticsComparisonResponseNotFound
        | PromptCacheDiagnosticsUnavailable,
        Field(discriminator="type"),
    ]
    | UnknownResponsePromptCacheDiagnostics,
    Field(union_mode="left_to_right"),
]


class ToolUsage(BaseModel):
    """Usage reported by hosted tools, separate from base model `usage`. (Shallow for now: fields
    besides `type` stay extras.)
    """


class ResponseOutputTextMixin:
    """Adds `output_text` to the generated `Response`."""

    if TYPE_CHECKING:
        output: list[ResponseOutputItem]

    @property
    def output_text(self) -> str:
        """All `output_text` parts of all `message` output items, concatenated."""
        texts: list[str] = []
        for item in self.output:
            if isinstance(item, ResponseOutputMessage):
                for part in item.content:
                    if isinstance(part, ResponseOutputText) and part.text:
                        texts.append(part.text)
        return "".join(texts)
