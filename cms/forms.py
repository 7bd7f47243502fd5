"""Admin forms for pages (imported by the page models)."""

from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import can_edit_any_organisation, user_organisation


class OrganisationPageForm(WagtailAdminPageForm):
    """A presenter may only name their own organisation as the page's organisation.

    Together with the `before_edit_page` hook (cms/wagtail_hooks.py) this keeps
    each partner's sessions and resources in their own presenters' hands.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("partner")
        user = self.for_user
        if field is None or user is None or can_edit_any_organisation(user):
            return
        organisation = user_organisation(user)
        field.queryset = field.queryset.filter(pk=organisation.pk if organisation else None)
        field.required = True
        field.help_text = "Presenters publish for their own organisation."
        if organisation and not self.instance.partner_id:
            self.initial.setdefault("partner", organisation.pk)
