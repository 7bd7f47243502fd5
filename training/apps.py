from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training, feedback and certificates"
    demo_seeder = "training.demo.seed"

    def ready(self):
        # Imported here, not at the top: these import models, which exist only
        # once the app registry is ready.
        from portal import dashboard, personal_data, retention
        from portal.roles import ROLE_COORDINATOR, ROLE_PRESENTER
        from schools.roles import ROLE_SCHOOL_STAFF
        from schools.signals import delivery_scheduled

        from . import dashboard as panels
        from . import personal_data as own_data
        from . import retention as own_retention
        from .reports import cache
        from .services.feedback import feedback_code_for

        cache.connect_signals()
        dashboard.add_panel(
            panels.context,
            template="training/dashboard/{role}.html",
            for_roles=(ROLE_COORDINATOR, ROLE_PRESENTER, ROLE_SCHOOL_STAFF),
        )
        personal_data.add_personal_data(
            own_data.training_data,
            own_records=[("training.Registration", "user"), ("training.TeacherFeedback", "user")],
        )
        retention.add_purges(
            own_retention.purge_pupil_free_text,
            own_retention.purge_staff_comments,
            own_retention.purge_pupil_pairing_hashes,
            own_retention.purge_certificate_zips,
        )

        def give_feedback_code(sender, delivery, **kwargs):
            """Every scheduled visit gets the short code pupils use to give feedback."""
            feedback_code_for(delivery)

        delivery_scheduled.connect(
            give_feedback_code, weak=False, dispatch_uid="training.feedback_code"
        )
