"""Page numbers: an empty or non-numeric `page` is refused (404, as DRF does for "abc") rather than read as
page 1, so the API answers what its schema says (found by Schemathesis)."""

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class StrictPageNumberPagination(PageNumberPagination):
    def paginate_queryset(self, queryset, request, view=None):
        if self.page_query_param in request.query_params:
            raw = request.query_params[self.page_query_param]
            if not raw.isdigit() and raw != "last":
                raise NotFound("Invalid page: give a whole number.")
        return super().paginate_queryset(queryset, request, view)
