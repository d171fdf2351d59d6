from django import template

from ..event_labels import event_label, object_label, object_words, role_label
from ..models import AuditEvent

register = template.Library()

register.filter("event_label", event_label)
register.filter("role_label", role_label)
register.filter("object_label", object_label)


@register.filter
def event_object(event: AuditEvent) -> str:
    return object_words(event.object_type, event.object_id, event.youth_ref)
