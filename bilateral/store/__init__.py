"""Storage: the only package with SQL (schema, store, browsing and linking queries)."""

from bilateral.store.database import Store
from bilateral.store.query import Query
from bilateral.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Query", "Store"]
