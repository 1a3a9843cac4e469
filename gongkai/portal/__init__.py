"""The public site: pages anyone may read."""
