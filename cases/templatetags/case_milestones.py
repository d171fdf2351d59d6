from django import template

from ..constants import Milestone

register = template.Library()


@register.filter
def milestone_label(code: str) -> str:
    return str(Milestone(code).label) if code in Milestone.values else code
