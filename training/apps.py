from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training, feedback and certificates"

    def ready(self):
        from .reports import cache

        cache.connect_signals()
