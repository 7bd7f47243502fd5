from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = "Schools and bookings"
    demo_seeder = "schools.demo.seed"

    def ready(self):
        # The portal's registries take functions of this app's modules, which
        # import its models: only importable once the app registry is ready.
        from portal import dashboard, personal_data, retention
        from portal import roles as portal_roles

        from . import dashboard as panels
        from . import personal_data as own_data
        from . import retention as own_retention
        from . import roles

        dashboard.add_home_role(
            roles.ROLE_SCHOOL_STAFF,
            roles.is_school_staff,
            template="schools/dashboard/home_school_staff.html",
        )
        dashboard.add_home_role(
            roles.ROLE_PENDING,
            roles.has_pending_membership,
            template="schools/dashboard/home_pending.html",
        )
        dashboard.add_panel(panels.context, template=panels.TEMPLATE, for_roles=panels.ROLES)
        portal_roles.add_organisation_lookup(roles.organisation_of)
        personal_data.add_personal_data(
            own_data.schools_data,
            close=own_data.end_memberships,
            own_records=own_data.OWN_RECORDS,
        )
        retention.add_purges(
            own_retention.purge_closed_memberships, own_retention.purge_abandoned_imports
        )
