"""Sans-I/O core: pure code that is fed bytes and returns decisions.

Nothing here imports pydantic, asyncio, httpx or js, so one test of the core covers
every target.
"""
