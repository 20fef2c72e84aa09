"""Generate the whole synthetic region: geography, then per township its enterprises, then per
village its people, registries and ledger. Same seed, same rows, in the same order."""

import multiprocessing
import os
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .geography import Geography, Village, geography_make
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


ENTERPRISES_PER_TOWNSHIP = 33   # Population.township_enterprises makes exactly this many
PLATES_PER_COUNTY = 100_000     # each county numbers its vehicles in a range of its own


@dataclass(frozen=True)
class CountyJob:
    """One county's share of the work: its townships (in order) with their villages, and where its
    counters start, so that any process generates exactly the rows the sequential order would."""
    ordinal: int
    county: str
    townships: list[tuple[str, str, list[Village]]]  # (code, name, villages)
    township_ordinal: int                            # townships of the region before this county's first


def _county_jobs(geography: Geography) -> list[CountyJob]:
    by_county: dict[str, dict[str, list[Village]]] = defaultdict(lambda: defaultdict(list))
    for v in geography.villages:
        by_county[v.county_code][v.township_code].append(v)
    jobs, townships_before = [], 0
    for ordinal, (county, townships) in enumerate(by_county.items()):
        items = [(code, geography.township_names[code], villages) for code, villages in townships.items()]
        jobs.append(CountyJob(ordinal, county, items, townships_before))
        townships_before += len(items)
    return jobs


def _county_generate(job: CountyJob, *, seed: int, maker: PeopleMaker, streamed: Tables, kept_tables: Tables | None,
                     files: TableFiles, kept: dict[str, VillagePeople],
                     enterprises: dict[str, list[Enterprise]], progress=None) -> None:
    """Generate one county. Townships holding a kept village go to ``kept_tables`` (planting edits
    them later); every other township's rows are appended to ``files`` as soon as it is done."""
    population = Population(streamed, maker, seed)
    population.plate_serial = job.ordinal * PLATES_PER_COUNTY
    for offset, (township, township_name, villages) in enumerate(job.townships):
        keep = kept_tables is not None and any(v.index < KEEP_CONTEXT for v in villages)
        target = kept_tables if keep else streamed
        population.t = target
        population.org_serial = (job.township_ordinal + offset) * ENTERPRISES_PER_TOWNSHIP
        ents = population.township_enterprises(township, villages)
        enterprises[township] = ents
        active = [e for e in ents if e.status == "active"]
        contractors = [e for e in active if e.kind == "contractor"]
        suppliers = [e for e in active if e.kind == "supplier"]
        for v in villages:
            vp = population.village_people(v, township_name)
            population.insure(vp, active)
            VillageLedger(target, vp, contractors, suppliers, active, seed).generate()
            if keep:
                kept[v.code] = vp
            if progress:
                progress(1)
        if not keep:
            files.append(streamed)


_names_cache: dict[int, Names] = {}


def _worker_county(args: tuple[CountyJob, int, str]) -> tuple[int, dict[str, int], int]:
    """In a worker process: one county into part files of its own; returns (ordinal, rows per table,
    villages). ID numbers are counted per county, so a county starts with a fresh counter."""
    job, seed, folder = args
    if seed not in _names_cache:
        _names_cache[seed] = Names(seed)
    maker = PeopleMaker(_names_cache[seed], IdNumbers())
    files = TableFiles(Path(folder), header=False)
    _county_generate(job, seed=seed, maker=maker, streamed=Tables(), kept_tables=None, files=files,
                     kept={}, enterprises={})
    files.close()
    return job.ordinal, dict(files.counts), sum(len(v) for _c, _n, v in job.townships)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def world_generate(*, scale: str, seed: int, folder: Path, villages_limit: int | None = None,
                   quiet: bool = False, workers: int | None = None) -> World:
    """Generate the region into CSV files under ``folder``. Counties are generated in parallel by
    ``workers`` processes (default: one per core), each into part files of its own, joined in county
    order: the files are the same whatever the number of workers. The counties holding the first
    KEEP_CONTEXT villages are generated here, and their townships with those villages stay in memory
    (``World.tables``) for planting; call ``World.finish``."""
    started = time.perf_counter()
    geography = geography_make(scale=scale, seed=seed, villages_limit=villages_limit)
    workers = default_workers() if workers is None else max(1, workers)
    tables = Tables()
    files = TableFiles(folder)
    maker = PeopleMaker(Names(seed), IdNumbers())
    jobs = _county_jobs(geography)
    local = [j for j in jobs if any(v.index < KEEP_CONTEXT for _c, _n, vs in j.townships for v in vs)]
    remote = [j for j in jobs if j not in local]
    parts = folder / "parts"
    enterprises: dict[str, list[Enterprise]] = {}
    kept: dict[str, VillagePeople] = {}
    state = {"done": 0, "last": time.perf_counter()}
    total = len(geography.villages)
    part_counts: dict[int, dict[str, int]] = {}

    def progress(villages: int) -> None:
        state["done"] += villages
        now = time.perf_counter()
        if not quiet and (now - state["last"] > 5 or state["done"] == total):
            rows = sum(sum(c.values()) for c in part_counts.values()) + sum(tables.counts().values())
            _say(f"  generated {state['done']}/{total} villages, {rows:,} rows, "
                 f"{rows / max(now - started, 1e-9):,.0f} rows/s ({workers} worker{'s' if workers > 1 else ''})")
            state["last"] = now

    def run_local() -> None:
        for job in local:
            job_files = TableFiles(parts / f"{job.ordinal:04d}", header=False)
            _county_generate(job, seed=seed, maker=maker, streamed=Tables(), kept_tables=tables, files=job_files,
                             kept=kept, enterprises=enterprises, progress=progress)
            job_files.close()
            part_counts[job.ordinal] = dict(job_files.counts)

    if remote and workers > 1:
        # fresh interpreters, not forks: a fork copies whatever locks the parent's other threads (Arrow's
        # thread pool, a test runner's browser driver) held at that moment, and a worker could wait on one forever
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers) as pool:
            pending = pool.imap_unordered(_worker_county, [(j, seed, str(parts / f"{j.ordinal:04d}")) for j in remote])
            run_local()
            for ordinal, counts, villages in pending:
                part_counts[ordinal] = counts
                progress(villages)
    else:
        run_local()
        for job in remote:
            ordinal, counts, villages = _worker_county((job, seed, str(parts / f"{job.ordinal:04d}")))
            part_counts[ordinal] = counts
            progress(villages)
    for job in jobs:  # the parts in county order, whichever process wrote them
        files.append_files(parts / f"{job.ordinal:04d}", part_counts[job.ordinal])
    shutil.rmtree(parts, ignore_errors=True)
    return World(geography, tables, kept, enterprises, seed, maker, files)
