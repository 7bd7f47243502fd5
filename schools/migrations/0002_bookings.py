"""Calendar tokens, membership decisions, booking references and the
no-double-booking guard (an exclusion constraint on PostgreSQL)."""

from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import schools.models
from schools.constraints import EXCLUSION, EXCLUSION_DEFINITION


def fill_tokens(apps, schema_editor):
    for name in ("School", "PresenterProfile"):
        model = apps.get_model("schools", name)
        for obj in model.objects.filter(calendar_token__isnull=True):
            obj.calendar_token = schools.models.new_calendar_token()
            obj.save(update_fields=["calendar_token"])
    assignment = apps.get_model("schools", "DeliveryAssignment")
    buffer = timedelta(minutes=getattr(settings, "SCHOOLS_TRAVEL_BUFFER_MINUTES", 30))
    for obj in assignment.objects.filter(busy_until__isnull=True):
        obj.busy_until = obj.end + buffer
        obj.save(update_fields=["busy_until"])


def add_exclusion(apps, schema_editor):
    """PostgreSQL only: one presenter's busy times (delivery plus travel) never overlap."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE schools_deliveryassignment ADD CONSTRAINT {EXCLUSION} {EXCLUSION_DEFINITION}"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE schools_deliveryassignment DROP CONSTRAINT IF EXISTS {EXCLUSION}"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="school",
            name="calendar_token",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="presenterprofile",
            name="calendar_token",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="deliveryassignment",
            name="busy_until",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="End plus the travel buffer; PostgreSQL refuses overlapping busy times.",
                null=True,
            ),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="school",
            name="calendar_token",
            field=models.CharField(
                default=schools.models.new_calendar_token, max_length=64, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="presenterprofile",
            name="calendar_token",
            field=models.CharField(
                default=schools.models.new_calendar_token, max_length=64, unique=True
            ),
        ),
        migrations.AddField(
            model_name="schoolmembership",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="schoolmembership",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="booking",
            name="status_changed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="ReferenceCounter",
            fields=[
                ("year", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("last", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddConstraint(
            model_name="booking",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["requested", "scheduled"])),
                fields=("school", "session"),
                name="one_open_booking_per_school_and_session",
            ),
        ),
        migrations.RunPython(add_exclusion, drop_exclusion),
    ]
