"""What the training package shows on each role's dashboard (see portal.views.dashboard)."""

from .dashboard_certificates import context as certificates_context


def context(request, role):
    context = {}
    # Certificates
    context.update(certificates_context(request, role))
    return context
