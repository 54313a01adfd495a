"""Throughput benchmark of the public column pages (see bench/README.md)."""
