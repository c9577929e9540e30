"""The database's shape, shipped in the wheel as `annotator.db`: migrations and the schema snapshot."""
