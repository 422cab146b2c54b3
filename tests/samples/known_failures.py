"""The spec's Python samples that neither SDK can run against the fake, and why.

sample id -> (a fragment of the official SDK's error, the reason). Each one is a sample
that is wrong for the official `openai` package itself (its signature or its pages), or
that the API would refuse; the fake answers everything else. `test_samples.py` fails when
a listed sample starts running for either SDK (the entry is stale), fails differently
for the official SDK, or leaves the spec.
"""

from __future__ import annotations

_PAGE_INDEX = (
    "indexes the page (`completions[0].id`); a cursor page is not subscriptable in the "
    "official SDK (it is iterated, or read through `.data`)"
)
_POSITIONAL = (
    "passes the parent ids positionally; the official signature takes only the last id "
    "positionally and the others as keywords"
)

KNOWN_FAILURES: dict[str, tuple[str, str]] = {
    "getChatCompletion": ("is not subscriptable", _PAGE_INDEX),
    "updateChatCompletion": ("is not subscriptable", _PAGE_INDEX),
    "deleteChatCompletion": ("is not subscriptable", _PAGE_INDEX),
    "getChatCompletionMessages": ("is not subscriptable", _PAGE_INDEX),
    "getConversationItem": ("positional argument", _POSITIONAL),
    "deleteConversationItem": ("positional argument", _POSITIONAL),
    "getEvalRun": ("positional argument", _POSITIONAL),
    "cancelEvalRun": ("positional argument", _POSITIONAL),
    "deleteEvalRun": ("positional argument", _POSITIONAL),
    "getEvalRunOutputItems": ("positional argument", _POSITIONAL),
    "getEvalRunOutputItem": ("positional argument", _POSITIONAL),
    "cancelVectorStoreFileBatch": (
        "unexpected keyword argument 'file_batch_id'",
        "passes `file_batch_id=`; the official parameter is `batch_id`",
    ),
    "createVectorStoreFileBatch": (
        "missing required parameter 'static'",
        "sends a static chunking strategy's sizes flat; the spec (and so the fake, with a "
        "400) wants them under `static`: {'type': 'static', 'static': {...}}",
    ),
    "DeleteThreadMethod": (
        "no attribute 'chat_kit'",
        "calls `client.beta.chat_kit`; the official group is `client.beta.chatkit`",
    ),
}
