"""A Playwright-backed `AsyncBrowserDriver` (native only: `pip install openai-oxide[playwright]`).

`async with PlaywrightBrowser.launch(executable_path="/usr/bin/chromium") as driver:` starts
a headless Chromium (any installed one: no browser download is needed) and hands the
driver to `AsyncBrowserToolset(driver, confirm=..., url_policy=...)`. Reads mark the
page's interactive elements with opaque refs (`e1`, `e2`, ...) that `click`, `type`,
`hover`, `select_option` and `scroll_to` take; a ref is re-read after navigation.
"""

from __future__ import annotations

import base64
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from .browser import BrowserError
from .browser_types import (
    BrowserState,
    ClickInput,
    FindInput,
    KeyInput,
    NavigateInput,
    NewTabInput,
    ReadPageInput,
    ScrollInput,
    SelectOptionInput,
    TabInput,
    TypeInput,
    WaitForInput,
)

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page

__all__ = ["PlaywrightBrowser"]

_REF = re.compile(r"e[0-9]{1,9}")
# Marks visible interactive elements with data-oxide-ref and lists them, one per line.
_MARK = """(interactiveOnly) => {
  const chosen = 'a[href],button,input,select,textarea,[role=button],[role=link],'
    + '[contenteditable=true]';
  let next = Number(document.body.dataset.oxideNext || 1);
  const lines = [];
  for (const el of document.querySelectorAll(chosen)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (!el.dataset.oxideRef) el.dataset.oxideRef = 'e' + next++;
    const role = el.getAttribute('role') || el.tagName.toLowerCase();
    const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder
      || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 200);
    lines.push(`[${el.dataset.oxideRef}] ${role} "${label}"`);
  }
  document.body.dataset.oxideNext = String(next);
  if (interactiveOnly) return lines.join('\\n');
  const text = document.body.innerText.trim().replace(/\\n{3,}/g, '\\n\\n');
  return text + (lines.length ? '\\n\\n' + lines.join('\\n') : '');
}"""
_SCROLL = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}


class PlaywrightBrowser:
    """The tabs of one Playwright browser context."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._context: Any = None
        self._tabs: dict[str, Page] = {}
        self._active: str | None = None
        self._opened = 0

    @classmethod
    @asynccontextmanager
    async def launch(
        cls,
        *,
        executable_path: str | None = None,
        headless: bool = True,
        action_timeout_ms: float = 10_000,
        **options: Any,
    ) -> AsyncIterator[PlaywrightBrowser]:
        """A Chromium browser with one blank tab, closed on exit; `options` go to
        Playwright's `chromium.launch`. An action waits at most `action_timeout_ms`."""
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=executable_path, headless=headless, **options
            )
            driver = cls(browser)
            try:
                driver._context = await browser.new_context()
                driver._context.set_default_timeout(action_timeout_ms)
                await driver.new_tab({"url": None})
                yield driver
            finally:
                await browser.close()

    def _page(self, tab_id: str | None) -> Page:
        wanted = tab_id if tab_id is not None else self._active
        page = self._tabs.get(wanted or "")
        if page is None:
            raise BrowserError("No such tab.")
        return page

    def _element(self, action: TabInput, target: str) -> Any:
        if not _REF.fullmatch(target):
            raise BrowserError("Targets are refs from a read (e1, e2, ...).")
        return self._page(action["tab_id"]).locator(f'[data-oxide-ref="{target}"]')

    async def state(self) -> BrowserState:
        tabs = [
            {
                "id": tab_id,
                "title": await page.title(),
                "url": page.url,
                "active": tab_id == self._active,
            }
            for tab_id, page in self._tabs.items()
        ]
        return {"tabs": tabs}  # type: ignore[typeddict-item]

    async def navigate(self, action: NavigateInput) -> None:
        await self._page(action["tab_id"]).goto(action["url"])

    async def read_page(self, action: ReadPageInput) -> str:
        text: str = await self._page(action["tab_id"]).evaluate(
            _MARK, action["filter"] == "interactive"
        )
        return text

    async def get_page_text(self, action: TabInput) -> str:
        text: str = await self._page(action["tab_id"]).inner_text("body")
        return text

    async def find(self, action: FindInput) -> str:
        lines = (await self.read_page({"tab_id": action["tab_id"], "filter": "all"})).splitlines()
        query = action["query"].lower()
        return "\n".join(line for line in lines if line.startswith("[") and query in line.lower())

    async def click(self, action: ClickInput) -> None:
        await self._element(action, action["target"]).click()

    async def hover(self, action: ClickInput) -> None:
        await self._element(action, action["target"]).hover()

    async def scroll_to(self, action: ClickInput) -> None:
        await self._element(action, action["target"]).scroll_into_view_if_needed()

    async def type(self, action: TypeInput) -> None:
        if action["target"] is not None:
            await self._element(action, action["target"]).fill(action["text"])
        else:
            await self._page(action["tab_id"]).keyboard.type(action["text"])

    async def key(self, action: KeyInput) -> None:
        await self._page(action["tab_id"]).keyboard.press("+".join(action["keys"]))

    async def select_option(self, action: SelectOptionInput) -> None:
        await self._element(action, action["target"]).select_option(action["values"])

    async def scroll(self, action: ScrollInput) -> None:
        dx, dy = _SCROLL[action["direction"]]
        await self._page(action["tab_id"]).mouse.wheel(dx * action["amount"], dy * action["amount"])

    async def wait_for(self, action: WaitForInput) -> None:
        page = self._page(action["tab_id"])
        await page.get_by_text(action["text"]).first.wait_for(timeout=action["timeout_ms"])

    async def screenshot(self, action: TabInput) -> dict[str, Any]:
        png = await self._page(action["tab_id"]).screenshot(type="png")
        url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        return {"type": "input_image", "image_url": url, "detail": "auto"}

    async def new_tab(self, action: NewTabInput) -> None:
        page = await self._context.new_page()
        self._opened += 1
        tab_id = f"tab{self._opened}"
        self._tabs[tab_id] = page
        self._active = tab_id
        if action["url"] is not None:
            await page.goto(action["url"])

    async def switch_tab(self, action: TabInput) -> None:
        page = self._page(action["tab_id"])
        await page.bring_to_front()
        self._active = action["tab_id"]

    async def close_tab(self, action: TabInput) -> None:
        page = self._page(action["tab_id"])
        await page.close()
        del self._tabs[str(action["tab_id"])]
        if self._active == action["tab_id"]:
            self._active = next(iter(self._tabs), None)
