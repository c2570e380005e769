"""Storage. :mod:`bilateral.store.sqlite` is the only module with SQL."""

from bilateral.store.sqlite import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "Store"]
