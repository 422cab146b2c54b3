"""The official module path of the tool runner's diagnostics."""

from .tool_runner.diagnostics import ToolDiagnostic, ToolDiagnosticObserver, ToolDiagnosticUsage

__all__ = ["ToolDiagnostic", "ToolDiagnosticObserver", "ToolDiagnosticUsage"]
