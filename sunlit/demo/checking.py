"""Comparing the alerts with the ground truth of the planted cases: recall and precision per model
code, alerts raised on planted near-misses, and which codes have no planted case yet."""

from collections import defaultdict
from pathlib import Path

from django.conf import settings

from sunlit.engine import load_catalogue
from sunlit.errors import NotFound
from sunlit.supervision.models import Alert

from .synthetic.writing import truth_read

DESIGN_CODES = tuple(
    [f"LAB-{i:02d}" for i in range(1, 10)] + [f"REL-{i:02d}" for i in range(1, 9)]
    + [f"PRJ-{i:02d}" for i in range(1, 10)] + [f"AST-{i:02d}" for i in range(1, 7)]
    + [f"PUR-{i:02d}" for i in range(1, 7)] + [f"SEAL-{i:02d}" for i in range(1, 6)])


def truth_path() -> Path:
    """The ground truth lives under the data directory, apart from the generated data and the lake."""
    return Path(settings.DATA_DIR) / "demo-truth" / "ground_truth.jsonl"


def truth_check(path: Path) -> dict:
    if not path.exists():
        raise NotFound(f"没有演示数据的真值文件 / no ground truth at {path}: run `sunlit demo` first")
    truth = truth_read(path)
    catalogue = sorted(spec.code for spec in load_catalogue())
    planted: dict[str, set[tuple[str, str]]] = defaultdict(set)
    near: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in truth:
        key = (r["subject_type"], r["subject_id"])
        (planted if r["expected"] == "alert" else near)[r["model_code"]].add(key)
    alerts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for code, subject_type, subject_id in Alert.objects.values_list("model_code", "subject_type", "subject_id"):
        alerts[code].add((subject_type, subject_id))
    rows = []
    for code in sorted(set(catalogue) | set(planted) | set(alerts)):
        found = planted[code] & alerts[code]
        on_near = near[code] & alerts[code]
        rows.append({
            "code": code, "in_catalogue": code in catalogue, "planted": len(planted[code]), "found": len(found),
            "recall": len(found) / len(planted[code]) if planted[code] else None,
            "alerts": len(alerts[code]),
            "precision": len(found) / len(alerts[code]) if alerts[code] and planted[code] else None,
            "unexplained_alerts": len(alerts[code] - planted[code]),
            "near_misses": len(near[code]), "near_miss_alerts": len(on_near),
            "missed": sorted(f"{t}:{i}" for t, i in planted[code] - alerts[code]),
        })
    return {
        "truth": str(path),
        "models": rows,
        "catalogue_without_plants": [c for c in catalogue if not planted[c]],
        "catalogue_without_near_misses": [c for c in catalogue if not near[c]],
        "design_codes_missing": [c for c in DESIGN_CODES if c not in catalogue],
        "models_with_missed_plants": [r["code"] for r in rows if r["in_catalogue"] and r["found"] < r["planted"]],
    }
