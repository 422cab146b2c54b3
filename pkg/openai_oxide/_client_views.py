"""`client.with_raw_response` and `client.with_streaming_response`: each endpoint group
through its own view of the same kind (`client.with_raw_response.chat` is
`client.chat.with_raw_response`), and the custom requests (`get`, `post`, `patch`, `put`,
`delete`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._resource import (
    AsyncResponseView,
    GroupView,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
)

if TYPE_CHECKING:
    from ._custom_requests import CustomRequests
    from .resources.admin import AsyncAdminWithRawResponse, AsyncAdminWithStreamingResponse
    from .resources.audio import AsyncAudioWithRawResponse, AsyncAudioWithStreamingResponse
    from .resources.batches import AsyncBatchesWithRawResponse, AsyncBatchesWithStreamingResponse
    from .resources.beta import AsyncBetaWithRawResponse, AsyncBetaWithStreamingResponse
    from .resources.chat import AsyncChatWithRawResponse, AsyncChatWithStreamingResponse
    from .resources.completions import (
        AsyncCompletionsWithRawResponse,
        AsyncCompletionsWithStreamingResponse,
    )
    from .resources.containers import (
        AsyncContainersWithRawResponse,
        AsyncContainersWithStreamingResponse,
    )
    from .resources.content_provenance_checks import (
        AsyncContentProvenanceChecksWithRawResponse,
        AsyncContentProvenanceChecksWithStreamingResponse,
    )
    from .resources.conversations import (
        AsyncConversationsWithRawResponse,
        AsyncConversationsWithStreamingResponse,
    )
    from .resources.embeddings import (
        AsyncEmbeddingsWithRawResponse,
        AsyncEmbeddingsWithStreamingResponse,
    )
    from .resources.evals import AsyncEvalsWithRawResponse, AsyncEvalsWithStreamingResponse
    from .resources.files import AsyncFilesWithRawResponse, AsyncFilesWithStreamingResponse
    from .resources.fine_tuning import (
        AsyncFineTuningWithRawResponse,
        AsyncFineTuningWithStreamingResponse,
    )
    from .resources.images import AsyncImagesWithRawResponse, AsyncImagesWithStreamingResponse
    from .resources.models import AsyncModelsWithRawResponse, AsyncModelsWithStreamingResponse
    from .resources.moderations import (
        AsyncModerationsWithRawResponse,
        AsyncModerationsWithStreamingResponse,
    )
    from .resources.realtime import AsyncRealtimeWithRawResponse, AsyncRealtimeWithStreamingResponse
    from .resources.responses import (
        AsyncResponsesWithRawResponse,
        AsyncResponsesWithStreamingResponse,
    )
    from .resources.skills import AsyncSkillsWithRawResponse, AsyncSkillsWithStreamingResponse
    from .resources.uploads import AsyncUploadsWithRawResponse, AsyncUploadsWithStreamingResponse
    from .resources.vector_stores import (
        AsyncVectorStoresWithRawResponse,
        AsyncVectorStoresWithStreamingResponse,
    )
    from .resources.videos import AsyncVideosWithRawResponse, AsyncVideosWithStreamingResponse
    from .resources.webhooks import AsyncWebhooksWithRawResponse, AsyncWebhooksWithStreamingResponse

__all__ = ["AsyncOpenAIWithRawResponse", "AsyncOpenAIWithStreamingResponse"]


_RAW = "with_raw_response"
_STREAMING = "with_streaming_response"


class AsyncOpenAIWithRawResponse(AsyncResponseView):
    """The client's groups and escape hatches, returning the answer with its body read."""

    def __init__(self, client: CustomRequests) -> None:
        super().__init__(client)
        self.get = async_to_raw_response_wrapper(client.get)
        self.post = async_to_raw_response_wrapper(client.post)
        self.patch = async_to_raw_response_wrapper(client.patch)
        self.put = async_to_raw_response_wrapper(client.put)
        self.delete = async_to_raw_response_wrapper(client.delete)

    responses: GroupView[AsyncResponsesWithRawResponse] = GroupView(_RAW)
    chat: GroupView[AsyncChatWithRawResponse] = GroupView(_RAW)
    models: GroupView[AsyncModelsWithRawResponse] = GroupView(_RAW)
    completions: GroupView[AsyncCompletionsWithRawResponse] = GroupView(_RAW)
    embeddings: GroupView[AsyncEmbeddingsWithRawResponse] = GroupView(_RAW)
    images: GroupView[AsyncImagesWithRawResponse] = GroupView(_RAW)
    audio: GroupView[AsyncAudioWithRawResponse] = GroupView(_RAW)
    files: GroupView[AsyncFilesWithRawResponse] = GroupView(_RAW)
    uploads: GroupView[AsyncUploadsWithRawResponse] = GroupView(_RAW)
    batches: GroupView[AsyncBatchesWithRawResponse] = GroupView(_RAW)
    fine_tuning: GroupView[AsyncFineTuningWithRawResponse] = GroupView(_RAW)
    moderations: GroupView[AsyncModerationsWithRawResponse] = GroupView(_RAW)
    vector_stores: GroupView[AsyncVectorStoresWithRawResponse] = GroupView(_RAW)
    beta: GroupView[AsyncBetaWithRawResponse] = GroupView(_RAW)
    realtime: GroupView[AsyncRealtimeWithRawResponse] = GroupView(_RAW)
    videos: GroupView[AsyncVideosWithRawResponse] = GroupView(_RAW)
    containers: GroupView[AsyncContainersWithRawResponse] = GroupView(_RAW)
    evals: GroupView[AsyncEvalsWithRawResponse] = GroupView(_RAW)
    conversations: GroupView[AsyncConversationsWithRawResponse] = GroupView(_RAW)
    webhooks: GroupView[AsyncWebhooksWithRawResponse] = GroupView(_RAW)
    skills: GroupView[AsyncSkillsWithRawResponse] = GroupView(_RAW)
    content_provenance_checks: GroupView[AsyncContentProvenanceChecksWithRawResponse] = GroupView(
        _RAW
    )
    admin: GroupView[AsyncAdminWithRawResponse] = GroupView(_RAW)


class AsyncOpenAIWithStreamingResponse(AsyncResponseView):
    """The client's groups and escape hatches, returning the body read on demand."""

    def __init__(self, client: CustomRequests) -> None:
        super().__init__(client)
        self.get = async_to_streamed_response_wrapper(client.get)
        self.post = async_to_streamed_response_wrapper(client.post)
        self.patch = async_to_streamed_response_wrapper(client.patch)
        self.put = async_to_streamed_response_wrapper(client.put)
        self.delete = async_to_streamed_response_wrapper(client.delete)

    responses: GroupView[AsyncResponsesWithStreamingResponse] = GroupView(_STREAMING)
    chat: GroupView[AsyncChatWithStreamingResponse] = GroupView(_STREAMING)
    models: GroupView[AsyncModelsWithStreamingResponse] = GroupView(_STREAMING)
    completions: GroupView[AsyncCompletionsWithStreamingResponse] = GroupView(_STREAMING)
    embeddings: GroupView[AsyncEmbeddingsWithStreamingResponse] = GroupView(_STREAMING)
    images: GroupView[AsyncImagesWithStreamingResponse] = GroupView(_STREAMING)
    audio: GroupView[AsyncAudioWithStreamingResponse] = GroupView(_STREAMING)
    files: GroupView[AsyncFilesWithStreamingResponse] = GroupView(_STREAMING)
    uploads: GroupView[AsyncUploadsWithStreamingResponse] = GroupView(_STREAMING)
    batches: GroupView[AsyncBatchesWithStreamingResponse] = GroupView(_STREAMING)
    fine_tuning: GroupView[AsyncFineTuningWithStreamingResponse] = GroupView(_STREAMING)
    moderations: GroupView[AsyncModerationsWithStreamingResponse] = GroupView(_STREAMING)
    vector_stores: GroupView[AsyncVectorStoresWithStreamingResponse] = GroupView(_STREAMING)
    beta: GroupView[AsyncBetaWithStreamingResponse] = GroupView(_STREAMING)
    realtime: GroupView[AsyncRealtimeWithStreamingResponse] = GroupView(_STREAMING)
    videos: GroupView[AsyncVideosWithStreamingResponse] = GroupView(_STREAMING)
    containers: GroupView[AsyncContainersWithStreamingResponse] = GroupView(_STREAMING)
    evals: GroupView[AsyncEvalsWithStreamingResponse] = GroupView(_STREAMING)
    conversations: GroupView[AsyncConversationsWithStreamingResponse] = GroupView(_STREAMING)
    webhooks: GroupView[AsyncWebhooksWithStreamingResponse] = GroupView(_STREAMING)
    skills: GroupView[AsyncSkillsWithStreamingResponse] = GroupView(_STREAMING)
    content_provenance_checks: GroupView[AsyncContentProvenanceChecksWithStreamingResponse] = (
        GroupView(_STREAMING)
    )
    admin: GroupView[AsyncAdminWithStreamingResponse] = GroupView(_STREAMING)
