"""The Batch API engine's state file: which batches hold which lines, so a restart resumes.

A JSON-lines journal, appended to and never rewritten, so a job of a million lines writes
each id once (a few tens of MB in all), not once per save. The first line is
`{"version": 2}`; each further line is one change of one batch, `{"entry": i, ...}`: the
first for batch i holds all of it (endpoint, model, the `custom_id`s of its lines, the
uploaded input file), later ones the fields that changed (`batch_id` once created,
`delivered` once its results were handed to the sink). A batch is recorded once its file
is uploaded, so every recorded batch can be created or found again. Each line goes in one
write, synced: a kill leaves at most a torn last line, which is dropped on reopening (the
change it held is redone: a batch id is looked up again, results handed over again and
left out by the runner as already written).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .records import BulkInputError

__all__ = ["BatchEntry", "BatchState"]

_VERSION = 2


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


_FIELDS = frozenset(f.name for f in fields(BatchEntry))


@dataclass
class BatchState:
    """All the batches of one job, journaled to `path` (None: kept in memory only)."""

    path: str | None
    entries: list[BatchEntry] = field(default_factory=list)

    @classmethod
    def open(cls, path: str | None) -> BatchState:
        """The saved state at `path`, or a new one (written at once, so an unwritable path
        fails before anything is sent); BulkInputError if it is not a state file."""
        state = cls(path)
        if path is None:
            return state
        if not os.path.exists(path):
            state._append({"version": _VERSION}, mode="wb")
            return state
        try:
            state._load(path)
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            raise BulkInputError(
                f"not a batch state file this version can read ({exc}); pass another "
                "state_path, or delete it to start over (its batches keep running).",
                path,
            ) from exc
        return state

    def add(self, entry: BatchEntry) -> None:
        """Record a new batch (its file uploaded)."""
        self.entries.append(entry)
        self._append({"entry": len(self.entries) - 1, **asdict(entry)})

    def update(self, entry: BatchEntry, **changes: str | bool) -> None:
        """Set fields of a recorded batch, and record the change."""
        for name, value in changes.items():
            setattr(entry, name, value)
        self._append({"entry": self.entries.index(entry), **changes})

    def _load(self, path: str) -> None:
        with open(path, "rb+") as handle:
            *lines, torn = handle.read().split(b"\n")
            if torn:  # killed mid-write: that change never happened
                handle.truncate(sum(len(line) + 1 for line in lines))
        if not lines:  # killed while the file was being made
            self._append({"version": _VERSION})
            return
        head = json.loads(lines[0])
        if head.get("version") != _VERSION:
            raise ValueError(f"version {head.get('version')!r}, expected {_VERSION}")
        for raw in lines[1:]:
            change = json.loads(raw)
            index = change.pop("entry")
            if not set(change) <= _FIELDS:
                raise ValueError(f"unknown fields {sorted(set(change) - _FIELDS)}")
            if index == len(self.entries):
                self.entries.append(BatchEntry(**change))
            else:
                entry = self.entries[index]
                for name, value in change.items():
                    setattr(entry, name, value)

    def _append(self, line: dict[str, Any], mode: str = "ab") -> None:
        if self.path is None:
            return
        data = json.dumps(line, separators=(",", ":")).encode() + b"\n"
        try:
            with open(self.path, mode) as handle:
                handle.write(data)  # one write: a kill leaves it whole or torn, never mixed
                handle.flush()
                with contextlib.suppress(OSError):  # an in-memory file system may not sync
                    os.fsync(handle.fileno())
        except OSError as exc:
            raise BulkInputError(f"cannot write the batch state file: {exc}", self.path) from exc
