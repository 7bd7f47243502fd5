"""Accounts. People sign in with their email address; there is no username."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from .validators import one_line


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: school staff, presenter, coordinator.

    Pupils never have accounts. The name is kept because certificates carry it.
    """

    username = None
    email = models.EmailField("email address", unique=True)
    # As AbstractUser's, on one line: names go into email subjects and certificates.
    first_name = models.CharField("first name", max_length=150, blank=True, validators=[one_line])
    last_name = models.CharField("last name", max_length=150, blank=True, validators=[one_line])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email


class AddedEmailAddress(models.Model):
    """When someone added a further email address to their account (allauth keeps no
    date): an address nobody confirms is removed after a few days
    (portal.retention), so nobody can hold another person's address for long."""

    address = models.OneToOneField(
        "account.EmailAddress", on_delete=models.CASCADE, related_name="added"
    )
    added_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.address_id} added {self.added_at:%Y-%m-%d}"


class SentEmail(models.Model):
    """A mark that the email queued under `key` has left, so a task run again (after
    a retry, or after its worker died and its lease ran out) never sends it twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


class Message(models.Model):
    """A message a coordinator writes to a group (everyone on a training event, the
    DSLs of some districts): each person gets an email of their own
    (portal.messages). The people are fixed when the coordinator is shown how many
    there are, and those are the people it is sent to."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Not sent"
        SENT = "sent", "Sent"

    subject = models.CharField(max_length=150, validators=[one_line])
    body = models.TextField()
    # Who it goes to, in words ("Everyone confirmed on ..."), and which app chose them.
    audience = models.CharField(max_length=300)
    kind = models.CharField(max_length=50)
    recipient_ids = models.JSONField(default=list)
    recipient_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
