"""The tool-call output items under the names this module had when they were written here.

The classes are generated from the spec at their official paths (scripts/gen/overrides.py,
`GENERATED`); this module defines none and re-exports them for existing imports.
"""

from typing import Literal, TypeAlias

from .response_computer_tool_call import (
    AcknowledgedSafetyCheck,
    ActionClick,
    ActionDoubleClick,
    ActionDrag,
    ActionKeypress,
    ActionMove,
    ActionScreenshot,
    ActionScroll,
    ActionType,
    ActionWait,
    Click,
    DoubleClick,
    Drag,
    DragPath,
    Keypress,
    Move,
    PendingSafetyCheck,
    ResponseComputerToolCall,
    ResponseComputerToolCallAction,
    ResponseComputerToolCallActions,
    Screenshot,
    Scroll,
    Type,
    UnknownResponseComputerToolCallAction,
    Wait,
)
from .response_computer_tool_call_output_item import ResponseComputerToolCallOutputItem
from .response_computer_tool_call_output_screenshot import (
    ResponseComputerToolCallOutputScreenshot,
)
from .response_file_search_tool_call import ResponseFileSearchToolCall, Result
from .response_function_tool_call import (
    CallerDirect,
    CallerProgram,
    ResponseFunctionToolCall,
    ResponseFunctionToolCallCaller,
)
from .response_function_tool_call_output_item import ResponseFunctionToolCallOutputItem
from .response_function_web_search import (
    ActionFind,
    ActionOpenPage,
    ActionSearch,
    ActionSearchSource,
    ResponseFunctionWebSearch,
    ResponseFunctionWebSearchAction,
    UnknownResponseFunctionWebSearchAction,
)
from .response_input_content import ResponseInputContent, UnknownResponseInputContent
from .response_input_file import ResponseInputFile
from .response_input_image import ResponseInputImage
from .response_input_text import PromptCacheBreakpoint, ResponseInputText

__all__ = [
    "AcknowledgedSafetyCheck",
    "ActionClick",
    "ActionDoubleClick",
    "ActionDrag",
    "ActionFind",
    "ActionKeypress",
    "ActionMove",
    "ActionOpenPage",
    "ActionScreenshot",
    "ActionScroll",
    "ActionSearch",
    "ActionSearchSource",
    "ActionType",
    "ActionWait",
    "CallerDirect",
    "CallerProgram",
    "Click",
    "DoubleClick",
    "Drag",
    "DragPath",
    "ItemStatus",
    "Keypress",
    "Move",
    "PendingSafetyCheck",
    "PromptCacheBreakpoint",
    "ResponseComputerToolCall",
    "ResponseComputerToolCallAction",
    "ResponseComputerToolCallActions",
    "ResponseComputerToolCallOutputItem",
    "ResponseComputerToolCallOutputScreenshot",
    "ResponseFileSearchToolCall",
    "ResponseFunctionToolCall",
    "ResponseFunctionToolCallCaller",
    "ResponseFunctionToolCallOutputItem",
    "ResponseFunctionWebSearch",
    "ResponseFunctionWebSearchAction",
    "ResponseInputContent",
    "ResponseInputFile",
    "ResponseInputImage",
    "ResponseInputText",
    "Result",
    "Screenshot",
    "Scroll",
    "Type",
    "UnknownResponseComputerToolCallAction",
    "UnknownResponseComputerToolCallActions",
    "UnknownResponseFunctionWebSearchAction",
    "UnknownResponseInputContent",
    "Wait",
]

ItemStatus: TypeAlias = Literal["in_progress", "completed", "incomplete"] | str
"""The status of an item: populated when items are returned via the API."""

UnknownResponseComputerToolCallActions = UnknownResponseComputerToolCallAction
