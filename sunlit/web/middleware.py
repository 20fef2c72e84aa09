"""Page middleware: the domain error type into HTTP responses (the API does the same in
sunlit.api), and the interface language."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

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


class LanguageMiddleware:
    """Chinese unless the user chose English with the language switch (the choice is kept in the
    language cookie). The browser's Accept-Language is not consulted: the platform is Chinese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
