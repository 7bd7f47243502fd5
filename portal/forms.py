from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import connection

from portal import accounts
from portal.form_renderer import GovukForm, GovukFormMixin
from portal.validators import one_line


class SignupForm(GovukFormMixin, AllauthSignupForm):
    """allauth's sign-up with the name printed on training certificates, and two
    rules of the portal's (portal/accounts.py):

    - it does the same work whether or not the address already has an account
      (allauth then only emails its owner), so the time it takes tells nobody
      which addresses have one;
    - an address someone else added to their account and never confirmed does
      not count as an account: its owner signs up as anyone else does.
    """

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={
            "required": "Enter your first name",
            "max_length": "First name must be %(limit_value)d characters or fewer",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={
            "required": "Enter your last name",
            "max_length": "Last name must be %(limit_value)d characters or fewer",
        },
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    # allauth's own fields, in GOV.UK wording: each says what to do for that field.
    FIELD_MESSAGES = {
        "email": {
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@school.sch.uk",
            "max_length": "Email address must be %(limit_value)d characters or fewer",
        },
        "password1": {"required": "Enter a password"},
        "password2": {"required": "Enter the password again"},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, messages in self.FIELD_MESSAGES.items():
            if name in self.fields:
                # Django reads a validator's message from here by its code.
                self.fields[name].error_messages.update(messages)

    def validate_unique_email(self, value):
        email = super().validate_unique_email(value)
        if self.account_already_exists and not accounts.has_account(email):
            self.account_already_exists = False
        return email

    def try_save(self, request):
        if self.account_already_exists:
            # A new account's password is hashed (most of a second with the
            # production hasher): hash this one too, and throw it away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class CloseAccountForm(GovukForm):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm it is you.",
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not correct.")
        return password


def posted(request):
    """A form's data on a POST, None otherwise.

    Not `request.POST or None`: a POST with no fields at all (a JSON body, a
    client that dropped them) must bind the form and get its messages, not
    show the empty form again as if nothing had been sent.
    """
    return request.POST if request.method == "POST" else None


def is_plausible_id(number):
    """Whether `number` could be a row id: positive and small enough for the id column.

    Django range-checks lookups on integer columns, but not through a one-to-one
    link such as a Wagtail page's id: there, a number too big for the column makes
    the database (or SQLite's driver) fail instead of finding nothing.
    """
    return 0 < number <= connection.ops.integer_field_range("AutoField")[1]


class PageChoiceField(forms.ModelChoiceField):
    """A choice of page (or of any model whose id is a one-to-one link) that treats an
    id no row could have as "not one of the choices"."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                number = int(str(value))
            except ValueError:
                number = None
            if number is None or not is_plausible_id(number):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class MessageForm(GovukForm):
    """A message to many (portal.messages): plain text, the same for everyone."""

    subject = forms.CharField(
        label="Subject",
        max_length=150,
        validators=[one_line],
        error_messages={
            "required": "Enter a subject",
            "max_length": "Subject must be %(limit_value)d characters or fewer",
        },
    )
    body = forms.CharField(
        label="Message",
        max_length=5000,
        help_text="Plain text. Everyone gets the same words, each in an email of their own.",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": "Enter the message",
            "max_length": "Message must be %(limit_value)d characters or fewer",
        },
    )
