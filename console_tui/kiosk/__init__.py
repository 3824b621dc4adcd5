"""The read-only wall app: one client at a time, large, cycling; outage-proof."""
