"""Reminders: when they are due, and what a reminder run does (pure rules over ``now``)."""
