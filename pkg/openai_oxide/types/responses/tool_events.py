"""Stream events of hosted tools, custom tools, shell and audio."""

from typing import Literal

from .._base import BaseModel
from .output_items import Output

__all__ = [
    "Delta",
    "ResponseAudioDeltaEvent",
    "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDoneEvent",
    "ResponseCodeInterpreterCallCodeDeltaEvent",
    "ResponseCodeInterpreterCallCodeDoneEvent",
    "ResponseCodeInterpreterCallCompletedEvent",
    "ResponseCodeInterpreterCallInProgressEvent",
    "ResponseCodeInterpreterCallInterpretingEvent",
    "ResponseCompactionCompactingEvent",
    "ResponseCustomToolCallInputDeltaEvent",
    "ResponseCustomToolCallInputDoneEvent",
    "ResponseFileSearchCallCompletedEvent",
    "ResponseFileSearchCallInProgressEvent",
    "ResponseFileSearchCallSearchingEvent",
    "ResponseImageGenCallCompletedEvent",
    "ResponseImageGenCallGeneratingEvent",
    "ResponseImageGenCallInProgressEvent",
    "ResponseImageGenCallPartialImageEvent",
    "ResponseMcpCallArgumentsDeltaEvent",
    "ResponseMcpCallArgumentsDoneEvent",
    "ResponseMcpCallCompletedEvent",
    "ResponseMcpCallFailedEvent",
    "ResponseMcpCallInProgressEvent",
    "ResponseMcpListToolsCompletedEvent",
    "ResponseMcpListToolsFailedEvent",
    "ResponseMcpListToolsInProgressEvent",
    "ResponseShellCallCommandAddedEvent",
    "ResponseShellCallCommandDeltaEvent",
    "ResponseShellCallCommandDoneEvent",
    "ResponseShellCallOutputContentDeltaEvent",
    "ResponseShellCallOutputContentDoneEvent",
    "ResponseWebSearchCallCompletedEvent",
    "ResponseWebSearchCallInProgressEvent",
    "ResponseWebSearchCallSearchingEvent",
]


class ResponseAudioDeltaEvent(BaseModel):
    """Emitted when there is a partial audio response."""

    delta: str | None = None
    sequence_number: int | None = None
    type: Literal["response.audio.delta"]


class ResponseAudioDoneEvent(BaseModel):
    """Emitted when the audio response is complete."""

    sequence_number: int | None = None
    type: Literal["response.audio.done"]


class ResponseAudioTranscriptDeltaEvent(BaseModel):
    """Emitted when there is a partial transcript of audio."""

    delta: str | None = None
    sequence_number: int | None = None
    type: Literal["response.audio.transcript.delta"]


class ResponseAudioTranscriptDoneEvent(BaseModel):
    """Emitted when the full audio transcript is completed."""

    sequence_number: int | None = None
    type: Literal["response.audio.transcript.done"]


class ResponseCodeInterpreterCallCodeDeltaEvent(BaseModel):
    """Emitted when a partial code snippet is streamed by the code interpreter."""

    delta: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.code_interpreter_call_code.delta"]


class ResponseCodeInterpreterCallCodeDoneEvent(BaseModel):
    """Emitted when the code snippet is finalized by the code interpreter."""

    code: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.code_interpreter_call_code.done"]


class ResponseCodeInterpreterCallCompletedEvent(BaseModel):
    """Emitted when the code interpreter call is completed."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.code_interpreter_call.completed"]


class ResponseCodeInterpreterCallInProgressEvent(BaseModel):
    """Emitted when a code interpreter call is in progress."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.code_interpreter_call.in_progress"]


class ResponseCodeInterpreterCallInterpretingEvent(BaseModel):
    """Emitted when the code interpreter is actively interpreting the code snippet."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.code_interpreter_call.interpreting"]


class ResponseCompactionCompactingEvent(BaseModel):
    """Emitted when new summary content is sampled for a compaction trigger."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.compaction.compacting"]


class ResponseFileSearchCallCompletedEvent(BaseModel):
    """Emitted when a file search call is completed (results found)."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.file_search_call.completed"]


class ResponseFileSearchCallInProgressEvent(BaseModel):
    """Emitted when a file search call is initiated."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.file_search_call.in_progress"]


class ResponseFileSearchCallSearchingEvent(BaseModel):
    """Emitted when a file search is currently searching."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.file_search_call.searching"]


class ResponseShellCallCommandAddedEvent(BaseModel):
    """A streaming event that indicated a shell command was added to a tool call."""

    command: str | None = None
    command_index: int | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.shell_call_command.added"]


class ResponseShellCallCommandDeltaEvent(BaseModel):
    """A streaming event that indicated a shell command was incrementally updated."""

    command_index: int | None = None
    delta: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.shell_call_command.delta"]
    obfuscation: str | None = None


class ResponseShellCallCommandDoneEvent(BaseModel):
    """A streaming event that indicated a shell command was completed."""

    command: str | None = None
    command_index: int | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.shell_call_command.done"]


class Delta(BaseModel):
    """The stdout/stderr delta that was emitted."""

    stderr: str | None = None
    stdout: str | None = None


class ResponseShellCallOutputContentDeltaEvent(BaseModel):
    """A streaming event that indicated shell call output was incrementally added."""

    command_index: int | None = None
    delta: Delta | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.shell_call_output_content.delta"]


class ResponseShellCallOutputContentDoneEvent(BaseModel):
    """A streaming event that indicated shell call output was completed."""

    command_index: int | None = None
    item_id: str | None = None
    output: list[Output] = []
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.shell_call_output_content.done"]


class ResponseWebSearchCallCompletedEvent(BaseModel):
    """Emitted when a web search call is completed."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.web_search_call.completed"]


class ResponseWebSearchCallInProgressEvent(BaseModel):
    """Emitted when a web search call is initiated."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.web_search_call.in_progress"]


class ResponseWebSearchCallSearchingEvent(BaseModel):
    """Emitted when a web search call is executing."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.web_search_call.searching"]


class ResponseImageGenCallCompletedEvent(BaseModel):
    """Emitted when an image generation tool call has completed and the final image is available."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.image_generation_call.completed"]


class ResponseImageGenCallGeneratingEvent(BaseModel):
    """Emitted when an image generation tool call is actively generating an image (intermediate
    state).
    """

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.image_generation_call.generating"]


class ResponseImageGenCallInProgressEvent(BaseModel):
    """Emitted when an image generation tool call is in progress."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.image_generation_call.in_progress"]


class ResponseImageGenCallPartialImageEvent(BaseModel):
    """Emitted when a partial image is available during image generation streaming."""

    item_id: str | None = None
    output_index: int | None = None
    partial_image_b64: str | None = None
    partial_image_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.image_generation_call.partial_image"]
    background: str | None = None
    output_format: str | None = None
    quality: str | None = None
    size: str | None = None


class ResponseMcpCallArgumentsDeltaEvent(BaseModel):
    """Emitted when there is a delta (partial update) to the arguments of an MCP tool call."""

    delta: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_call_arguments.delta"]


class ResponseMcpCallArgumentsDoneEvent(BaseModel):
    """Emitted when the arguments for an MCP tool call are finalized."""

    arguments: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_call_arguments.done"]


class ResponseMcpCallCompletedEvent(BaseModel):
    """Emitted when an MCP tool call has completed successfully."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_call.completed"]


class ResponseMcpCallFailedEvent(BaseModel):
    """Emitted when an MCP tool call has failed."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_call.failed"]


class ResponseMcpCallInProgressEvent(BaseModel):
    """Emitted when an MCP tool call is in progress."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_call.in_progress"]


class ResponseMcpListToolsCompletedEvent(BaseModel):
    """Emitted when the list of available MCP tools has been successfully retrieved."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_list_tools.completed"]


class ResponseMcpListToolsFailedEvent(BaseModel):
    """Emitted when the attempt to list available MCP tools has failed."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_list_tools.failed"]


class ResponseMcpListToolsInProgressEvent(BaseModel):
    """Emitted when the system is in the process of retrieving the list of available MCP tools."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.mcp_list_tools.in_progress"]


class ResponseCustomToolCallInputDeltaEvent(BaseModel):
    """Event representing a delta (partial update) to the input of a custom tool call."""

    delta: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.custom_tool_call_input.delta"]


class ResponseCustomToolCallInputDoneEvent(BaseModel):
    """Event indicating that input for a custom tool call is complete."""

    input: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.custom_tool_call_input.done"]
