"""Warehouse transformations: the dbt project in dbt_project/ and how to run it."""
