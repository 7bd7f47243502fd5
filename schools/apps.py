from django.apps import AppConfig
from django.db.models.signals import post_migrate


def grant_coordinator_permissions(sender, **kwargs):
    """Coordinators manage schools, staff and presenters, and view bookings, in the admin."""
    from django.contrib.auth.models import Group, Permission

    from portal.roles import COORDINATORS

    group, _ = Group.objects.get_or_create(name=COORDINATORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="schools",
            content_type__model__in=[
                "school",
                "district",
                "schoolmembership",
                "presenterprofile",
                "unavailability",
                "booking",
                "delivery",
            ],
        )
    )


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = "Schools and bookings"

    def ready(self):
        # After every app's post_migrate, not just ours: Django creates our permissions
        # in django.contrib.auth's handler, which runs after this app's.
        post_migrate.connect(
            grant_coordinator_permissions, dispatch_uid="schools_grant_coordinator_permissions"
        )
