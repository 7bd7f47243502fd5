"""What the training package shows on each role's dashboard (see portal.views.dashboard).

Each area keeps its own panel module; this one only gathers them.
"""

from training import dashboard_certificates, dashboard_events, dashboard_feedback

PANELS = [dashboard_events.context, dashboard_feedback.context, dashboard_certificates.context]


def context(request, role):
    ctx = {}
    for panel in PANELS:
        ctx.update(panel(request, role))
    return ctx
