"""The error of a remote endpoint that failed."""

from ..errors import IttifoqError


class BackendError(IttifoqError):
    """The remote endpoint could not be reached or failed (a gateway error to our clients)."""

    http_status = 502
    exit_code = 2
