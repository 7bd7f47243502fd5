"""A coordinator writes to everyone with a confirmed place on a training event; the
message is checked and sent on its own page (portal.message_views)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from portal.errors import add_to_form
from portal.forms import MessageForm, posted
from portal.messages import MessageError
from training import permissions
from training.models import TrainingEvent
from training.services import events as services


@login_required
def event_message(request, pk):
    if not permissions.can_message_event(request.user):
        raise PermissionDenied
    event = get_object_or_404(TrainingEvent.objects.select_related("course"), pk=pk)
    form = MessageForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            message = services.draft_event_message(
                event,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
        except MessageError as error:
            add_to_form(form, error)
        else:
            return redirect("message_detail", pk=message.pk)
    return render(
        request,
        "training/event_message.html",
        {"event": event, "form": form, "confirmed": services.confirmed_people(event).count()},
    )
