from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import UserCreationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ipweek.accounts.models import User
from ipweek.core.forms import model_choice_field
from ipweek.units.models import Unit
from ipweek.units.services import CODE_LENGTH


class InvitationForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    email = forms.EmailField(
        label=_("Liaison's e-mail"),
        required=False,
        help_text=_("Optional. Without an address, pass the code on yourself; it is shown only once."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "unit").queryset = units


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=CODE_LENGTH + 4,
        help_text=_("Eight letters and digits, as in the e-mail or as the campaign office told you."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )


class LiaisonSignupForm(UserCreationForm):
    """A new liaison's account; the invitation code is validated separately."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["display_name"].required = True
        self.fields["display_name"].help_text = _("Your name as colleagues know it, e.g. 李明.")
        self.fields["email"].help_text = _("Reminders of open tasks are sent here.")
        # Plain text: the shared field template puts help inside a <p>, where Django's <ul> may not go.
        self.fields["password1"].help_text = " ".join(password_validation.password_validators_help_texts())
