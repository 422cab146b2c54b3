// Types of wasm_bridge/oxide.mjs, the JS API over openai-oxide (Node >= 20 and browsers).

export interface ProgressEvent {
  /** "runtime" (Pyodide boots), "pyodide.mjs" (its module loaded), "wheels", "import". */
  step: "runtime" | "pyodide.mjs" | "wheels" | "import";
  phase: "start" | "progress" | "done";
  /** Milliseconds the step took (on "done") or has taken so far ("progress"). */
  ms?: number;
  /** Pyodide's message while the wheels load. */
  detail?: string;
}

export interface LoadOptions {
  /** The offline bundle (dist/pyodide/ from build_wheels.sh): a URL, or a path in Node. */
  bundleURL?: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Lock names to load. Default ["openai-oxide"]. */
  packages?: string[];
}

export interface ClientOptions {
  /** Optional for servers that need none (the fake server, a proxy that holds the key). */
  apiKey?: string;
  /** e.g. "http://127.0.0.1:8080/v1". Default https://api.openai.com/v1. */
  baseURL?: string;
  /** Required with an apiKey in a browser: anyone using the page can read the key. */
  dangerouslyAllowBrowser?: boolean;
  maxRetries?: number;
  /** Seconds. */
  timeout?: number;
  defaultHeaders?: Record<string, string>;
}

export interface CallOptions {
  /** Aborting it cancels the call and aborts its HTTP request (AbortError). */
  signal?: AbortSignal;
}

/** `responses.create` parameters (snake_case, as the HTTP API and the Python SDK). */
export interface ResponseCreateParams {
  model: string;
  input: string | Array<Record<string, unknown>>;
  instructions?: string;
  previous_response_id?: string;
  tools?: Array<Record<string, unknown>>;
  store?: boolean;
  /** Per-request headers (the Python SDK's extra_headers). */
  extra_headers?: Record<string, string>;
  [param: string]: unknown;
}

export interface Response {
  id: string;
  object: "response";
  model: string;
  status: "completed" | "failed" | "in_progress" | "incomplete" | "cancelled" | "queued";
  output: Array<{ type: string; [field: string]: unknown }>;
  /** The concatenated output text, as in the official SDKs. */
  output_text: string;
  previous_response_id: string | null;
  usage?: { input_tokens: number; output_tokens: number; total_tokens: number } | null;
  [field: string]: unknown;
}

interface EventBase {
  sequence_number: number;
}
export interface ResponseLifecycleEvent extends EventBase {
  type:
    | "response.created"
    | "response.in_progress"
    | "response.completed"
    | "response.failed"
    | "response.incomplete";
  response: Response;
}
export interface ResponseTextDeltaEvent extends EventBase {
  type: "response.output_text.delta";
  item_id: string;
  output_index: number;
  content_index: number;
  delta: string;
}
export interface ResponseTextDoneEvent extends EventBase {
  type: "response.output_text.done";
  item_id: string;
  output_index: number;
  content_index: number;
  text: string;
}
export interface ResponseFunctionCallArgumentsDeltaEvent extends EventBase {
  type: "response.function_call_arguments.delta";
  item_id: string;
  output_index: number;
  delta: string;
}
export interface ResponseFunctionCallArgumentsDoneEvent extends EventBase {
  type: "response.function_call_arguments.done";
  item_id: string;
  output_index: number;
  arguments: string;
}
export interface ResponseOutputItemEvent extends EventBase {
  type: "response.output_item.added" | "response.output_item.done";
  output_index: number;
  item: { type: string; id?: string; [field: string]: unknown };
}
/** Any other of the API's stream events (content parts, reasoning, tools...). */
export interface ResponseOtherEvent extends EventBase {
  type: string;
  [field: string]: unknown;
}
export type ResponseStreamEvent =
  | ResponseLifecycleEvent
  | ResponseTextDeltaEvent
  | ResponseTextDoneEvent
  | ResponseFunctionCallArgumentsDeltaEvent
  | ResponseFunctionCallArgumentsDoneEvent
  | ResponseOutputItemEvent
  | ResponseOtherEvent;

export interface HedgeOptions extends CallOptions {
  /** Milliseconds without an answer before the next copy starts. Default 200. */
  delay?: number;
  /** Copies in all, the first included. Default 2. */
  copies?: number;
}
export interface HedgedResult {
  response: Response;
  /** Copies started beyond the first. */
  extraRequests: number;
  /** Whether a later copy answered first. */
  hedgedWin: boolean;
}

export interface AgentTool<Args = any> {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
  strict?: boolean;
  /** Runs the tool; a non-string result is sent as JSON. */
  run: (args: Args) => unknown | Promise<unknown>;
}
export type AgentEvent =
  | { kind: "event"; event: ResponseStreamEvent; at: number }
  | { kind: "tool_started"; name: string; arguments: unknown; at: number }
  | { kind: "tool_finished"; name: string; output: string; at: number }
  /** The browser toolset asked to confirm a state-changing member (the JS API approves it). */
  | { kind: "browser_confirm"; member: string; at: number };

export interface BrowserTab {
  id: string;
  title: string;
  /** With a scheme (e.g. "https://...", "about:blank"): the model sees its origin. */
  url: string;
  active: boolean;
}
/** The official BrowserToolset driver protocol (openai.lib.browser), the members offered here. */
export interface BrowserDriver {
  state(): Promise<{ tabs: BrowserTab[] }>;
  navigate?(input: { tab_id: string; url: string }): Promise<void>;
  read_page?(input: { tab_id: string; filter?: string }): Promise<
    string | { version: 1; text: string; elements: Array<{ ref: string; role: string; label: string }>; omitted: string[] } | null
  >;
  click?(input: { tab_id: string; target: string }): Promise<void>;
}

export interface AgentOptions extends CallOptions {
  tools?: AgentTool[];
  /** Offer the driver's members as browser_* tools, run through the SDK's BrowserToolset. */
  browser?: BrowserDriver;
  /** Every stream event and tool start/finish; `at` is performance.now(). */
  onEvent?: (event: AgentEvent) => void;
  maxSteps?: number;
}

export interface WsSession {
  /** One turn, chained to the previous one. */
  send(turn: string | Partial<ResponseCreateParams>, options?: CallOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface Client {
  create(params: ResponseCreateParams, options?: CallOptions): Promise<Response>;
  createText(params: ResponseCreateParams, options?: CallOptions): Promise<string>;
  stream(params: ResponseCreateParams, options?: CallOptions): AsyncGenerator<ResponseStreamEvent, void, undefined>;
  hedged(params: ResponseCreateParams, options?: HedgeOptions): Promise<HedgedResult>;
  wsSession(defaults?: Partial<ResponseCreateParams>, options?: CallOptions): Promise<WsSession>;
  runAgent(params: ResponseCreateParams, options?: AgentOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface Oxide {
  /** The Pyodide instance, for running Python yourself. */
  readonly pyodide: unknown;
  client(options?: ClientOptions): Client;
}

/** The SDK version of this module; loadOxide refuses a bundle of another version. */
export const VERSION: string;
export function loadOxide(options?: LoadOptions): Promise<Oxide>;

export class OxideError extends Error {
  /** The HTTP status, when the server answered. */
  status: number | null;
  /** The server's x-request-id, when it answered. */
  requestId: string | null;
  /** The API's error type, e.g. "invalid_request_error". */
  type: string | null;
  code: string | null;
  param: string | null;
  /** For errors that are not the API's: the Python exception's class (e.g. "TypeError"). */
  pythonType?: string;
}
export class APIError extends OxideError {}
export class APIConnectionError extends APIError {}
export class APITimeoutError extends APIConnectionError {}
export class APIStatusError extends APIError {
  status: number;
}
export class BadRequestError extends APIStatusError {}
export class AuthenticationError extends APIStatusError {}
export class PermissionDeniedError extends APIStatusError {}
export class NotFoundError extends APIStatusError {}
export class ConflictError extends APIStatusError {}
export class UnprocessableEntityError extends APIStatusError {}
export class RateLimitError extends APIStatusError {}
export class InternalServerError extends APIStatusError {}
export class StreamError extends APIError {}
export class AbortError extends OxideError {}
