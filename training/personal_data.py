"""The training and feedback part of a person's own data (see portal.personal_data)."""

from portal.personal_data import when

from .models import Certificate, TeacherFeedback


def _event(event):
    return {"course": event.course.title, "start": when(event.start), "venue": event.venue}


def training_data(user):
    data = {
        "training_registrations": [
            {
                **_event(r.event),
                "school": r.school.name if r.school else "",
                "status": r.get_status_display(),
                "attendance": r.get_attendance_display(),
                "registered_at": when(r.created_at),
            }
            for r in user.registrations.select_related("event__course", "school").order_by("pk")
        ],
        "certificates": [
            {
                "number": c.number,
                "course": c.title,
                "held_on": when(c.held_on),
                "name_on_certificate": c.holder_name,
                "issued_at": when(c.issued_at),
                "revoked_at": when(c.revoked_at),
                "check_address": c.get_absolute_verify_url(),
            }
            for c in Certificate.objects.filter(registration__user=user).order_by("pk")
        ],
        "feedback_you_gave": [
            {
                "about": (
                    f"visit {f.delivery.booking.reference} ({f.delivery.booking.session.title})"
                    if f.delivery
                    else f"training: {f.event}"
                ),
                "relevance": f.relevance,
                "quality": f.quality,
                "engagement": f.engagement,
                "would_recommend": f.would_recommend,
                "comments": f.comments,
                "given_at": when(f.created_at),
            }
            for f in TeacherFeedback.objects.filter(user=user)
            .select_related("delivery__booking__session", "event__course")
            .order_by("pk")
        ],
    }
    events = user.training_events.select_related("course").order_by("start")
    if events:
        data["training_you_led"] = [_event(e) for e in events]
    return data
