from django import forms
from django.utils.translation import gettext_lazy as _

from ipweek.campaigns.models import Activity, Campaign
from ipweek.core.forms import model_choice_field
from ipweek.publishing.models import ChannelDelivery, Post, Screen


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["kind", "title", "summary", "body", "activity", "is_highlight"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: object, campaign: Campaign, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        model_choice_field(self, "activity").queryset = Activity.objects.filter(campaign=campaign)

    def post_data(self) -> dict[str, object]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ApproveForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Leave empty to publish now; a later time holds the post back until then (embargo)."),
    )


class DeliveryForm(forms.Form):
    channel = forms.ChoiceField(choices=ChannelDelivery.Channel.choices)
    screen = forms.ModelChoiceField(queryset=Screen.objects.none(), required=False)

    def __init__(self, *args: object, campaign: Campaign, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        model_choice_field(self, "screen").queryset = Screen.objects.filter(campaign=campaign)


class AssetForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, ZIP, JPEG or PNG, at most 20 MB."))
    post = forms.ModelChoiceField(label=_("Post"), queryset=Post.objects.none(), required=False)

    def __init__(self, *args: object, campaign: Campaign, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        model_choice_field(self, "post").queryset = Post.objects.filter(campaign=campaign)


class ScreenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    char_limit = forms.IntegerField(label=_("Characters per message"), min_value=1, max_value=10000, initial=40)
