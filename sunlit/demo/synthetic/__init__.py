"""The synthetic region of the demo: geography, people, registries and a year of village ledgers,
generated column-wise from one seed, with planted anomalies recorded in a ground-truth file."""
