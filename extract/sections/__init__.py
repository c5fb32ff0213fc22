"""Sections: each reads one part of a form from its units and tags.

Every section has the same signature, `read(form: FormView) -> SectionResult`:
what it found (`values`), the source line of each scalar (`provenance`), what
looked wrong (`warnings`) and the cells it took (`claimed`), so the pipeline
can report the cells no section read. Sections never see a layout family or a
reader's flags, and never repair a layout: table assembly did that.
"""
