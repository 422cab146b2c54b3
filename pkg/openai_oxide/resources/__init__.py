"""Endpoint groups. Each module is imported on first use of its client attribute."""
