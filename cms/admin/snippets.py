"""Topics and partner organisations: snippets coordinators manage."""

from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import PartnerOrganisation, Topic


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
