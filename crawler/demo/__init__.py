"""Bundled demo sites: three regional news sites with known clean articles, served locally
with the damage real sites show (lying charsets, Big5, mojibake, pinyin, place spam, ...)."""

from importlib import resources

# the demo sites' sites file, as `newsarchive demo` crawls it
SITES_FILE = str(resources.files("crawler.demo") / "sites.toml")
