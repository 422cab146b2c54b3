"""The official names of shapes the spec writes inline: a type alias the official package
defines in a module of its own (`AudioModel = Literal["whisper-1", ...]` in `audio_model`)
where the spec repeats an enum inside a property.

The generator defines each such alias once, in the group module whose field uses it, and
the field names it (`model: Required[str | AudioModel]`): the thin module at the official
path (official_paths.py) re-exports that one definition. The alias is the closed `Literal`,
as officially; a lenient field adds `| str` beside it.
"""

from __future__ import annotations

from typing import Protocol

_SCHEMAS = "#/components/schemas/"
_STEPS = "#/paths/~1threads~1{thread_id}~1runs~1{run_id}~1steps"

# JSON pointer of an inline enum (as the types generator walks it) -> its official name.
ENUM_NAMES: dict[str, str] = {
    _SCHEMAS + "CreateSpeechRequest/properties/model/anyOf/1": "SpeechModel",
    _SCHEMAS + "CreateTranscriptionRequest/properties/model/anyOf/1": "AudioModel",
    _SCHEMAS + "CreateEmbeddingRequest/properties/model/anyOf/1": "EmbeddingModel",
    # the models of `images.generate`; `images.edit` lists others (no official name)
    _SCHEMAS + "CreateImageRequest/properties/model/anyOf/1": "ImageModel",
    _SCHEMAS + "CreateModerationRequest/properties/model/anyOf/1": "ModerationModel",
    # what `files.create` takes; a `FileObject`'s purpose has more values (the outputs)
    _SCHEMAS + "CreateFileRequest/properties/purpose": "FilePurpose",
    _SCHEMAS + "RunObject/properties/status": "RunStatus",
    # the `include` query of `runs.steps.list` / `.retrieve` (its items)
    _STEPS + "/get/parameters/properties/include/items": "RunStepInclude",
    _STEPS + "~1{step_id}/get/parameters/properties/include/items": "RunStepInclude",
}


class _Module(Protocol):
    name: str
    names: set[str]
    exports: list[str]
    typing: set[str]


class NamedEnums:
    """Which module defines each named enum: one definition, whichever fields use it."""

    def __init__(self) -> None:
        self.homes: dict[str, str] = {}

    def use(self, mod: _Module, name: str, define: object) -> str:
        """`name` in `mod`, defined there the first time (`define()` adds the alias)."""
        home = self.homes.setdefault(name, mod.name)
        if home != mod.name:
            raise SystemExit(
                f"official_aliases: {name} is used in {home} and {mod.name}: name one field"
            )
        if name not in mod.names:
            mod.names.add(name)
            mod.exports.append(name)
            assert callable(define)
            define()
        return name
