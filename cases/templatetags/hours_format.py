"""Hours as a Dutch reader expects them: "1,5" and "2", not "1,50" and "2,00"."""

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def hours(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))  # normalize() turns 80 into 8E+1
    return formats.number_format(number)
