from django.apps import AppConfig

from schools.signals import delivery_scheduled


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training, feedback and certificates"

    def ready(self):
        # Imported here: these modules use the models, which are not loaded until now.
        from training.services.feedback.codes import give_feedback_code
        from training.services.reports import cache

        cache.connect_signals()
        delivery_scheduled.connect(give_feedback_code, dispatch_uid="training.feedback_code")
