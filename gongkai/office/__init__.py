"""The staff pages: what clerks, reviewers and admins work in."""
