"""`realtime.calls.create` (a WebRTC SDP offer in, the SDP answer out) and
`realtime.translations.client_secrets.create`."""

from __future__ import annotations

from endpoints.helpers import last_request, received_form
from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.realtime import RealtimeTranslationClientSecretCreateResponse

OFFER = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"


async def test_create_call_sends_the_offer_and_returns_the_answer(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    answer = await client.realtime.calls.create(
        sdp=OFFER, session={"type": "realtime", "model": "gpt-realtime"}
    )
    assert answer.content  # the SDP answer, as bytes
    entry = last_request(fake, "POST", "/realtime/calls")
    assert entry.completed
    assert entry.headers["accept"] == "application/sdp"
    form = received_form(fake, "/realtime/calls")
    assert form == {"sdp": OFFER, "session": {"type": "realtime", "model": "gpt-realtime"}}


async def test_translation_client_secret(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    secret = await client.realtime.translations.client_secrets.create(
        session={"model": "gpt-realtime-translate"},
        expires_after={"anchor": "created_at", "seconds": 600},
    )
    assert isinstance(secret, RealtimeTranslationClientSecretCreateResponse)
    sent = last_request(fake, "POST", "/realtime/translations/client_secrets").json
    assert sent == {
        "session": {"model": "gpt-realtime-translate"},
        "expires_after": {"anchor": "created_at", "seconds": 600},
    }
