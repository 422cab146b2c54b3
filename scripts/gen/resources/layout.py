"""The hand-written part of the generator's input: which official groups are generated,
into which module and class, and the few places where the spec alone says too little.

Every group is listed; a hand-written base adds helpers (and `beta`'s aliases).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from . import layout_admin

ASSISTANTS_BETA = {"OpenAI-Beta": "assistants=v2"}
CHATKIT_BETA = {"OpenAI-Beta": "chatkit_beta=v1"}
ZIP = "application/binary"  # what the official client asks for its downloads


@dataclass(frozen=True)
class Group:
    dotted: str  # where the group hangs under the client: "vector_stores.files"
    module: str  # resources/<module>.py
    cls: str
    headers: Mapping[str, str] = field(default_factory=dict)
    bases: tuple[tuple[str, str], ...] = ()  # (module, class): hand-written helper bases
    external: bool = False  # a second place for a class generated under another entry
    # Sub-groups a hand-written base gives as properties: (attribute, module, class). The
    # views reach theirs through the property (`beta.chat` is `client.chat`).
    aliases: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Override:
    result: str | None = None  # "binary" for a download the spec types as a JSON string
    operation: str | None = None  # the spec's operationId, where its path is not the official
    accept: str | None = None  # the Accept header of a binary download
    event: tuple[str, str] | None = None  # (types module, class) of a stream's events
    model: tuple[str, str] | None = None  # the result's class, where the map names none
    # (hand-written module, function) giving the result class from `response_format`
    # (`str` for the text formats): the method returns `model | str`.
    result_by: tuple[str, str] | None = None
    # Optional body parameters of the official client that the spec lacks: (name, annotation
    # of builtin, `typing`, `collections.abc` names and `FileTypes`[, the types module its
    # other names come from]).
    extra: tuple[tuple[str, ...], ...] = ()
    required: tuple[str, ...] = ()  # parameters the official client requires, the spec not
    optional: tuple[str, ...] = ()  # parameters the spec requires, the official client not
    files: tuple[tuple[str, ...], ...] = ()  # where the extra parameters of a form hold files
    enveloped: bool = False  # events named by the SSE `event:` field (the Assistants stream)
    # (hand-written module, function) decoding each SSE event on a fast path, instead of
    # validating it as `event` through the generic decoder.
    decoder: tuple[str, str] | None = None
    # (hand-written module, function) given the request body (where it may set defaults),
    # returning the parser of the answer, instead of validating it as the result model.
    parse_by: tuple[str, str] | None = None
    # A background response's stream, reopened after a drop from its last event (`_resume`).
    resumes: bool = False
    # The name of a TypedDict of the method's keyword arguments, path parameters and `stream`
    # left out, for the hand-written helpers that pass them on (`responses.stream`, ...).
    kwargs: str | None = None
    explicit: tuple[str, ...] = ()  # left out of `kwargs`: the helpers take them by name
    # `kwargs` fields the helpers type otherwise than the method, as the official helpers do:
    # (name, types module, annotation of `collections.abc` names and that module's)
    helper_types: tuple[tuple[str, str, str], ...] = ()


MODULES: dict[str, str] = {
    "batches": "`client.batches`: create, retrieve, list and cancel.",
    "moderations": "`client.moderations`: create.",
    "conversations": "`client.conversations`: conversations and their items.",
    "containers": "`client.containers`: containers, their files and the files' content.",
    "evals": "`client.evals`: evals, runs and output items.",
    "fine_tuning": "`client.fine_tuning`: jobs, events, checkpoints, checkpoint permissions"
    " and graders.",
    "chatkit": "`client.beta.chatkit`: ChatKit sessions and threads.",
    "skills": "`client.skills`: skills, their versions, and the zip bundles of both (`content`).",
    "voices": "`client.audio.voices` and `client.audio.voice_consents`: custom voices and the"
    " consent recordings that authorise them.",
    "completions": "`client.completions`: the legacy text completions, streamed or not.",
    "realtime": "`client.realtime`: client secrets, calls and translations; the beta sessions"
    " come from the hand-written `realtime_sessions`.",
    "vector_stores": "`client.vector_stores`: stores, files, file batches and search.\n\n"
    "The polling and upload helpers (`files.poll`, `files.create_and_poll`, `files.upload`,"
    " `files.upload_and_poll`, `file_batches.poll`, `file_batches.create_and_poll`,"
    " `file_batches.upload_and_poll`) come from the hand-written `vector_store_polling`.",
    "assistants": "`client.beta.assistants`: create, retrieve, update, list and delete.",
    "threads": "`client.beta.threads`: threads, their messages, runs and run steps.\n\n"
    "The polling helpers come from the hand-written `_polling`, the stream helpers from"
    " `_assistant_streams`.",
    "videos": "`client.videos`: video generation jobs, edits, extensions, remixes, characters"
    " and downloads; `poll` and `create_and_poll` come from the hand-written `video_polling`.",
    "files": "`client.files`: upload, list, retrieve, delete and download files;"
    " `wait_for_processing` comes from the hand-written `file_waiting`.",
    "uploads": "`client.uploads`: create, parts, complete and cancel; `upload_file_chunked`"
    " (from the hand-written `upload_chunks`) does all of it for one file.",
    "chat": "`client.chat.completions`: `create` (its chunks on the hand-written fast path"
    " `chat_create.decode_chunk`) and the stored completions (list, retrieve, update, delete,"
    " messages) generated; `stream`, `parse` and `create_stream_fc` come from the hand-written"
    " `chat_create`.",
    "responses": "`client.responses`: `create`, `retrieve` (their events on the hand-written"
    " fast path `responses_create.decode_event`), `compact`, `input_items`, `input_tokens`,"
    " `cancel` and `delete` generated; `stream`, `parse`, `create_stream_fc` and `connect`"
    " come from the hand-written `responses_create`.",
    "audio": "`client.audio`: speech (bytes), transcriptions (streamed or not) and"
    " translations; what a transcription parses into follows its `response_format`"
    " (the hand-written `audio_formats`).",
    "models": "`client.models`: list, retrieve and delete.",
    "realtime_sessions": "`client.beta.realtime.sessions` and `.transcription_sessions` (also"
    " under `client.realtime`): ephemeral keys for the beta Realtime API.",
    "images": "`client.images`: generate, edit and create_variation (streamed partial images"
    " too); the official client's parameters the spec lacks (`svg`, `complexity`,"
    " `frame_count`, ...) come from the layout table.",
    "embeddings": "`client.embeddings`: create, as floats (sent as base64 on the wire and"
    " decoded by the hand-written `embedding_decoding`, as the official SDK does) or as base64"
    " strings when the caller asks for them.",
    "beta": "`client.beta`: the namespace of the Assistants API (generated in `assistants` and"
    " `threads`), the beta Responses API (`beta_responses`), the beta realtime sessions,"
    " ChatKit, and the official alias `beta.chat` (from the hand-written `beta_aliases`).",
    "beta_responses": "`client.beta.responses`: the beta Responses API (`/responses?beta=true`):"
    " `create` (streamed or not), `retrieve`, `cancel`, `delete`, `compact`, `input_items` and"
    " `input_tokens`, answered with the `types.beta` classes (`BetaResponse`,"
    " `BetaResponseStreamEvent`, ...); the WebSocket `connect` comes from the hand-written"
    " `beta_responses_connect`.",
    "webhooks": "`client.webhooks`: verify a webhook's signature and parse its event; the"
    " methods (which send no request) come from the hand-written `webhook_verification`.",
    "content_provenance_checks": "`client.content_provenance_checks`: does an image or audio"
    " file carry OpenAI's provenance signals (C2PA metadata, SynthID watermark).",
}

# The module of the TypedDicts named by `Override.kwargs` (one for every group), and its doc.
KWARGS = "helper_kwargs"
KWARGS_DOC = (
    "The keyword arguments of the generated methods that hand-written helpers call, as those"
    " helpers take them (`responses.stream`, `chat.completions.parse`, the Assistants stream"
    " helpers): each method's own, path parameters and `stream` left out."
)

GROUPS: tuple[Group, ...] = (
    Group("batches", "batches", "AsyncBatches"),
    Group("moderations", "moderations", "AsyncModerations"),
    Group("conversations", "conversations", "AsyncConversations"),
    Group("conversations.items", "conversations", "AsyncItems"),
    Group("containers", "containers", "AsyncContainers"),
    Group("containers.files", "containers", "AsyncContainerFiles"),
    Group("containers.files.content", "containers", "AsyncContainerFileContent"),
    Group("evals", "evals", "AsyncEvals"),
    Group("evals.runs", "evals", "AsyncEvalRuns"),
    Group("evals.runs.output_items", "evals", "AsyncOutputItems"),
    Group("fine_tuning", "fine_tuning", "AsyncFineTuning"),
    Group("fine_tuning.jobs", "fine_tuning", "AsyncJobs"),
    Group("fine_tuning.jobs.checkpoints", "fine_tuning", "AsyncJobCheckpoints"),
    Group("fine_tuning.checkpoints", "fine_tuning", "AsyncCheckpoints"),
    Group("fine_tuning.checkpoints.permissions", "fine_tuning", "AsyncPermissions"),
    Group("fine_tuning.alpha", "fine_tuning", "AsyncAlpha"),
    Group("fine_tuning.alpha.graders", "fine_tuning", "AsyncGraders"),
    Group(
        "beta",
        "beta",
        "AsyncBeta",
        bases=(("beta_aliases", "BetaAliases"),),
        aliases=(("chat", "chat", "AsyncChat"),),
    ),
    Group(
        "beta.responses",
        "beta_responses",
        "AsyncBetaResponses",
        bases=(("beta_responses_connect", "BetaResponsesConnect"),),
    ),
    Group("beta.responses.input_items", "beta_responses", "AsyncBetaInputItems"),
    Group("beta.responses.input_tokens", "beta_responses", "AsyncBetaInputTokens"),
    Group(
        "beta.realtime",
        "beta",
        "AsyncBetaRealtime",
        bases=(("realtime_connect", "RealtimeConnect"),),
    ),
    Group("beta.chatkit", "chatkit", "AsyncChatKit"),
    Group("beta.chatkit.sessions", "chatkit", "AsyncChatKitSessions", headers=CHATKIT_BETA),
    Group("beta.chatkit.threads", "chatkit", "AsyncChatKitThreads", headers=CHATKIT_BETA),
    Group("skills", "skills", "AsyncSkills"),
    Group("skills.content", "skills", "AsyncSkillContent"),
    Group("skills.versions", "skills", "AsyncVersions"),
    Group("skills.versions.content", "skills", "AsyncVersionContent"),
    Group("audio.voices", "voices", "AsyncVoices"),
    Group("audio.voice_consents", "voices", "AsyncVoiceConsents"),
    Group("completions", "completions", "AsyncCompletions"),
    Group(
        "realtime", "realtime", "AsyncRealtime", bases=(("realtime_connect", "RealtimeConnect"),)
    ),
    Group("realtime.client_secrets", "realtime", "AsyncClientSecrets"),
    Group("realtime.calls", "realtime", "AsyncCalls"),
    Group(
        "realtime.translations",
        "realtime",
        "AsyncTranslations",
        bases=(("realtime_connect", "TranslationsConnect"),),
    ),
    Group("realtime.translations.client_secrets", "realtime", "AsyncTranslationClientSecrets"),
    Group("beta.realtime.sessions", "realtime_sessions", "AsyncSessions", headers=ASSISTANTS_BETA),
    Group(
        "beta.realtime.transcription_sessions",
        "realtime_sessions",
        "AsyncTranscriptionSessions",
        headers=ASSISTANTS_BETA,
    ),
    # Also under `client.realtime`: the same classes.
    Group("realtime.sessions", "realtime_sessions", "AsyncSessions", external=True),
    Group(
        "realtime.transcription_sessions",
        "realtime_sessions",
        "AsyncTranscriptionSessions",
        external=True,
    ),
    Group("vector_stores", "vector_stores", "AsyncVectorStores", headers=ASSISTANTS_BETA),
    Group(
        "vector_stores.files",
        "vector_stores",
        "AsyncVectorStoreFiles",
        headers=ASSISTANTS_BETA,
        bases=(("vector_store_polling", "VectorStoreFilePolling"),),
    ),
    Group(
        "vector_stores.file_batches",
        "vector_stores",
        "AsyncFileBatches",
        headers=ASSISTANTS_BETA,
        bases=(("vector_store_polling", "FileBatchPolling"),),
    ),
    Group("beta.assistants", "assistants", "AsyncAssistants", headers=ASSISTANTS_BETA),
    Group(
        "beta.threads",
        "threads",
        "AsyncThreads",
        headers=ASSISTANTS_BETA,
        bases=(("_polling", "ThreadsPolling"), ("_assistant_streams", "ThreadsStreaming")),
    ),
    Group("beta.threads.messages", "threads", "AsyncMessages", headers=ASSISTANTS_BETA),
    Group(
        "beta.threads.runs",
        "threads",
        "AsyncRuns",
        headers=ASSISTANTS_BETA,
        bases=(("_polling", "RunsPolling"), ("_assistant_streams", "RunsStreaming")),
    ),
    Group("beta.threads.runs.steps", "threads", "AsyncSteps", headers=ASSISTANTS_BETA),
    Group("videos", "videos", "AsyncVideos", bases=(("video_polling", "VideoPolling"),)),
    Group("files", "files", "AsyncFiles", bases=(("file_waiting", "FileWaiting"),)),
    Group("uploads", "uploads", "AsyncUploads", bases=(("upload_chunks", "ChunkedUpload"),)),
    Group("uploads.parts", "uploads", "AsyncParts"),
    Group("chat", "chat", "AsyncChat"),
    Group(
        "chat.completions",
        "chat",
        "AsyncCompletions",
        bases=(("chat_create", "ChatCompletionsCreate"),),
    ),
    Group("chat.completions.messages", "chat", "AsyncMessages"),
    Group(
        "responses",
        "responses",
        "AsyncResponses",
        bases=(("responses_create", "ResponsesCreate"),),
    ),
    Group("responses.input_items", "responses", "AsyncInputItems"),
    Group("responses.input_tokens", "responses", "AsyncInputTokens"),
    Group("audio", "audio", "AsyncAudio"),
    Group("audio.speech", "audio", "AsyncSpeech"),
    Group("audio.transcriptions", "audio", "AsyncTranscriptions"),
    Group("audio.translations", "audio", "AsyncTranslations"),
    Group("models", "models", "AsyncModels"),
    Group("embeddings", "embeddings", "AsyncEmbeddings"),
    Group("images", "images", "AsyncImages"),
    Group("content_provenance_checks", "content_provenance_checks", "AsyncContentProvenanceChecks"),
    Group(
        "webhooks",
        "webhooks",
        "AsyncWebhooks",
        bases=(("webhook_verification", "WebhookVerification"),),
    ),
)
MODULES |= layout_admin.MODULES
GROUPS += tuple(Group(*g, bases=layout_admin.BASES) for g in layout_admin.GROUPS)

REALTIME_MODELS = (
    "gpt-realtime",
    "gpt-realtime-2025-08-28",
    "gpt-4o-realtime-preview",
    "gpt-4o-realtime-preview-2024-10-01",
    "gpt-4o-realtime-preview-2024-12-17",
    "gpt-4o-realtime-preview-2025-06-03",
    "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17",
)
IMAGE_EXTRA = (
    ("complexity", 'Literal["low", "medium", "high"] | None'),
    ("frame_count", "int | None"),
    ("frame_duration_ms", "int | None"),
    ("safety_identifier", "str | None"),
    ("svg", "Mapping[str, object] | None"),
)
CHAT_COMPLETION = Override(model=("chat.chat_completion", "ChatCompletion"))
# a generated union: the manifest lists classes only
RESPONSE_EVENT = ("responses.response_stream_event", "ResponseStreamEvent")
BETA_RESPONSE_EVENT = ("beta.responses", "BetaResponseStreamEvent")
RUN_STREAM = Override(event=("beta.threads", "AssistantStreamEvent"), enveloped=True)

# Where the spec's response says less than the API does.
METHODS: dict[str, Override] = {
    # The official client posts to `.../runs/{run_id}/cancel`; the spec cancels by a POST
    # to the run itself.
    "evals.runs.cancel": Override(operation="cancelEvalRun"),
    # The spec gives no event schema for the legacy stream: each chunk is a `Completion`.
    "completions.create": Override(event=("completions", "Completion")),
    # Run streams: no event schema in the spec; the events are named by the SSE `event:`.
    "beta.threads.create_and_run": replace(RUN_STREAM, kwargs="ThreadCreateAndRunKwargs"),
    "beta.threads.runs.create": replace(RUN_STREAM, kwargs="RunCreateKwargs"),
    "beta.threads.runs.submit_tool_outputs": replace(
        RUN_STREAM, kwargs="RunSubmitToolOutputsKwargs"
    ),
    "videos.download_content": Override(result="binary", accept=ZIP),
    "files.content": Override(result="binary", accept=ZIP),
    # The chat completion is a hand-written model (with its fast paths); its chunks are
    # parsed on the hand-written fast path too.
    "chat.completions.create": Override(
        model=("chat.chat_completion", "ChatCompletion"),
        decoder=("chat_create", "decode_chunk"),
        kwargs="CompletionCreateKwargs",
        explicit=("response_format",),  # a class to parse into, or a format dict
    ),
    "chat.completions.retrieve": CHAT_COMPLETION,
    "chat.completions.update": CHAT_COMPLETION,
    "chat.completions.list": CHAT_COMPLETION,
    "responses.cancel": Override(model=("responses.response", "Response")),
    # Events on the fast path; an `error` event is yielded, then raised at the end.
    "responses.create": Override(
        event=RESPONSE_EVENT,
        decoder=("responses_create", "decode_event"),
        resumes=True,
        kwargs="ResponseCreateKwargs",
        # `responses.parse` and `.stream` take the Chat Completions function tool too
        helper_types=(("tools", "responses.tool_param", "Iterable[ParseableToolParam]"),),
    ),
    # The spec gives no event schema for a resumed stream (`?stream=true`).
    "responses.retrieve": Override(
        event=RESPONSE_EVENT,
        decoder=("responses_create", "decode_event"),
        resumes=True,
    ),
    # The beta Responses API: its answers' unions (the spec gives no event schema for a
    # resumed stream, `?stream=true`).
    "beta.responses.create": Override(event=BETA_RESPONSE_EVENT),
    "beta.responses.retrieve": Override(event=BETA_RESPONSE_EVENT),
    "beta.responses.input_items.list": Override(model=("beta.responses", "BetaResponseItem")),
    "responses.compact": Override(
        extra=(("image", 'Mapping[str, Literal["auto", "enabled", "disabled"]]'),)
    ),
    "beta.responses.compact": Override(
        extra=(("image", 'Mapping[str, Literal["auto", "enabled", "disabled"]]'),)
    ),
    "audio.transcriptions.create": Override(
        model=("audio", "TranscriptionCreateResponse"),
        event=("audio", "TranscriptionStreamEvent"),
        result_by=("audio_formats", "transcription_result"),
    ),
    "audio.translations.create": Override(
        model=("audio", "TranslationCreateResponse"),
        result_by=("audio_formats", "translation_result"),
    ),
    "embeddings.create": Override(parse_by=("embedding_decoding", "embeddings_parser")),
    # The beta sessions follow the official client: the spec requires `client_secret` of a
    # session and lacks `model` and its noise reduction, and a transcription session's
    # `client_secret`.
    "beta.realtime.sessions.create": Override(
        optional=("client_secret",),
        extra=(
            ("model", f"Literal[{', '.join(map(repr, REALTIME_MODELS))}]"),
            (
                "input_audio_noise_reduction",
                "TranscriptionSessionCreateParamsInputAudioNoiseReduction",
                "realtime",
            ),
        ),
    ),
    "beta.realtime.transcription_sessions.create": Override(
        extra=(("client_secret", "SessionCreateParamsClientSecret", "realtime"),)
    ),
    # The official image parameters the spec lacks; the spec gives no event schema.
    "images.edit": Override(
        event=("images", "ImageEditStreamEvent"),
        extra=(*IMAGE_EXTRA, ("markup", "FileTypes")),
        required=("image",),
        files=(("markup",),),
    ),
    "images.generate": Override(event=("images", "ImageGenStreamEvent"), extra=IMAGE_EXTRA),
    # The model types are written by hand (`types/models.py`).
    "models.list": Override(model=("models", "Model")),
    "models.retrieve": Override(model=("models", "Model")),
    "models.delete": Override(model=("models", "ModelDeleted")),
    # A form without files (`session` in bracket notation); the answer is the SDP text.
    "realtime.calls.create": Override(result="binary", accept="application/sdp"),
    # Zip bundles and file downloads the spec describes as a JSON string or not at all.
    "skills.content.retrieve": Override(result="binary", accept=ZIP),
    "skills.versions.content.retrieve": Override(result="binary", accept=ZIP),
    "containers.files.content.retrieve": Override(result="binary", accept=ZIP),
}
