"""zjtx's rules engine: criteria sets as data, a reference interpreter, compilers to batch engines.

Framework-free by contract (see the import-linter contract in pyproject.toml): nothing here may
import Django, ``portal`` or ``config``.
"""
