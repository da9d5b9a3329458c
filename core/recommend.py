"""Placeholder for the recommender (issue 4)."""
