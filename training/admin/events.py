"""Training events and registrations in the Wagtail admin, for coordinators.

Events are created and edited here (Wagtail logs each create and edit);
anything that changes places goes through training.services.events: cancelling
an event, moving or cancelling a registration (their forms are in
training.admin.event_actions), and promoting people when an edit adds places.
Registrations are never added, edited or deleted directly: the listing shows,
filters and exports them. training.wagtail_hooks registers all of it.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from portal import roles
from portal.admin_exports import ExportIndexView
from schools.services import closure, next_open_day
from training.admin.event_actions import (
    CancelEventView,
    CancelRegistrationView,
    MoveRegistrationView,
)
from training.admin.policies import CoordinatorPolicy
from training.models import Registration, TrainingEvent
from training.services import events as services

# Events are cancelled (which tells everyone), never deleted.
EVENT_POLICY = CoordinatorPolicy(TrainingEvent, ["add", "change", "view"])
REGISTRATION_POLICY = CoordinatorPolicy(Registration, ["view"])


class TrainingEventForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["trainers"].queryset = (
            User.objects.filter(groups__name__in=[roles.PRESENTERS, roles.COORDINATORS])
            .distinct()
            .order_by("last_name", "first_name")
        )

    def clean(self):
        data = super().clean()
        start, end, closes = data.get("start"), data.get("end"), data.get("booking_closes")
        if start and end and end <= start:
            self.add_error("end", "The event must end after it starts.")
        if start and closes and closes > start:
            self.add_error("booking_closes", "Booking must close before the event starts.")
        if start and "start" in self.changed_data:
            self._refuse_a_closed_day(start)
        if not data.get("venue") and not data.get("online_link"):
            self.add_error("venue", "Give a venue, or an online link for an online event.")
        capacity = data.get("capacity")
        if self.instance.pk and capacity is not None:
            confirmed = self.instance.registrations.confirmed().count()
            if capacity < confirmed:
                self.add_error(
                    "capacity",
                    f"{confirmed} people already have a place. Move or cancel some first.",
                )
        return data

    def _refuse_a_closed_day(self, start):
        day = timezone.localtime(start).date()
        reason = closure(day)
        if reason:
            self.add_error(
                "start",
                f"Schools are closed on {day:%A %-d %B %Y} ({reason}). "
                f"The next open day is {next_open_day(day):%A %-d %B %Y}.",
            )


class EventEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        # A new time or place reaches everyone's calendar, updated in place.
        services.event_details_changed(instance, self.form.changed_data, by=self.request.user)
        # More places may now be free: the people waiting longest get them.
        with transaction.atomic():
            event = TrainingEvent.objects.select_for_update().get(pk=instance.pk)
            if not event.is_cancelled and event.start > timezone.now():
                services.fill_places(event, by=self.request.user)
        return instance


class EventIndexView(ExportIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_counts().select_related("course")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                "Registrations and waiting list",
                url=reverse("training_registrations:index") + f"?event={instance.pk}",
                icon_name="group",
                priority=5,
            )
        )
        buttons.append(
            MenuItem(
                "Register",
                url=reverse("training:event_attendance", args=[instance.pk]),
                icon_name="tasks",
                priority=6,
            )
        )
        if not instance.is_cancelled:
            buttons.append(
                MenuItem(
                    "Cancel event",
                    url=reverse("training_events:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class RegistrationIndexView(ExportIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event__course", "user", "school")
            .order_by("event__start", "status", "status_changed_at", "pk")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active:
            buttons.append(
                MenuItem(
                    "Move to another event",
                    url=reverse("training_registrations:move", args=[instance.pk]),
                    icon_name="arrow-right",
                    priority=5,
                )
            )
            buttons.append(
                MenuItem(
                    "Cancel registration",
                    url=reverse("training_registrations:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class TrainingEventViewSet(ModelViewSet):
    model = TrainingEvent
    icon = "date"
    name = "training_events"
    url_prefix = "training/events"
    menu_label = "Events"
    index_view_class = EventIndexView
    edit_view_class = EventEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "course",
        Column("start", label="Starts", sort_key="start"),
        "venue",
        "capacity",
        Column("confirmed_count", label="Confirmed"),
        Column("waitlisted_count", label="Waiting"),
        "status",
    ]
    list_filter = ["status", "course"]
    list_export = [
        "pk",
        "course.title",
        "start",
        "end",
        "venue",
        "online_link",
        "capacity",
        "confirmed_count",
        "waitlisted_count",
        "booking_closes",
        "status",
    ]
    export_headings = {
        "pk": "Event ID",
        "course.title": "Course",
        "confirmed_count": "Confirmed",
        "waitlisted_count": "Waiting",
    }
    export_filename = "training-events"
    search_fields = ["course__title", "venue"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            PageChooserPanel("course", page_type="cms.TrainingCoursePage"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_link")], heading="Where"),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("booking_closes")]),
            FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=TrainingEventForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", CancelEventView.as_view(), name="cancel"),
        ]


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    name = "training_registrations"
    url_prefix = "training/registrations"
    menu_label = "Registrations"
    index_view_class = RegistrationIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["attendance"]
    list_display = [
        Column("user", label="Person"),
        "school",
        "event",
        "status",
        Column("waiting_list_position", label="Position"),
        "attendance",
        "walk_in",
    ]
    list_filter = ["event", "status", "attendance", "walk_in"]
    list_export = [
        "event.pk",
        "event.course.title",
        "event.start",
        "user.first_name",
        "user.last_name",
        "user.email",
        "school.name",
        "school.urn",
        "status",
        "waiting_list_position",
        "attendance",
        "walk_in",
        "created_at",
    ]
    export_headings = {
        "event.pk": "Event ID",
        "event.course.title": "Course",
        "event.start": "Event starts",
        "user.first_name": "First name",
        "user.last_name": "Last name",
        "user.email": "Email",
        "school.name": "School",
        "school.urn": "URN",
        "waiting_list_position": "Waiting list position",
        "created_at": "Registered at",
    }
    export_filename = "training-registrations"
    search_fields = ["user__email", "user__first_name", "user__last_name", "school__name"]
    search_backend_name = None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("move/<int:pk>/", MoveRegistrationView.as_view(), name="move"),
            path("cancel/<int:pk>/", CancelRegistrationView.as_view(), name="cancel"),
        ]


class TrainingEventsGroup(ModelViewSetGroup):
    menu_label = "Training"
    menu_icon = "date"
    menu_order = 300
    items = (TrainingEventViewSet, RegistrationViewSet)


EVENT_LOG_ACTIONS = [
    ("training.event.cancelled", "Event cancelled", "Event cancelled"),
    ("training.event.changed", "Event changed", "Time or place changed; everyone confirmed told"),
    ("training.registration.created", "Registered", "Registered for the event"),
    ("training.registration.rejoined", "Registered again", "Registered again after cancelling"),
    ("training.registration.promoted", "Promoted", "Given a place from the waiting list"),
    ("training.registration.cancelled", "Registration cancelled", "Registration cancelled"),
    ("training.registration.moved", "Moved", "Moved to another event"),
    ("training.registration.attendance", "Attendance marked", "Attendance marked"),
    ("training.registration.walk_in", "Walk-in added", "Added to the register as a walk-in"),
    ("training.delivery_register.recorded", "Register recorded", "Delivery register recorded"),
    ("training.delivery_register.corrected", "Register corrected", "Delivery register corrected"),
    # Booking transition made by the delivery register (see training.services.events.attendance).
]
