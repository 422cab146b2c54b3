"""`BedrockOpenAI` / `AsyncBedrockOpenAI`: Amazon Bedrock's OpenAI-compatible endpoint, with
the official clients' arguments and environment variables, on top of `AsyncOpenAI`.

The credential, in the official order: `api_key`, then `bedrock_token_provider` (called, and
awaited when it returns an awaitable, for every attempt), then `AWS_BEARER_TOKEN_BEDROCK`;
each is sent as `Authorization: Bearer <token>`. Otherwise requests are signed with AWS
SigV4 through botocore (native only, installed with `pip install botocore`) from static
keys, a profile, a credentials provider or the default AWS credential chain.

The base URL is `base_url`, else `AWS_BEDROCK_BASE_URL`, else the Mantle endpoint of the
region (`aws_region`, `AWS_REGION`, `AWS_DEFAULT_REGION`).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, Unpack
from urllib.parse import urlsplit

from .._client import AsyncOpenAI
from .._core.errors import OpenAIError
from .._core.http import Headers, Request
from .._core.request import NOT_GIVEN
from .._core.timeout import Timeout
from .._transport import Transport
from ._credentials import CopyOptions, call_provider, with_header

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "AsyncBedrockOpenAI",
    "AsyncBedrockTokenProvider",
    "AwsCredentialsProvider",
    "BedrockTokenProvider",
]

BedrockTokenProvider = Callable[[], str]
AsyncBedrockTokenProvider = Callable[[], "str | Awaitable[str]"]
AwsCredentialsProvider = Callable[[], object]

_AWS_REGION = re.compile(r"^[a-z]{2,8}(?:-[a-z0-9]+)+-\d+$")
_SIGNING_HEADERS = ("authorization", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token")
_AMBIGUOUS = (
    "Bedrock authentication is ambiguous. Configure exactly one explicit mode: bearer "
    "credential, static AWS credentials, profile, or credential provider."
)


class AsyncBedrockOpenAI(AsyncOpenAI):
    """The async client for Amazon Bedrock's OpenAI-compatible endpoint."""

    aws_region: str | None

    def __init__(
        self,
        *,
        api_key: str | None = None,
        bedrock_token_provider: AsyncBedrockTokenProvider | None = None,
        aws_region: str | None = None,
        aws_profile: str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        aws_credentials_provider: AwsCredentialsProvider | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        base_url: str | None = None,
        websocket_base_url: str | None = None,
        timeout: float | Timeout | Any = NOT_GIVEN,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx2.AsyncClient | httpx2.Client | None = None,
        transport: Transport | None = None,
    ) -> None:
        if callable(api_key):
            raise OpenAIError(
                "Pass refreshable Bedrock credentials via `bedrock_token_provider`, not `api_key`."
            )
        if api_key == "":
            raise OpenAIError("The `api_key` argument must not be empty.")
        aws_modes = (aws_access_key_id is not None) + (aws_profile is not None)
        aws_modes += aws_credentials_provider is not None
        bearer = api_key is not None or bedrock_token_provider is not None
        if (api_key is not None and bedrock_token_provider is not None) or (bearer and aws_modes):
            raise OpenAIError(_AMBIGUOUS)
        if aws_modes > 1:
            raise OpenAIError(_AMBIGUOUS)
        if (aws_access_key_id is None) != (aws_secret_access_key is None) or (
            aws_session_token is not None and aws_access_key_id is None
        ):
            raise OpenAIError(
                "Static AWS credentials require both `access_key_id` and `secret_access_key`. "
                "A `session_token` may only be used with both."
            )
        if not bearer and not aws_modes:
            api_key = os.environ.get("AWS_BEARER_TOKEN_BEDROCK") or None
        self._token_provider = bedrock_token_provider
        self._signer: _SigV4Signer | None = None
        region = _strip(aws_region) or _strip(
            os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
        )
        configured = _strip(base_url) or _strip(os.environ.get("AWS_BEDROCK_BASE_URL"))
        endpoint: Literal["mantle", "runtime"] = "mantle"
        if configured is not None:
            configured = _normalize_base_url(configured)
            canonical = _canonical_endpoint(configured)
            if canonical is not None:
                endpoint = canonical[0]
                if urlsplit(configured).scheme != "https":
                    raise OpenAIError("Canonical Amazon Bedrock endpoints require HTTPS.")
                if region is not None and canonical[1] != region:
                    raise OpenAIError(
                        f"The Bedrock endpoint region `{canonical[1]}` does not match the "
                        f"configured AWS region `{region}`."
                    )
                region = region or canonical[1]
        if api_key is None and bedrock_token_provider is None:
            if region is None:
                region = _profile_region(aws_profile)
            self._signer = _SigV4Signer(
                region=_validated_region(region),
                service="bedrock" if endpoint == "runtime" else "bedrock-mantle",
                profile=aws_profile,
                static=(aws_access_key_id, aws_secret_access_key, aws_session_token),
                provider=aws_credentials_provider,
            )
        if configured is None:
            if region is None:
                raise OpenAIError(
                    "Bedrock requires an AWS region. Pass `aws_region`, or set `AWS_REGION` "
                    "or `AWS_DEFAULT_REGION`."
                )
            configured = f"https://bedrock-mantle.{_validated_region(region)}.api.aws/openai/v1"
        self.aws_region = region
        self.websocket_base_url = websocket_base_url
        super().__init__(
            api_key=api_key or "<AWS SigV4>",  # any value: it is never sent
            organization=organization,
            project=project,
            base_url=configured,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            transport=transport,
            webhook_secret=webhook_secret,
        )
        self._api_key = api_key or ""  # "" under SigV4, as the official client has it

    def _credential_headers(self) -> dict[str, str]:
        return {}  # the provider's, set per attempt by `_authorize`

    def with_options(  # type: ignore[override]
        self,
        *,
        api_key: str | None = None,
        bedrock_token_provider: AsyncBedrockTokenProvider | None = None,
        **options: Unpack[CopyOptions],
    ) -> AsyncBedrockOpenAI:
        """A copy with some settings changed; a bearer credential given here replaces the
        current credential (SigV4 included)."""
        if api_key is not None and bedrock_token_provider is not None:
            raise OpenAIError(_AMBIGUOUS)
        clone = super().with_options(**options)
        assert isinstance(clone, AsyncBedrockOpenAI)
        if api_key is not None or bedrock_token_provider is not None:
            clone._api_key = api_key or ""
            clone._token_provider = bedrock_token_provider
            clone._signer = None
        return clone

    copy = with_options

    async def _authorize(self, request: Request) -> Request:
        if "authorization" in request.headers:
            raise OpenAIError(
                "Bedrock provider authentication cannot be combined with a custom "
                "`Authorization` header."
            )
        if _origin(request.url) != _origin(self.base_url):
            raise OpenAIError(
                "Refusing to authenticate a Bedrock request for an origin other than the "
                "configured provider URL."
            )
        if self._signer is not None:
            return await asyncio.to_thread(self._signer.sign, request)
        return with_header(request, "authorization", f"Bearer {await self._bearer_token()}")

    async def _bearer_token(self) -> str:
        if self._token_provider is None:
            return self._api_key
        try:
            token = await call_provider(self._token_provider)
        except OpenAIError:
            raise
        except Exception as exc:
            raise OpenAIError("Failed to resolve a bearer credential for Bedrock.") from exc
        if not isinstance(token, str) or not token.strip():
            raise OpenAIError(
                "The Bedrock bearer credential provider must return a non-empty string."
            )
        return token


class _SigV4Signer:
    """Signs each attempt with botocore's SigV4, as the official client does."""

    def __init__(
        self,
        *,
        region: str,
        service: str,
        profile: str | None,
        static: tuple[str | None, str | None, str | None],
        provider: AwsCredentialsProvider | None,
    ) -> None:
        self._botocore = _load_botocore()
        self.region, self.service = region, service
        self._profile, self._static, self._provider = profile, static, provider
        self._session: Any = None

    def _credentials(self) -> Any:
        _, _, credentials_cls, session_cls = self._botocore
        if self._provider is not None:
            credentials = self._provider()
        elif self._static[0] is not None:
            credentials = credentials_cls(*self._static)
        else:
            if self._session is None:
                self._session = session_cls(profile=self._profile)
            credentials = self._session.get_credentials()
        if credentials is None:
            raise OpenAIError(
                "Could not find credentials for Bedrock. Pass a bearer credential or AWS "
                "credentials, set `AWS_BEARER_TOKEN_BEDROCK`, or configure the default AWS "
                "credential chain."
            )
        frozen = getattr(credentials, "get_frozen_credentials", None)
        return frozen() if callable(frozen) else credentials

    def sign(self, request: Request) -> Request:
        sigv4_cls, request_cls, _, _ = self._botocore
        body = request.body or b""
        headers = {k: v for k, v in request.headers.items() if k not in _SIGNING_HEADERS}
        headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
        try:
            aws_request = request_cls(
                method=request.method, url=request.url, data=body, headers=headers
            )
            sigv4_cls(self._credentials(), self.service, self.region).add_auth(aws_request)
        except OpenAIError:
            raise
        except Exception as exc:
            raise OpenAIError(
                "Failed to resolve AWS credentials for Bedrock. Verify your AWS profile, "
                "environment variables, or runtime identity configuration and try again."
            ) from exc
        return replace(request, headers=Headers(list(aws_request.headers.items())))


def _load_botocore() -> tuple[Any, Any, Any, Any]:
    try:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        from botocore.session import Session
    except ImportError as exc:
        if sys.platform == "emscripten":
            raise OpenAIError(
                "Bedrock AWS (SigV4) authentication is not available under Pyodide: pass "
                "`api_key` or `bedrock_token_provider` to use a Bedrock bearer token."
            ) from exc
        raise OpenAIError(
            "Bedrock AWS (SigV4) authentication needs botocore, which is not installed: "
            "`pip install botocore`, or pass `api_key` / `bedrock_token_provider` or set "
            "`AWS_BEARER_TOKEN_BEDROCK` to use a Bedrock bearer token instead."
        ) from exc
    return SigV4Auth, AWSRequest, Credentials, Session


def _profile_region(profile: str | None) -> str | None:
    """The region of the AWS profile (~/.aws/config), as botocore resolves it."""
    _, _, _, session_cls = _load_botocore()
    region: str | None = session_cls(profile=profile).get_config_variable("region")
    return _strip(region)


def _strip(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _validated_region(region: str | None) -> str:
    if region is None:
        raise OpenAIError(
            "Bedrock requires an AWS region. Pass `aws_region`, or set `AWS_REGION` or "
            "`AWS_DEFAULT_REGION`."
        )
    if _AWS_REGION.fullmatch(region) is None:
        raise OpenAIError(
            "The Bedrock AWS `region` is invalid. Use a standard AWS region such as `us-east-1`."
        )
    return region


def _normalize_base_url(url: str) -> str:
    """Without a trailing `/responses[/...]`, as the official normalizes it."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    found = re.search(r"/responses(?:/.*)?$", path)
    if found is not None:
        path = path[: found.start()]
    return parts._replace(path=path or "/").geturl()


def _runtime_suffixes(region: str) -> tuple[str, str]:
    for prefix, suffixes in (
        ("cn-", ("amazonaws.com.cn", "api.amazonwebservices.com.cn")),
        ("eusc-", ("amazonaws.eu", "api.amazonwebservices.eu")),
        ("us-iso-", ("c2s.ic.gov", "api.aws.ic.gov")),
        ("us-isob-", ("sc2s.sgov.gov", "api.aws.scloud")),
        ("eu-isoe-", ("cloud.adc-e.uk", "api.cloud-aws.adc-e.uk")),
        ("us-isof-", ("csp.hci.ic.gov", "api.aws.hci.ic.gov")),
    ):
        if region.startswith(prefix):
            return suffixes
    return "amazonaws.com", "api.aws"


def _canonical_endpoint(url: str) -> tuple[Literal["mantle", "runtime"], str] | None:
    """`("mantle" | "runtime", region)` for an Amazon Bedrock hostname, else None."""
    host = (urlsplit(url).hostname or "").removesuffix(".")
    service, _, rest = host.partition(".")
    region, _, suffix = rest.partition(".")
    if not suffix or _AWS_REGION.fullmatch(region) is None:
        return None
    if service == "bedrock-mantle" and suffix == "api.aws":
        return "mantle", region
    if service in ("bedrock-runtime", "bedrock-runtime-fips") and suffix in _runtime_suffixes(
        region
    ):
        return "runtime", region
    return None


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, parts.hostname or "", port
