"""Demo data for a first run: something real to click through, made by the real services."""
