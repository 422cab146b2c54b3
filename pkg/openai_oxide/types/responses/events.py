"""`parse_response_stream_event`: one Responses stream event, typed, from its JSON text.

The events and their union are generated at the union's official path
(`response_stream_event`), each event also importable from its own official module.
"""

from .._lenient import json_decoder
from .response_stream_event import ResponseStreamEvent

__all__ = ["ResponseStreamEvent", "parse_response_stream_event"]


def parse_response_stream_event(data: bytes | str) -> ResponseStreamEvent:
    """Validate one Responses stream event straight from its JSON text.

    An unknown `type` gives an `UnknownResponseStreamEvent` that keeps every field; a known
    event with data that does not match is built leniently as its own class (see
    `types._lenient`). Raises ValueError if the text is not a JSON object, and
    `pydantic.ValidationError` for a mismatch under strict validation. The validator is
    built on the first call (never at import time) and then cached.
    """
    event: ResponseStreamEvent = json_decoder(ResponseStreamEvent)(data)
    return event
