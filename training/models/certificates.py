"""Certificates: for staff who attended a training event, and for schools that
took part in a delivery. What is printed is copied onto the certificate when it
is issued, so a later change to a course title or a person's name never changes
a certificate someone already holds (re-issuing takes a fresh copy)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from portal.codes import CERTIFICATE_CODE, new_certificate_code
from portal.worker import policy_for

from .constraints import exactly_one_of


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


# At module level, so that the models' Meta constraints can name them; the models
# carry them as Certificate.Kind and CertificateBatch.Status.
class CertificateKind(models.TextChoices):
    TRAINING = "training", "Training attendance"
    SCHOOL = "school", "School participation"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "In progress"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Stopped by an error"
    CANCELLED = "cancelled", "Cancelled"


class Certificate(models.Model):
    Kind = CertificateKind

    number = models.CharField(
        max_length=20,
        unique=True,
        null=True,
        editable=False,
        help_text="For example CERT-2026-000123.",
    )
    code = models.CharField(
        "verification code",
        max_length=CERTIFICATE_CODE.length,
        unique=True,
        default=new_certificate_code,
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
            exactly_one_of(
                "certificate_has_one_subject_of_its_kind",
                {
                    "registration": {"kind": CertificateKind.TRAINING},
                    "delivery": {"kind": CertificateKind.SCHOOL},
                },
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

    Status = BatchStatus
    ACTIVE = (BatchStatus.QUEUED, BatchStatus.RUNNING)
    TASK_PATH = "training.tasks.issue_event_certificates"

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
    # Set when the run starts and after every certificate: a run with nothing
    # new for longer than its task's lease is shown as stalled.
    progress_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "certificate batches"
        constraints = [
            # Whatever arrives at once, one batch at a time per event.
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING]),
                name="one_active_certificate_batch_per_event",
            )
        ]

    def __str__(self):
        return f"Certificates for {self.event} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def stalled_after(self):
        """The lease of the task that does the work (portal.worker): past it with no
        progress, the worker is taken to have died and another resumes the run."""
        return timedelta(seconds=policy_for(self.TASK_PATH).lease)

    def is_stalled(self, now=None):
        """Active, and nothing done for longer than the lease."""
        last = self.progress_at or self.created_at
        return self.is_active and last < (now or timezone.now()) - self.stalled_after

    @property
    def processed(self):
        return self.done + len(self.errors)

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.processed / self.total)
