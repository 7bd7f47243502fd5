"""Where each page type may live, and that each can be created through the admin form."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    HelpPage,
    HomePage,
    ResourceIndexPage,
    ResourcePage,
    SessionIndexPage,
    SessionPage,
    StandardPage,
    TrainingCoursePage,
    TrainingIndexPage,
)
from tests import factories
from tests.factories import cms


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_indexes_and_help_sit_under_the_home_page(self):
        for model in (SessionIndexPage, ResourceIndexPage, TrainingIndexPage, HelpPage):
            self.assertAllowedParentPageTypes(model, {HomePage})

    def test_sessions_resources_and_courses_sit_under_their_index(self):
        self.assertAllowedSubpageTypes(SessionIndexPage, {SessionPage})
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedSubpageTypes(TrainingIndexPage, {TrainingCoursePage})
        self.assertCanNotCreateAt(HomePage, SessionPage)
        self.assertCanNotCreateAt(SessionIndexPage, ResourcePage)

    def test_leaf_pages_have_no_children(self):
        for model in (SessionPage, ResourcePage, TrainingCoursePage, HelpPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_standard_pages_sit_under_home_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})


class AdminCreationTests(WagtailPageTestCase):
    """A superuser (with MFA, as the portal requires) creates each type through the admin."""

    @classmethod
    def setUpTestData(cls):
        cls.user = factories.enable_mfa(
            factories.UserFactory(is_superuser=True, is_staff=True, email="root@example.com")
        )
        cls.home = cms.home_page()
        cls.topic = cms.topic("Online safety")
        cls.partner = cms.partner("Westshire Police")

    def setUp(self):
        self.client.force_login(self.user)

    def test_create_help_and_standard_pages(self):
        self.assertCanCreate(
            self.home,
            HelpPage,
            nested_form_data(
                {
                    "title": "Get help now",
                    "slug": "help",
                    "intro": rich_text(""),
                    "body": rich_text(""),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {"title": "About", "slug": "about", "body": rich_text("<p>Who we are.</p>")}
            ),
        )

    def test_create_a_session_with_everything_a_dsl_needs(self):
        index = cms.session_index()
        resource = cms.resource_page(title="Knife crime: the facts")
        self.assertCanCreate(
            index,
            SessionPage,
            nested_form_data(
                {
                    "title": "Knife crime: the real consequences",
                    "slug": "knife-crime",
                    "summary": "An assembly about knife crime.",
                    "format": "assembly",
                    "audience": "pupils",
                    "min_year": 9,
                    "max_year": 11,
                    "duration_minutes": 50,
                    "max_audience": 300,
                    "partner": self.partner.pk,
                    "learning_outcomes": rich_text("<ul><li>Know the law.</li></ul>"),
                    "preparation": rich_text("<p>A hall with a projector.</p>"),
                    "content_warnings": "Describes a stabbing.",
                    "related_resources": inline_formset([{"resource": resource.pk}]),
                    "bookable": "on",
                    "minimum_notice_days": 10,
                    "next_review_due": "2027-09-01",
                }
            )
            | {"topics": [self.topic.pk], "rshe_themes": ["being_safe", "internet_safety"]},
        )
        page = SessionPage.objects.get(slug="knife-crime")
        assert page.rshe_themes == ["being_safe", "internet_safety"]
        assert page.related_resources.get().resource_id == resource.pk
        assert page.topics.get() == self.topic
        assert page.next_review_due == datetime.date(2027, 9, 1)

    def test_create_a_resource_with_a_streamfield_body(self):
        index = cms.resource_index()
        self.assertCanCreate(
            index,
            ResourcePage,
            nested_form_data(
                {
                    "title": "Gaming and chat",
                    "slug": "gaming",
                    "summary": "Staying safe in games.",
                    "resource_type": "leaflet",
                    "partner": self.partner.pk,
                    "body": streamfield(
                        [
                            ("heading", "Keep it private"),
                            ("paragraph", rich_text("<p>Do not share your address.</p>")),
                        ]
                    ),
                    "next_review_due": "",
                }
            )
            | {"topics": [self.topic.pk], "audiences": ["8-10", "11-13"]},
        )
        page = ResourcePage.objects.get(slug="gaming")
        assert page.audiences == ["8-10", "11-13"]
        assert [block.block_type for block in page.body] == ["heading", "paragraph"]

    def test_create_a_training_course(self):
        index = cms.training_index()
        self.assertCanCreate(
            index,
            TrainingCoursePage,
            nested_form_data(
                {
                    "title": "DSL new to role",
                    "slug": "dsl",
                    "summary": "Two days for new DSLs.",
                    "audience": "Designated safeguarding leads",
                    "cpd_hours": "12",
                    "outcomes": rich_text("<ul><li>Make referrals.</li></ul>"),
                    "next_review_due": "",
                }
            )
            | {"topics": [self.topic.pk]},
        )
        assert TrainingCoursePage.objects.get(slug="dsl").topics.get() == self.topic

    def test_a_session_for_older_then_younger_years_is_refused(self):
        page = SessionPage(
            title="Backwards", summary="x", format="assembly", min_year=11, max_year=7
        )
        with self.assertRaises(Exception) as raised:
            page.full_clean()
        assert "max_year" in raised.exception.message_dict

    def test_staff_training_is_for_staff_and_the_editor_says_so_at_the_field(self):
        page = SessionPage(
            title="Briefing", summary="x", format="staff_training", audience="pupils"
        )
        with self.assertRaises(Exception) as raised:
            page.full_clean()
        assert raised.exception.message_dict["audience"] == [
            "Staff training is for school staff: choose school staff, or another format."
        ]
        page.audience = SessionPage.Audience.STAFF
        page.clean()  # no error
        page.format, page.audience = "workshop", SessionPage.Audience.PARENTS
        page.clean()  # a workshop may be for parents and carers

    def test_the_editor_shows_who_a_session_is_for(self):
        page = cms.session_page(format="parent_session")
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="audience"' in html
        assert "Who it is for" in html
        assert '<option value="parents" selected>Parents and carers</option>' in html
