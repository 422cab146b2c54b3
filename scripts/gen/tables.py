"""What the types generator follows besides the spec: the groups (one module each, by the
operations it serves), the official names where the spec's differ, and where the schemas
that hand-written models use are generated."""

from __future__ import annotations

from . import beta_responses, tables_admin, ws_events
from . import overrides_input as input_side
from . import overrides_responses as responses
from .naming import official_names
from .overrides import GENERATED, OVERRIDES
from .overrides_chat import ALIASES as CHAT_ALIASES
from .overrides_chat import INLINE_NAMES as CHAT_INLINE_NAMES

SHARED = "shared"
SHARED_PARAMS = "shared_params"
PREFIX = "#/components/schemas/"

# The schemas whose generated models the hand-written ones import -> the module they go to
# (with all they refer to, so such a module imports no group), whichever groups reach them.
HAND_IMPORTS: dict[str, str] = {
    "Tool": "shared.tool",
    "ResponseFormatText": "shared.tool",
    "ResponseFormatJsonObject": "shared.tool",
    "TextResponseFormatJsonSchema": "shared.tool",
    "ToolChoiceFunction": "shared.tool",
    "ToolChoiceMCP": "shared.tool",
    "ModerationResultBody": "shared.moderation_result_body",
    "Metadata": "shared.metadata",  # the chat models reach it too: it stays shared
    # schemas no operation refers to, which the official package gives at these paths
    "ResponseFormatTextGrammar": "shared.response_format_text_grammar",
    "ResponseFormatTextPython": "shared.response_format_text_python",
    # models generated from the spec in place of hand-written ones, at their official paths
    "ReasoningItem": "responses.response_reasoning_item",
    "CompactionBody": "responses.response_compaction_item",
    "ToolSearchCall": "responses.response_tool_search_call",
    "ToolSearchOutput": "responses.response_tool_search_output_item",
    "CodeInterpreterToolCall": "responses.response_code_interpreter_tool_call",
    **{schema: where for schema, (where, _) in GENERATED.items()},
}

# module (dotted, under openai_oxide.types) -> {operationId: params class name or None}
MODULES: dict[str, dict[str, str | None]] = {
    "embeddings": {"createEmbedding": "EmbeddingCreateParams"},
    "completions": {"createCompletion": "CompletionCreateParams"},
    "images": {
        "createImage": "ImageGenerateParams",
        "createImageEdit": "ImageEditParams",
        "createImageVariation": "ImageCreateVariationParams",
    },
    "audio": {
        "createSpeech": "SpeechCreateParams",
        "createTranscription": "TranscriptionCreateParams",
        "createTranslation": "TranslationCreateParams",
        "createVoiceConsent": "VoiceConsentCreateParams",
        "listVoiceConsents": "VoiceConsentListParams",
        "getVoiceConsent": None,
        "updateVoiceConsent": "VoiceConsentUpdateParams",
        "deleteVoiceConsent": None,
        "createVoice": "VoiceCreateParams",
    },
    "files": {
        "createFile": "FileCreateParams",
        "listFiles": "FileListParams",
        "retrieveFile": None,
        "deleteFile": None,
        "downloadFile": None,
    },
    "uploads": {
        "createUpload": "UploadCreateParams",
        "addUploadPart": "PartCreateParams",
        "completeUpload": "UploadCompleteParams",
        "cancelUpload": None,
    },
    "batches": {
        "createBatch": "BatchCreateParams",
        "listBatches": "BatchListParams",
        "retrieveBatch": None,
        "cancelBatch": None,
    },
    "fine_tuning": {
        "createFineTuningJob": "JobCreateParams",
        "listPaginatedFineTuningJobs": "JobListParams",
        "retrieveFineTuningJob": None,
        "cancelFineTuningJob": None,
        "pauseFineTuningJob": None,
        "resumeFineTuningJob": None,
        "listFineTuningEvents": "JobListEventsParams",
        "listFineTuningJobCheckpoints": "CheckpointListParams",
        "listFineTuningCheckpointPermissions": "PermissionRetrieveParams",
        "createFineTuningCheckpointPermission": "PermissionCreateParams",
        "deleteFineTuningCheckpointPermission": None,
        "runGrader": "GraderRunParams",
        "validateGrader": "GraderValidateParams",
    },
    "moderations": {"createModeration": "ModerationCreateParams"},
    "vector_stores": {
        "createVectorStore": "VectorStoreCreateParams",
        "listVectorStores": "VectorStoreListParams",
        "getVectorStore": None,
        "modifyVectorStore": "VectorStoreUpdateParams",
        "deleteVectorStore": None,
        "searchVectorStore": "VectorStoreSearchParams",
        "createVectorStoreFile": "FileCreateParams",
        "listVectorStoreFiles": "FileListParams",
        "getVectorStoreFile": None,
        "updateVectorStoreFileAttributes": "FileUpdateParams",
        "deleteVectorStoreFile": None,
        "retrieveVectorStoreFileContent": None,
        "createVectorStoreFileBatch": "FileBatchCreateParams",
        "getVectorStoreFileBatch": None,
        "cancelVectorStoreFileBatch": None,
        "listFilesInVectorStoreBatch": "FileBatchListFilesParams",
    },
    "beta.assistants": {
        "createAssistant": "AssistantCreateParams",
        "listAssistants": "AssistantListParams",
        "getAssistant": None,
        "modifyAssistant": "AssistantUpdateParams",
        "deleteAssistant": None,
    },
    "beta.chatkit": {
        "CreateChatSessionMethod": "SessionCreateParams",
        "CancelChatSessionMethod": None,
        "ListThreadsMethod": "ThreadListParams",
        "GetThreadMethod": None,
        "DeleteThreadMethod": None,
        "ListThreadItemsMethod": "ThreadListItemsParams",
    },
    "beta.threads": {
        "createThread": "ThreadCreateParams",
        "createThreadAndRun": "ThreadCreateAndRunParams",
        "getThread": None,
        "modifyThread": "ThreadUpdateParams",
        "deleteThread": None,
        "createMessage": "MessageCreateParams",
        "listMessages": "MessageListParams",
        "getMessage": None,
        "modifyMessage": "MessageUpdateParams",
        "deleteMessage": None,
        "createRun": "RunCreateParams",
        "listRuns": "RunListParams",
        "getRun": None,
        "modifyRun": "RunUpdateParams",
        "cancelRun": None,
        "submitToolOuputsToRun": "RunSubmitToolOutputsParams",
        "listRunSteps": "StepListParams",
        "getRunStep": "StepRetrieveParams",
    },
    "realtime": {
        "create-realtime-client-secret": "ClientSecretCreateParams",
        "create-realtime-session": "SessionCreateParams",
        "create-realtime-transcription-session": "TranscriptionSessionCreateParams",
        "create-realtime-translation-client-secret": "TranslationClientSecretCreateParams",
        "create-realtime-call": "CallCreateParams",
        "accept-realtime-call": "CallAcceptParams",
        "hangup-realtime-call": None,
        "refer-realtime-call": "CallReferParams",
        "reject-realtime-call": "CallRejectParams",
    },
    # The beta protocol's events (`openai.types.beta.realtime`): only extra roots below.
    "beta.realtime": {},
    "videos": {
        "createVideo": "VideoCreateParams",
        "ListVideos": "VideoListParams",
        "GetVideo": None,
        "DeleteVideo": None,
        "RetrieveVideoContent": "VideoDownloadContentParams",
        "CreateVideoRemix": "VideoRemixParams",
        "CreateVideoEdit": "VideoEditParams",
        "CreateVideoExtend": "VideoExtendParams",
        "CreateVideoCharacter": "VideoCreateCharacterParams",
        "GetVideoCharacter": None,
    },
    "containers": {
        "CreateContainer": "ContainerCreateParams",
        "ListContainers": "ContainerListParams",
        "RetrieveContainer": None,
        "DeleteContainer": None,
        "CreateContainerFile": "FileCreateParams",
        "ListContainerFiles": "FileListParams",
        "RetrieveContainerFile": None,
        "DeleteContainerFile": None,
        "RetrieveContainerFileContent": None,
    },
    "evals": {
        "createEval": "EvalCreateParams",
        "listEvals": "EvalListParams",
        "getEval": None,
        "updateEval": "EvalUpdateParams",
        "deleteEval": None,
        "createEvalRun": "RunCreateParams",
        "getEvalRuns": "RunListParams",
        "getEvalRun": None,
        "cancelEvalRun": None,
        "deleteEvalRun": None,
        "getEvalRunOutputItems": "OutputItemListParams",
        "getEvalRunOutputItem": None,
    },
    "conversations": {
        "createConversation": "ConversationCreateParams",
        "getConversation": None,
        "updateConversation": "ConversationUpdateParams",
        "deleteConversation": None,
        "createConversationItems": "ItemCreateParams",
        "listConversationItems": "ItemListParams",
        "getConversationItem": "ItemRetrieveParams",
        "deleteConversationItem": None,
    },
    "responses.response_create_params": {"createResponse": "ResponseCreateParams"},
    "responses.response_retrieve_params": {"getResponse": "ResponseRetrieveParams"},
    "responses.input_item_list_params": {"listInputItems": "InputItemListParams"},
    "chat.completion_create_params": {"createChatCompletion": "CompletionCreateParams"},
    "responses.input_tokens": {"Getinputtokencounts": "InputTokenCountParams"},
    "responses.compacted_response": {"Compactconversation": "ResponseCompactParams"},
    "chat.stored_completions": {
        "listChatCompletions": "CompletionListParams",
        "getChatCompletion": None,
        "updateChatCompletion": "CompletionUpdateParams",
        "deleteChatCompletion": None,
        "getChatCompletionMessages": "MessageListParams",
    },
    "skills": {
        "CreateSkill": "SkillCreateParams",
        "ListSkills": "SkillListParams",
        "GetSkill": None,
        "UpdateSkillDefaultVersion": "SkillUpdateParams",
        "DeleteSkill": None,
        "GetSkillContent": None,
        "CreateSkillVersion": "VersionCreateParams",
        "ListSkillVersions": "VersionListParams",
        "GetSkillVersion": None,
        "DeleteSkillVersion": None,
        "GetSkillVersionContent": None,
    },
    "content_provenance_checks": {
        "Createcontentprovenancecheck": "ContentProvenanceCheckCreateParams"
    },
    "webhooks": {},  # roots: every payload under the spec's top-level `webhooks`
}
MODULES[beta_responses.GROUP] = beta_responses.OPERATIONS
MODULES |= tables_admin.MODULES

# Schemas a module serves beyond its operations' answers (e.g. the events of `stream=True`
# answers the spec documents only as a schema).
EXTRA_ROOTS: dict[str, list[str]] = {
    "beta.threads": ["AssistantStreamEvent"],
    "files": ["FileContent"],  # spec_additions.py: the name of the content's answer
    "realtime": [
        "ResponseItemReference",  # spec_additions.py: the official model too
        "RealtimeServerEvent",
        "RealtimeClientEvent",
        "RealtimeTranslationServerEvent",
        "RealtimeTranslationClientEvent",
    ],
    "beta.realtime": [
        "RealtimeBetaServerEvent",
        "RealtimeBetaClientEvent",
        "RealtimeConversationItemWithReference",
        "ConversationItemContent",  # spec_additions.py: the beta item's content part
    ],
    beta_responses.GROUP: beta_responses.EXTRA_ROOTS,
}
EXTRA_ROOTS |= tables_admin.EXTRA_ROOTS
# The same for request TypedDicts: the Realtime client events a connection sends
# (`conn.send(...)`, `conn.session.update(session=...)`), as `*Param` TypedDicts.
EXTRA_PARAM_ROOTS: dict[str, list[str]] = {
    "realtime": [
        "RealtimeClientEvent",
        "RealtimeConnectParamsGA",
        "RealtimeTranslationClientEvent",  # `realtime.translations.connect()`'s
        "ResponseCreateEventWithReferences",  # spec_additions.py: input by item reference
    ],
    "beta.realtime": [
        "RealtimeBetaClientEvent",
        "RealtimeConversationItemWithReference",
        "ConversationItemContent",
        "RealtimeConnectParams",  # spec_additions.py: the connection's query
    ],
    beta_responses.GROUP: beta_responses.EXTRA_PARAM_ROOTS,
}

# Official names a group exports that another group's schema models (`types.beta.realtime`
# names the beta session endpoints' classes, which `types.realtime` serves, and the item
# union its events carry): group -> {official name: (side, spec schema)}. An SDK-only class the
# spec lacks is a spec addition (spec_additions.py), generated like the rest.
GROUP_IMPORTS: dict[str, dict[str, tuple[str, str]]] = {
    "beta.realtime": {
        "ConversationItem": ("model", "RealtimeConversationItem"),
        "ConversationItemParam": ("param", "RealtimeConversationItem"),
        "ConversationCreatedEvent": ("model", "RealtimeServerEventConversationCreated"),
        "SessionCreateParams": ("param", "RealtimeSessionCreateRequest"),
        "SessionCreateResponse": ("model", "RealtimeSessionCreateResponse"),
        "TranscriptionSession": ("model", "RealtimeTranscriptionSessionCreateResponse"),
        "TranscriptionSessionCreateParams": ("param", "RealtimeTranscriptionSessionCreateRequest"),
    },
}

# Unions the spec lists only as their members (`RealtimeBetaServerEvent<suffix>`): the union's
# name -> the prefix of its members' schema names. The generator adds each as a schema.
MEMBER_UNIONS: dict[str, str] = {
    "RealtimeBetaServerEvent": "RealtimeBetaServerEvent",
    "RealtimeBetaClientEvent": "RealtimeBetaClientEvent",
}

# Where a schema lives that only groups of one API reach (the Realtime API's GA and beta
# events share their items and sessions): the lead group, which the others import.
GROUP_HOMES: dict[str, tuple[str, ...]] = {"realtime": ("realtime", "beta.realtime")}
GROUP_HOMES |= tables_admin.HOMES

# Responses answered with an inline schema (no $ref): operationId -> class name.
INLINE_RESPONSES: dict[str, str] = {
    "deleteEval": "EvalDeleteResponse",
    "deleteEvalRun": "RunDeleteResponse",
    "createTranscription": "TranscriptionCreateResponse",
    "createTranslation": "TranslationCreateResponse",
}
INLINE_RESPONSES |= tables_admin.INLINE_RESPONSES

# Schemas modelled by hand (types/chat, types/responses, types/models): imported, never emitted.
EXTERNAL: dict[str, tuple[str, str]] = OVERRIDES

# Open enums modelled by hand that fit both sides (a model field and a request param): the
# model ids, kept in one light module that `Response` also uses.
EXTERNAL_ALIASES: dict[str, tuple[str, str]] = {
    "ModelIdsShared": ("responses.responses_model", "ChatModel"),
    "ModelIdsResponses": ("responses.responses_model", "ResponsesModel"),
}

# spec schema name -> official class name, where they differ.
NAMES: dict[str, str] = {
    "CodeInterpreterOutputLogs": "OutputLogs",
    "CodeInterpreterOutputImage": "OutputImage",
    "SummaryTextContent": "Summary",
    "ReasoningTextContent": "Content",
    "CreateCompletionResponse": "Completion",
    "ChatSessionResource": "ChatSession",
    "ThreadResource": "ChatKitThread",
    "DeletedThreadResource": "ThreadDeleteResponse",
    "ThreadItemListResource": "ChatKitThreadItemList",
    "OpenAIFile": "FileObject",
    "DeleteFileResponse": "FileDeleted",
    "CreateModerationResponse": "ModerationCreateResponse",
    "CreateTranscriptionResponseJson": "Transcription",
    "CreateTranscriptionResponseVerboseJson": "TranscriptionVerbose",
    "CreateTranscriptionResponseDiarizedJson": "TranscriptionDiarized",
    "CreateTranscriptionResponseStreamEvent": "TranscriptionStreamEvent",
    "CreateTranslationResponseJson": "Translation",
    "CreateTranslationResponseVerboseJson": "TranslationVerbose",
    "CreateSpeechResponseStreamEvent": "SpeechStreamEvent",
    "VoiceConsentResource": "VoiceConsent",
    "VectorStoreObject": "VectorStore",
    "VectorStoreFileObject": "VectorStoreFile",
    "VectorStoreFileBatchObject": "VectorStoreFileBatch",
    "DeleteVectorStoreResponse": "VectorStoreDeleted",
    "DeleteVectorStoreFileResponse": "VectorStoreFileDeleted",
    "VectorStoreSearchResultItem": "VectorStoreSearchResponse",
    "AssistantObject": "Assistant",
    "DeleteAssistantResponse": "AssistantDeleted",
    "ThreadObject": "Thread",
    "DeleteThreadResponse": "ThreadDeleted",
    "MessageObject": "Message",
    "DeleteMessageResponse": "MessageDeleted",
    "RunObject": "Run",
    "RunStepObject": "RunStep",
    "DeleteFineTuningCheckpointPermissionResponse": "PermissionDeleteResponse",
    "ListFineTuningCheckpointPermissionResponse": "PermissionRetrieveResponse",
    "FineTuningCheckpointPermission": "PermissionCreateResponse",
    "RunGraderResponse": "GraderRunResponse",
    "ValidateGraderResponse": "GraderValidateResponse",
    "RealtimeCreateClientSecretResponse": "ClientSecretCreateResponse",
    "VideoResource": "Video",
    "DeletedVideoResource": "VideoDeleteResponse",
    "ContainerResource": "ContainerCreateResponse",
    "ContainerFileResource": "FileCreateResponse",
    "Eval": "EvalCreateResponse",
    "EvalRun": "RunCreateResponse",
    "EvalRunOutputItem": "OutputItemRetrieveResponse",
    "ConversationResource": "Conversation",
    "DeletedConversationResource": "ConversationDeletedResource",
    "TokenCountsResource": "InputTokenCountResponse",
    "CompactResource": "CompactedResponse",
    "TranscriptTextDeltaEvent": "TranscriptionTextDeltaEvent",
    "TranscriptTextDoneEvent": "TranscriptionTextDoneEvent",
    "TranscriptTextSegmentEvent": "TranscriptionTextSegmentEvent",
    "VoiceConsentDeletedResource": "VoiceConsentDeleted",
    "VoiceResource": "Voice",
    "SkillResource": "Skill",
    "SkillListResource": "SkillList",
    "DeletedSkillResource": "DeletedSkill",
    "SkillVersionResource": "SkillVersion",
    "SkillVersionListResource": "SkillVersionList",
    "DeletedSkillVersionResource": "DeletedSkillVersion",
    "ProvenanceResource": "ContentProvenanceCheck",
    "VideoCharacterResource": "VideoCreateCharacterResponse",
    "Error-2": "VideoCreateError",  # a video's `error`
    # the items of a conversation / a response's output, as `types.conversations` names them
    "FunctionToolCallResource": "ResponseFunctionToolCallItem",
    "FunctionToolCallOutputResource": "ResponseFunctionToolCallOutputItem",
    "FileSearchToolCall": "ResponseFileSearchToolCall",
    "WebSearchToolCall": "ResponseFunctionWebSearch",
    "ImageGenToolCall": "ImageGenerationCall",
    "ComputerToolCall": "ResponseComputerToolCall",
    "ComputerToolCallOutputResource": "ResponseComputerToolCallOutputItem",
    "ToolSearchCall": "ResponseToolSearchCall",
    "ToolSearchOutput": "ResponseToolSearchOutputItem",
    "ReasoningItem": "ResponseReasoningItem",
    "CompactionBody": "ResponseCompactionItem",
    "CodeInterpreterToolCall": "ResponseCodeInterpreterToolCall",
    "LocalShellToolCall": "LocalShellCall",
    "LocalShellToolCallOutput": "LocalShellCallOutput",
    "FunctionShellCall": "ResponseFunctionShellToolCall",
    "FunctionShellCallOutput": "ResponseFunctionShellToolCallOutput",
    "ApplyPatchToolCall": "ResponseApplyPatchToolCall",
    "ApplyPatchToolCallOutput": "ResponseApplyPatchToolCallOutput",
    "MCPListTools": "McpListTools",
    "MCPApprovalRequest": "McpApprovalRequest",
    "MCPApprovalResponseResource": "McpApprovalResponse",
    "MCPToolCall": "McpCall",
    "CustomToolCall": "ResponseCustomToolCall",
    "CustomToolCallOutput": "ResponseCustomToolCallOutput",
    "WebhookBatchCancelled": "BatchCancelledWebhookEvent",
    "WebhookBatchCompleted": "BatchCompletedWebhookEvent",
    "WebhookBatchExpired": "BatchExpiredWebhookEvent",
    "WebhookBatchFailed": "BatchFailedWebhookEvent",
    "WebhookEvalRunCanceled": "EvalRunCanceledWebhookEvent",
    "WebhookEvalRunFailed": "EvalRunFailedWebhookEvent",
    "WebhookEvalRunSucceeded": "EvalRunSucceededWebhookEvent",
    "WebhookFineTuningJobCancelled": "FineTuningJobCancelledWebhookEvent",
    "WebhookFineTuningJobFailed": "FineTuningJobFailedWebhookEvent",
    "WebhookFineTuningJobSucceeded": "FineTuningJobSucceededWebhookEvent",
    "WebhookLiveCallIncoming": "LiveCallIncomingWebhookEvent",
    "WebhookRealtimeCallIncoming": "RealtimeCallIncomingWebhookEvent",
    "WebhookResponseCancelled": "ResponseCancelledWebhookEvent",
    "WebhookResponseCompleted": "ResponseCompletedWebhookEvent",
    "WebhookResponseFailed": "ResponseFailedWebhookEvent",
    "WebhookResponseIncomplete": "ResponseIncompleteWebhookEvent",
    "ToolChoiceMCP": "ToolChoiceMcp",
    "TextResponseFormatJsonSchema": "ResponseFormatTextJSONSchemaConfig",
    # the tools of `Response.tools` (`openai.types.responses.tool`)
    "MCPTool": "Mcp",
    "CodeInterpreterTool": "CodeInterpreter",
    "ProgrammaticToolCallingParam": "ProgrammaticToolCalling",
    "ImageGenTool": "ImageGeneration",
    "LocalShellToolParam": "LocalShell",
    "FunctionShellToolParam": "FunctionShellTool",
    "CustomToolParam": "CustomTool",
    "NamespaceToolParam": "NamespaceTool",
    "ToolSearchToolParam": "ToolSearchTool",
    "ApplyPatchToolParam": "ApplyPatchTool",
}
NAMES |= tables_admin.NAMES

# The Realtime API's events (`openai.types.realtime`), sent and received over its WebSocket:
# the spec's `RealtimeServerEvent<suffix>` / `RealtimeClientEvent<suffix>` -> official name.
REALTIME_SERVER_EVENTS: dict[str, str] = {
    "ConversationCreated": "ConversationCreatedEvent",
    "ConversationItemCreated": "ConversationItemCreatedEvent",
    "ConversationItemDeleted": "ConversationItemDeletedEvent",
    "ConversationItemInputAudioTranscriptionCompleted": (
        "ConversationItemInputAudioTranscriptionCompletedEvent"
    ),
    "ConversationItemInputAudioTranscriptionDelta": (
        "ConversationItemInputAudioTranscriptionDeltaEvent"
    ),
    "ConversationItemInputAudioTranscriptionFailed": (
        "ConversationItemInputAudioTranscriptionFailedEvent"
    ),
    "ConversationItemRetrieved": "ConversationItemRetrieved",
    "ConversationItemTruncated": "ConversationItemTruncatedEvent",
    "Error": "RealtimeErrorEvent",
    "InputAudioBufferCleared": "InputAudioBufferClearedEvent",
    "InputAudioBufferCommitted": "InputAudioBufferCommittedEvent",
    "InputAudioBufferDtmfEventReceived": "InputAudioBufferDtmfEventReceivedEvent",
    "InputAudioBufferSpeechStarted": "InputAudioBufferSpeechStartedEvent",
    "InputAudioBufferSpeechStopped": "InputAudioBufferSpeechStoppedEvent",
    "RateLimitsUpdated": "RateLimitsUpdatedEvent",
    "ResponseAudioDelta": "ResponseAudioDeltaEvent",
    "ResponseAudioDone": "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDelta": "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDone": "ResponseAudioTranscriptDoneEvent",
    "ResponseContentPartAdded": "ResponseContentPartAddedEvent",
    "ResponseContentPartDone": "ResponseContentPartDoneEvent",
    "ResponseCreated": "ResponseCreatedEvent",
    "ResponseDone": "ResponseDoneEvent",
    "ResponseFunctionCallArgumentsDelta": "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDone": "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseOutputItemAdded": "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDone": "ResponseOutputItemDoneEvent",
    "ResponseTextDelta": "ResponseTextDeltaEvent",
    "ResponseTextDone": "ResponseTextDoneEvent",
    "SessionCreated": "SessionCreatedEvent",
    "SessionUpdated": "SessionUpdatedEvent",
    "OutputAudioBufferStarted": "OutputAudioBufferStarted",
    "OutputAudioBufferStopped": "OutputAudioBufferStopped",
    "OutputAudioBufferCleared": "OutputAudioBufferCleared",
    "ConversationItemAdded": "ConversationItemAdded",
    "ConversationItemDone": "ConversationItemDone",
    "InputAudioBufferTimeoutTriggered": "InputAudioBufferTimeoutTriggered",
    "ConversationItemInputAudioTranscriptionSegment": (
        "ConversationItemInputAudioTranscriptionSegment"
    ),
    "MCPListToolsInProgress": "McpListToolsInProgress",
    "MCPListToolsCompleted": "McpListToolsCompleted",
    "MCPListToolsFailed": "McpListToolsFailed",
    "ResponseMCPCallArgumentsDelta": "ResponseMcpCallArgumentsDelta",
    "ResponseMCPCallArgumentsDone": "ResponseMcpCallArgumentsDone",
    "ResponseMCPCallInProgress": "ResponseMcpCallInProgress",
    "ResponseMCPCallCompleted": "ResponseMcpCallCompleted",
    "ResponseMCPCallFailed": "ResponseMcpCallFailed",
}
REALTIME_CLIENT_EVENTS: dict[str, str] = {
    "ConversationItemCreate": "ConversationItemCreateEvent",
    "ConversationItemDelete": "ConversationItemDeleteEvent",
    "ConversationItemRetrieve": "ConversationItemRetrieveEvent",
    "ConversationItemTruncate": "ConversationItemTruncateEvent",
    "InputAudioBufferAppend": "InputAudioBufferAppendEvent",
    "InputAudioBufferClear": "InputAudioBufferClearEvent",
    "OutputAudioBufferClear": "OutputAudioBufferClearEvent",
    "InputAudioBufferCommit": "InputAudioBufferCommitEvent",
    "ResponseCancel": "ResponseCancelEvent",
    "ResponseCreate": "ResponseCreateEvent",
    "SessionUpdate": "SessionUpdateEvent",
}
# `client.realtime.translations.connect()`'s events: the spec's name -> official name.
REALTIME_TRANSLATION_EVENTS: dict[str, str] = {
    "ServerEventSessionCreated": "RealtimeTranslationSessionCreatedEvent",
    "ServerEventSessionUpdated": "RealtimeTranslationSessionUpdatedEvent",
    "ServerEventSessionClosed": "RealtimeTranslationSessionClosedEvent",
    "ServerEventSessionInputTranscriptDelta": "RealtimeTranslationInputTranscriptDeltaEvent",
    "ServerEventSessionOutputTranscriptDelta": "RealtimeTranslationOutputTranscriptDeltaEvent",
    "ServerEventSessionOutputAudioDelta": "RealtimeTranslationOutputAudioDeltaEvent",
    "ClientEventInputAudioBufferAppend": "RealtimeTranslationInputAudioBufferAppendEvent",
    "ClientEventSessionClose": "RealtimeTranslationSessionCloseEvent",
    "ClientEventSessionUpdate": "RealtimeTranslationSessionUpdateEvent",
}
NAMES |= {f"RealtimeTranslation{k}": v for k, v in REALTIME_TRANSLATION_EVENTS.items()}
NAMES |= input_side.NAMES
NAMES |= {f"RealtimeServerEvent{k}": v for k, v in REALTIME_SERVER_EVENTS.items()}
NAMES |= {f"RealtimeClientEvent{k}": v for k, v in REALTIME_CLIENT_EVENTS.items()}
# The beta protocol's events have the same names in `types.beta.realtime`, but for these.
REALTIME_BETA_EVENTS: dict[str, str] = {
    "ServerEventError": "ErrorEvent",
    "ServerEventTranscriptionSessionCreated": "TranscriptionSessionCreatedEvent",
    "ServerEventTranscriptionSessionUpdated": "TranscriptionSessionUpdatedEvent",
    "ClientEventTranscriptionSessionUpdate": "TranscriptionSessionUpdate",
    "ServerEvent": "RealtimeServerEvent",
    "ClientEvent": "RealtimeClientEvent",
    "Response": "RealtimeResponse",
    "ResponseCreateParams": "RealtimeResponseCreateParams",
}
NAMES |= {f"RealtimeBetaServerEvent{k}": v for k, v in REALTIME_SERVER_EVENTS.items()}
NAMES |= {f"RealtimeBetaClientEvent{k}": v for k, v in REALTIME_CLIENT_EVENTS.items()}
NAMES |= {f"RealtimeBeta{k}": v for k, v in REALTIME_BETA_EVENTS.items()}
# The GA sessions carry the official `types.realtime` names; the spec's unsuffixed ones are
# the `/realtime/sessions` endpoints' answers, officially `types.beta.realtime`'s classes.
NAMES |= {
    "RealtimeSessionCreateRequestGA": "RealtimeSessionCreateRequest",
    "RealtimeSessionCreateResponseGA": "RealtimeSessionCreateResponse",
    "RealtimeTranscriptionSessionCreateRequestGA": "RealtimeTranscriptionSessionCreateRequest",
    "RealtimeTranscriptionSessionCreateResponseGA": "RealtimeTranscriptionSessionCreateResponse",
    "RealtimeSessionCreateResponse": "SessionCreateResponse",
    "RealtimeTranscriptionSessionCreateResponse": "TranscriptionSession",
    # the conversation's messages, named by role first officially
    "RealtimeConversationItemMessageSystem": "RealtimeConversationItemSystemMessage",
    "RealtimeConversationItemMessageUser": "RealtimeConversationItemUserMessage",
    "RealtimeConversationItemMessageAssistant": "RealtimeConversationItemAssistantMessage",
}
NAMES |= ws_events.NAMES
NAMES |= {
    "RealtimeSession": "Session",  # the beta session (`types.beta.realtime.Session`)
    "RealtimeConversationItemWithReference": "ConversationItemWithReference",
}

# request-side (TypedDict) names that are not simply the model name + "Param"
PARAM_NAMES: dict[str, str] = {
    "RealtimeConnectParams": "RealtimeConnectParams",  # a query, named so officially
    "RealtimeConnectParamsGA": "RealtimeConnectParams",
    "CodeInterpreterOutputLogs": "CodeInterpreterOutputLogsParam",
    "CodeInterpreterOutputImage": "CodeInterpreterOutputImageParam",
    "SummaryTextContent": "SummaryTextContentParam",
    "ReasoningTextContent": "ReasoningTextContentParam",
    "EditImageBodyJsonParam": "ImageEditJsonParams",
    # the messages of `chat.completions.create` (`openai.types.chat`)
    "ChatCompletionRequestMessage": "ChatCompletionMessageParam",
    "ChatCompletionRequestAssistantMessage": "ChatCompletionAssistantMessageParam",
    "ChatCompletionRequestDeveloperMessage": "ChatCompletionDeveloperMessageParam",
    "ChatCompletionRequestFunctionMessage": "ChatCompletionFunctionMessageParam",
    "ChatCompletionRequestSystemMessage": "ChatCompletionSystemMessageParam",
    "ChatCompletionRequestToolMessage": "ChatCompletionToolMessageParam",
    "ChatCompletionRequestUserMessage": "ChatCompletionUserMessageParam",
    "ChatCompletionRequestMessageContentPartImage": "ChatCompletionContentPartImageParam",
    "ChatCompletionRequestMessageContentPartRefusal": "ChatCompletionContentPartRefusalParam",
    "ChatCompletionRequestMessageContentPartText": "ChatCompletionContentPartTextParam",
    # the input of `responses.create` (`openai.types.responses`)
    "FunctionToolCall": "ResponseFunctionToolCallParam",
    "InputItem": "ResponseInputItemParam",
    "InputAudio": "ResponseInputAudioParam",
    "InputMessageContentList": "ResponseInputMessageContentListParam",
    "OutputMessage": "ResponseOutputMessageParam",
    "Prompt": "ResponsePromptParam",
    # what a Realtime connection sends (`openai.types.realtime`)
    "RealtimeConversationItem": "ConversationItemParam",
    "RealtimeConversationItemMessageSystem": "RealtimeConversationItemSystemMessageParam",
    "RealtimeConversationItemMessageUser": "RealtimeConversationItemUserMessageParam",
    "RealtimeConversationItemMessageAssistant": "RealtimeConversationItemAssistantMessageParam",
    "RealtimeMCPApprovalRequest": "RealtimeMcpApprovalRequestParam",
    "RealtimeMCPApprovalResponse": "RealtimeMcpApprovalResponseParam",
    "RealtimeMCPListTools": "RealtimeMcpListToolsParam",
    "RealtimeMCPProtocolError": "RealtimeMcpProtocolErrorParam",
    "RealtimeMCPToolCall": "RealtimeMcpToolCallParam",
    "RealtimeMCPToolExecutionError": "RealtimeMcpToolExecutionErrorParam",
    "RealtimeMCPHTTPError": "RealtimeMcphttpErrorParam",
    "RealtimeTranscriptionSessionCreateRequestGA": "RealtimeTranscriptionSessionCreateRequestParam",
    "RealtimeSessionCreateRequestGA": "RealtimeSessionCreateRequestParam",
    **ws_events.PARAM_NAMES,
}

# The beta Responses API's `Beta*` schemas: `Beta` + their Responses twins' names
_BETA_NAMES, _BETA_PARAM_NAMES = beta_responses.names(
    {**NAMES, **{s: n for s, (_, n) in GENERATED.items()}}, PARAM_NAMES, official_names()
)
NAMES |= _BETA_NAMES
PARAM_NAMES |= _BETA_PARAM_NAMES
# after the beta names: the beta twins keep the names they have officially
PARAM_NAMES |= input_side.PARAM_NAMES

# Extra public names of a request TypedDict: the spec's session config, officially
# `RealtimeSessionCreateRequestParam` (what `session.update` sends, named in its type errors),
# is also the body of `calls.accept`, officially `CallAcceptParams` (a class of its own there).
PARAM_ALIASES: dict[str, list[str]] = {
    "RealtimeSessionCreateRequestParam": ["CallAcceptParams"],
    # what `realtime.translations.connect()` sends, under its connection's name too
    "RealtimeTranslationClientEventParam": ["ConnectClientEventParam"],
    # the official package's two names of the messages union (the request's schema name too)
    "ChatCompletionMessageParam": ["CreateChatCompletionRequestMessageParam"],
    # the query of `permissions.list`, whose older name (`.retrieve`) the spec keeps
    "PermissionRetrieveParams": ["PermissionListParams"],
}
PARAM_ALIASES |= tables_admin.PARAM_ALIASES
ALIASED_PARAMS = {alias for aliases in PARAM_ALIASES.values() for alias in aliases}

# inline schema (parent class name + "." + property) -> official class name
INLINE_NAMES: dict[str, str] = {
    "ResponseFileSearchToolCall.results": "Result",
    "ActionSearch.sources": "ActionSearchSource",
    "Output.outcome": "OutputOutcome",
    "ResponseUsage.input_tokens_details": "InputTokensDetails",
    "ResponseUsage.output_tokens_details": "OutputTokensDetails",
    "ModerationCreateResponse.results": "Moderation",
    "RealtimeResponse.status_details": "RealtimeResponseStatus",
    "ChatCompletionMessageList.data": "ChatCompletionStoreMessage",
    "Completion.choices": "CompletionChoice",
    "VectorStoreFileContentResponse.data": "FileContentResponse",  # the page's item
    **CHAT_INLINE_NAMES,
    **responses.INLINE_NAMES,
    **input_side.INLINE_NAMES,
}

# Extra public names for a class (the official SDK has one name per operation).
# Official list aliases of a generated class: `ResponseInputParam = list[ResponseInputItemParam]`
# has no schema of its own (the spec's `input` is `str | list[...]`), but code imports it.
LISTS: dict[str, list[str]] = {
    "ResponseInputItemParam": ["ResponseInputParam"],
    "ComputerActionParam": ["ComputerActionListParam"],
    **beta_responses.LISTS,
    **input_side.LISTS,
}

# Official union aliases of a request TypedDict and others: its class name -> {alias: the spec
# schemas of the other members}. `responses.parse(tools=...)` and `.stream(tools=...)` take
# the Chat Completions function tool too (`ParseableToolParam`, officially
# `Union[ToolParam, ChatCompletionFunctionToolParam]`); the alias sits beside its first member.
PARAM_UNIONS: dict[str, dict[str, list[str]]] = {
    "ToolParam": {"ParseableToolParam": ["ChatCompletionTool"]},
}

ALIASES: dict[str, list[str]] = {
    # `actions` (batched) holds the schemas of `action`: the official names of both lists
    "ActionClick": ["Click"],
    "ActionDoubleClick": ["DoubleClick"],
    "ActionDrag": ["Drag"],
    "ActionKeypress": ["Keypress"],
    "ActionMove": ["Move"],
    "ActionScreenshot": ["Screenshot"],
    "ActionScroll": ["Scroll"],
    "ActionType": ["Type"],
    "ActionWait": ["Wait"],
    "ResponseComputerToolCallAction": ["ResponseComputerToolCallActions"],
    "PendingSafetyCheck": ["AcknowledgedSafetyCheck"],
    "ToolCallCaller": ["ResponseFunctionToolCallCaller"],
    "ContainerCreateResponse": ["ContainerRetrieveResponse", "ContainerListResponse"],
    "FileCreateResponse": ["FileRetrieveResponse", "FileListResponse"],
    "EvalCreateResponse": ["EvalRetrieveResponse", "EvalUpdateResponse", "EvalListResponse"],
    "RunCreateResponse": ["RunRetrieveResponse", "RunCancelResponse", "RunListResponse"],
    "OutputItemRetrieveResponse": ["OutputItemListResponse"],
    "VideoCreateCharacterResponse": ["VideoGetCharacterResponse", "VideoCharacterResource"],
    # `permissions.list` pages the objects `permissions.create` answers
    "PermissionCreateResponse": ["PermissionListResponse"],
    "VideoCreateError": ["Error2"],  # its name here before it had the official one
    "FineTuningIntegration": ["FineTuningJobIntegration"],  # the W&B integration, the only one
    # the official names of the fine-tuning methods (`openai.types.fine_tuning`)
    "FineTuneSupervisedMethod": ["SupervisedMethod"],
    "FineTuneSupervisedHyperparameters": ["SupervisedHyperparameters"],
    "FineTuneDPOMethod": ["DpoMethod"],
    "FineTuneDPOHyperparameters": ["DpoHyperparameters"],
    "FineTuneReinforcementMethod": ["ReinforcementMethod"],
    "FineTuneReinforcementHyperparameters": ["ReinforcementHyperparameters"],
    # spec names published before the official ones were mapped (kept for existing imports)
    "TranscriptionTextDeltaEvent": ["TranscriptTextDeltaEvent"],
    "TranscriptionTextDoneEvent": ["TranscriptTextDoneEvent"],
    "TranscriptionTextSegmentEvent": ["TranscriptTextSegmentEvent"],
    **CHAT_ALIASES,
    **input_side.ALIASES,
}
ALIASES |= tables_admin.ALIASES

# Where a request param lives that a create-params module shares only with groups of its
# own API (`responses.create`'s input items, also sent to `responses.input_tokens` and
# `conversations`): there, as officially, rather than in a `shared_params` module of its own.
# Params other groups use stay shared, so no other group loads these modules. (What such a
# param refers to has the same users, so these modules import no group.)
PARAM_HOMES: dict[str, tuple[str, ...]] = {
    "responses.response_create_params": ("responses.", "conversations"),
    "chat.completion_create_params": ("chat.",),
}

# Packages whose `__init__` is generated (gen/exports.py): their names, and the official
# package's, loaded lazily.
PACKAGES: dict[str, str] = {
    "responses": "Typed models of the Responses API (loaded lazily, PEP 562).",
    "chat": "Typed models of the Chat Completions API (loaded lazily, PEP 562).\n\n"
    "`Choice` exists twice, as in the official SDK: import it from `.chat_completion` or\n"
    "`.chat_completion_chunk`.\n",
}

WEBHOOK_UNION = "UnwrapWebhookEvent"
TAG_KEYS = ("type", "event")  # what a tagged union may be discriminated on
SECOND_TAG_KEYS = ("role",)  # what tells apart the members that share a `type`
ANNOTATION_KEYS = {"nullable", "description", "title", "default", "example", "examples"}
ANNOTATION_KEYS |= {"deprecated", "readOnly", "writeOnly", "x-oaiMeta", "x-oaiTypeLabel"}
BUILTIN_SHADOWS = {"object": "builtins.object"}
MODEL_RESERVED = {"schema", "json", "dict", "copy", "validate", "construct", "to_dict", "to_json"}
MODEL_RESERVED |= {"model_config", "model_fields", "model_extra", "fields", "parse_obj"}
