"""Who reads which lake dataset: a declared mapping, filled by the code that reads the lake.

Readers are declared in two ways, both explicit (nothing is guessed from file access):

- ``declare_reads(reader, datasets)``: one reader (e.g. the model code ``LAB-04``) and the dataset
  names it reads (``registry/death``, ``ledger`` …);
- ``register_source(name, provider)``: a callable returning ``{reader: datasets}``, asked each time
  the mapping is read — the supervision model catalogue is registered this way, so the mapping
  follows the ``reads:`` header of every model file.

The lake catalogue page and ``sunlit lake status`` show, for every dataset, the readers declared
here. Plain Python, no Django."""

from collections.abc import Callable, Iterable

_READS: dict[str, frozenset[str]] = {}
_SOURCES: dict[str, Callable[[], dict[str, Iterable[str]]]] = {}


def declare_reads(reader: str, datasets: Iterable[str]) -> None:
    """Record that ``reader`` reads ``datasets``; declaring the same reader again replaces its list."""
    _READS[reader] = frozenset(datasets)


def forget_reads(reader: str) -> None:
    _READS.pop(reader, None)


def register_source(name: str, provider: Callable[[], dict[str, Iterable[str]]]) -> None:
    _SOURCES[name] = provider


def unregister_source(name: str) -> None:
    _SOURCES.pop(name, None)


def declared_readers() -> tuple[dict[str, list[str]], dict[str, str]]:
    """(reader → sorted datasets, source name → error message for sources that failed)."""
    merged: dict[str, set[str]] = {reader: set(datasets) for reader, datasets in _READS.items()}
    failed: dict[str, str] = {}
    for name, provider in sorted(_SOURCES.items()):
        try:
            provided = provider()
        except Exception as exc:  # a broken catalogue must not hide the lake's status
            failed[name] = f"{type(exc).__name__}: {exc}"[:300]
            continue
        for reader, datasets in provided.items():
            merged.setdefault(reader, set()).update(datasets)
    return {reader: sorted(datasets) for reader, datasets in sorted(merged.items())}, failed


def readers_of(dataset: str, readers: dict[str, list[str]] | None = None) -> list[str]:
    readers = declared_readers()[0] if readers is None else readers
    return sorted(reader for reader, datasets in readers.items() if dataset in datasets)
