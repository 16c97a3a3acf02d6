"""How to take a test's photo alone, shown with its set-up pictogram."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from hiptimer.core.history.photo_protocols import STOP_IF, PhotoProtocol
from hiptimer.qt.widgets.pictogram import PictogramWidget


def protocol_html(protocol: PhotoProtocol) -> str:
    steps = "".join(f"<li>{escape(step)}</li>" for step in protocol.steps)
    parts = [
        ("Camera", protocol.camera),
        ("Level", protocol.level),
        ("In view", protocol.in_view),
    ]
    rows = "".join(f"<p><b>{name}:</b> {escape(text)}</p>" for name, text in parts)
    return (
        f"{rows}<p><b>Then:</b></p><ol style='margin-top:0'>{steps}</ol>"
        f"<p><b>Alone:</b> {escape(protocol.alone)}</p>"
        f"<p><b>Stop if:</b> {escape(STOP_IF)}</p>"
    )


class ProtocolPanel(QWidget):
    """The set-up pictogram beside the protocol's text (scrolling when the window is small)."""

    def __init__(self, protocol: PhotoProtocol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pictogram = PictogramWidget()
        self.pictogram.setAccessibleName("Where the camera goes")
        self.pictogram.set_position(protocol.pictogram)
        self.pictogram.setMinimumSize(140, 140)
        self.pictogram.setMaximumSize(360, 360)
        self.text = QLabel(protocol_html(protocol))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setAccessibleName("How to take the photo")
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)  # read from a step away, phone in hand
        self.text.setFont(font)
        scroll = QScrollArea()
        scroll.setWidget(self.text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        picture = QVBoxLayout()
        picture.addWidget(self.pictogram)
        picture.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(picture, 2)
        layout.addWidget(scroll, 5)
