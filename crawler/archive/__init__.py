"""The SQLite archive: its schema and writes, search, the writer lock, the datasette plugin."""
