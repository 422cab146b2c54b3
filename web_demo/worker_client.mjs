// The demo's "via Worker" mode: the page calls the Worker (worker/), which holds the API key
// as a secret (and the model), so no key ever reaches the browser. Routes (worker/README.md):
//   POST {base}/v1/chat   body {input}  -> text/event-stream of the Responses events
//   POST {base}/v1/agent  body {input}  -> text/event-stream of the agent's timeline
// The Worker answers CORS for its DEMO_ORIGIN only. Text deltas are read leniently:
// `response.output_text.delta` {delta}, or the older `event: delta` with a JSON string.

/** POST `body` to `${base}${path}` and yield {event, data} per SSE frame as it arrives. */
export async function* workerEvents(base, path, body, { signal } = {}) {
  const resp = await fetch(new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : `${base}/`), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (!resp.ok) {
    let message = `${resp.status} ${resp.statusText}`;
    try {
      const data = await resp.json();
      message = data?.error?.message ?? message;
    } catch {
      /* not JSON: keep the status line */
    }
    const err = new Error(`Worker answered ${resp.status}: ${message}`);
    err.status = resp.status;
    err.requestId = resp.headers.get("x-upstream-request-id") ?? resp.headers.get("x-request-id");
    throw err;
  }
  const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n/g, "\n");
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const frame = parseFrame(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (frame) yield frame;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function parseFrame(text) {
  let event = "message";
  const data = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (!data.length) return null;
  const raw = data.join("\n");
  let parsed = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    /* plain text data */
  }
  if (event === "message" && parsed && typeof parsed === "object" && parsed.type) event = parsed.type;
  return { event, data: parsed };
}

/** The text delta a frame carries, or null. */
export function deltaOf({ event, data }) {
  if (event !== "delta" && event !== "response.output_text.delta") return null;
  if (typeof data === "string") return data;
  return typeof data?.delta === "string" ? data.delta : null;
}
