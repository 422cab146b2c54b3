"""The tools a `Response` was created with (`Response.tools`), and the `ResponseTools` union.

The tool configurations are echoed back exactly as the request's `Tool` schema, so the models
generated from it (`types.shared.tool`, `types.shared.mcp_tool`) are reused: where the official
SDK has another class name (`Mcp` for `MCPTool`, `CodeInterpreter` for `CodeInterpreterTool`,
...), a subclass gives it that name. Every recorded tool carries the fields the spec requires.

The names imported ``as`` themselves are not used here: the subclasses inherit annotations that
name them, and pydantic resolves those in the subclass's module when it builds the validator.
"""

from typing import Annotated, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import UnknownModel
from ..shared.mcp_tool import CallableToolAllowedCaller as CallableToolAllowedCaller
from ..shared.mcp_tool import MCPTool
from ..shared.mcp_tool import MCPToolFilter as MCPToolFilter
from ..shared.mcp_tool import (
    MCPToolRequireApprovalMCPToolApprovalFilter as MCPToolRequireApprovalMCPToolApprovalFilter,
)
from ..shared.tool import (
    ApplyPatchToolParam,
    CodeInterpreterTool,
    ComputerTool,
    ComputerUsePreviewTool,
    CustomToolParam,
    FileSearchTool,
    FunctionShellToolParam,
    FunctionTool,
    ImageGenTool,
    LocalShellToolParam,
    NamespaceToolParam,
    ProgrammaticToolCallingParam,
    ToolSearchToolParam,
    WebSearchPreviewTool,
)
from ..shared.tool import AutoCodeInterpreterToolParam as AutoCodeInterpreterToolParam
from ..shared.tool import CustomToolParamFormat as CustomToolParamFormat
from ..shared.tool import EmptyModelParam as EmptyModelParam
from ..shared.tool import FunctionShellToolParamEnvironment as FunctionShellToolParamEnvironment
from ..shared.tool import ImageGenActionEnum as ImageGenActionEnum
from ..shared.tool import ImageGenToolInputImageMask as ImageGenToolInputImageMask
from ..shared.tool import InputFidelity as InputFidelity
from ..shared.tool import NamespaceToolParamTools as NamespaceToolParamTools
from ..shared.tool import ToolSearchExecutionType as ToolSearchExecutionType
from ..shared.tool import WebSearchApproximateLocation as WebSearchApproximateLocation
from ..shared.tool import WebSearchTool as _WebSearchTool
from ..shared.tool import WebSearchToolFilters as WebSearchToolFilters

__all__ = [
    "ApplyPatchTool",
    "CodeInterpreter",
    "ComputerTool",
    "ComputerUsePreviewTool",
    "CustomTool",
    "FileSearchTool",
    "FunctionShellTool",
    "FunctionTool",
    "ImageGeneration",
    "LocalShell",
    "Mcp",
    "NamespaceTool",
    "ProgrammaticToolCalling",
    "ResponseTools",
    "ToolSearchTool",
    "UnknownResponseTools",
    "WebSearchPreviewTool",
    "WebSearchTool",
]


class Mcp(MCPTool):
    """Give the model access to additional tools via remote Model Context Protocol (MCP) servers.
    [Learn more about MCP](https://developers.openai.com/api/docs/guides/tools-connectors-mcp).
    """


class CodeInterpreter(CodeInterpreterTool):
    """A tool that runs Python code to help generate a response to a prompt."""


class ProgrammaticToolCalling(ProgrammaticToolCallingParam):
    """Lets the model call tools from a program it writes."""


class ImageGeneration(ImageGenTool):
    """A tool that generates images using the GPT image models."""


class LocalShell(LocalShellToolParam):
    """A tool that allows the model to execute shell commands in a local environment."""


class FunctionShellTool(FunctionShellToolParam):
    """A tool that allows the model to execute shell commands."""


class CustomTool(CustomToolParam):
    """A custom tool that processes input using a specified format."""


class NamespaceTool(NamespaceToolParam):
    """Groups function/custom tools under a shared namespace."""


class ToolSearchTool(ToolSearchToolParam):
    """Hosted or BYOT tool search configuration for deferred tools."""


class ApplyPatchTool(ApplyPatchToolParam):
    """Allows the assistant to create, delete, or update files using unified diffs."""


class WebSearchTool(_WebSearchTool):
    """Search the Internet for sources related to the prompt. (The generated class also accepts
    any other `type`; here the tag is exact, so that the union can dispatch on it.)
    """

    type: Literal["web_search", "web_search_2025_08_26"]


class UnknownResponseTools(UnknownModel):
    """A `ResponseTools` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {
            "apply_patch",
            "code_interpreter",
            "computer",
            "computer_use_preview",
            "custom",
            "file_search",
            "function",
            "image_generation",
            "local_shell",
            "mcp",
            "namespace",
            "programmatic_tool_calling",
            "shell",
            "tool_search",
            "web_search",
            "web_search_2025_08_26",
            "web_search_preview",
            "web_search_preview_2025_03_11",
        }
    )


ResponseTools: TypeAlias = Annotated[
    Annotated[
        FunctionTool
        | FileSearchTool
        | ComputerTool
        | ComputerUsePreviewTool
        | WebSearchTool
        | Mcp
        | CodeInterpreter
        | ProgrammaticToolCalling
        | ImageGeneration
        | LocalShell
        | FunctionShellTool
        | CustomTool
        | NamespaceTool
        | ToolSearchTool
        | WebSearchPreviewTool
        | ApplyPatchTool,
        Field(discriminator="type"),
    ]
    | UnknownResponseTools,
    Field(union_mode="left_to_right"),
]
