"""`lkjip generate`: realistic LKjIP reports, optionally with injected defects."""
