"""The admin API (`client.admin.organization...`): the same calls as the official client (request
line, admin key, body) to one recording server; its answers parsed into the classes at the
official paths, across pages; the admin key (`admin_api_key`, `OPENAI_ADMIN_KEY`) sent in place
of the API key, and never shown."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import openai
import pytest

import openai_oxide
from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, OpenAI
from openai_oxide._core.http import Request
from openai_oxide._pagination import AsyncConversationCursorPage
from recording_server import Recorded, recording_server
from support import API_KEY

ADMIN_KEY = "sk-admin-test-0123456789"

# One call of each shape: a cursor list with array filters, a create and a delete of a
# project API key, usage with a required time and array filters, an audit log list with a
# bracketed object filter, a POST that answers a page, and a plain retrieve.
CALLS: dict[str, Callable[[Any], object]] = {
    "list users": lambda c: c.admin.organization.users.list(limit=2, emails=["a@example.com"]),
    "create a service account key": lambda c: (
        c.admin.organization.projects.service_accounts.api_keys.create(
            "svc_1", project_id="proj_1", name="ci"
        )
    ),
    "delete a project API key": lambda c: c.admin.organization.projects.api_keys.delete(
        "key_1", project_id="proj_1"
    ),
    "completions usage": lambda c: c.admin.organization.usage.completions(
        start_time=1_700_000_000,
        bucket_width="1d",
        group_by=["model", "project_id"],
        models=["gpt-4o"],
        limit=3,
    ),
    "audit logs": lambda c: c.admin.organization.audit_logs.list(
        event_types=["project.created"],
        effective_at={"gte": 1_700_000_000},
        limit=5,
    ),
    "activate certificates": lambda c: c.admin.organization.certificates.activate(
        certificate_ids=["cert_1"]
    ),
    "project spend limit": lambda c: c.admin.organization.projects.spend_limit.retrieve("proj_1"),
    "group role": lambda c: c.admin.organization.projects.groups.roles.create(
        "grp_1", project_id="proj_1", role_id="role_1"
    ),
}


@pytest.fixture
def origin() -> Iterator[tuple[str, list[Recorded]]]:
    with recording_server() as found:
        yield found


def sent(journal: list[Recorded]) -> list[tuple[str, str, list[tuple[str, str]], str | None, Any]]:
    """Each request's method, path, query (its order aside: the official follows its
    signature's order, we the spec's), admin key and body."""
    out = []
    for r in journal:
        target = urlsplit(r.target)
        query = sorted(parse_qsl(target.query, keep_blank_values=True))
        body = json.loads(r.body or b"null")
        out.append((r.method, target.path, query, r.headers.get("authorization"), body))
    return out


@pytest.mark.parametrize("call", list(CALLS))
def test_requests_match_the_official_client(call: str, origin: tuple[str, list[Recorded]]) -> None:
    url, journal = origin
    official = openai.OpenAI(
        api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=f"{url}/v1", max_retries=0
    )
    with pytest.raises(openai.BadRequestError):
        CALLS[call](official)
    theirs = sent(journal)
    journal.clear()
    ours = OpenAI(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=f"{url}/v1", max_retries=0)
    with pytest.raises(openai_oxide.BadRequestError):
        CALLS[call](ours)
    assert sent(journal) == theirs
    assert theirs[0][3] == f"Bearer {ADMIN_KEY}"  # the admin key, not the API key


async def test_async_client_sends_the_same(origin: tuple[str, list[Recorded]]) -> None:
    url, journal = origin
    official = openai.OpenAI(admin_api_key=ADMIN_KEY, base_url=f"{url}/v1", max_retries=0)
    for call in CALLS.values():
        with pytest.raises(openai.BadRequestError):
            call(official)
    theirs = sent(journal)
    journal.clear()
    async with AsyncOpenAI(admin_api_key=ADMIN_KEY, base_url=f"{url}/v1", max_retries=0) as c:
        for call in CALLS.values():
            with pytest.raises(openai_oxide.BadRequestError):
                await call(c)  # type: ignore[misc]
    assert sent(journal) == theirs


USER = {
    "object": "organization.user",
    "name": "Ada",
    "email": "ada@example.com",
    "role": "owner",
    "added_at": 1_700_000_000,
}
# The users' pages by the `after` asked for (a conversation cursor page: `last_id`).
USER_PAGES: dict[str | None, dict[str, Any]] = {
    None: {
        "object": "list",
        "data": [{**USER, "id": "user_a"}],
        "first_id": "user_a",
        "last_id": "user_a",
        "has_more": True,
    },
    "user_a": {
        "object": "list",
        "data": [{**USER, "id": "user_b", "role": "reader", "new_field": 1}],
        "first_id": "user_b",
        "last_id": "user_b",
        "has_more": False,
    },
}


def admin_server(seen: list[Request]) -> MockTransport:
    def handler(request: Request) -> MockResponse:
        seen.append(request)
        parts = urlsplit(request.url)
        if parts.path == "/v1/organization/users":
            return MockResponse.json(USER_PAGES[parse_qs(parts.query).get("after", [None])[0]])
        if parts.path.endswith("/service_accounts/svc_1/api_keys"):
            return MockResponse.json(
                {
                    "object": "organization.project.service_account.api_key",
                    "id": "key_new",
                    "name": "ci",
                    "value": "sk-svcacct-secret",
                    "created_at": 1_700_000_000,
                }
            )
        if parts.path == "/v1/organization/projects/proj_1/api_keys/key_1":
            body = {"object": "organization.project.api_key.deleted", "id": "key_1"}
            return MockResponse.json({**body, "deleted": True})
        if parts.path == "/v1/organization/usage/completions":
            return MockResponse.json(USAGE)
        if parts.path == "/v1/organization/audit_logs":
            return MockResponse.json(AUDIT_LOGS)
        return MockResponse.json({"error": {"message": "no such path"}}, status=404)

    return MockTransport(handler)


USAGE = {
    "object": "page",
    "data": [
        {
            "object": "bucket",
            "start_time": 1_700_000_000,
            "end_time": 1_700_086_400,
            "results": [
                {
                    "object": "organization.usage.completions.result",
                    "input_tokens": 10,
                    "output_tokens": 20,
                    "num_model_requests": 2,
                    "model": "gpt-4o",
                }
            ],
        }
    ],
    "has_more": False,
    "next_page": None,
}
AUDIT_LOGS = {
    "object": "list",
    "data": [
        {
            "id": "audit_1",
            "type": "project.created",
            "effective_at": 1_700_000_000,
            "actor": {"type": "session", "session": {"ip_address": "127.0.0.1"}},
            "project.created": {"id": "proj_1", "data": {"name": "Ops", "title": "Ops"}},
        }
    ],
    "first_id": "audit_1",
    "last_id": "audit_1",
    "has_more": False,
}


async def test_users_list_pages_into_the_official_class() -> None:
    from openai_oxide.types.admin.organization.organization_user import OrganizationUser
    from openai_oxide.types.admin.organization.user_list_params import UserListParams

    seen: list[Request] = []
    async with AsyncOpenAI(admin_api_key=ADMIN_KEY, transport=admin_server(seen)) as client:
        first = await client.admin.organization.users.list(limit=1)
        assert type(first) is AsyncConversationCursorPage
        users = [u async for u in client.admin.organization.users.list(limit=1)]
    assert [u.id for u in users] == ["user_a", "user_b"]
    assert all(type(u) is OrganizationUser for u in users)
    assert users[1].role == "reader" and users[1].model_extra == {"new_field": 1}
    assert [urlsplit(r.url).query for r in seen] == ["limit=1", "limit=1", "limit=1&after=user_a"]
    assert {r.headers["authorization"] for r in seen} == {f"Bearer {ADMIN_KEY}"}
    params: UserListParams = {"limit": 1, "emails": ["ada@example.com"]}
    assert set(params) <= set(UserListParams.__annotations__)


def test_project_api_key_create_and_delete_sync() -> None:
    from openai_oxide.types.admin.organization.projects.api_key_delete_response import (
        APIKeyDeleteResponse,
    )
    from openai_oxide.types.admin.organization.projects.service_accounts.api_key_create_response import (  # noqa: E501
        APIKeyCreateResponse,
    )

    seen: list[Request] = []
    with OpenAI(api_key=API_KEY, admin_api_key=ADMIN_KEY, transport=admin_server(seen)) as c:
        projects = c.admin.organization.projects
        key = projects.service_accounts.api_keys.create("svc_1", project_id="proj_1", name="ci")
        raw = projects.api_keys.with_raw_response.delete("key_1", project_id="proj_1")
    assert type(key) is APIKeyCreateResponse and key.value == "sk-svcacct-secret"
    deleted = raw.parse()
    assert type(deleted) is APIKeyDeleteResponse and deleted.deleted is True
    assert raw.http_request.method == "DELETE"
    assert [(r.method, urlsplit(r.url).path) for r in seen] == [
        ("POST", "/v1/organization/projects/proj_1/service_accounts/svc_1/api_keys"),
        ("DELETE", "/v1/organization/projects/proj_1/api_keys/key_1"),
    ]
    assert json.loads(seen[0].body or b"") == {"name": "ci"}
    assert all(r.headers["authorization"] == f"Bearer {ADMIN_KEY}" for r in seen)


async def test_usage_and_audit_logs_parse() -> None:
    from openai_oxide.types.admin.organization import UsageResponse
    from openai_oxide.types.admin.organization.audit_log_list_response import (
        AuditLogListResponse,
    )
    from openai_oxide.types.admin.organization.usage_completions_response import (
        UsageCompletionsResponse,
    )

    seen: list[Request] = []
    async with AsyncOpenAI(admin_api_key=ADMIN_KEY, transport=admin_server(seen)) as client:
        usage = await client.admin.organization.usage.completions(
            start_time=1_700_000_000, bucket_width="1d", group_by=["model"]
        )
        logs = [log async for log in client.admin.organization.audit_logs.list(limit=5)]
    # one class for every usage endpoint's answer, under each official name
    assert type(usage) is UsageResponse and UsageCompletionsResponse is UsageResponse
    result = usage.data[0].results[0]
    assert result.model_dump()["input_tokens"] == 10 and result.model_dump()["model"] == "gpt-4o"
    assert parse_qs(urlsplit(seen[0].url).query) == {
        "start_time": ["1700000000"],
        "bucket_width": ["1d"],
        "group_by[]": ["model"],
    }
    assert [log.id for log in logs] == ["audit_1"] and logs[0].type == "project.created"
    assert type(logs[0]) is AuditLogListResponse


async def test_admin_calls_need_the_admin_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API key is no admin key: without one, an admin call raises before sending (as
    the official client does); the environment's `OPENAI_ADMIN_KEY` is one."""
    monkeypatch.delenv("OPENAI_ADMIN_KEY", raising=False)
    seen: list[Request] = []
    async with AsyncOpenAI(api_key=API_KEY, transport=admin_server(seen)) as client:
        with pytest.raises(TypeError, match="admin_api_key"):
            await client.admin.organization.users.list()
        # a caller's own Authorization header is used as given
        await client.admin.organization.users.list(extra_headers={"Authorization": "Bearer x"})
    assert seen[0].headers["authorization"] == "Bearer x"
    monkeypatch.setenv("OPENAI_ADMIN_KEY", ADMIN_KEY)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    async with AsyncOpenAI(transport=admin_server(seen)) as client:
        assert client.admin_api_key == ADMIN_KEY and client.api_key == ""
        await client.admin.organization.users.list()
        copy = client.with_options(admin_api_key="sk-admin-other")
        await copy.admin.organization.users.list()
    assert [r.headers["authorization"] for r in seen[1:]] == [
        f"Bearer {ADMIN_KEY}",
        "Bearer sk-admin-other",
    ]


def test_module_client_takes_the_admin_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openai_oxide, "admin_api_key", ADMIN_KEY)
    monkeypatch.setattr(openai_oxide, "api_key", None)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    from openai_oxide._module_client import module_client

    assert module_client().admin_api_key == ADMIN_KEY
    assert type(openai_oxide.admin.organization).__name__ == "Organization"


def test_admin_key_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def fail(request: Request) -> MockResponse:
        return MockResponse.json({"error": {"message": "nope"}}, status=400)

    client = OpenAI(admin_api_key=ADMIN_KEY, transport=MockTransport(fail), max_retries=0)
    with pytest.raises(openai_oxide.BadRequestError) as info:
        client.admin.organization.users.list()
    said = f"{client!r} {client.admin.organization!r} {info.value!r} {info.value} {caplog.text}"
    assert ADMIN_KEY not in said


# A usage page with one result of each kind the official classes are named for: the
# embeddings and moderations results have the same fields (their `object` tags tell them
# apart), and a cost carries its amount and unit.
MIXED_USAGE = {
    "object": "page",
    "data": [
        {
            "object": "bucket",
            "start_time": 1_700_000_000,
            "end_time": 1_700_086_400,
            "results": [
                {
                    "object": "organization.usage.completions.result",
                    "input_tokens": 10,
                    "output_tokens": 20,
                    "num_model_requests": 2,
                    "input_cache_write_30m_tokens": 4,  # not in the spec: kept
                },
                {
                    "object": "organization.usage.embeddings.result",
                    "input_tokens": 7,
                    "num_model_requests": 1,
                },
                {
                    "object": "organization.usage.moderations.result",
                    "input_tokens": 3,
                    "num_model_requests": 1,
                },
                {
                    "object": "organization.usage.web_searches.result",
                    "num_requests": 5,
                    "num_model_requests": 5,
                    "context_level": "medium",
                },
                {
                    "object": "organization.costs.result",
                    "amount": {"value": 0.25, "currency": "usd"},
                    "line_item": "gpt-4o, input",
                    "quantity": 1.5,
                    "quantity_unit": "1000_tokens",
                },
            ],
        }
    ],
    "has_more": False,
    "next_page": None,
}


async def test_usage_results_are_the_classes_of_their_official_paths() -> None:
    """Every kind of result, in the answer of any usage endpoint, is the class its official
    path names: the one the official package parses the same payload into."""
    from openai.types.admin.organization import usage_costs_response as official

    from openai_oxide.types.admin.organization import (
        CostsResult,
        CostsResultAmount,
        UsageEmbeddingsResult,
        UsageModerationsResult,
        usage_costs_response,
        usage_embeddings_response,
    )
    from openai_oxide.types.admin.organization.cost_quantity_unit import CostQuantityUnit

    def answer(request: Request) -> MockResponse:
        return MockResponse.json(MIXED_USAGE)

    async with AsyncOpenAI(admin_api_key=ADMIN_KEY, transport=MockTransport(answer)) as client:
        usage = await client.admin.organization.usage.costs(start_time=1_700_000_000)
    ours = usage.data[0].results
    theirs = official.UsageCostsResponse.model_validate(MIXED_USAGE).data[0].results
    assert [type(r) for r in ours] == [
        getattr(usage_costs_response, type(r).__name__) for r in theirs
    ]
    assert [r.model_dump(exclude_none=True) for r in ours] == [
        r.model_dump(exclude_none=True) for r in theirs
    ]
    # the same classes under each usage answer's module, and the cost's amount and unit
    assert usage_embeddings_response.DataResultOrganizationUsageEmbeddingsResult is (
        UsageEmbeddingsResult
    )
    assert usage_costs_response.DataResultOrganizationUsageModerationsResult is (
        UsageModerationsResult
    )
    cost = ours[-1]
    assert isinstance(cost, CostsResult) and type(cost.amount) is CostsResultAmount
    assert usage_costs_response.DataResultOrganizationCostsResultAmount is CostsResultAmount
    assert cost.quantity_unit in CostQuantityUnit.__args__  # type: ignore[attr-defined]


async def test_a_users_role_assignment_is_the_official_role_create_response() -> None:
    """`users.roles.create` (organization or project level) answers a user's role
    assignment: `RoleCreateResponse` at the official paths of `users`, not the group's."""
    from openai_oxide.types.admin.organization.groups import RoleCreateResponse as GroupRole
    from openai_oxide.types.admin.organization.groups import UserRoleAssignment
    from openai_oxide.types.admin.organization.projects.users import (
        role_create_response as project_path,
    )
    from openai_oxide.types.admin.organization.users import RoleCreateResponse
    from openai_oxide.types.admin.organization.users import role_create_response as org_path

    role = {"object": "role", "id": "role_1", "name": "Reader", "permissions": ["read"]}
    role |= {"resource_type": "api.organization", "predefined_role": True}
    role |= {"description": None}
    user = {"object": "organization.user", "id": "user_1", "name": "Ada"}
    user |= {"email": "ada@example.com", "role": "reader", "added_at": 1_700_000_000}
    seen: list[Request] = []

    def answer(request: Request) -> MockResponse:
        seen.append(request)
        return MockResponse.json({"object": "user.role", "user": user, "role": role})

    async with AsyncOpenAI(admin_api_key=ADMIN_KEY, transport=MockTransport(answer)) as client:
        org = await client.admin.organization.users.roles.create("user_1", role_id="role_1")
        project = await client.admin.organization.projects.users.roles.create(
            "user_1", project_id="proj_1", role_id="role_1"
        )
    assert type(org) is RoleCreateResponse is org_path.RoleCreateResponse is UserRoleAssignment
    assert type(project) is project_path.RoleCreateResponse and RoleCreateResponse is not GroupRole
    assert org.user.id == "user_1" and project.role.name == "Reader"
    assert [urlsplit(r.url).path for r in seen] == [
        "/v1/organization/users/user_1/roles",
        "/v1/projects/proj_1/users/user_1/roles",  # as the spec and the official have it
    ]
