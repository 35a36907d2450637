"""The web server: SPARQL 1.1 Protocol endpoint, Graph Store Protocol, and linked-data pages.

``create_app(settings, kg=None)`` in :mod:`ittifoq.web.app` is the application factory.
"""

from .settings import ServerSettings

__all__ = ["create_app", "ServerSettings"]


def __getattr__(name):
    # Lazy, so that importing a submodule (conneg) does not pull in Flask and the app.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
