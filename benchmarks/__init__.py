"""Benchmarks as code: a national-scale dataset generator, timed scenarios and their report.

Plain Python package (not a Django app); the ``generate_dataset`` and ``bench`` management
commands are its entry points. See ``docs/benchmarks.md``.
"""
