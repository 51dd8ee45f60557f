"""Requirement tables: each module defines REQUIREMENTS, a list of generator.checks.Requirement rows."""
