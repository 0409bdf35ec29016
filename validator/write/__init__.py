"""Writers: the report model back to YAML, XLSX or a CSV folder, written atomically."""
