from django.apps import AppConfig


class SpendingConfig(AppConfig):
    name = "spending"
    verbose_name = "Spending"

    def ready(self):
        from spending.dashboard import cache

        cache.connect_signals()  # /treasury/'s kept sections forget what a change makes untrue
