"""Cases (办件): one application for one item at one window, with its deadline (限时办结)."""
