from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = "Metrics"

    def ready(self) -> None:
        from metrics import status_cache

        status_cache.connect_signals()  # computed statuses forget what a change makes untrue
