"""Coordinators keep the "you said, we did" list and read teacher feedback in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "add_yousaidwedid",
    "change_yousaidwedid",
    "delete_yousaidwedid",
    "view_yousaidwedid",
    "view_teacherfeedback",
]


def grant(apps, schema_editor):
    training = apps.get_app_config("training")
    training.models_module = True
    create_permissions(training, apps=apps, verbosity=0)
    training.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="training", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_feedback"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
