// A small in-page "browser" for the agent panel: one tab over a few built-in pages, shown
// in the page, driven by the agent through the official BrowserToolset driver protocol
// (state / navigate / read_page / click with their typed inputs, see openai_oxide.lib.browser). It fetches nothing:
// an unknown URL shows a "not found" page.

const PAGES = {
  "oxide://home": {
    title: "Oxide travel desk",
    text: "Welcome. Pick a page: weather, rates.",
    links: [
      { ref: "l1", label: "Weather", to: "oxide://weather" },
      { ref: "l2", label: "Exchange rates", to: "oxide://rates" },
    ],
  },
  "oxide://weather": {
    title: "Weather",
    text: "Paris 21 °C clear. Tokyo 26 °C humid. Berlin 15 °C rain.",
    links: [{ ref: "l1", label: "Home", to: "oxide://home" }],
  },
  "oxide://rates": {
    title: "Exchange rates",
    text: "1 EUR = 1.08 USD. 1 USD = 151 JPY.",
    links: [{ ref: "l1", label: "Home", to: "oxide://home" }],
  },
};

const notFound = (url) => ({ title: "Not found", text: `No page at ${url}. Try oxide://home.`, links: [{ ref: "l1", label: "Home", to: "oxide://home" }] });

export function createPageBrowser() {
  let url = "oxide://home";
  let view = null;
  const page = () => PAGES[url] ?? notFound(url);

  function render() {
    if (!view) return;
    const p = page();
    view.querySelector(".pb-url").textContent = url;
    view.querySelector(".pb-title").textContent = p.title;
    view.querySelector(".pb-text").textContent = p.text;
    const links = view.querySelector(".pb-links");
    links.replaceChildren(
      ...p.links.map((l) => {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = l.label;
        b.addEventListener("click", () => go(l.to));
        return b;
      }),
    );
  }

  function go(to) {
    const text = String(to || "oxide://home").trim();
    // Like an address bar: text without a scheme becomes a (local) search.
    url = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `oxide://search?q=${encodeURIComponent(text)}`;
    view?.classList.remove("pb-flash");
    void view?.offsetWidth; // restart the highlight animation
    view?.classList.add("pb-flash");
    render();
  }

  // The driver: the protocol's members (NavigateInput, ReadPageInput, ClickInput).
  const driver = {
    async state() {
      return { tabs: [{ id: "tab-1", title: page().title, url, active: true }] };
    },
    async navigate({ url: to }) {
      go(to);
    },
    async read_page() {
      const p = page();
      return {
        version: 1,
        text: `${p.title}\n${p.text}`,
        elements: p.links.map((l) => ({ ref: l.ref, role: "button", label: l.label })),
        omitted: [],
      };
    },
    async click({ target }) {
      // `target` is a ref from read_page (or, leniently, a link's label).
      const link = page().links.find((l) => l.ref === target || l.label === target);
      if (!link) throw new Error(`no element ${target}`);
      go(link.to);
    },
  };

  return {
    driver,
    mount(container) {
      view = container;
      view.innerHTML =
        '<div class="pb-bar"><span class="pb-dot"></span><span class="pb-url"></span></div>' +
        '<div class="pb-page"><strong class="pb-title"></strong><p class="pb-text"></p><div class="pb-links"></div></div>';
      render();
    },
  };
}
