"""What the schools package shows on each role's dashboard (see portal.views.dashboard)."""


def context(request, role):
    return {}
