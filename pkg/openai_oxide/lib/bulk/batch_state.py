"""The Batch API engine's state file: which batches hold which lines, so a restart resumes.

One JSON document, replaced atomically (written beside it, then renamed) after every
change. Per batch, in the order it was made: the endpoint and model, the `custom_id`s of
its lines, the uploaded input file, the batch id once created, and whether its results
were handed to the sink. A batch is recorded once its file is uploaded, so every recorded
batch can be created or found again.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from typing import Any

from ..._core.errors import OpenAIError

__all__ = ["BatchEntry", "BatchModeError", "BatchState"]

_VERSION = 1


class BatchModeError(OpenAIError, ValueError):
    """Input or a state file the Batch API engine cannot use; the message says which and
    what to do."""


@dataclass
class BatchEntry:
    """One batch: its lines' ids, input file, batch id, and whether it was handed over."""

    url: str
    model: str | None
    ids: list[str]
    input_file_id: str
    uploaded_at: int
    batch_id: str | None = None
    delivered: bool = False


@dataclass
class BatchState:
    """All the batches of one job, saved to `path` (None: kept in memory only)."""

    path: str | None
    entries: list[BatchEntry] = field(default_factory=list)

    @classmethod
    def open(cls, path: str | None) -> BatchState:
        """The saved state at `path`, or a new one (saved at once, so an unwritable path
        fails before anything is sent); BatchModeError if it is not a state file."""
        state = cls(path)
        if path is None:
            return state
        if not os.path.exists(path):
            state.save()
            return state
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("version") != _VERSION:
                raise ValueError(f"version {data.get('version')!r}, expected {_VERSION}")
            state.entries = [BatchEntry(**item) for item in data["batches"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BatchModeError(
                f"{path} is not a batch state file this version can read ({exc}); pass "
                "another state_path, or delete it to start over (its batches keep running)."
            ) from exc
        return state

    def save(self) -> None:
        if self.path is None:
            return
        data: dict[str, Any] = {
            "version": _VERSION,
            "batches": [asdict(entry) for entry in self.entries],
        }
        partial = f"{self.path}.partial"
        try:
            with open(partial, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
                handle.flush()
                with contextlib.suppress(OSError):  # an in-memory file system may not sync
                    os.fsync(handle.fileno())
            os.replace(partial, self.path)  # atomic: a kill leaves the old file or the new
        except OSError as exc:
            raise BatchModeError(f"cannot write the batch state file {self.path}: {exc}") from exc
