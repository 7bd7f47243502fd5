"""Certificates: for staff who attended a training event, and for schools that
took part in a delivery. What is printed is copied onto the certificate when it
is issued, so a later change to a course title or a person's name never changes
a certificate someone already holds (re-issuing takes a fresh copy)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is unambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 100 random bits
_TYPO_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What someone typed (spaces, dashes, lower case, O for 0) as a stored code."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(_TYPO_FIXES)


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see every certificate; holders their own; approved school
        staff their schools' participation certificates; nobody else anything."""
        from portal import roles
        from schools.roles import approved_schools

        if not user.is_authenticated:
            return self.none()
        if roles.is_coordinator(user):
            return self
        return self.filter(
            Q(registration__user=user) | Q(delivery__booking__school__in=approved_schools(user))
        )

    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", "Training attendance"
        SCHOOL = "school", "School participation"

    number = models.CharField(
        max_length=20,
        unique=True,
        null=True,
        editable=False,
        help_text="For example CERT-2026-000123.",
    )
    code = models.CharField(
        "verification code",
        max_length=CODE_LENGTH,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    registration = models.OneToOneField(
        "training.Registration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    delivery = models.OneToOneField(
        "schools.Delivery",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )

    # What the certificate says, copied when it is (re-)issued.
    holder_name = models.CharField(max_length=300, help_text="A person, or a school.")
    title = models.CharField(max_length=300, help_text="The course or session.")
    held_on = models.DateField()
    cpd_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    trainer = models.CharField(max_length=300, blank=True)
    school_name = models.CharField(max_length=200, blank=True)
    pupils_reached = models.PositiveIntegerField(null=True, blank=True)
    issuer = models.CharField(max_length=150)

    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_reason = models.TextField(blank=True)

    pdf = models.FileField(upload_to="certificates/%Y/", blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="training", registration__isnull=False, delivery__isnull=True)
                    | Q(kind="school", delivery__isnull=False, registration__isnull=True)
                ),
                name="certificate_has_one_subject_of_its_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "issued_at"])]

    def __str__(self):
        return self.number or f"Certificate {self.pk}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def display_code(self):
        """The code in groups of four, as printed."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def filename(self):
        return f"{self.number}.pdf"

    def get_verify_url(self):
        return reverse("training:certificate_verify", args=[self.code])

    def get_absolute_verify_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_verify_url()

    def get_download_url(self):
        return reverse("training:certificate_download", args=[self.number])


class CertificateBatch(models.Model):
    """One run of "issue certificates for this event" in the background, with its
    progress, its problems and, at the end, one ZIP of every certificate."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Stopped by an error"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    event = models.ForeignKey(
        "training.TrainingEvent", on_delete=models.CASCADE, related_name="certificate_batches"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    email_holders = models.BooleanField("email each certificate to its holder", default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[{name, message}]")
    zip_file = models.FileField(upload_to="certificates/zips/%Y/", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "certificate batches"
        constraints = [
            # Whatever arrives at once, one batch at a time per event.
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_certificate_batch_per_event",
            )
        ]

    def __str__(self):
        return f"Certificates for {self.event} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def processed(self):
        return self.done + len(self.errors)

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.processed / self.total)
