"""The clerk's edits as undoable commands, the note drafts bound to their task, and the
handling of another clerk's conflicting save."""
