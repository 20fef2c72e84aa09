"""The village power ledger's shared machinery: the registry of canonical ledger tables and the
generic parts every table uses (validation, import, templates, error reports, API, snapshot,
export). The tables themselves live in small domain apps (cadres, projects, assets, labour,
procurement, relief, seals)."""
