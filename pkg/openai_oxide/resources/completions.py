"""`client.completions`: the legacy text completions (create, streamed or not)."""

from __future__ import annotations

from typing import Any, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit
from .._streaming import AsyncStream
from ..types.completions import Completion
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncCompletions"]


class AsyncCompletions(Resource):
    """Given a prompt, the model returns one or more predicted completions."""

    __slots__ = ()

    async def create(
        self,
        *,
        model: Any,
        prompt: str | list[str] | list[int] | list[list[int]] | None,
        best_of: int | Omit | None = NOT_GIVEN,
        echo: bool | Omit | None = NOT_GIVEN,
        frequency_penalty: float | Omit | None = NOT_GIVEN,
        logit_bias: dict[str, int] | Omit | None = NOT_GIVEN,
        logprobs: int | Omit | None = NOT_GIVEN,
        max_tokens: int | Omit | None = NOT_GIVEN,
        n: int | Omit | None = NOT_GIVEN,
        presence_penalty: float | Omit | None = NOT_GIVEN,
        seed: int | Omit | None = NOT_GIVEN,
        stop: str | list[str] | Omit | None = NOT_GIVEN,
        stream: Literal[False] | Literal[True] | Omit | None = NOT_GIVEN,
        stream_options: Any | Omit | None = NOT_GIVEN,
        suffix: str | Omit | None = NOT_GIVEN,
        temperature: float | Omit | None = NOT_GIVEN,
        top_p: float | Omit | None = NOT_GIVEN,
        user: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Completion | AsyncStream[Completion]:
        """Creates a completion for the prompt; with `stream=True`, its chunks as they come
        (each one a `Completion`)."""
        body = {
            "model": model,
            "prompt": prompt,
            "best_of": best_of,
            "echo": echo,
            "frequency_penalty": frequency_penalty,
            "logit_bias": logit_bias,
            "logprobs": logprobs,
            "max_tokens": max_tokens,
            "n": n,
            "presence_penalty": presence_penalty,
            "seed": seed,
            "stop": stop,
            "stream_options": stream_options,
            "suffix": suffix,
            "temperature": temperature,
            "top_p": top_p,
            "user": user,
        }
        if stream is True:
            return await self._stream("POST", "/completions", Completion, options, body=body)
        return await self._request("POST", "/completions", Completion, options, body=body)
