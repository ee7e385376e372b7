"""The Qt desktop app. It only presents ``model`` and turns user actions into model calls."""
