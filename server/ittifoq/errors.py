"""Errors a user can act on.

Every error raised for bad input is an IttifoqError carrying a one-line message that names
the place (file and line, query position). The CLI prints the message and exits with
``exit_code``; the web layer maps ``http_status`` in one place.
"""


class IttifoqError(Exception):
    exit_code = 2
    http_status = 500

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(IttifoqError):
    """The project layout or a setting is wrong (missing folder, unknown option)."""


class SourceError(IttifoqError):
    """An input file is unreadable or malformed; the message starts with ``file:line``."""


class ChecksumError(SourceError):
    """A source text does not match the SHA-256 recorded in its metadata."""


class EvidenceError(SourceError):
    """A quote is not found in its document, or is ambiguous."""


class QueryError(IttifoqError):
    """A SPARQL query is malformed or not allowed."""

    exit_code = 2
    http_status = 400


class QuerySyntaxError(QueryError):
    pass


class QueryRejected(QueryError):
    """A query is well-formed but refused by policy (SERVICE, LOAD, too deep, too large)."""

    http_status = 400


class QueryTimeout(IttifoqError):
    http_status = 503
    exit_code = 3


class UsageError(IttifoqError):
    http_status = 400
