"""Admin forms for pages (imported by the page models)."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import can_edit_any_organisation, user_organisation

NO_ORGANISATION = (
    "Your account is not linked to a partner organisation yet. Ask a coordinator to "
    "add you to your organisation, then try again."
)


class OrganisationPageForm(WagtailAdminPageForm):
    """A presenter may only name their own organisation as the page's organisation.

    Together with the `before_edit_page` hook (cms/wagtail_hooks.py) this keeps
    each partner's sessions and resources in their own presenters' hands. The
    organisation is filled in for them and kept even on "Save draft" (which lets
    other required fields wait): a draft without it would belong to nobody, and
    its own author would be refused it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("partner")
        user = self.for_user
        self.own_organisation_only = not (
            field is None or user is None or can_edit_any_organisation(user)
        )
        if not self.own_organisation_only:
            return
        organisation = user_organisation(user)
        field.queryset = field.queryset.filter(pk=organisation.pk if organisation else None)
        field.required = field.widget.is_required = True
        field.help_text = "Presenters publish for their own organisation."
        if organisation and not self.instance.partner_id and not self.initial.get("partner"):
            self.initial["partner"] = organisation.pk

    def clean(self):
        cleaned_data = super().clean()
        if self.own_organisation_only and not cleaned_data.get("partner"):
            organisation = user_organisation(self.for_user)
            if organisation is None:
                self.add_error("partner", forms.ValidationError(NO_ORGANISATION, "no_organisation"))
            else:
                cleaned_data["partner"] = organisation
        return cleaned_data
