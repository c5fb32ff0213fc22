"""Section parsers: pure functions from a form's rows to pydantic objects."""
