"""`output_text`, the helper property of the generated `Response` (its base, from
scripts/gen/overrides_responses.py `BASES`). The spec also lists `output_text` as a field; as in
the official model the property wins (the field is dropped: `DROPPED`).
"""

from typing import TYPE_CHECKING

from .response_output_message import ResponseOutputMessage
from .response_output_text import ResponseOutputText

if TYPE_CHECKING:
    from .response_output_item import ResponseOutputItem

__all__ = ["ResponseOutputTextMixin"]


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
