"""The published tables as data: what the dashboard and the reports show, cell for cell.

A withheld cell is `null` here where the pages print "x"; no raw count behind it ever leaves WIO
(`Publication.values` is not read).
"""

from typing import Any

from rest_framework import serializers

from monitor.statistics.tables import PublishedCell, PublishedTable

CELL_HELP = "Het aantal, of null als het niet gepubliceerd wordt (op de pagina's: “x”)."


def cell_value(cell: PublishedCell | None) -> int | None:
    return None if cell is None else cell.value


class RowSerializer(serializers.Serializer):
    label = serializers.CharField()
    cells = serializers.ListField(child=serializers.IntegerField(allow_null=True), help_text=CELL_HELP)


class TableSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    row_header = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = RowSerializer(many=True)
    row_totals = serializers.ListField(child=serializers.IntegerField(allow_null=True), help_text=CELL_HELP)
    column_totals = serializers.ListField(
        child=serializers.IntegerField(allow_null=True), help_text=CELL_HELP
    )
    grand_total = serializers.IntegerField(allow_null=True, help_text=CELL_HELP)
    definition = serializers.CharField()
    notes = serializers.ListField(child=serializers.CharField())


class EditionSerializer(serializers.Serializer):
    peildatum = serializers.DateField(help_text="De peildatum (einde van een maand of kwartaal).")
    edition = serializers.IntegerField(help_text="De editie; een correctie is een nieuwe editie.")
    published_at = serializers.DateTimeField()
    reason = serializers.CharField(help_text="Waarom deze editie een eerdere vervangt; leeg bij de eerste.")


class PublicationSerializer(EditionSerializer):
    suppression_k = serializers.IntegerField(help_text="Aantallen van 1 tot k worden nooit gepubliceerd.")
    tables = TableSerializer(many=True)


def table_data(slug: str, table: PublishedTable) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": table.title,
        "row_header": table.row_header,
        "columns": list(table.columns),
        "rows": [{"label": label, "cells": [cell_value(c) for c in cells]} for label, cells in table.rows],
        "row_totals": [cell_value(c) for c in table.row_totals],
        "column_totals": [cell_value(c) for c in table.column_totals],
        "grand_total": cell_value(table.grand_total),
        "definition": table.definition,
        "notes": list(table.notes),
    }
