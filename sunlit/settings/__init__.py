"""Settings packages: ``base`` (development and the embedded demo), ``production``, ``test``."""
