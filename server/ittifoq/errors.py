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


class QueryCancelled(IttifoqError):
    """Its client asked to stop it (``POST /sparql/cancel``)."""

    http_status = 503
    exit_code = 3


class UsageError(IttifoqError):
    http_status = 400


# HTTP-level errors, here (not in the web package) because the engine process raises them
# too, and its exceptions cross to the server as pickled objects.


class ServiceUnavailable(IttifoqError):
    http_status = 503
    exit_code = 3


class QueryFailed(IttifoqError):
    """The engine raised an error that is the query's fault but not a syntax error (e.g. a
    SERVICE that failed)."""

    http_status = 400


class ResponseTooLarge(IttifoqError):
    """Not even an empty answer fits the response byte cap: there is nothing honest to send."""

    http_status = 400


class NotFound(IttifoqError):
    http_status = 404


class Forbidden(IttifoqError):
    http_status = 403


class Unauthorized(IttifoqError):
    http_status = 401
    headers = {"WWW-Authenticate": 'Bearer realm="ittifoq"'}


class UnsupportedMediaType(IttifoqError):
    http_status = 415


class EngineFailure(IttifoqError):
    """An unexpected error in the engine process: logged there with its traceback; the client
    is told nothing more than that the server failed."""

    http_status = 500
