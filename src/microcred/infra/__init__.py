"""Infrastructure every floor may use: no domain, no app imports (PDF rendering, the
background-task recovery rules, the client address behind proxies)."""
