"""newsarchive's own Scrapy signals (connect with ``crawler.signals.connect``)."""

# Sent by the spider's errback for every request that failed for good (retries spent, an
# HTTP error, an ignored request), with ``request`` and ``reason``: the end of that request.
page_failed = object()
