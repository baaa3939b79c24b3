"""The HTTP service and planner page (the serve extra)."""
