"""The Qt layer: the only part of hiptimer that imports PySide6."""
