"""Storage: the only package with SQL (schema, store, browsing and linking queries)."""

from bilateral.store.query import Query
from bilateral.store.schema import SCHEMA_VERSION
from bilateral.store.sqlite import Store

__all__ = ["SCHEMA_VERSION", "Query", "Store"]
