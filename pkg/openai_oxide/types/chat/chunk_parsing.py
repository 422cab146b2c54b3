"""`parse_chat_completion_chunk`: one streamed chat chunk from its JSON text."""

from .._lenient import json_decoder
from .chat_completion_chunk import ChatCompletionChunk

__all__ = ["parse_chat_completion_chunk"]


def parse_chat_completion_chunk(data: bytes | str) -> ChatCompletionChunk:
    """Validate one streamed chat chunk (the JSON after `data: `) straight from its text.

    A chunk that does not match is built leniently (see `types._lenient`). Raises
    ValueError if the text is not a JSON object, and `pydantic.ValidationError` for a
    mismatch under strict validation.
    """
    chunk: ChatCompletionChunk = json_decoder(ChatCompletionChunk)(data)
    return chunk
