"""The types generator's parts (scripts/gen_types.py is the command and the planner).

- paths.py      where it reads and writes
- spec.py       reading the spec: the cached YAML, operations, the schemas they use
- tables.py     the groups, official names and homes it follows besides the spec
- overrides.py  the hand-written models it imports instead of emitting a class
- naming.py     the official names, from the committed official_names.tsv
                (official_table.py writes that table once from the official package)
- emit.py       Python source: literals, docstrings, the ruff pass
- exports.py    the generated `__init__` of `types.responses` and `types.chat`
"""
