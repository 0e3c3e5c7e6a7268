"""The learner's digital passport: claim, hold, import, share, print and export credentials."""
