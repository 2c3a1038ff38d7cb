"""Xiangmu: investment in key projects, from Hebei newspapers to a warehouse."""

__version__ = "0.1.0"
