"""Topics and partner organisations: snippets coordinators manage.

A presenter may name only their own organisation on a session or resource
(cms.forms.OrganisationPageForm refuses any other), so the organisation chooser
offers them only that one, and will not hand back another by its id.
"""

from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import PartnerOrganisation, Topic
from ..permissions import can_edit_any_organisation, user_organisation


def organisations_for(user, queryset):
    """The organisations `user` may name on a page: all for coordinators, else their own."""
    if can_edit_any_organisation(user):
        return queryset
    organisation = user_organisation(user)
    return queryset.filter(pk=organisation.pk) if organisation else queryset.none()


class OwnOrganisationMixin:
    def get_object_list(self):
        return organisations_for(self.request.user, super().get_object_list())


class OrganisationChooseView(OwnOrganisationMixin, ChooseView):
    pass


class OrganisationChooseResultsView(OwnOrganisationMixin, ChooseResultsView):
    pass


class OrganisationChosenView(SnippetChosenView):
    def get_object(self, pk):
        queryset = organisations_for(self.request.user, self.model_class.objects.all())
        return queryset.get(pk=pk)


class OrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    chosen_view_class = OrganisationChosenView


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = "Partner organisations"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    chooser_viewset_class = OrganisationChooserViewSet
