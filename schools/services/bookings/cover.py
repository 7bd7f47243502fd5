"""Cover for a visit whose presenter recorded time off over it: the coordinator puts
a free, qualified presenter in their place; the visit no longer needs cover."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools import tasks
from schools.models import Booking, DeliveryAssignment, travel_buffer

from ..common import after_commit
from ..errors import SchedulingError
from ..presenters import busy_error, busy_presenter_ids, lock_presenters
from .common import check_presenters, lock_booking


def replace_presenter(
    assignment: DeliveryAssignment, *, by: User, presenter: User
) -> DeliveryAssignment:
    """`presenter` takes `assignment`'s place on its visit (same time, same place). The
    school, the new presenter and the one replaced are told; the invitation updates."""
    delivery = assignment.delivery
    booking = delivery.booking
    check_presenters([presenter], booking)
    with transaction.atomic():
        booking = lock_booking(booking)
        current = _locked_assignment(assignment, booking)
        delivery = current.delivery
        if delivery.assignments.filter(presenter=presenter).exists():
            raise SchedulingError(
                f"{presenter.get_full_name()} is already on this visit. Choose someone else.",
                code="same_presenter",
                field="presenter",
            )
        lock_presenters(sorted({current.presenter_id, presenter.pk}))
        busy = busy_presenter_ids([presenter.pk], delivery.start, delivery.end)
        if busy:
            raise busy_error([presenter], busy, delivery.start, delivery.end)
        former = current.presenter
        current.delete()
        replacement = DeliveryAssignment.objects.create(
            delivery=delivery,
            presenter=presenter,
            start=delivery.start,
            end=delivery.end,
            busy_until=delivery.end + travel_buffer(),
        )
        delivery.sequence += 1
        delivery.save(update_fields=["sequence"])
        booking.save(update_fields=["updated_at"])
        log(
            instance=booking,
            action="schools.booking.presenter_replaced",
            user=by,
            data={"from": former.pk, "to": presenter.pk, "needed_cover": current.needs_cover},
        )
        note = f"{presenter.get_full_name()} will deliver it in place of {former.get_full_name()}."
        after_commit(
            tasks.send_booking_email.enqueue,
            booking.pk,
            tasks.CHANGED,
            former_ids=[former.pk],
            note=note,
        )
    return replacement


def _locked_assignment(assignment: DeliveryAssignment, booking: Booking) -> DeliveryAssignment:
    """The assignment re-read under a lock, while its visit is still to come."""
    current = (
        DeliveryAssignment.objects.select_for_update()
        .select_related("delivery", "presenter")
        .filter(pk=assignment.pk)
        .first()
    )
    if (
        current is None
        or booking.status != Booking.Status.SCHEDULED
        or current.delivery.start <= timezone.now()
    ):
        raise SchedulingError(
            "This visit has changed since the page was shown: it is no longer waiting "
            "for a presenter. Go back to the booking to see it.",
            code="not_replaceable",
        )
    return current
