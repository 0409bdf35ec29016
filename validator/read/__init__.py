"""Readers: one per format, each producing a located tree for build.py."""
