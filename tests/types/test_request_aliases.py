"""Official type aliases of request shapes and answers that the spec writes in place: the
content of `files.retrieve_content` (`FileContent = str`), a custom tool's format
(`shared_params.CustomToolInputFormat`), and the tools `responses.parse` takes
(`ParseableToolParam`, which they are typed with). Each is an alias here too, at its official
path, of our one class.
"""

from __future__ import annotations

import typing
from pathlib import Path

from support import mypy_flags

REPO = Path(__file__).resolve().parents[2]


def test_file_content_is_the_text_files_retrieve_content_answers() -> None:
    from openai_oxide import types
    from openai_oxide.resources.files import AsyncFiles
    from openai_oxide.types.file_content import FileContent

    assert FileContent is str and types.FileContent is FileContent
    hints = typing.get_type_hints(AsyncFiles.retrieve_content)
    assert hints["return"] is FileContent


def test_custom_tool_input_format_is_the_request_union_of_a_custom_tool() -> None:
    from openai_oxide.types.responses import CustomToolParam
    from openai_oxide.types.shared import CustomToolInputFormat as ModelFormat
    from openai_oxide.types.shared_params import CustomToolInputFormat as RootFormat
    from openai_oxide.types.shared_params.custom_tool_input_format import (
        CustomToolInputFormat,
        Grammar,
        Text,
    )

    assert RootFormat is CustomToolInputFormat
    assert typing.get_args(CustomToolInputFormat) == (Text, Grammar)  # the official order
    assert not hasattr(Text, "model_validate")  # TypedDicts, where the model side has models
    assert ModelFormat is not CustomToolInputFormat  # the model side's own union (`shared`)
    # the custom tool's field names the alias, as officially (`format: CustomToolInputFormat`)
    assert typing.get_type_hints(CustomToolParam)["format"] == CustomToolInputFormat


def test_parseable_tool_param_adds_the_chat_function_tool_to_the_responses_tools() -> None:
    from openai_oxide.types.chat import ChatCompletionFunctionToolParam
    from openai_oxide.types.responses.tool_param import ParseableToolParam, ToolParam

    members = typing.get_args(ParseableToolParam)
    assert members == (*typing.get_args(ToolParam), ChatCompletionFunctionToolParam)


SNIPPET = """\
from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.types.file_content import FileContent
from openai_oxide.types.responses.tool_param import ParseableToolParam
from openai_oxide.types.shared_params.custom_tool_input_format import CustomToolInputFormat

chat_tool: ParseableToolParam = {"type": "function", "function": {"name": "f"}}
responses_tool: ParseableToolParam = {
    "type": "function", "name": "f", "parameters": None, "strict": True
}
grammar: CustomToolInputFormat = {"type": "grammar", "syntax": "lark", "definition": "s"}
text: FileContent = "line"


async def parse(client: AsyncOpenAI, sync: OpenAI) -> None:
    await client.responses.parse(model="gpt-5", input="hi", tools=[chat_tool, responses_tool])
    _ = sync.responses.stream(model="gpt-5", input="hi", tools=[chat_tool])


wrong: CustomToolInputFormat = {"type": "grammar"}  # the one wrong line: mypy must flag it
"""


def test_mypy_takes_what_the_official_aliases_take(tmp_path: Path) -> None:
    flagged, stdout = mypy_flags(SNIPPET, tmp_path, cache="official_paths")
    assert flagged == [len(SNIPPET.splitlines())], stdout
