"""What the hand-written Responses and chat models add to the spec, for the generator.

Two tables:
- `FIELD_DEFAULTS`: models the generator emits from the spec (at their official paths,
  `tables.HAND_IMPORTS`) and that take what their hand-written predecessors added: the
  fields the spec requires that the SDK parses without (a stream's partial items), with
  their defaults. `ResponseReasoningItem`, `ResponseToolSearchCall`,
  `ResponseToolSearchOutputItem`, `ResponseCompactionItem`, `ResponseCodeInterpreterToolCall`
  are generated this way.
- `OVERRIDES`: the hand-written models still written whole, which the generator imports
  instead of emitting a class, so every group that reaches the schema shares one class.
  They add helpers (`Response.output_text`), the `parse_*` fast paths, defaults the stream
  accumulators rely on, and the official names of inline classes; each is walked against
  its schema by tests/types/test_spec_coverage.py like a generated one, so it must keep
  every field. An entry leaves this table when its class moves to `FIELD_DEFAULTS`.
"""

from __future__ import annotations

# spec schema -> (module under openai_oxide.types, class name)
OVERRIDES: dict[str, tuple[str, str]] = {
    # the roots of the hand-written world
    "CreateChatCompletionResponse": ("chat.chat_completion", "ChatCompletion"),
    "CreateChatCompletionStreamResponse": ("chat.chat_completion_chunk", "ChatCompletionChunk"),
    "Response": ("responses.response", "Response"),
    "ResponseStreamEvent": ("responses.events", "ResponseStreamEvent"),
    "Model": ("models", "Model"),
    # chat
    "CompletionUsage": ("chat.completion_usage", "CompletionUsage"),
    "ChatCompletionResponseMessage": ("chat.chat_completion", "ChatCompletionMessage"),
    "ChatCompletionMessageToolCall": (
        "chat.chat_completion",
        "ChatCompletionMessageFunctionToolCall",
    ),
    "ChatCompletionMessageCustomToolCall": (
        "chat.chat_completion",
        "ChatCompletionMessageCustomToolCall",
    ),
    # responses: the response and its settings
    "ResponseUsage": ("responses.response", "ResponseUsage"),
    # responses: content
    "InputTextContent": ("responses.tool_calls", "ResponseInputText"),
    "InputImageContent": ("responses.tool_calls", "ResponseInputImage"),
    "InputFileContent": ("responses.tool_calls", "ResponseInputFile"),
    "OutputMessage": ("responses.output_message", "ResponseOutputMessage"),
    "OutputMessageContent": ("responses.output_message", "ResponseOutputMessageContent"),
    "OutputTextContent": ("responses.output_message", "ResponseOutputText"),
    "RefusalContent": ("responses.output_message", "ResponseOutputRefusal"),
    "Annotation": ("responses.output_message", "ResponseOutputTextAnnotations"),
    "FileCitationBody": ("responses.output_message", "AnnotationFileCitation"),
    "UrlCitationBody": ("responses.output_message", "AnnotationURLCitation"),
    "ContainerFileCitationBody": ("responses.output_message", "AnnotationContainerFileCitation"),
    "FilePath": ("responses.output_message", "AnnotationFilePath"),
    # responses: output items and the unions of them
    "OutputItem": ("responses.output_items", "ResponseOutputItem"),
    "ItemResource": ("responses.items", "ResponseItem"),
    "FunctionToolCall": ("responses.tool_calls", "ResponseFunctionToolCall"),
    "DirectToolCallCaller": ("responses.tool_calls", "CallerDirect"),
    "DirectToolCallCallerParam": ("responses.tool_calls", "CallerDirect"),
    "ProgramToolCallCaller": ("responses.tool_calls", "CallerProgram"),
    "ProgramToolCallCallerParam": ("responses.tool_calls", "CallerProgram"),
    "PromptCacheBreakpointConfig": ("responses.tool_calls", "PromptCacheBreakpoint"),
    "FunctionToolCallResource": ("responses.items", "ResponseFunctionToolCallItem"),
    "FunctionToolCallOutputResource": (
        "responses.tool_calls",
        "ResponseFunctionToolCallOutputItem",
    ),
    "FileSearchToolCall": ("responses.tool_calls", "ResponseFileSearchToolCall"),
    "WebSearchToolCall": ("responses.tool_calls", "ResponseFunctionWebSearch"),
    "WebSearchActionSearch": ("responses.tool_calls", "ActionSearch"),
    "WebSearchActionOpenPage": ("responses.tool_calls", "ActionOpenPage"),
    "WebSearchActionFind": ("responses.tool_calls", "ActionFind"),
    "ComputerToolCall": ("responses.tool_calls", "ResponseComputerToolCall"),
    "ComputerToolCallOutputResource": (
        "responses.tool_calls",
        "ResponseComputerToolCallOutputItem",
    ),
    "ComputerScreenshotImage": ("responses.tool_calls", "ResponseComputerToolCallOutputScreenshot"),
    "ComputerCallSafetyCheckParam": ("responses.tool_calls", "PendingSafetyCheck"),
    "ComputerAction": ("responses.tool_calls", "ResponseComputerToolCallAction"),
    "ClickParam": ("responses.tool_calls", "ActionClick"),
    "DoubleClickAction": ("responses.tool_calls", "ActionDoubleClick"),
    "DragParam": ("responses.tool_calls", "ActionDrag"),
    "CoordParam": ("responses.tool_calls", "DragPath"),
    "KeyPressAction": ("responses.tool_calls", "ActionKeypress"),
    "MoveParam": ("responses.tool_calls", "ActionMove"),
    "ScreenshotParam": ("responses.tool_calls", "ActionScreenshot"),
    "ScrollParam": ("responses.tool_calls", "ActionScroll"),
    "TypeParam": ("responses.tool_calls", "ActionType"),
    "WaitParam": ("responses.tool_calls", "ActionWait"),
    "Program": ("responses.output_items", "Program"),
    "ProgramOutput": ("responses.output_items", "ProgramOutput"),
    "AdditionalTools": ("responses.output_items", "AdditionalTools"),
    "ImageGenToolCall": ("responses.output_items", "ImageGenerationCall"),
    "LocalShellToolCall": ("responses.output_items", "LocalShellCall"),
    "LocalShellExecAction": ("responses.output_items", "LocalShellCallAction"),
    "LocalShellToolCallOutput": ("responses.output_items", "LocalShellCallOutput"),
    "FunctionShellCall": ("responses.output_items", "ResponseFunctionShellToolCall"),
    "LocalEnvironmentResource": ("responses.output_items", "ResponseLocalEnvironment"),
    "ContainerReferenceResource": ("responses.output_items", "ResponseContainerReference"),
    "FunctionShellCallOutput": ("responses.output_items", "ResponseFunctionShellToolCallOutput"),
    "FunctionShellCallOutputTimeoutOutcome": ("responses.output_items", "OutputOutcomeTimeout"),
    "FunctionShellCallOutputExitOutcome": ("responses.output_items", "OutputOutcomeExit"),
    "ApplyPatchToolCall": ("responses.output_items", "ResponseApplyPatchToolCall"),
    "ApplyPatchCreateFileOperation": ("responses.output_items", "OperationCreateFile"),
    "ApplyPatchDeleteFileOperation": ("responses.output_items", "OperationDeleteFile"),
    "ApplyPatchUpdateFileOperation": ("responses.output_items", "OperationUpdateFile"),
    "ApplyPatchToolCallOutput": ("responses.output_items", "ResponseApplyPatchToolCallOutput"),
    "MCPListTools": ("responses.output_items", "McpListTools"),
    "MCPApprovalRequest": ("responses.output_items", "McpApprovalRequest"),
    "MCPApprovalResponseResource": ("responses.output_items", "McpApprovalResponse"),
    "MCPToolCall": ("responses.output_items", "McpCall"),
    "MCPProtocolError": ("responses.output_items", "McpProtocolError"),
    "MCPToolExecutionError": ("responses.output_items", "McpToolExecutionError"),
    "HTTPError": ("responses.output_items", "HTTPError"),
    "CustomToolCall": ("responses.output_items", "ResponseCustomToolCall"),
    "CustomToolCallResource": ("responses.items", "ResponseCustomToolCallItem"),
    "CustomToolCallOutputResource": ("responses.output_items", "ResponseCustomToolCallOutputItem"),
}

# What a model generated from the spec takes from the hand-written one it replaced: fields the
# spec requires that the SDK parses without (a stream's partial items, older servers), with
# the default they get. spec schema -> {field: default}.
FIELD_DEFAULTS: dict[str, dict[str, str]] = {
    "ReasoningItem": {"id": "None", "summary": "[]"},
    "SummaryTextContent": {"text": "None"},
    "ReasoningTextContent": {"text": "None"},
    "CompactionBody": {"id": "None", "encrypted_content": "None"},
    "ToolSearchCall": {
        "id": "None",
        "call_id": "None",
        "execution": "None",
        "arguments": "None",
        "status": "None",
    },
    "CodeInterpreterToolCall": {
        "id": "None",
        "status": "None",
        "container_id": "None",
        "code": "None",
        "outputs": "None",
    },
    "ToolSearchOutput": {
        "id": "None",
        "call_id": "None",
        "execution": "None",
        "tools": "[]",
        "status": "None",
    },
    "CodeInterpreterOutputLogs": {"logs": "None"},
    "CodeInterpreterOutputImage": {"url": "None"},
}
