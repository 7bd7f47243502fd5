"""Pupil voice (no sign-in), the presenter's code screen, teacher feedback, flagged
answers and the public "you said, we did" list. Views are thin: the rules are in
training.services.feedback, who may do what in training.permissions."""

import io
import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import ratelimit
from portal.codes import PUPIL_CODE
from portal.errors import add_to_form
from portal.forms import posted
from training import permissions
from training.forms.feedback import AfterForm, BeforeForm, CodeForm, TeacherFeedbackForm
from training.models import PupilResponse, TrainingEvent, YouSaidWeDid
from training.services import feedback as services
from training.services.errors import FeedbackError
from training.services.feedback import poster
from training.views.access import allowed_delivery, mfa_first

PAIR_COOKIE = "pupil_pair"
DONE_COOKIE = "pupil_done"
PAIR_COOKIE_AGE = 24 * 60 * 60

# Rate limits: portal.ratelimit's pupil rules (per address and code; the address itself
# is never stored). ---------------------------------------------------------------------


def slowed_down(request):
    return render(request, "training/feedback/slowed.html", status=429)


# Pupils ------------------------------------------------------------------------


@never_cache
def code_entry(request):
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        code = PUPIL_CODE.normalise(form.cleaned_data["code"])
        if not ratelimit.pupil_code_allowed(request, code):
            return slowed_down(request)
        try:
            services.delivery_for_code(code)
        except FeedbackError as error:
            ratelimit.pupil_code_wrong(request)
            add_to_form(form, error, field="code")
        else:
            ratelimit.pupil_code_worked(request, code)
            return redirect("training:pupil_survey", code=code)
    return render(request, "training/feedback/code_entry.html", {"form": form})


def _survey_delivery(request, code):
    """The delivery for a code in the address, or a response to show instead."""
    if not ratelimit.pupil_code_allowed(request, code):
        return None, slowed_down(request)
    try:
        delivery = services.delivery_for_code(code)
    except FeedbackError as error:
        ratelimit.pupil_code_wrong(request)
        form = CodeForm(initial={"code": code})
        return None, render(
            request,
            "training/feedback/code_entry.html",
            {"form": form, "code_error": error.message},
            status=404 if error.code == "unknown_code" else 410,
        )
    ratelimit.pupil_code_worked(request, code)
    return delivery, None


@never_cache
def pupil_survey(request, code):
    code = PUPIL_CODE.normalise(code)
    delivery, response = _survey_delivery(request, code)
    if response:
        return response
    if code != request.resolver_match.kwargs["code"]:
        return redirect("training:pupil_survey", code=code)
    token = request.COOKIES.get(PAIR_COOKIE, "")
    paired = services.open_pair(delivery, token) is not None
    stage = "after" if paired else services.survey_stage(delivery)
    if request.method == "POST":
        stage = (
            request.POST.get("stage") if request.POST.get("stage") in ("before", "after") else stage
        )
        if not ratelimit.pupil_answer_allowed(request, code):
            return slowed_down(request)
    elif request.COOKIES.get(DONE_COOKIE) == code:
        return render(
            request, "training/feedback/thanks.html", {"delivery": delivery, "done": True}
        )
    answer = _before_answer if stage == "before" else _after_answer
    form, response = answer(request, delivery, code=code, token=token, paired=paired)
    if response:
        return response
    return render(
        request,
        "training/feedback/survey.html",
        {"delivery": delivery, "form": form, "stage": stage, "paired": paired, "code": code},
    )


def _before_answer(request, delivery, *, code, token, paired):
    """The form for a "before" answer, or where to go once it is saved."""
    form = BeforeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        ratelimit.pupil_answer_given(request, code)
        token = token or secrets.token_urlsafe(24)
        try:
            services.submit_pupil_before(
                delivery, token=token, confidence=form.cleaned_data["before_confidence"]
            )
        except FeedbackError as error:
            add_to_form(form, error)
            return form, None
        result = redirect("training:pupil_thanks", code=code)
        _set_cookie(result, PAIR_COOKIE, token)
        return form, result
    return form, None


def _after_answer(request, delivery, *, code, token, paired):
    """The form for the end-of-session answers, or the thanks page once they are saved."""
    form = AfterForm(posted(request), paired=paired)
    if not (request.method == "POST" and form.is_valid()):
        return form, None
    ratelimit.pupil_answer_given(request, code)
    data = form.cleaned_data
    try:
        submission = services.submit_pupil_feedback(
            delivery,
            token=token,
            after_confidence=data["after_confidence"],
            knows_who_to_talk_to=data["knows_who_to_talk_to"],
            do_differently=data["do_differently"],
            retrospective_before=data.get("retrospective_before"),
        )
    except FeedbackError as error:
        # The visit has all its answers, or the "before" answer went missing
        # between page and post (ask again).
        form = AfterForm(request.POST, paired=paired and error.code == "answers_full")
        form.is_valid()
        add_to_form(form, error)
        return form, None
    result = render(
        request,
        "training/feedback/thanks.html",
        {
            "delivery": delivery,
            "done": True,
            "flagged": submission.flagged,
            "knows": data["knows_who_to_talk_to"],
        },
    )
    result.delete_cookie(PAIR_COOKIE, path="/feedback/")
    _set_cookie(result, DONE_COOKIE, code, max_age=14 * PAIR_COOKIE_AGE)
    return form, result


def _set_cookie(response, name, value, max_age=PAIR_COOKIE_AGE):
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/feedback/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@never_cache
def pupil_thanks(request, code):
    delivery, response = _survey_delivery(request, PUPIL_CODE.normalise(code))
    if response:
        return response
    return render(request, "training/feedback/thanks.html", {"delivery": delivery, "done": False})


# Presenters ------------------------------------------------------------------------


def survey_url(request, code):
    return request.build_absolute_uri(reverse("training:pupil_survey", args=[code.code]))


@login_required
def show_code(request, pk):
    delivery = allowed_delivery(request.user, pk, permissions.can_show_feedback_code)
    code = services.feedback_code_for(delivery)
    return render(
        request,
        "training/feedback/show_code.html",
        {
            "delivery": delivery,
            "code": code,
            "survey_url": survey_url(request, code),
            "entry_url": request.build_absolute_uri(reverse("training:feedback")),
            "expires_at": services.code_expires_at(delivery),
        },
    )


@login_required
def code_poster(request, pk):
    """The class-code poster as a PDF (only while the code works, for those who may show it)."""
    delivery = allowed_delivery(request.user, pk, permissions.can_show_feedback_code)
    code = services.feedback_code_for(delivery)
    pdf = poster.poster_pdf(
        code=code.code,
        entry_url=request.build_absolute_uri(reverse("training:feedback")),
        survey_url=survey_url(request, code),
        delivery=delivery,
        expires_at=services.code_expires_at(delivery),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="feedback-code-{code.code}.pdf"'
    return response


@login_required
def code_qr(request, pk):
    """The survey address as a QR code: a vector image, sharp on any projector."""
    delivery = allowed_delivery(request.user, pk, permissions.can_show_feedback_code)
    code = services.feedback_code_for(delivery)
    buffer = io.BytesIO()
    segno.make(survey_url(request, code), error="m").save(
        buffer, kind="svg", scale=10, border=2, title=f"QR code for feedback code {code.code}"
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


# Teacher feedback --------------------------------------------------------------------


@login_required
def delivery_feedback(request, pk):
    delivery = allowed_delivery(request.user, pk, permissions.can_open_delivery_feedback)
    return _teacher_feedback(request, delivery=delivery, title=delivery.booking.session.title)


@login_required
def event_feedback(request, pk):
    event = get_object_or_404(TrainingEvent.objects.select_related("course"), pk=pk)
    if permissions.attended_registration(request.user, event) is None:
        raise PermissionDenied
    return _teacher_feedback(request, event=event, title=event.course.title)


def _teacher_feedback(request, *, title, delivery=None, event=None):
    context = {"delivery": delivery, "event": event, "title": title}
    if services.already_given(request.user, delivery=delivery, event=event):
        return render(request, "training/feedback/teacher_done.html", context)
    asked = "event" if event is not None else delivery.booking.session.audience
    form = TeacherFeedbackForm(posted(request), asked=asked)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_teacher_feedback(
                request.user, delivery=delivery, event=event, **form.cleaned_data
            )
        except FeedbackError as error:
            add_to_form(form, error)
        else:
            messages.success(request, "Thank you. Your feedback has been sent.")
            return redirect("dashboard")
    return render(request, "training/feedback/teacher_form.html", {**context, "form": form})


# Flagged pupil answers -------------------------------------------------------------------


@login_required
def flagged_list(request):
    if not permissions.can_list_flagged(request.user):
        raise PermissionDenied
    if set_up := mfa_first(request):
        return set_up
    responses = permissions.flagged_responses_visible_to(request.user).order_by(
        "followed_up_at", "-created_at"
    )
    return render(request, "training/feedback/flagged_list.html", {"responses": responses})


@login_required
def flagged_response(request, pk):
    response = get_object_or_404(
        PupilResponse.objects.select_related(
            "delivery__booking__school", "delivery__booking__session", "followed_up_by"
        ),
        pk=pk,
        flagged=True,
    )
    if not permissions.can_read_flagged(request.user, response):
        raise PermissionDenied
    if set_up := mfa_first(request):
        return set_up
    return render(request, "training/feedback/flagged_response.html", {"response": response})


@login_required
@require_POST
def flagged_followed_up(request, pk):
    response = get_object_or_404(PupilResponse, pk=pk, flagged=True)
    if permissions.can_read_flagged(request.user, response) and (set_up := mfa_first(request)):
        return set_up  # an answer is followed up by someone who could read it
    try:
        services.mark_followed_up(response, user=request.user)
    except FeedbackError as error:
        if error.code == "not_allowed":
            raise PermissionDenied from error
        messages.info(request, error.message)
    else:
        messages.success(request, "Marked as followed up.")
    return redirect("training:flagged_response", pk=pk)


# You said, we did -------------------------------------------------------------------------


def you_said_we_did(request):
    return render(
        request,
        "training/feedback/you_said_we_did.html",
        {"items": YouSaidWeDid.objects.filter(published=True)},
    )
