"""Forms for checking a certificate, revoking one and starting a whole event's run."""

from django import forms

from portal.codes import CERTIFICATE_CODE
from portal.form_renderer import GovukForm


class VerifyForm(GovukForm):
    code = forms.CharField(
        label="Verification code",
        help_text="It is printed beside the QR code, for example 7K2M-9QXD-4T8H-WN3B-6PZA.",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-30"}
        ),
        error_messages={
            "required": "Enter the verification code",
            "max_length": f"Enter the {CERTIFICATE_CODE.length} letters and numbers of the verification code",
        },
    )

    def clean_code(self):
        code = CERTIFICATE_CODE.normalise(self.cleaned_data["code"])
        if len(code) != CERTIFICATE_CODE.length:
            raise forms.ValidationError(
                f"Enter the {CERTIFICATE_CODE.length} letters and numbers of the verification code"
            )
        return code


class RevokeForm(GovukForm):
    reason = forms.CharField(
        label="Why is this certificate being revoked?",
        help_text="The holder does not see this. The verification page will say the certificate was revoked, and when.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why this certificate is being revoked",
            "max_length": "The reason must be %(limit_value)d characters or fewer",
        },
    )


class StartBatchForm(GovukForm):
    email_holders = forms.BooleanField(
        label="Email each certificate to its holder",
        required=False,
        help_text="The PDF is attached. Everyone can also download theirs from their dashboard.",
    )
