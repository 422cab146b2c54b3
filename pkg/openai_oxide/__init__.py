"""openai-oxide: a fast, typed OpenAI client for CPython and Pyodide."""
