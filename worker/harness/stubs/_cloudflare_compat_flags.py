"""Stand-in for workerd's internal `_cloudflare_compat_flags`: every compatibility flag the
SDK asks about is off, except those the harness enables (none today), as for a Worker whose
wrangler.toml sets only `python_workers`."""

_ENABLED: frozenset[str] = frozenset()


def __getattr__(name: str) -> bool:
    if name.startswith("__"):
        raise AttributeError(name)
    return name in _ENABLED
