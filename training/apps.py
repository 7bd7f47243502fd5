from django.apps import AppConfig

from schools.signals import delivery_scheduled


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training, feedback and certificates"
    demo_seeder = "training.demo.seed"

    def ready(self):
        # Imported here, not at the top: these import models, which exist only
        # once the app registry is ready.
        from portal import dashboard, personal_data, retention
        from portal.roles import ROLE_COORDINATOR, ROLE_PRESENTER
        from schools import tasks as school_emails
        from schools.models import Booking
        from schools.roles import ROLE_SCHOOL_STAFF
        from training import dashboard as panels
        from training import personal_data as own_data
        from training import retention as own_retention
        from training.services.feedback.codes import give_feedback_code
        from training.services.feedback.requests import delivery_feedback_link
        from training.services.reports import cache

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
        school_emails.add_next_step(Booking.Status.DELIVERED, delivery_feedback_link)
        delivery_scheduled.connect(give_feedback_code, dispatch_uid="training.feedback_code")
