"""`ResponseCompactionCompactingEvent`, written by hand: servers send it and the official union
has it, but the spec does not describe it yet. The generated `ResponseStreamEvent` takes it
as a member (scripts/gen/overrides_responses.py, `MEMBERS`); it is lenient as the generated
events are (missing fields are None)."""

from typing import Literal

from .._base import BaseModel

__all__ = ["ResponseCompactionCompactingEvent"]


class ResponseCompactionCompactingEvent(BaseModel):
    """Emitted when new summary content is sampled for a compaction trigger."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.compaction.compacting"]
