"""The assistant message item and its content parts, under the names this module had when
they were written here.

The classes are generated from the spec at their official paths (scripts/gen/overrides.py,
`GENERATED`); this module defines none and re-exports them for existing imports.
"""

from .response_output_message import (
    ResponseOutputMessage,
    ResponseOutputMessageContent,
    UnknownResponseOutputMessageContent,
)
from .response_output_refusal import ResponseOutputRefusal
from .response_output_text import (
    AnnotationContainerFileCitation,
    AnnotationFileCitation,
    AnnotationFilePath,
    AnnotationURLCitation,
    Logprob,
    LogprobTopLogprob,
    ResponseOutputText,
    ResponseOutputTextAnnotations,
    UnknownResponseOutputTextAnnotations,
)

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
