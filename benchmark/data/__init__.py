"""Dataset: record schema, loading, manifest hashes, validation and statistics."""
