"""Feedback rules: pupil codes (codes), pupils' answers (pupils), possible
disclosures (disclosures), teacher feedback (teachers), feedback requests
(requests) and each delivery's totals for the reports (totals).

Views, tasks, commands and other packages call these; nothing else writes
feedback rows. Callers use this package's names; its modules import one another
directly. See docs/feedback.md for the choices made here.
"""

from training.models.feedback import BURST_PER_MINUTE, LIVE_BOOKING_STATUSES
from training.services.errors import FeedbackError

from .codes import (
    CODE_LIFETIME,
    CODE_OPENS_BEFORE,
    code_expires_at,
    code_opens_at,
    delivery_for_code,
    feedback_code_for,
    give_feedback_code,
)
from .disclosures import mark_followed_up, notify_possible_disclosure, safeguarding_recipients
from .pupils import (
    PupilSubmission,
    answers_allowed,
    open_pair,
    pairing_hash,
    set_aside_answers,
    submit_pupil_before,
    submit_pupil_feedback,
    survey_stage,
)
from .requests import (
    REQUEST_WINDOW,
    delivery_feedback_recipients,
    event_feedback_recipients,
    register_is_complete,
    send_delivery_feedback_request,
    send_event_feedback_request,
    send_feedback_requests,
)
from .teachers import already_given, submit_teacher_feedback
from .totals import rebuild_feedback_totals, refresh_feedback_totals

__all__ = [
    "BURST_PER_MINUTE",
    "CODE_LIFETIME",
    "CODE_OPENS_BEFORE",
    "LIVE_BOOKING_STATUSES",
    "REQUEST_WINDOW",
    "FeedbackError",
    "PupilSubmission",
    "already_given",
    "answers_allowed",
    "code_expires_at",
    "code_opens_at",
    "delivery_feedback_recipients",
    "delivery_for_code",
    "event_feedback_recipients",
    "feedback_code_for",
    "give_feedback_code",
    "mark_followed_up",
    "notify_possible_disclosure",
    "open_pair",
    "pairing_hash",
    "rebuild_feedback_totals",
    "refresh_feedback_totals",
    "register_is_complete",
    "safeguarding_recipients",
    "set_aside_answers",
    "send_delivery_feedback_request",
    "send_event_feedback_request",
    "send_feedback_requests",
    "submit_pupil_before",
    "submit_pupil_feedback",
    "submit_teacher_feedback",
    "survey_stage",
]
