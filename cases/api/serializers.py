"""What the API shows of a case and its entries, and (for the schema) what it accepts.

The accepted fields are those of the forms the pages use; the forms themselves validate every API
write (cases.api.forms), so a client meets exactly the rules a user meets.
"""

from typing import Any

from rest_framework import serializers

from ..constants import Status
from ..forms.case import CONFIRM_SWV_CHANGE, CaseForm
from ..forms.entries import CONFIRM_SAME_PERSON, ActionItemForm, InvolvedForm, TimelineEntryForm
from ..models import ActionItem, Case, Involved, TimelineEntry

READ_ONLY = ["id", "version", "created_at", "updated_at"]


class CaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = [*READ_ONLY, "reference", "status", *CaseForm.Meta.fields]
        read_only_fields = fields


class CaseWriteSerializer(serializers.ModelSerializer):
    confirm_swv_change = serializers.BooleanField(
        required=False,
        write_only=True,
        help_text="Bevestigt dat de casus naar een ander samenwerkingsverband gaat (diens coördinator "
        "krijgt dan het hele dossier).",
    )

    class Meta:
        model = Case
        fields = [*CaseForm.Meta.fields, CONFIRM_SWV_CHANGE]


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, help_text="De nieuwe status.")
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="De reden; nodig bij teruggaan of afsluiten.",
    )


def _entry_serializers(model: Any, form: Any, extra: dict[str, Any]) -> tuple[type, type]:
    fields = list(form.Meta.fields)
    read_meta = type(
        "Meta",
        (),
        {"model": model, "fields": [*READ_ONLY, *fields], "read_only_fields": [*READ_ONLY, *fields]},
    )
    write_meta = type("Meta", (), {"model": model, "fields": [*fields, *extra]})
    name = model.__name__
    read = type(f"{name}Serializer", (serializers.ModelSerializer,), {"Meta": read_meta})
    write = type(f"{name}WriteSerializer", (serializers.ModelSerializer,), {"Meta": write_meta, **extra})
    return read, write


TimelineEntrySerializer, TimelineEntryWriteSerializer = _entry_serializers(
    TimelineEntry, TimelineEntryForm, {}
)
InvolvedSerializer, InvolvedWriteSerializer = _entry_serializers(
    Involved,
    InvolvedForm,
    {
        CONFIRM_SAME_PERSON: serializers.BooleanField(
            required=False,
            write_only=True,
            help_text="Bevestigt dat dit een andere persoon is dan de betrokkene met dezelfde naam en rol.",
        )
    },
)
ActionItemSerializer, ActionItemWriteSerializer = _entry_serializers(ActionItem, ActionItemForm, {})
