"""Run the pose model on one photo and print its landmarks as JSON (see core/history/photo_auto).

Started by :class:`hiptimer.qt.photo.auto_points.AutoPlacer` as a separate process,
``python -m hiptimer.qt.photo.pose_worker PHOTO``, because MediaPipe brings OpenCV, whose
wheel carries its own Qt 5 and points ``QT_QPA_PLATFORM_PLUGIN_PATH`` at it on import: kept out
of the app's process, it cannot meet PySide6's Qt.  Needs the ``camera`` extra; uses only the
model inside the MediaPipe wheel (model_complexity 1), so nothing is downloaded.
"""

from __future__ import annotations

import json
import sys


def landmarks(path: str) -> list[list[float]] | None:
    """The 33 landmarks of the most prominent person on the photo at ``path``, or None."""
    import cv2
    import mediapipe

    image = cv2.imread(path)
    if image is None:
        raise OSError(f"{path}: not readable as a photo")
    pose = mediapipe.solutions.pose.Pose(
        static_image_mode=True, model_complexity=1, min_detection_confidence=0.5
    )
    with pose:
        found = pose.process(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)).pose_landmarks
    if found is None:
        return None
    return [[mark.x, mark.y, mark.visibility] for mark in found.landmark]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m hiptimer.qt.photo.pose_worker PHOTO", file=sys.stderr)
        return 2
    try:
        found = landmarks(argv[0])
    except (ImportError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps({"landmarks": found}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
