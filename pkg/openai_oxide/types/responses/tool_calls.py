"""Tool-call output items: file search, function, web search, computer."""

from typing import Annotated, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel

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


class Result(BaseModel):
    attributes: dict[str, str | float | bool] | None = None
    file_id: str | None = None
    filename: str | None = None
    score: float | None = None
    text: str | None = None


class ResponseFileSearchToolCall(BaseModel):
    """The results of a file search tool call."""

    id: str | None = None
    queries: list[str] = []
    status: (
        Literal["in_progress", "searching", "completed", "incomplete", "failed"] | str | None
    ) = None
    type: Literal["file_search_call"]
    results: list[Result] | None = None


class CallerDirect(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["direct"]


class CallerProgram(BaseModel):
    type: Literal["program"]
    caller_id: str | None = None


ResponseFunctionToolCallCaller: TypeAlias = CallerDirect | CallerProgram | None


class ResponseFunctionToolCall(BaseModel):
    """A tool call to run a function."""

    arguments: str | None = None
    call_id: str | None = None
    name: str | None = None
    type: Literal["function_call"]
    id: str | None = None
    async_: bool | None = Field(default=None, alias="async")
    caller: ResponseFunctionToolCallCaller | None = None
    namespace: str | None = None
    status: ItemStatus | None = None


class PromptCacheBreakpoint(BaseModel):
    """Marks the exact end of a reusable prompt prefix."""

    mode: Literal["explicit"] | str | None = None
    ttl: str | None = None


class ResponseInputText(BaseModel):
    """A text input to the model."""

    text: str | None = None
    type: Literal["input_text"]
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


class ResponseInputImage(BaseModel):
    """An image input to the model."""

    detail: Literal["low", "high", "auto", "original"] | str | None = None
    type: Literal["input_image"]
    file_id: str | None = None
    image_url: str | None = None
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


class ResponseInputFile(BaseModel):
    """A file input to the model."""

    type: Literal["input_file"]
    detail: Literal["auto", "low", "high"] | str | None = None
    file_data: str | None = None
    file_id: str | None = None
    file_url: str | None = None
    filename: str | None = None
    prompt_cache_breakpoint: PromptCacheBreakpoint | None = None


class UnknownResponseInputContent(UnknownModel):
    """A `ResponseInputContent` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"input_file", "input_image", "input_text"})


ResponseInputContent: TypeAlias = Annotated[
    Annotated[
        ResponseInputText | ResponseInputImage | ResponseInputFile, Field(discriminator="type")
    ]
    | UnknownResponseInputContent,
    Field(union_mode="left_to_right"),
]


class ResponseFunctionToolCallOutputItem(BaseModel):
    id: str | None = None
    output: str | list[ResponseInputContent] | None = None
    status: ItemStatus | None = None
    type: Literal["function_call_output"]
    call_id: str | None = None
    caller: ResponseFunctionToolCallCaller | None = None
    created_by: str | None = None
    name: str | None = None
    namespace: str | None = None


class ActionSearchSource(BaseModel):
    """A source used in the search."""

    type: Literal["url"]
    url: str | None = None


class ActionSearch(BaseModel):
    """Action type "search" - Performs a web search query."""

    type: Literal["search"]
    queries: list[str] | None = None
    query: str | None = None
    sources: list[ActionSearchSource] | None = None


class ActionOpenPage(BaseModel):
    """Action type "open_page" - Opens a specific URL from search results."""

    type: Literal["open_page"]
    url: str | None = None


class ActionFind(BaseModel):
    """Action type "find_in_page": Searches for a pattern within a loaded page."""

    pattern: str | None = None
    type: Literal["find_in_page"]
    url: str | None = None


class UnknownResponseFunctionWebSearchAction(UnknownModel):
    """A `ResponseFunctionWebSearchAction` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"find_in_page", "open_page", "search"})


ResponseFunctionWebSearchAction: TypeAlias = Annotated[
    Annotated[ActionSearch | ActionOpenPage | ActionFind, Field(discriminator="type")]
    | UnknownResponseFunctionWebSearchAction,
    Field(union_mode="left_to_right"),
]


class ResponseFunctionWebSearch(BaseModel):
    """The results of a web search tool call."""

    id: str | None = None
    action: ResponseFunctionWebSearchAction | None = None
    status: Literal["in_progress", "searching", "completed", "failed"] | str | None = None
    type: Literal["web_search_call"]


class PendingSafetyCheck(BaseModel):
    """A pending safety check for the computer call."""

    id: str | None = None
    code: str | None = None
    message: str | None = None


class ActionClick(BaseModel):
    """A click action."""

    type: Literal["click"]
    button: Literal["left", "right", "wheel", "back", "forward"] | str | None = None
    x: int | None = None
    y: int | None = None
    keys: list[str] | None = None


class ActionDoubleClick(BaseModel):
    """A double click action."""

    type: Literal["double_click"]
    x: int | None = None
    y: int | None = None
    keys: list[str] | None = None


class DragPath(BaseModel):
    """An x/y coordinate pair, e.g. `{ x: 100, y: 200 }`."""

    x: int | None = None
    y: int | None = None


class ActionDrag(BaseModel):
    """A drag action."""

    path: list[DragPath] = []
    type: Literal["drag"]
    keys: list[str] | None = None


class ActionKeypress(BaseModel):
    """A collection of keypresses the model would like to perform."""

    type: Literal["keypress"]
    keys: list[str] = []


class ActionMove(BaseModel):
    """A mouse move action."""

    type: Literal["move"]
    x: int | None = None
    y: int | None = None
    keys: list[str] | None = None


class ActionScreenshot(BaseModel):
    """A screenshot action. (Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["screenshot"]


class ActionScroll(BaseModel):
    """A scroll action."""

    type: Literal["scroll"]
    x: int | None = None
    y: int | None = None
    scroll_x: int | None = None
    scroll_y: int | None = None
    keys: list[str] | None = None


class ActionType(BaseModel):
    """An action to type in text."""

    type: Literal["type"]
    text: str | None = None


class ActionWait(BaseModel):
    """A wait action. (Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["wait"]


class UnknownResponseComputerToolCallAction(UnknownModel):
    """A `ResponseComputerToolCallAction` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {
            "click",
            "double_click",
            "drag",
            "keypress",
            "move",
            "screenshot",
            "scroll",
            "type",
            "wait",
        }
    )


ResponseComputerToolCallAction: TypeAlias = Annotated[
    Annotated[
        ActionClick
        | ActionDoubleClick
        | ActionDrag
        | ActionKeypress
        | ActionMove
        | ActionScreenshot
        | ActionScroll
        | ActionType
        | ActionWait,
        Field(discriminator="type"),
    ]
    | UnknownResponseComputerToolCallAction,
    Field(union_mode="left_to_right"),
]


# `actions` (batched) holds the same action schemas as `action`: the official names of both
# lists name one class each.
Click = ActionClick
DoubleClick = ActionDoubleClick
Drag = ActionDrag
Keypress = ActionKeypress
Move = ActionMove
Screenshot = ActionScreenshot
Scroll = ActionScroll
Type = ActionType
Wait = ActionWait
UnknownResponseComputerToolCallActions = UnknownResponseComputerToolCallAction
ResponseComputerToolCallActions: TypeAlias = ResponseComputerToolCallAction


class ResponseComputerToolCall(BaseModel):
    """A tool call to a computer use tool."""

    id: str | None = None
    call_id: str | None = None
    pending_safety_checks: list[PendingSafetyCheck] = []
    status: ItemStatus | None = None
    type: Literal["computer_call"]
    action: ResponseComputerToolCallAction | None = None
    actions: list[ResponseComputerToolCallActions] | None = None


AcknowledgedSafetyCheck = PendingSafetyCheck  # one schema (ComputerCallSafetyCheckParam)


class ResponseComputerToolCallOutputScreenshot(BaseModel):
    """A computer screenshot image used with the computer use tool."""

    type: Literal["computer_screenshot"]
    file_id: str | None = None
    image_url: str | None = None


class ResponseComputerToolCallOutputItem(BaseModel):
    """The output of a computer tool call."""

    id: str | None = None
    call_id: str | None = None
    output: ResponseComputerToolCallOutputScreenshot | None = None
    type: Literal["computer_call_output"]
    acknowledged_safety_checks: list[AcknowledgedSafetyCheck] | None = None
    status: Literal["completed", "incomplete", "failed"] | str | None = None
    created_by: str | None = None
