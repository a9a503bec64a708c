"""Contributor workflow: read contributions in common formats, validate them, merge them into a new version."""
