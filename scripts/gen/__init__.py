"""The generator of the API surface; scripts/generate.py is its command.

Parts, run in this order:
- models.py     `types/`: the planner of models and TypedDicts from the spec (not named
                `types.py`, which would shadow the standard module for scripts run here)
- resources/    `resources/`: the endpoint groups (its own plan, layout and emit modules)
- sync.py       `sync/`: the sync client, derived from the async classes

Shared by them:
- paths.py      where it reads and writes, and each part's file header
- spec.py       reading the spec: the cached YAML, `$ref`s, operations, the schemas they use
- spec_additions.py  what the spec lacks and servers send (schemas, fields, union members),
                added to the spec as it is read
- output.py     the ruff pass, and writing or diffing the files
- naming.py     the official names, from the committed official_names.tsv
                (official_table.py takes it from the official package: generate.py --tables)
- type_graph.py what each class's fields and each union name, read from source: the
                official package's is committed as official_graph.tsv (--tables)

The types part's own modules:
- tables.py     the groups, official names and homes it follows besides the spec
- overrides.py  the hand-written models it imports instead of emitting a class
- emit.py       Python source: literals, docstrings, the fixed `_files` module
- exports.py    the generated `__init__` of `types.responses` and `types.chat`
- official_paths.py  thin modules at the official module paths, re-exporting our classes
- official_match.py  which of our classes an official inline class is (the two graphs)
- ws_events.py  the Responses WebSocket events: roots no operation reaches, placed last
- official_aliases.py  official second names of a class, and a request's stream variants, placed
- named_inline.py  the official names of the enums, unions and lists the spec writes inline
                (by JSON pointer), placed by models.py's one path (`named_inline`)
- official_params.py  the `shared_params` names as our request shapes
- root_init.py  the generated root `types/__init__.py` (lazy: each name from its module)
- stream_params.py  the official `*Base` / `*NonStreaming` / `*Streaming` of a request with `stream`
"""
