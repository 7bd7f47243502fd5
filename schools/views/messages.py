"""A coordinator writes to the DSLs of chosen districts or phases; the message is
checked and sent on its own page (portal.message_views)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from portal.errors import add_to_form
from portal.forms import posted
from portal.messages import MessageError

from .. import permissions
from ..forms.messages import DslMessageForm
from ..services.messages import draft_dsl_message


@login_required
def dsl_message(request):
    if not permissions.can_message_dsls(request.user):
        raise PermissionDenied
    form = DslMessageForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            message = draft_dsl_message(
                districts=list(data["districts"]),
                phases=data["phases"],
                subject=data["subject"],
                body=data["body"],
                by=request.user,
            )
        except MessageError as error:
            add_to_form(form, error, field=error.field or "districts")
        else:
            return redirect("message_detail", pk=message.pk)
    return render(request, "schools/dsl_message.html", {"form": form})
