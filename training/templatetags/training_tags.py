from django import template
from django.utils import timezone

from cms.models import TrainingCoursePage
from training.models import TrainingEvent

register = template.Library()


@register.inclusion_tag("training/components/upcoming_events.html", takes_context=True)
def upcoming_events(context, course):
    """The upcoming, not cancelled events of a training course, with places left.

    On the training index page (anything that is not a course) it lists the
    upcoming events of every course.
    """
    events = (
        TrainingEvent.objects.upcoming(timezone.now())
        .with_counts()
        .select_related("course")
        .order_by("start")
    )
    is_course = isinstance(course, TrainingCoursePage)
    events = events.filter(course=course) if is_course else events.filter(course__live=True)
    return {
        "course": course if is_course else None,
        "show_course": not is_course,
        "events": list(events),
        "request": context.get("request"),
    }
