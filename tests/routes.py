"""Every URL pattern the project registers, walked from the root URLconf."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name", or None for an unnamed pattern
    namespace: str
    pattern: str
    kwargs: tuple[str, ...]


def all_routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if (namespace and p.name) else p.name
                kwargs = tuple(p.pattern.regex.groupindex)
                found.append(Route(name, namespace, prefix + str(p.pattern), kwargs))

    walk(get_resolver().url_patterns, "/", "")
    return found
