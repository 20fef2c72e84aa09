"""Turns the domain error type into HTTP responses for pages (the API does the same in
sunlit.api)."""

from django.shortcuts import render

from sunlit.errors import SunlitError


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SunlitError):
            return render(request, "web/error.html", {"error": exception}, status=exception.status)
        return None
