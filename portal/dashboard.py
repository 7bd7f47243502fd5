"""What /dashboard/ shows: each person's home role, and the panels apps add to it.

Apps fill both registries from their AppConfig.ready(), so the portal names no
app: the schools app adds the roles of school staff and of people waiting to
join a school, and each app adds its panels. The most powerful role wins: roles
are tried in the order they were added, the portal's own (coordinator, then
presenter) first; someone who is none of them is a newcomer. Panels show in the
order they were added, which is the order of INSTALLED_APPS.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import roles


@dataclass(frozen=True)
class HomeRole:
    name: str
    applies: Callable  # applies(user) -> bool
    template: str  # the home page for the role


@dataclass(frozen=True)
class Panel:
    context: Callable  # context(request, role_name) -> dict
    template: str  # with "{role}" where the role's name goes
    roles: tuple[str, ...]  # the roles it has a template for


NEWCOMER = HomeRole(roles.ROLE_NEWCOMER, lambda user: True, "portal/dashboard/newcomer.html")
HOME_ROLES = [
    HomeRole(roles.ROLE_COORDINATOR, roles.is_coordinator, "portal/dashboard/coordinator.html"),
    HomeRole(roles.ROLE_PRESENTER, roles.is_presenter, "portal/dashboard/presenter.html"),
]
PANELS = []


def add_home_role(name, applies, *, template):
    """A role tried after those added before it; adding a name again replaces it."""
    role = HomeRole(name, applies, template)
    for index, known in enumerate(HOME_ROLES):
        if known.name == name:
            HOME_ROLES[index] = role
            return
    HOME_ROLES.append(role)


def add_panel(context, *, template, for_roles):
    panel = Panel(context, template, tuple(for_roles))
    if panel not in PANELS:
        PANELS.append(panel)


def home_role(user):
    """The role whose home /dashboard/ shows."""
    return next((role for role in HOME_ROLES if role.applies(user)), NEWCOMER)


def home(request):
    """The template and context of the signed-in person's home: their role's page,
    with each app's panel for that role."""
    role = home_role(request.user)
    context = {"role": role.name, "panels": []}
    for panel in PANELS:
        if role.name in panel.roles:
            context.update(panel.context(request, role.name))
            context["panels"].append(panel.template.format(role=role.name))
    return role.template, context
