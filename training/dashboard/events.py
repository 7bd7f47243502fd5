"""Dashboard panels for training events and registers: registrations for school staff,
registers to take for trainers and presenters, numbers for coordinators."""

from datetime import timedelta

from django.utils import timezone

from portal import roles
from schools import roles as school_roles
from schools.models import Booking
from training import permissions
from training.models import Registration, TrainingEvent

RECENT = timedelta(days=30)
TRAINER_WINDOW = (timedelta(days=7), timedelta(days=14))  # registers just taken or coming up


def _my_registrations(user, now):
    rows = (
        Registration.objects.filter(user=user, event__end__gte=now - RECENT)
        .active()
        .select_related("event__course", "school")
        .order_by("event__start")
    )
    return [(r, r.waiting_list_position()) for r in rows]


def _my_events(user, now):
    return (
        permissions.events_with_register_for(user)
        .filter(
            trainers=user,
            end__gte=now - TRAINER_WINDOW[0],
            start__lte=now + TRAINER_WINDOW[1],
            status=TrainingEvent.Status.SCHEDULED,
        )
        .with_counts()
        .select_related("course")
        .order_by("start")
    )


def _my_deliveries(user, now):
    return (
        permissions.deliveries_with_register_for(user)
        .filter(assignments__presenter=user, start__gte=now - RECENT, start__lte=now + RECENT)
        .exclude(booking__status__in=[Booking.Status.CANCELLED, Booking.Status.DECLINED])
        .select_related("booking__school", "booking__session", "register")
        .order_by("start")
    )


def context(request, role):
    now = timezone.now()
    user = request.user
    context = {}
    if role == school_roles.ROLE_SCHOOL_STAFF:
        context["training_registrations"] = _my_registrations(user, now)
    elif role == roles.ROLE_PRESENTER:
        context["training_events"] = _my_events(user, now)
        context["training_deliveries"] = _my_deliveries(user, now)
    elif role == roles.ROLE_COORDINATOR:
        context["training_events"] = _my_events(user, now)
        context["training_upcoming"] = (
            TrainingEvent.objects.upcoming(now)
            .with_counts()
            .select_related("course")
            .order_by("start")[:10]
        )
    return context
