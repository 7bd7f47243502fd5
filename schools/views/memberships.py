"""Finding a school, asking to join it, and deciding who joins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.errors import add_to_form
from portal.forms import posted

from .. import permissions, services
from ..forms.memberships import JoinForm, SchoolSearchForm
from ..models import School, SchoolMembership

SEARCH_LIMIT = 20


@login_required
def join(request):
    search = SchoolSearchForm(request.GET or None)
    results = School.objects.none()
    query = ""
    if search.is_valid() and search.cleaned_data["q"].strip():
        query = search.cleaned_data["q"].strip()
        results = School.objects.matching(query).select_related("district")[:SEARCH_LIMIT]
    mine = request.user.school_memberships.select_related("school")
    return render(
        request,
        "schools/join.html",
        {"search": search, "results": results, "query": query, "memberships": mine},
    )


@login_required
def join_school(request, urn):
    school = get_object_or_404(School, urn=urn, is_open=True)
    form = JoinForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_membership(
                user=request.user, school=school, role=form.cleaned_data["role"]
            )
        except services.MembershipError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                f"You have asked to join {school.name}. We will email you when it has been checked.",
            )
            return redirect("dashboard")
    return render(request, "schools/join_school.html", {"school": school, "form": form})


@login_required
def membership_requests(request):
    """Pending requests this person may decide: all for coordinators, their school's for a DSL."""
    pending = (
        permissions.memberships_visible_to(request.user)
        .filter(status=SchoolMembership.Status.PENDING)
        .exclude(user=request.user)
        .select_related("user", "school")
    )
    pending = [m for m in pending if permissions.can_decide_membership(request.user, m)]
    if not pending and not permissions.can_see_membership_requests(request.user):
        raise PermissionDenied
    return render(request, "schools/membership_requests.html", {"pending": pending})


@login_required
@require_POST
def decide_membership(request, pk):
    membership = get_object_or_404(SchoolMembership.objects.select_related("school", "user"), pk=pk)
    if not permissions.can_decide_membership(request.user, membership):
        raise PermissionDenied
    decisions = {"approve": services.approve_membership, "reject": services.reject_membership}
    decide = decisions.get(request.POST.get("decision"))
    if decide is None:  # never reject someone because a button's value went missing
        messages.error(request, "Choose approve or reject.")
        return redirect("schools:membership_requests")
    try:
        decide(membership, by=request.user)
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        verb = "approved" if decide is services.approve_membership else "rejected"
        messages.success(
            request, f"{membership.user.get_full_name()} {verb} for {membership.school.name}."
        )
    return redirect("schools:membership_requests")
