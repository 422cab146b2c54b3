// Plain SVG for the demo's two kinds of chart: grouped bars and a timeline. Each call
// redraws the whole (small) chart; the SVG scales with its box (viewBox), so it fits a phone.

const NS = "http://www.w3.org/2000/svg";

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgRoot(container, width, height, label) {
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
  container.replaceChildren(svg);
  return svg;
}

/** A round upper bound for an axis (1, 1.5, 2, 3, 4, 5, 6, 8 x 10^n). */
function niceMax(value) {
  if (!(value > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  return [1, 1.5, 2, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((m) => m >= value);
}

/**
 * Grouped bars. `groups`: [{label, values: [number|null per series]}]; `series`: [{name, cls}].
 * Missing values (null) leave a gap, so a chart can fill in live.
 */
export function barChart(container, { groups, series, unit = "ms", label = "bar chart" }) {
  const W = 360;
  const H = 200;
  const pad = { l: 40, r: 8, t: 22, b: 26 };
  const svg = svgRoot(container, W, H, label);
  const all = groups.flatMap((g) => g.values.filter((v) => v != null));
  const top = niceMax(Math.max(0, ...all));
  const y = (v) => H - pad.b - ((H - pad.t - pad.b) * v) / top;
  for (const tick of [0, top / 2, top]) {
    svg.append(el("line", { x1: pad.l, x2: W - pad.r, y1: y(tick), y2: y(tick), class: "grid" }));
    svg.append(el("text", { x: pad.l - 4, y: y(tick) + 3, class: "axis", "text-anchor": "end" }, `${+tick.toFixed(1)}`));
  }
  svg.append(el("text", { x: 2, y: 12, class: "axis" }, unit));
  const slot = (W - pad.l - pad.r) / Math.max(1, groups.length);
  const bar = Math.min(28, (slot * 0.8) / series.length);
  groups.forEach((g, gi) => {
    const x0 = pad.l + gi * slot + (slot - bar * series.length) / 2;
    g.values.forEach((v, si) => {
      if (v == null) return;
      const x = x0 + si * bar;
      const rect = el("rect", { x, y: y(v), width: bar - 2, height: Math.max(1, y(0) - y(v)), class: `bar ${series[si].cls}` });
      rect.append(el("title", {}, `${series[si].name} ${g.label}: ${v.toFixed(1)} ${unit}`));
      svg.append(rect);
    });
    svg.append(el("text", { x: pad.l + gi * slot + slot / 2, y: H - 8, class: "axis", "text-anchor": "middle" }, g.label));
  });
  let lx = pad.l;
  for (const s of series) {
    svg.append(el("rect", { x: lx, y: 6, width: 10, height: 10, class: `bar ${s.cls}` }));
    svg.append(el("text", { x: lx + 14, y: 15, class: "legend" }, s.name));
    lx += 22 + s.name.length * 6.2;
  }
  return svg;
}

/**
 * A timeline. `rows`: [{label, spans: [{from, to, cls, title}], marks: [{at, cls, title}]}]
 * in ms from the start; `lines`: [{at, label}] drawn across every row.
 */
export function timeline(container, { rows, lines = [], label = "timeline" }) {
  const W = 360;
  const rowH = 22;
  const pad = { l: 92, r: 10, t: 8, b: 24 };
  const H = pad.t + rows.length * rowH + pad.b;
  const svg = svgRoot(container, W, H, label);
  const end = niceMax(Math.max(1, ...rows.flatMap((r) => [...r.spans.map((s) => s.to), ...r.marks.map((m) => m.at)]), ...lines.map((l) => l.at)));
  const x = (ms) => pad.l + ((W - pad.l - pad.r) * ms) / end;
  rows.forEach((row, i) => {
    const yMid = pad.t + i * rowH + rowH / 2;
    svg.append(el("text", { x: pad.l - 4, y: yMid + 4, class: "axis", "text-anchor": "end" }, row.label));
    for (const s of row.spans) {
      const r = el("rect", { x: x(s.from), y: yMid - 6, width: Math.max(2, x(s.to) - x(s.from)), height: 12, rx: 3, class: `span ${s.cls}` });
      r.append(el("title", {}, s.title ?? ""));
      svg.append(r);
    }
    for (const m of row.marks) {
      const d = el("path", { d: `M${x(m.at)} ${yMid - 7} l6 7 l-6 7 l-6 -7 z`, class: `mark ${m.cls}` });
      d.append(el("title", {}, m.title ?? ""));
      svg.append(d);
    }
  });
  const bottom = pad.t + rows.length * rowH;
  for (const line of lines) {
    svg.append(el("line", { x1: x(line.at), x2: x(line.at), y1: pad.t, y2: bottom, class: "cut" }));
    svg.append(el("text", { x: x(line.at), y: bottom + 12, class: "axis cut-label", "text-anchor": "middle" }, line.label));
  }
  svg.append(el("text", { x: W - pad.r, y: H - 2, class: "axis", "text-anchor": "end" }, `${end} ms`));
  return svg;
}
