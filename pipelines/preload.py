"""What the extraction workers' forkserver imports once, before it forks any worker (``pipelines.pool``).

A worker forked from it starts with the extractor, the site profile and the dedupe fingerprint imported,
shared copy-on-write with the other workers; without this, each worker imported the dedupe module (numpy
tables, rensa) on its first article.
"""

from pipelines import dedupe, profile  # noqa: F401 - imported to be inherited by the workers
from pipelines.extract import page  # noqa: F401
