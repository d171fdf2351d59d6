"""The comparison changelist: a plain Django admin of cases, registered only in the benchmark settings.

The benchmark measures WIO's case list against it on the same data; it shows the same 25 rows per
page, newest first, with the municipality and partnership columns. It is read-only, and open to
whoever may open the admin at all: in production no administrator reads case files there.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cases.models import Case


@admin.register(Case)
class BenchCaseAdmin(admin.ModelAdmin):
    list_display = ("reference", "first_name", "last_name", "gemeente", "swv", "status", "registered_on")
    list_filter = ("status", "category")
    search_fields = ("reference", "last_name")
    list_select_related = ("gemeente", "swv")
    list_per_page = 25
    ordering = ("-registered_on", "reference")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
