"""The resource generator: `resources/` from the OpenAPI spec.

    spec.py      load the spec, resolve references
    official.py  the official client's method names per HTTP operation (a committed table)
    layout.py    which groups are generated, into which module and class (hand-written)
    typemap.py   spec schemas to the generated classes of `types/` (through `_spec_map.py`)
    plan.py      one Method per official method: parameters, result, stream variant
    emit.py      the module text
Run through scripts/gen_resources.py.
"""
