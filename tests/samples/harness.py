"""Run the spec's Python samples (written for the official SDK) in-process, in a sandbox.

The samples live in the `x-oaiMeta` examples of each operation of
../shared/spec/openapi.yaml; they are read at test time, never copied here. Each one runs
as written with the official `openai` package, then with its imports swapped to
`openai_oxide` (nothing else changes). A run gets:

- a fresh globals dict (`__name__ == "__main__"`, `__file__` inside the sandbox);
- a working directory pre-filled with a small valid file for every file name the sample
  mentions (`open("speech.mp3", "rb")`, `to_data_url("agent.wav")`);
- `OPENAI_API_KEY` / `OPENAI_BASE_URL` pointing at the fake server (samples build
  `OpenAI()` with no arguments, or use the module-level client), and no proxy or other
  `OPENAI_*` variable of the user's;
- a worker thread and a deadline, with stdout captured.

Pass means the sample ran to its end without an exception.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import json
import os
import re
import struct
import threading
import traceback
import wave
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

__all__ = [
    "Outcome",
    "Sample",
    "extract",
    "prepare_sandbox",
    "run_sample",
    "sample_environment",
    "swap_imports",
]

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True, slots=True)
class Sample:
    """One Python request sample: `id` is the operationId, plus `[title]` when the
    operation has several examples."""

    id: str
    method: str
    path: str
    code: str


@dataclass(frozen=True, slots=True)
class Outcome:
    passed: bool
    error: str  # the last line of the traceback ("" on success)
    trace: str
    output: str


def extract(document: Mapping[str, Any]) -> list[Sample]:
    """Every `python` request sample of every operation, in spec order."""
    samples: list[Sample] = []
    for path, item in (document.get("paths") or {}).items():
        for method in _METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            meta = op.get("x-oaiMeta") if isinstance(op, dict) else None
            examples = meta.get("examples") if isinstance(meta, dict) else None
            if examples is None:
                continue
            listed = examples if isinstance(examples, list) else [examples]
            for index, example in enumerate(listed):
                request = example.get("request") if isinstance(example, dict) else None
                code = request.get("python") if isinstance(request, dict) else None
                if not isinstance(code, str) or not code.strip():
                    continue
                name = str(op.get("operationId") or f"{method} {path}")
                if len(listed) > 1:
                    name += f"[{example.get('title') or index}]"
                samples.append(Sample(name, method.upper(), path, code))
    return samples


_FROM = re.compile(r"^(\s*)from openai((?:\.\w+)*) import ", re.MULTILINE)
_IMPORT = re.compile(r"^(\s*)import openai((?:\.\w+)*)(\s+as\s+\w+)?\s*$", re.MULTILINE)


def swap_imports(code: str) -> str:
    """The sample with every `openai` import pointed at `openai_oxide`, and nothing else
    changed: `import openai` binds `openai_oxide` to the name `openai`."""

    def plain(m: re.Match[str]) -> str:
        alias = m.group(3) or (" as openai" if not m.group(2) else "")
        return f"{m.group(1)}import openai_oxide{m.group(2)}{alias}"

    swapped = _IMPORT.sub(plain, _FROM.sub(r"\1from openai_oxide\2 import ", code))
    left = [n for n in _imported_modules(swapped) if n == "openai" or n.startswith("openai.")]
    if left:
        raise ValueError(f"imports the swap did not handle: {left}")
    return swapped


def _imported_modules(code: str) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


# -- the sandbox ---------------------------------------------------------------------------

_FILE_NAME = re.compile(r"^[\w.-]+\.(png|jpe?g|webp|gif|mp3|wav|m4a|mp4|jsonl|json|txt|pdf)$")


def prepare_sandbox(directory: Path, code: str) -> list[str]:
    """Write a small valid file for each file name the sample's string literals hold."""
    names = sorted(
        {
            node.value
            for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _FILE_NAME.match(node.value)
        }
    )
    for name in names:
        (directory / name).write_bytes(_content(name))
    return names


def _content(name: str) -> bytes:
    ext = name.rsplit(".", 1)[-1].lower()
    if ext == "png":
        return _png()
    if ext == "wav":
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b"\x00\x00" * 800)
        return buf.getvalue()
    if ext == "jsonl":
        line = {
            "messages": [
                {"role": "user", "content": "Hello"},
                {"role": "assistant", "content": "Hi!"},
            ]
        }
        return (json.dumps(line) + "\n").encode()
    if ext == "mp3":  # an MPEG-1 layer III frame header, then silence
        return b"\xff\xfb\x90\x64" + b"\x00" * 413
    return f"sample content for {name}\n".encode()


def _png() -> bytes:
    """A 1x1 transparent PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# -- running -------------------------------------------------------------------------------


_CLEARED = ("OPENAI_", "AZURE_OPENAI", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "SSL_CERT_DIR")


@contextlib.contextmanager
def sample_environment(base_url: str, api_key: str, directory: Path) -> Iterator[None]:
    """The variables a sample's `OpenAI()` reads, and none of the user's own (no proxy
    either: the clients reach the loopback fake directly, and nothing else).

    `SSL_CERT_FILE` names a throwaway CA: the samples speak plain HTTP to the loopback
    fake, so nothing needs trusting, no TLS connection to anywhere else could succeed,
    and each client builds its TLS context in a millisecond instead of 80 (the system
    bundle), which is most of the cost of a sample.
    """
    import trustme

    cert_file = directory / "throwaway-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(cert_file))
    with mock.patch.dict(os.environ):
        for key in [k for k in os.environ if k.upper().startswith(_CLEARED)]:
            del os.environ[key]
        os.environ.update(
            OPENAI_API_KEY=api_key, OPENAI_BASE_URL=base_url, SSL_CERT_FILE=str(cert_file)
        )
        yield


def run_sample(code: str, directory: Path, *, name: str, timeout: float) -> Outcome:
    """Exec `code` with fresh globals in `directory`, in a worker thread, stdout captured."""
    compiled = compile(code, f"<sample {name}>", "exec")
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__file__": str(directory / "sample.py"),
        "__builtins__": builtins,
    }
    failure: list[BaseException] = []

    def target() -> None:
        try:
            exec(compiled, namespace)
        except BaseException as exc:  # a sample may raise anything; it is the result
            failure.append(exc)

    out = io.StringIO()
    worker = threading.Thread(target=target, name=f"sample {name}", daemon=True)
    with contextlib.chdir(directory), contextlib.redirect_stdout(out):
        worker.start()
        worker.join(timeout)
    if worker.is_alive():
        message = f"TimeoutError: still running after {timeout:g} s"
        return Outcome(False, message, message, out.getvalue())
    if failure:
        exc = failure[0]
        trace = "".join(traceback.format_exception(exc))
        error = "".join(traceback.format_exception_only(exc)).strip().splitlines()[-1]
        return Outcome(False, error, trace, out.getvalue())
    return Outcome(True, "", "", out.getvalue())
