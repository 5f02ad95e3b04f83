"""Views of the workspace: thin — parse, call one selector or service, render."""
