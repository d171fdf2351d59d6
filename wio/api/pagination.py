"""Lists come in pages of 25 (`?page=2`): the page's rows are also its audit rows."""

from functools import cache

from rest_framework import serializers


@cache
def paginated(item: type[serializers.BaseSerializer]) -> type[serializers.Serializer]:
    """The schema of a page of `item`s, as DRF's PageNumberPagination writes it."""
    name = item.__name__.removesuffix("Serializer")
    fields = {
        "count": serializers.IntegerField(help_text="Het aantal over alle pagina's."),
        "next": serializers.URLField(allow_null=True, help_text="De volgende pagina, of null."),
        "previous": serializers.URLField(allow_null=True, help_text="De vorige pagina, of null."),
        "results": item(many=True),
    }
    return type(f"Paginated{name}List", (serializers.Serializer,), fields)
