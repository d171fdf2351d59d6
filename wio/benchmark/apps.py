from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "wio.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"
