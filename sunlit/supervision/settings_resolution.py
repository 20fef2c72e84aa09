"""Which parameters apply where. A model runs once per region that has its own setting (limited
to that region, minus any region below it with a setting of its own) and once for the rest."""

from dataclasses import dataclass

from sunlit.regions import codes

from .models import ModelSetting


@dataclass(frozen=True)
class ParamGroup:
    region_code: str            # "" for the deployment-wide group
    params: dict
    include_prefix: str | None  # None: everywhere
    exclude_prefixes: tuple[str, ...]


def param_groups(model_code: str, *, run_region: str | None = None) -> list[ParamGroup]:
    settings = {s.region_code: s for s in ModelSetting.objects.filter(model_code=model_code)}
    root = settings.pop("", None)
    if root is not None and not root.enabled:
        return []
    base = dict(root.params) if root else {}
    regions = sorted(settings, key=len)
    groups = []
    for region in ["", *regions]:
        prefix = codes.prefix_of(region) if region else ""
        below = tuple(codes.prefix_of(r) for r in regions
                      if r != region and codes.prefix_of(r).startswith(prefix) and len(codes.prefix_of(r)) > len(prefix))
        params = dict(base)
        for ancestor in regions:  # nearer regions override farther ones
            if region and codes.prefix_of(region).startswith(codes.prefix_of(ancestor)):
                params.update(settings[ancestor].params)
        if region and not settings[region].enabled:
            continue
        include = prefix or None
        if run_region:
            run_prefix = codes.prefix_of(run_region)
            if include and not (include.startswith(run_prefix) or run_prefix.startswith(include)):
                continue
            include = include if include and len(include) > len(run_prefix) else run_prefix
        groups.append(ParamGroup(region, params, include, below))
    return groups
