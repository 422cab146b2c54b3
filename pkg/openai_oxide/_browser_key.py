"""The browser key guard, as openai-node's `dangerouslyAllowBrowser`.

A page's users and scripts can read whatever key it holds, so a client built in a browser
(Pyodide in a page: `window`, `document` and `navigator` exist; not Node, not a Worker,
not a Web Worker) with a real-looking secret key (`sk-...`) is refused unless the caller
passes `dangerously_allow_browser=True`. Ephemeral keys (`ek_...`, from
`client.realtime.client_secrets.create`) and keyless calls to a proxy pass.

`in_page()` is wider: a page's Web Workers hold no `document`, but their fetch is bound by
CORS all the same, so the client sends only the headers a request needs there too.
"""

from __future__ import annotations

import sys

from ._core.errors import OpenAIError

__all__ = ["BROWSER_KEY_MESSAGE", "check_browser_key", "in_browser", "in_page"]

BROWSER_KEY_MESSAGE = (
    "It looks like you're running in a browser: a secret API key here can be read by anyone "
    "who uses the page. Give the page a short-lived ephemeral key instead (minted on your "
    "server with client.realtime.client_secrets.create), or call a proxy that holds the key "
    "(a Cloudflare Worker such as worker/ in this repo: see docs/security.md). If you "
    "understand the risk, pass dangerously_allow_browser=True."
)


def in_browser() -> bool:
    """Whether this is Pyodide in a page (openai-node's `isRunningInBrowser`)."""
    if sys.platform != "emscripten":
        return False
    try:
        import js
    except ImportError:
        return False
    return all(hasattr(js, name) for name in ("window", "document", "navigator"))


def in_page() -> bool:
    """Whether requests leave a browser page or one of its Web Workers, where fetch obeys
    CORS. Node has neither `document` nor `WorkerGlobalScope`; a Cloudflare Worker names
    itself in `navigator.userAgent`."""
    if sys.platform != "emscripten":
        return False
    try:
        import js
    except ImportError:
        return False
    if not (hasattr(js, "document") or hasattr(js, "WorkerGlobalScope")):
        return False
    navigator = getattr(js, "navigator", None)
    return str(getattr(navigator, "userAgent", "")) != "Cloudflare-Workers"


def check_browser_key(api_key: object, *, allowed: bool) -> None:
    """Raise OpenAIError for a secret key in a browser unless `allowed`."""
    if allowed or not isinstance(api_key, str) or not api_key.startswith("sk-"):
        return
    if in_browser():
        raise OpenAIError(BROWSER_KEY_MESSAGE)
