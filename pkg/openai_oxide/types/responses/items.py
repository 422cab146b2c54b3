"""`parse_response_item`: one stored item (`responses.input_items.list`) from JSON or a dict.

The `ResponseItem` union is generated at its official path (`types.responses.response_item`);
its names are re-exported here for code that imported them from this module.
"""

from .._lenient import json_decoder, python_decoder
from .response_configuration_update_item import ResponseConfigurationUpdateItem
from .response_input_message_item import ResponseInputMessageItem
from .response_item import ResponseItem, UnknownResponseItem
from .response_item_list import ResponseItemList

__all__ = [
    "ResponseConfigurationUpdateItem",
    "ResponseInputMessageItem",
    "ResponseItem",
    "ResponseItemList",
    "UnknownResponseItem",
    "parse_response_item",
]


def parse_response_item(data: object) -> ResponseItem:
    """Validate one input item: JSON text (`bytes`/`str`) or an already decoded `dict`.

    An unknown `type` gives an `UnknownResponseItem` that keeps every field; an item that
    does not match is built leniently (see `types._lenient`). Raises ValueError if the data
    is not a JSON object, and `pydantic.ValidationError` for a mismatch under strict
    validation.
    """
    item: ResponseItem
    if isinstance(data, bytes | bytearray | str):
        item = json_decoder(ResponseItem)(data)
    else:
        item = python_decoder(ResponseItem)(data)
    return item
