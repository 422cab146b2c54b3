"""The groups added for every endpoint in the spec: skills (+ versions, content), audio
voices and voice consents, content provenance checks."""

from __future__ import annotations

import pytest

from endpoints.helpers import last_request, received_file, received_form
from openai_oxide import AsyncOpenAI, NotFoundError, OpenAI, types
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.audio import Voice, VoiceConsent, VoiceConsentDeleted
from openai_oxide.types.content_provenance_checks import ContentProvenanceCheck
from openai_oxide.types.skills import DeletedSkill, DeletedSkillVersion, Skill, SkillVersion

ZIP = b"PK\x03\x04" + bytes(32)
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32)


async def test_skills_and_versions(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    skill = await client.skills.create(files=("skill.zip", ZIP, "application/zip"))
    assert isinstance(skill, Skill) and skill.id
    assert received_file(fake, "/skills", "files").content == ZIP
    assert (await client.skills.retrieve(skill.id)).id == skill.id
    assert [s.id async for s in client.skills.list(limit=10, order="asc")] == [skill.id]
    assert last_request(fake, "GET", "/skills").query["order"] == "asc"
    updated = await client.skills.update(skill.id, default_version="2")
    assert isinstance(updated, Skill)
    assert last_request(fake, "POST", f"/skills/{skill.id}").json == {"default_version": "2"}
    bundle = await client.skills.content.retrieve(skill.id)
    assert bundle.content
    assert last_request(fake, "GET", f"/skills/{skill.id}/content").headers["accept"] == (
        "application/binary"
    )

    versions = client.skills.versions
    # A directory goes up as repeated `files[]` parts.
    version = await versions.create(
        skill.id,
        default=True,
        files=[("SKILL.md", b"# skill", "text/markdown"), ("run.py", b"print()", "text/x-python")],
    )
    assert isinstance(version, SkillVersion)
    form = received_form(fake, f"/skills/{skill.id}/versions")
    assert [f.filename for f in form["files"]] == ["SKILL.md", "run.py"]
    assert form["default"] == "true"
    got = await versions.retrieve(version.id, skill_id=skill.id)
    assert isinstance(got, SkillVersion)
    listed = [v async for v in versions.list(skill.id, limit=5)]
    assert all(isinstance(v, SkillVersion) for v in listed)
    assert (await versions.content.retrieve(version.id, skill_id=skill.id)).content
    path = f"/skills/{skill.id}/versions/{version.id}"
    assert last_request(fake, "GET", path + "/content").status == 200
    assert isinstance(await versions.delete(version.id, skill_id=skill.id), DeletedSkillVersion)
    assert last_request(fake, "DELETE", path).status == 200

    assert isinstance(await client.skills.delete(skill.id), DeletedSkill)
    with pytest.raises(NotFoundError):
        await client.skills.retrieve(skill.id)


async def test_required_parameters_are_checked_before_sending(client: AsyncOpenAI) -> None:
    with pytest.raises(TypeError, match="skill_id"):
        await client.skills.versions.retrieve("1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="consent"):
        await client.audio.voices.create(name="v", audio_sample=WAV)  # type: ignore[call-arg]


async def test_voices_and_consents(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    consents = client.audio.voice_consents
    consent = await consents.create(
        language="en-US", name="Ada", recording=("consent.wav", WAV, "audio/wav")
    )
    assert isinstance(consent, VoiceConsent)
    form = received_form(fake, "/audio/voice_consents")
    assert form["language"] == "en-US" and form["recording"].content == WAV
    assert (await consents.retrieve(consent.id)).id == consent.id
    assert [c.id async for c in consents.list(limit=2)] == [consent.id]
    renamed = await consents.update(consent.id, name="Ada L.")
    assert isinstance(renamed, VoiceConsent)
    assert last_request(fake, "POST", f"/audio/voice_consents/{consent.id}").json == {
        "name": "Ada L."
    }

    voice = await client.audio.voices.create(
        name="Ada", consent=consent.id, audio_sample=("sample.wav", WAV, "audio/wav")
    )
    assert isinstance(voice, Voice)
    form = received_form(fake, "/audio/voices")
    assert form["consent"] == consent.id and form["audio_sample"].filename == "sample.wav"

    assert isinstance(await consents.delete(consent.id), VoiceConsentDeleted)
    with pytest.raises(NotFoundError):
        await consents.retrieve(consent.id)


async def test_content_provenance_check(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    check = await client.content_provenance_checks.create(
        file=("image.png", b"\x89PNG\r\n\x1a\n", "image/png")
    )
    assert isinstance(check, ContentProvenanceCheck)
    assert received_file(fake, "/content_provenance_checks").content == b"\x89PNG\r\n\x1a\n"


def test_official_top_level_type_names() -> None:
    assert types.Skill is Skill and types.DeletedSkill is DeletedSkill
    assert types.ContentProvenanceCheck is ContentProvenanceCheck


def test_sync_client_reaches_the_new_groups(fake: FakeOpenAI) -> None:
    with OpenAI(api_key="sk-test", base_url=fake.url, max_retries=0) as client:
        skill = client.skills.create(files=("skill.zip", ZIP, "application/zip"))
        assert isinstance(skill, Skill)
        assert client.skills.content.retrieve(skill.id).content
        check = client.content_provenance_checks.create(file=("a.png", b"\x89PNG", "image/png"))
        assert isinstance(check, ContentProvenanceCheck)
