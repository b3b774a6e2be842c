"""Bundled demo sites: three regional news sites with known clean articles, served locally
with the damage real sites show (lying charsets, Big5, mojibake, pinyin, place spam, ...)."""
