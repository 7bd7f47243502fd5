"""Sessions gain an audience: pupils, school staff, or parents and carers.

Existing sessions take it from their format: staff training is for staff, a
parent session for parents and carers, every assembly and workshop for pupils.
"""

from django.db import migrations, models

AUDIENCE_OF_FORMAT = {"staff_training": "staff", "parent_session": "parents"}


def audience_from_format(apps, schema_editor):
    """The pages and their saved revisions (drafts and scheduled publishing load a
    revision, which would otherwise give a staff session the default audience)."""
    SessionPage = apps.get_model("cms", "SessionPage")
    for format_, audience in AUDIENCE_OF_FORMAT.items():
        SessionPage.objects.filter(format=format_).update(audience=audience)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    session_type = ContentType.objects.filter(app_label="cms", model="sessionpage").first()
    if session_type is None:
        return
    for revision in Revision.objects.filter(content_type=session_type).iterator():
        content = revision.content
        if "audience" not in content:
            content["audience"] = AUDIENCE_OF_FORMAT.get(content.get("format"), "pupils")
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_privacy_and_accessibility_settings"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="sessionpage",
            name="audience",
            field=models.CharField(
                choices=[
                    ("pupils", "Pupils"),
                    ("staff", "School staff"),
                    ("parents", "Parents and carers"),
                ],
                default="pupils",
                help_text="Only sessions for pupils have a pupil feedback code and count "
                "pupils reached; the others count the staff or parents and carers there.",
                max_length=10,
                verbose_name="who it is for",
            ),
        ),
        migrations.RunPython(audience_from_format, migrations.RunPython.noop),
    ]
