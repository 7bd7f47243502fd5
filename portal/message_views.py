"""Messages to many, for coordinators: check and send a message the apps drafted,
and the list of messages sent (portal.messages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from . import roles
from .messages import MessageError, send_message
from .models import Message

SHOWN = 200


def _coordinator(request):
    if not roles.is_coordinator(request.user):
        raise PermissionDenied


@login_required
@require_GET
def message_list(request):
    _coordinator(request)
    sent = Message.objects.filter(status=Message.Status.SENT).select_related("sent_by")
    return render(request, "portal/messages/list.html", {"sent": sent[:SHOWN]})


@login_required
def message_detail(request, pk):
    """A draft: how many it goes to, the words, and Send. A sent message: the record."""
    _coordinator(request)
    message = get_object_or_404(Message, pk=pk)
    if request.method == "POST":
        try:
            count = send_message(message, by=request.user)
        except MessageError as error:
            messages.error(request, error.message)
        else:
            people = "person" if count == 1 else "people"
            messages.success(request, f"Your message is being sent to {count} {people}.")
        return redirect("message_detail", pk=message.pk)
    return render(request, "portal/messages/detail.html", {"item": message})
