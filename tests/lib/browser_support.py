"""An in-memory browser driver (tabs of plain pages) for the browser toolset tests."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

PAGES = {
    "https://shop.example.com/": "Shop. [b1] Buy button. [t1] Search box.",
    "https://docs.example.com/guide": "Guide text.",
}
IMAGE = {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo="}


class Tabs:
    """Sync driver: navigate, read, click, type, key, scroll, screenshot and tabs."""

    def __init__(self) -> None:
        self.tabs = [{"id": "t1", "title": "Shop", "url": "https://u:p@shop.example.com/?k=1"}]
        self.active = "t1"
        self.log: list[tuple[str, dict[str, Any]]] = []

    def state(self) -> dict[str, Any]:
        return {"tabs": [{**t, "active": t["id"] == self.active} for t in self.tabs]}

    def _tab(self, action: dict[str, Any]) -> dict[str, Any]:
        wanted = action.get("tab_id") or self.active
        active = next(t for t in self.tabs if t["id"] == self.active)
        return next((t for t in self.tabs if t["id"] == wanted), active)

    def navigate(self, action: dict[str, Any]) -> None:
        self.log.append(("navigate", action))
        tab = self._tab(action)
        tab["url"] = urljoin(tab["url"], action["url"])  # as a browser resolves a link

    def read_page(self, action: dict[str, Any]) -> str:
        self.log.append(("read_page", action))
        url = self._tab(action)["url"].split("?")[0].replace("u:p@", "")
        return PAGES.get(url, "")

    def get_page_text(self, action: dict[str, Any]) -> str:
        return self.read_page(action)

    def click(self, action: dict[str, Any]) -> None:
        self.log.append(("click", action))
        if action["target"] == "gone":
            raise LookupError("secret selector detail")

    def type(self, action: dict[str, Any]) -> None:
        self.log.append(("type", action))

    def key(self, action: dict[str, Any]) -> None:
        self.log.append(("key", action))

    def scroll(self, action: dict[str, Any]) -> None:
        self.log.append(("scroll", action))

    def screenshot(self, action: dict[str, Any]) -> dict[str, Any]:
        return dict(IMAGE)

    def new_tab(self, action: dict[str, Any]) -> None:
        self.tabs.append({"id": f"t{len(self.tabs) + 1}", "title": "", "url": "about:blank"})

    def switch_tab(self, action: dict[str, Any]) -> None:
        self.active = action["tab_id"]


class AsyncTabs:
    """The async twin of `Tabs` (delegating to one)."""

    def __init__(self) -> None:
        self.sync = Tabs()

    async def state(self) -> dict[str, Any]:
        return self.sync.state()

    async def navigate(self, action: dict[str, Any]) -> None:
        self.sync.navigate(action)

    async def read_page(self, action: dict[str, Any]) -> str:
        return self.sync.read_page(action)

    async def get_page_text(self, action: dict[str, Any]) -> str:
        return self.sync.get_page_text(action)

    async def click(self, action: dict[str, Any]) -> None:
        self.sync.click(action)
