"""The tools a `Response` was created with (`Response.tools`), and the `ResponseTools` union.

The tool configurations are echoed back exactly as the request's `Tool` schema, so these are
the classes generated from it (`types.shared.tool`, under the official names), re-exported:
one class per tool whichever endpoint returns it.
"""

from ..shared.tool import (
    ApplyPatchTool,
    CodeInterpreter,
    ComputerTool,
    ComputerUsePreviewTool,
    CustomTool,
    FileSearchTool,
    FunctionShellTool,
    FunctionTool,
    ImageGeneration,
    LocalShell,
    Mcp,
    NamespaceTool,
    ProgrammaticToolCalling,
    ToolSearchTool,
    WebSearchPreviewTool,
    WebSearchTool,
)
from ..shared.tool import Tool as ResponseTools
from ..shared.tool import UnknownTool as UnknownResponseTools

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
