"""The sample harness itself: extraction, the import swap, the sandbox and the runner."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

from samples.harness import extract, prepare_sandbox, run_sample, swap_imports


def test_extract_names_each_sample_by_operation_and_title() -> None:
    def op(op_id: str, examples: object) -> dict[str, object]:
        return {"operationId": op_id, "x-oaiMeta": {"examples": examples}}

    document = {
        "paths": {
            "/a": {
                "get": op("getA", {"request": {"curl": "curl ...", "python": "print(1)\n"}}),
                "post": op(
                    "createA",
                    [
                        {"title": "Default", "request": {"python": "print(2)\n"}},
                        {"title": "JS only", "request": {"javascript": "x"}},
                        {"request": {"python": "print(3)\n"}},
                    ],
                ),
            },
            "/b": {"parameters": [], "delete": {"operationId": "deleteB"}},
        }
    }
    found = [(s.id, s.method, s.path, s.code) for s in extract(document)]
    assert found == [
        ("getA", "GET", "/a", "print(1)\n"),
        ("createA[Default]", "POST", "/a", "print(2)\n"),
        ("createA[2]", "POST", "/a", "print(3)\n"),
    ]


def test_swap_changes_the_imports_and_nothing_else() -> None:
    code = (
        "import base64\n"
        "from openai import OpenAI\n"
        "from openai.types.fine_tuning import SupervisedMethod\n"
        "import openai\n"
        "import openai as oa\n"
        "if True:\n"
        "    from openai import AsyncOpenAI\n"
        'print("openai")  # import openai\n'
    )
    assert swap_imports(code) == (
        "import base64\n"
        "from openai_oxide import OpenAI\n"
        "from openai_oxide.types.fine_tuning import SupervisedMethod\n"
        "import openai_oxide as openai\n"
        "import openai_oxide as oa\n"
        "if True:\n"
        "    from openai_oxide import AsyncOpenAI\n"
        'print("openai")  # import openai\n'
    )
    with pytest.raises(ValueError, match="did not handle"):
        swap_imports("import os, openai\n")


def test_sandbox_holds_a_valid_file_for_each_name(tmp_path: Path) -> None:
    code = (
        'open("speech.mp3", "rb"); to_data_url("agent.wav")\n'
        'images = [open("soap.png", "rb")]; f = "mydata.jsonl"; not_a_file = "gpt-4o.mini x"\n'
    )
    assert prepare_sandbox(tmp_path, code) == [
        "agent.wav",
        "mydata.jsonl",
        "soap.png",
        "speech.mp3",
    ]
    assert (tmp_path / "soap.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with wave.open(io.BytesIO((tmp_path / "agent.wav").read_bytes())) as w:
        assert w.getnframes() == 800
    assert (tmp_path / "mydata.jsonl").read_text().count("\n") == 1
    assert (tmp_path / "speech.mp3").read_bytes()[:2] == b"\xff\xfb"


def test_runner_reports_output_errors_and_timeouts(tmp_path: Path) -> None:
    ran = run_sample(
        "import os\nprint(os.getcwd(), __file__, __name__)\n", tmp_path, name="ok", timeout=5
    )
    assert ran.passed and ran.error == ""
    assert ran.output.split() == [str(tmp_path), str(tmp_path / "sample.py"), "__main__"]

    failed = run_sample("print('half')\n{}['missing']\n", tmp_path, name="bad", timeout=5)
    assert not failed.passed and failed.error == "KeyError: 'missing'"
    assert "<sample bad>" in failed.trace and failed.output == "half\n"

    stuck = run_sample("import time\ntime.sleep(2)\n", tmp_path, name="slow", timeout=0.2)
    assert not stuck.passed and stuck.error.startswith("TimeoutError")

    leak = run_sample("x = 1\n", tmp_path, name="a", timeout=5)
    fresh = run_sample("print(x)\n", tmp_path, name="b", timeout=5)
    assert leak.passed and fresh.error == "NameError: name 'x' is not defined"
