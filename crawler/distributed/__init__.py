"""Distributed crawls on scrapy-redis: any number of workers share one frontier; one process
writes the archive.

Switched on by the ``REDIS_URL`` setting: the ``DistributedMode`` add-on (``crawler/addons.py``, always
listed in ``ADDONS``, idle without it) then makes the crawl a worker:
- the scheduler is scrapy-redis' (a shared priority queue ``<site>:requests`` and dupefilter
  ``<site>:dupefilter``), extended here by ``SharedScheduler`` so that a worker closes only
  when no worker anywhere has work left, and a killed worker's requests go back to the queue;
- ``ArchivePipeline`` is replaced by ``pipelines.stream.ItemStreamPipeline``: processed pages
  go to a Redis stream that ``newsarchive archive-writer`` writes into the archive
  (``crawler.distributed.writer``), so no worker opens the SQLite file;
- conditional re-crawls take their validators from ``<site>:validators`` (kept by the writer).

Every popped request is *leased*: a copy stays in ``<site>:leases:<worker>`` until the page
is done (its links queued, its article on the stream, or its failure counted). Each worker
refreshes ``<site>:worker:<worker>`` (``busy`` or ``idle``) every quarter of
``REDIS_WORKER_TTL``; when that key has expired the worker is gone, and the next worker to
notice puts its leases back in the queue.
"""

# The Redis stream processed pages go to (REDIS_ITEMS_KEY)
DEFAULT_STREAM = "newsarchive:items"
