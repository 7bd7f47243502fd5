"""The admin's small forms that each call one training service: cancel an event,
move or cancel a registration. Linked from the listings in training.admin.events."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.errors import add_to_form
from training import permissions
from training.forms.events import CancelEventForm, MoveRegistrationForm
from training.models import Registration, TrainingEvent
from training.services import events as services
from training.services.errors import TrainingError


def _coordinators_only(request):
    if not permissions.can_manage_events(request.user):
        raise PermissionDenied


class ServiceFormView(WagtailAdminTemplateMixin, FormView):
    """A small admin form that calls one service; a refusal is shown on the form."""

    template_name = "wagtailadmin/generic/form.html"
    submit_button_label = "Confirm"
    model = None

    def dispatch(self, request, *args, **kwargs):
        _coordinators_only(request)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            **kwargs,
        )

    def get_breadcrumbs_items(self):
        """Home, the listing, the object, then this action, as Wagtail's own views show."""
        return [
            *self.breadcrumbs_items,
            {"url": self.get_index_url(), "label": capfirst(self.model._meta.verbose_name_plural)},
            {"url": self.get_object_url(), "label": str(self.object)},
            {"url": "", "label": self.action_label},
        ]

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except TrainingError as error:
            add_to_form(form, error)
            messages.error(self.request, error.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())


class CancelEventView(ServiceFormView):
    model = TrainingEvent
    form_class = CancelEventForm
    header_icon = "cross"
    submit_button_label = "Cancel the event and tell everyone"
    action_label = "Cancel"

    def get_index_url(self):
        return reverse("training_events:index")

    def get_object_url(self):
        return reverse("training_events:edit", args=[self.object.pk])

    def get_page_title(self):
        return f"Cancel {self.object}"

    def perform(self, form):
        services.cancel_event(self.object, by=self.request.user, reason=form.cleaned_data["reason"])
        return f"{self.object} is cancelled. Everyone registered is being emailed."

    def get_success_url(self):
        return reverse("training_events:index")


class RegistrationFormView(ServiceFormView):
    model = Registration

    def get_index_url(self):
        return reverse("training_registrations:index") + f"?event={self.object.event_id}"

    def get_object_url(self):
        return reverse("training_registrations:inspect", args=[self.object.pk])


class MoveRegistrationView(RegistrationFormView):
    form_class = MoveRegistrationForm
    header_icon = "arrow-right"
    submit_button_label = "Move"
    action_label = "Move"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "registration": self.object}

    def get_page_title(self):
        return f"Move {self.object.user.get_full_name() or self.object.user.email}"

    def perform(self, form):
        moved = services.move_registration(
            self.object, form.cleaned_data["to_event"], by=self.request.user
        )
        return f"Moved to {moved.event}: {moved.get_status_display().lower()}."

    def get_success_url(self):
        return reverse("training_registrations:index") + f"?event={self.object.event_id}"


class CancelRegistrationView(RegistrationFormView):
    form_class = forms.Form
    header_icon = "cross"
    submit_button_label = "Cancel the registration"
    action_label = "Cancel"

    def get_page_title(self):
        return f"Cancel the registration of {self.object.user.get_full_name() or self.object.user.email}"

    def perform(self, form):
        services.cancel_registration(self.object, by=self.request.user)
        return "Registration cancelled. The first person waiting, if any, has the place."

    def get_success_url(self):
        return reverse("training_registrations:index") + f"?event={self.object.event_id}"
