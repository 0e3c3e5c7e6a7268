"""The JSON API: awards under /api/v1/, the W3C VC-API under /credentials/, one error map."""
