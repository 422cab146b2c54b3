"""The groups and shapes the spec's samples found missing: legacy completions, ChatKit,
transcriptions typed by `response_format`, the official fine-tuning and grader names."""

from __future__ import annotations

import pytest

from endpoints.helpers import last_request, received_file
from openai_oxide import AsyncOpenAI, NotFoundError
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.audio import (
    Transcription,
    TranscriptionDiarized,
    TranscriptionVerbose,
    Translation,
    TranslationVerbose,
)
from openai_oxide.types.beta.chatkit import ChatKitThread, ChatSession, ThreadDeleteResponse
from openai_oxide.types.completions import Completion


async def test_completions(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    done = await client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="Say this is a test", max_tokens=7
    )
    assert isinstance(done, Completion) and done.object == "text_completion"
    sent = last_request(fake, "POST", "/completions").json
    assert sent == {
        "model": "gpt-3.5-turbo-instruct",
        "prompt": "Say this is a test",
        "max_tokens": 7,
    }
    stream = await client.completions.create(model="m", prompt="p", stream=True)
    chunks = [chunk async for chunk in stream]
    assert len(chunks) == 1 and isinstance(chunks[0], Completion) and chunks[0].choices
    assert last_request(fake, "POST", "/completions").json["stream"] is True
    import openai_oxide.types

    assert openai_oxide.types.Completion is Completion  # the official top-level name


async def test_chatkit(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    chatkit = client.beta.chatkit
    session = await chatkit.sessions.create(user="user", workflow={"id": "wf_1"})
    assert isinstance(session, ChatSession)
    entry = last_request(fake, "POST", "/chatkit/sessions")
    assert entry.json == {"user": "user", "workflow": {"id": "wf_1"}}
    assert entry.headers["openai-beta"] == "chatkit_beta=v1"
    cancelled = await chatkit.sessions.cancel(session.id)
    assert cancelled.id == session.id and cancelled.status == "cancelled"
    threads = [t async for t in chatkit.threads.list(limit=2, order="asc", user="user")]
    # three threads on the fake, two a page: the second page follows the first's last id
    assert len(threads) == 3 and all(isinstance(t, ChatKitThread) for t in threads)
    pages = [e.query for e in fake.journal if e.path == "/v1/chatkit/threads"]
    assert pages == [
        {"limit": "2", "order": "asc", "user": "user"},
        {"limit": "2", "order": "asc", "user": "user", "after": threads[1].id},
    ]
    thread_id = threads[0].id
    assert (await chatkit.threads.retrieve(thread_id)).id == thread_id
    items = [i async for i in chatkit.threads.list_items(thread_id, limit=1)]
    assert items and items[0].type
    deleted = await chatkit.threads.delete(thread_id)
    assert isinstance(deleted, ThreadDeleteResponse) and deleted.deleted
    with pytest.raises(NotFoundError):  # the fake's default: an id it never issued is unknown
        await chatkit.sessions.cancel("cksess_unknown")


@pytest.mark.parametrize(
    ("response_format", "expected"),
    [
        (None, Transcription),
        ("json", Transcription),
        ("verbose_json", TranscriptionVerbose),
        ("diarized_json", TranscriptionDiarized),
    ],
)
async def test_transcription_typed_by_response_format(
    fake: FakeOpenAI, client: AsyncOpenAI, response_format: str | None, expected: type
) -> None:
    kwargs = {} if response_format is None else {"response_format": response_format}
    result = await client.audio.transcriptions.create(
        file=("speech.mp3", b"ID3"), model="whisper-1", **kwargs
    )
    assert type(result) is expected
    # The fake answers the schema the format names (a verbose one has a language).
    assert (getattr(result, "language", None) is not None) == (expected is TranscriptionVerbose)
    assert received_file(fake, "/audio/transcriptions").content_type == "audio/mpeg"


async def test_translation_typed_by_response_format(client: AsyncOpenAI) -> None:
    plain = await client.audio.translations.create(file=("a.wav", b"RIFF"), model="whisper-1")
    verbose = await client.audio.translations.create(
        file=("a.wav", b"RIFF"), model="whisper-1", response_format="verbose_json"
    )
    assert type(plain) is Translation and type(verbose) is TranslationVerbose


async def test_fine_tuning_methods_under_their_official_names(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide.types.fine_tuning import (
        DpoHyperparameters,
        DpoMethod,
        FineTuneReinforcementMethod,
        ReinforcementHyperparameters,
        ReinforcementMethod,
        SupervisedHyperparameters,
        SupervisedMethod,
    )
    from openai_oxide.types.graders import StringCheckGrader

    assert ReinforcementMethod is FineTuneReinforcementMethod
    grader = StringCheckGrader(
        name="g", type="string_check", input="{{item.label}}", operation="eq", reference="x"
    )
    method = ReinforcementMethod(
        grader=grader, hyperparameters=ReinforcementHyperparameters(reasoning_effort="medium")
    )
    await client.fine_tuning.jobs.create(
        training_file="file-abc",
        model="o4-mini",
        method={"type": "reinforcement", "reinforcement": method},
    )
    sent = last_request(fake, "POST", "/fine_tuning/jobs").json["method"]["reinforcement"]
    assert sent == {
        "grader": {
            "name": "g",
            "type": "string_check",
            "input": "{{item.label}}",
            "operation": "eq",
            "reference": "x",
        },
        "hyperparameters": {"reasoning_effort": "medium"},
    }
    supervised = SupervisedMethod(hyperparameters=SupervisedHyperparameters(n_epochs=2))
    dpo = DpoMethod(hyperparameters=DpoHyperparameters(beta=0.1))
    assert supervised.model_dump(exclude_unset=True) == {"hyperparameters": {"n_epochs": 2}}
    assert dpo.model_dump(exclude_unset=True) == {"hyperparameters": {"beta": 0.1}}
