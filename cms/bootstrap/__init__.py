"""Idempotent set-up of a fresh installation, run by ``manage.py bootstrap``.

Each step creates what is missing and leaves what exists alone, so running it twice changes nothing.
"""
