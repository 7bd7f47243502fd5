"""Who may edit which content. Shared by admin hooks, admin forms and tests.

Wagtail's group page permissions decide what each role may do at all
(presenters add and edit under the sessions and resources indexes; coordinators
also publish, everywhere). On top of that, a presenter edits only the sessions
and resources of their own organisation, unless a coordinator has given them
the "Can edit pages of any organisation" permission. Which organisation a person
works for is recorded elsewhere (a presenter's profile, in the schools app), so
it is asked of portal.roles.organisation_of.
"""

from wagtail.models import PagePermissionTester

from portal import roles


def user_organisation(user):
    """The partner organisation a presenter works for, or None."""
    return roles.organisation_of(user)


def can_edit_any_organisation(user):
    return user.is_authenticated and (
        user.is_superuser
        or roles.is_coordinator(user)
        or user.has_perm("cms.edit_any_organisation_page")
    )


def can_edit_page_content(user, page):
    """False when `page` belongs to another organisation than the presenter's.

    Only pages with an organisation (sessions, resources) are restricted; a
    session or resource without an organisation is partnership content, which
    coordinators look after, except that its own author may still open a draft
    of theirs saved before it had one (saving it again names their organisation).
    """
    page = page.specific_deferred
    if not hasattr(page, "partner_id") or can_edit_any_organisation(user):
        return True
    if page.partner_id is None:
        return page.owner_id == user.pk and not page.live
    organisation = user_organisation(user)
    return organisation is not None and page.partner_id == organisation.pk


def can_see_review_report(user):
    """The report of content past its review date: coordinators, who publish."""
    return roles.is_coordinator(user)


def can_approve_uploads(user):
    """Making a presenter's document or image public: coordinators, who approve content."""
    return roles.is_coordinator(user)


class IndexPagePermissionTester(PagePermissionTester):
    """What a person may do with a sessions, resources or training index.

    Presenters are given their page permissions on the indexes, and Wagtail lets a
    permission on a page cover the page itself as well as what is under it. On an
    index, a permission given on the index itself covers only the pages under it:
    presenters add pages there and edit them, but editing, publishing or deleting
    the index is for those given it above (coordinators, from the root).
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if hasattr(self, "permissions"):
            self.permissions = {
                action
                for action, granted_at in self._grants()
                if granted_at != page.path or action == "add"
            }

    def _grants(self):
        for grant in self.permission_policy.get_cached_permissions_for_user(self.user):
            if self.page.path.startswith(grant.page.path):
                yield grant.permission.codename.rsplit("_", maxsplit=1)[0], grant.page.path
