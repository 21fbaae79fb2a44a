from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The dataset generator and ``make bench`` scenarios, with their two commands."""

    name = "benchmarks"
    verbose_name = "Đo hiệu năng"
