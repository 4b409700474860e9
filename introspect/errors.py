"""Typed errors raised by introspect; ui turns them into messages for a person.

    ApifaceError
    ├── DiscoveryError        no OpenAPI document found behind a source
    ├── DocumentError         a document that cannot be read, parsed or used
    │   └── UnsupportedDocument   an OpenAPI/Swagger version not handled
    └── CallError             a call that could not be built or completed
        ├── InvalidValues         values that do not fit the operation (all listed)
        ├── ApiUnreachable        nothing answered at the API's address
        └── ApiTimeout            the API did not answer in time

A non-2xx answer is not an error: it is a Result with its status and body.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx


class ApifaceError(Exception):
    """Base of every error apiface raises on purpose."""


@dataclass(frozen=True)
class Attempt:
    """One URL tried during discovery and why it was rejected."""

    url: str
    outcome: str
    refused: bool = False


class DiscoveryError(ApifaceError):
    """No OpenAPI document could be found behind a source."""

    def __init__(self, source: str, attempts: list[Attempt]) -> None:
        self.source = source
        self.attempts = attempts
        nothing_listens = bool(attempts) and all(a.refused for a in attempts)
        lines = [f"No OpenAPI document found at {source}."]
        if nothing_listens:
            lines.append(
                "Nothing answered at all: the API does not seem to be running. "
                "Start it first, then point apiface at it again."
            )
        lines.append("Tried:")
        lines += [f"  {a.url}: {a.outcome}" for a in attempts]
        if not nothing_listens:
            lines.append(
                "If the API serves its document elsewhere, pass that URL (or a saved "
                "file) instead of the base URL."
            )
        super().__init__("\n".join(lines))


class DocumentError(ApifaceError):
    """A document that cannot be read, parsed or used; says where and why."""

    def __init__(self, where: str, reason: str, pointer: str = "", kind: str = "invalid") -> None:
        self.where = where
        self.reason = reason
        self.pointer = pointer
        self.kind = kind
        place = f"{where}#{pointer}" if pointer else where
        super().__init__(f"{place}: {reason}")


class UnsupportedDocument(DocumentError):
    """A document in a version apiface does not handle."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(where, reason, kind="unsupported")


class CallError(ApifaceError):
    """A call that could not be built or did not complete."""

    def __init__(self, message: str, request: httpx.Request | None = None) -> None:
        self.request = request
        super().__init__(message)


class InvalidValues(CallError):
    """Values that do not fit the operation; `problems` maps a field to what is wrong."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        listed = "\n".join(f"- {field}: {why}" for field, why in problems.items())
        super().__init__(f"Some values need fixing before the call can be sent:\n{listed}")


class ApiUnreachable(CallError):
    """Nothing answered at the API's address."""


class ApiTimeout(CallError):
    """The API did not answer within the timeout."""
