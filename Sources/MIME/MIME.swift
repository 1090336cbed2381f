// MIME: see DESIGN.md; the owning work item fills this module.
