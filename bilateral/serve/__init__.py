"""The HTTP API and the dashboard (``bilateral serve``)."""

from bilateral.serve.app import create_app

__all__ = ["create_app"]
