"""Benchmarks as code: a national-scale dataset generator, timed scenarios and their report.

A Django app for its ``generate_dataset`` and ``bench`` management commands, the entry points;
it has no models. See ``docs/benchmarks.md``.
"""
