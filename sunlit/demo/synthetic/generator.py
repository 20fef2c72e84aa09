"""Generate the whole synthetic region: geography, then per township its enterprises, then per
village its people, registries and ledger. Same seed, same rows, in the same order."""

import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .geography import Geography, geography_make
from .ledger import VillageLedger
from .people import IdNumbers, Names, PeopleMaker
from .population import Enterprise, Population, VillagePeople
from .tables import Tables
from .writing import TableFiles

KEEP_CONTEXT = 80  # villages whose people stay in memory for planting


@dataclass
class World:
    geography: Geography
    tables: Tables                            # rows of the townships kept in memory for planting
    people: dict[str, VillagePeople]          # village code → its people (villages of those townships)
    enterprises: dict[str, list[Enterprise]]  # township code → its enterprises
    seed: int
    maker: PeopleMaker
    files: TableFiles                         # every other township's rows, already written

    def finish(self) -> dict[str, Path]:
        """Write the rows kept in memory (after planting) and close the files."""
        self.files.append(self.tables)
        return self.files.close()

    @property
    def counts(self) -> dict[str, int]:
        return {t: self.files.counts[t] + len(rows) for t, rows in self.tables.rows.items()}


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def world_generate(*, scale: str, seed: int, folder: Path, villages_limit: int | None = None,
                   quiet: bool = False) -> World:
    """Generate the region into CSV files under ``folder``. The townships holding the first
    KEEP_CONTEXT villages stay in memory (``World.tables``) for planting; call ``World.finish``."""
    started = time.perf_counter()
    geography = geography_make(scale=scale, seed=seed, villages_limit=villages_limit)
    tables, streamed = Tables(), Tables()
    files = TableFiles(folder)
    maker = PeopleMaker(Names(seed), IdNumbers())
    population = Population(tables, maker, seed)
    by_township: dict[str, list] = defaultdict(list)
    for v in geography.villages:
        by_township[v.township_code].append(v)
    enterprises: dict[str, list[Enterprise]] = {}
    kept: dict[str, VillagePeople] = {}
    done = 0
    total = len(geography.villages)
    last = time.perf_counter()
    for township, villages in by_township.items():
        keep = any(v.index < KEEP_CONTEXT for v in villages)
        target = tables if keep else streamed
        population.t = target
        ents = population.township_enterprises(township, villages)
        enterprises[township] = ents
        active = [e for e in ents if e.status == "active"]
        contractors = [e for e in active if e.kind == "contractor"]
        suppliers = [e for e in active if e.kind == "supplier"]
        for v in villages:
            vp = population.village_people(v, geography.township_names[township])
            population.insure(vp, active)
            VillageLedger(target, vp, contractors, suppliers, active, seed).generate()
            if keep:
                kept[v.code] = vp
            done += 1
            now = time.perf_counter()
            if not quiet and (now - last > 5 or done == total):
                rows = sum(files.counts.values()) + sum(tables.counts().values()) + sum(streamed.counts().values())
                _say(f"  generated {done}/{total} villages, {rows:,} rows, "
                     f"{rows / max(now - started, 1e-9):,.0f} rows/s")
                last = now
        if not keep:
            files.append(streamed)
    return World(geography, tables, kept, enterprises, seed, maker, files)
