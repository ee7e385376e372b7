"""What the desktop views show, computed without Qt so that every view can be tested alone:
formatting, checks, the workspace, the statement table, selections, diff rows, growth and
charts, one module each; the Qt classes in ``gui/`` only hand these values to widgets."""
