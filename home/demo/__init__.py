"""Demo content built through the same models and code paths editors use."""

from home.demo.site import DemoSite, build_site

__all__ = ["DemoSite", "build_site"]
