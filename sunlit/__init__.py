"""Sunlit: supervision of grassroots public power (基层公权力大数据监督)."""

__version__ = "0.1.0"
