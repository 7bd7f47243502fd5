"""What the training package shows on each role's dashboard (see portal.views.dashboard).

Each area keeps its own panel module; this one only gathers them.
"""

from . import certificates, events, feedback

PANELS = [events.context, feedback.context, certificates.context]


def context(request, role):
    ctx = {}
    for panel in PANELS:
        ctx.update(panel(request, role))
    return ctx
