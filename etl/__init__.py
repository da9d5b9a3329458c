"""Raw Kaggle CSVs -> cleaned tables -> one DuckDB file, written atomically."""
