"""Planning a term (coordinators, behind MFA like every coordinator page): the term
and aims, the plan with its progress while it is worked out, changes to it, the
offers sent; and a school's answer to an offer."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.errors import add_to_form
from portal.forms import posted

from .. import permissions
from ..forms.plans import OfferAnswerForm, TermPlanForm
from ..models import DateProposal, PlannedVisit, TermPlan
from ..services import SchoolsError
from ..services import plans as services
from .bookings import _visible_booking


def _planner(request):
    if not permissions.can_plan_terms(request.user):
        raise PermissionDenied


@login_required
def plan_list(request):
    _planner(request)
    plans = TermPlan.objects.select_related("created_by")[:50]
    return render(request, "schools/plans/plan_list.html", {"plans": plans})


@login_required
def plan_new(request):
    _planner(request)
    form = TermPlanForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.start_plan(
                by=request.user,
                first_day=form.cleaned_data["first_day"],
                last_day=form.cleaned_data["last_day"],
                aims=form.aims(),
            )
        except SchoolsError as error:
            add_to_form(form, error)
        else:
            return redirect("schools:plan_detail", pk=plan.pk)
    return render(request, "schools/plans/plan_new.html", {"form": form})


@never_cache
@login_required
def plan_detail(request, pk):
    _planner(request)
    plan = get_object_or_404(TermPlan, pk=pk)
    visits = list(plan.visits.select_related("school__district", "session", "presenter", "booking"))
    by_day = defaultdict(list)
    for visit in visits:
        if not visit.removed:
            by_day[visit.day].append(visit)
    context = {
        "plan": plan,
        "days": sorted(by_day.items()),
        "removed": [v for v in visits if v.removed],
        "active": sum(len(v) for v in by_day.values()),
        "coverage": services.plan_coverage(plan) if plan.solved_at else [],
    }
    response = render(request, "schools/plans/plan_detail.html", context)
    if plan.is_solving:
        # Reloads itself while the plan is worked out, without JavaScript.
        response["Refresh"] = "3"
    return response


@login_required
@require_POST
def plan_again(request, pk):
    _planner(request)
    plan = get_object_or_404(TermPlan, pk=pk)
    try:
        services.plan_again(plan, by=request.user)
    except SchoolsError as error:
        messages.error(request, error.message)
    return redirect("schools:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_visit_change(request, pk, visit, change):
    _planner(request)
    # The plan first: a foreign key lookup with a number beyond the column's range
    # fails in the database, where a primary key lookup simply finds nothing.
    plan = get_object_or_404(TermPlan, pk=pk)
    planned = get_object_or_404(plan.visits.select_related("school"), pk=visit)
    try:
        services.change_visit(planned, change, by=request.user)
    except SchoolsError as error:
        messages.error(request, error.message)
    else:
        done = {"lock": "locked", "unlock": "unlocked", "remove": "removed", "restore": "put back"}
        messages.success(request, f"The visit to {planned.school.name} is {done[change]}.")
    return redirect("schools:plan_detail", pk=pk)


@login_required
@require_POST
def plan_send(request, pk):
    _planner(request)
    plan = get_object_or_404(TermPlan, pk=pk)
    try:
        sent, refused = services.send_offers(plan, by=request.user)
    except SchoolsError as error:
        messages.error(request, error.message)
    else:
        text = f"{sent} offer{'s' if sent != 1 else ''} sent. Each school's DSL has been emailed."
        if refused:
            text += " Not sent: " + "; ".join(f"{v.school.name}: {m}" for v, m in refused)
        messages.success(request, text)
    return redirect("schools:plan_detail", pk=plan.pk)


@login_required
def offer(request, reference):
    """A school's DSL answers an offer from the term plan."""
    booking = _visible_booking(request, reference)
    planned = PlannedVisit.objects.filter(booking=booking).select_related("presenter").first()
    if planned is None:
        raise Http404("No such offer")
    can_answer = permissions.can_answer_offer(request.user, booking)
    form = OfferAnswerForm(posted(request))
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied
        if form.is_valid():
            done = _answer(request, booking, form)
            if done:
                messages.success(request, done)
                return redirect("schools:booking_detail", reference=booking.reference)
    proposal = booking.proposals.filter(status=DateProposal.Status.PENDING).first()
    planned.refresh_from_db(fields=["offer_state"])
    return render(
        request,
        "schools/plans/offer.html",
        {
            "booking": booking,
            "planned": planned,
            "proposal": proposal,
            "form": form,
            "can_answer": can_answer and proposal is not None,
        },
    )


def _answer(request, booking, form):
    answer, reason = form.cleaned_data["answer"], form.cleaned_data["reason"]
    try:
        if answer == form.ACCEPT:
            services.accept_offer(booking, by=request.user)
            return "Visit booked. Everyone has been emailed, with a calendar invitation."
        if answer == form.ANOTHER_DATE:
            services.ask_another_date(booking, by=request.user, reason=reason)
            return "Thank you. A coordinator will offer another date."
        services.decline_offer(booking, by=request.user, reason=reason)
        return "Thank you for letting us know. The offer is declined."
    except SchoolsError as error:
        add_to_form(form, error)
    return None
