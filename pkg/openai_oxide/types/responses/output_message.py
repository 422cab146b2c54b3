"""The assistant message output item and its content parts."""

from typing import Annotated, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel

__all__ = [
    "AnnotationContainerFileCitation",
    "AnnotationFileCitation",
    "AnnotationFilePath",
    "AnnotationURLCitation",
    "Logprob",
    "LogprobTopLogprob",
    "ResponseOutputMessage",
    "ResponseOutputMessageContent",
    "ResponseOutputRefusal",
    "ResponseOutputText",
    "ResponseOutputTextAnnotations",
    "UnknownResponseOutputMessageContent",
    "UnknownResponseOutputTextAnnotations",
]


class AnnotationFileCitation(BaseModel):
    """A citation to a file."""

    file_id: str | None = None
    filename: str | None = None
    index: int | None = None
    type: Literal["file_citation"]


class AnnotationURLCitation(BaseModel):
    """A citation for a web resource used to generate a model response."""

    end_index: int | None = None
    start_index: int | None = None
    title: str | None = None
    type: Literal["url_citation"]
    url: str | None = None


class AnnotationContainerFileCitation(BaseModel):
    """A citation for a container file used to generate a model response."""

    container_id: str | None = None
    end_index: int | None = None
    file_id: str | None = None
    filename: str | None = None
    start_index: int | None = None
    type: Literal["container_file_citation"]


class AnnotationFilePath(BaseModel):
    """A path to a file."""

    file_id: str | None = None
    index: int | None = None
    type: Literal["file_path"]


class UnknownResponseOutputTextAnnotations(UnknownModel):
    """A `ResponseOutputTextAnnotations` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {"container_file_citation", "file_citation", "file_path", "url_citation"}
    )


ResponseOutputTextAnnotations: TypeAlias = Annotated[
    Annotated[
        AnnotationFileCitation
        | AnnotationURLCitation
        | AnnotationContainerFileCitation
        | AnnotationFilePath,
        Field(discriminator="type"),
    ]
    | UnknownResponseOutputTextAnnotations,
    Field(union_mode="left_to_right"),
]


class LogprobTopLogprob(BaseModel):
    """The top log probability of a token."""

    token: str | None = None
    bytes: list[int] = []
    logprob: float | None = None


class Logprob(BaseModel):
    """The log probability of a token."""

    token: str | None = None
    bytes: list[int] = []
    logprob: float | None = None
    top_logprobs: list[LogprobTopLogprob] = []


class ResponseOutputText(BaseModel):
    """A text output from the model."""

    annotations: list[ResponseOutputTextAnnotations] = []
    text: str | None = None
    type: Literal["output_text"]
    logprobs: list[Logprob] | None = None


class ResponseOutputRefusal(BaseModel):
    """A refusal from the model."""

    refusal: str | None = None
    type: Literal["refusal"]


class UnknownResponseOutputMessageContent(UnknownModel):
    """A `ResponseOutputMessageContent` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"output_text", "refusal"})


ResponseOutputMessageContent: TypeAlias = Annotated[
    Annotated[ResponseOutputText | ResponseOutputRefusal, Field(discriminator="type")]
    | UnknownResponseOutputMessageContent,
    Field(union_mode="left_to_right"),
]


class ResponseOutputMessage(BaseModel):
    """An output message from the model."""

    id: str | None = None
    content: list[ResponseOutputMessageContent] = []
    role: Literal["assistant"]
    status: Literal["in_progress", "completed", "incomplete"] | str | None = None
    type: Literal["message"]
    phase: Literal["commentary", "final_answer"] | str | None = None
