"""The Qt layer: the only part of hiptimer that imports PySide6."""

from hiptimer.qt.source_lines import skip_feature_scan

skip_feature_scan()  # before the layer's modules load: PySide6 would read each one's source
