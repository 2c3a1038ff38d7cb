"""Warehouse access: the configured PostgreSQL, or an embedded one managed here."""

from xiangmu.warehouse.connect import connect, ensure_schema, warehouse_url

__all__ = ["connect", "ensure_schema", "warehouse_url"]
