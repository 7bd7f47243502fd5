"""What the training package shows on each role's dashboard (see portal.views.dashboard)."""

from training import dashboard_feedback


def context(request, role):
    ctx = {}
    ctx.update(dashboard_feedback.context(request, role))  # feedback and reports
    return ctx
