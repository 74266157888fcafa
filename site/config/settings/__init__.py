"""Settings modules: base (safe defaults), dev, test and production."""
