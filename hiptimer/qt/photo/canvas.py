"""The photo with its points: place, drag and nudge the knee, ankle and reference points.

Points live in the photo's own pixels (the scene is the photo at 1:1), so zooming never
changes a reading.  Mouse: click places the next point, drag moves one, the wheel zooms
under the pointer.  Keys: arrows move the selected point 1 pixel (Shift: 10), Tab and
Shift+Tab select the next or previous point (past the last one, focus moves on as usual),
Space or Enter places the next point at the middle of the view, Delete removes the selected
one, + and - zoom, 0 fits the photo.  A loupe shows the selected point's pixels enlarged.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from hiptimer.core.history.photo_angle import Point

SHIN_COLOUR = QColor("#FF8A1F")  # orange, seen on skin, clothes and floors alike
REFERENCE_COLOUR = QColor("#19D3FF")  # cyan
HALO = QColor(0, 0, 0, 200)
ZOOM_STEP = 1.25
MOST_ZOOM = 16.0
LOUPE_PIXELS = 40  # photo pixels across the loupe
LOUPE_SIZE = 200  # its size on screen


class Mark(str, Enum):
    KNEE = "knee"
    ANKLE = "ankle"
    REFERENCE_A = "reference-a"
    REFERENCE_B = "reference-b"


ORDER = tuple(Mark)
LETTERS = {Mark.KNEE: "K", Mark.ANKLE: "A", Mark.REFERENCE_A: "1", Mark.REFERENCE_B: "2"}
NAMES = {
    Mark.KNEE: "knee",
    Mark.ANKLE: "ankle",
    Mark.REFERENCE_A: "first reference point",
    Mark.REFERENCE_B: "second reference point",
}


class MarkerItem(QGraphicsItem):
    """One point: a ring with a cross at its centre, the same size on screen at any zoom."""

    RADIUS = 11

    def __init__(self, canvas: PhotoCanvas, mark: Mark) -> None:
        super().__init__()
        self.canvas = canvas
        self.mark = mark
        self.colour = SHIN_COLOUR if mark in (Mark.KNEE, Mark.ANKLE) else REFERENCE_COLOUR
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(
            flags.ItemIsMovable
            | flags.ItemIsSelectable
            | flags.ItemIgnoresTransformations
            | flags.ItemSendsGeometryChanges
        )
        self.setZValue(10)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip(f"The {NAMES[mark]}: drag it, or select it and use the arrow keys")

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 4
        return QRectF(-r, -r, 2 * r + 22, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        r = self.RADIUS
        selected = self.isSelected()
        for colour, width in ((HALO, 5), (QColor("white") if selected else self.colour, 2.5)):
            painter.setPen(QPen(colour, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r, r)
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):  # a cross with a clear centre
                painter.drawLine(QPointF(dx * 3, dy * 3), QPointF(dx * (r + 3), dy * (r + 3)))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(14)
        painter.setFont(font)
        painter.setPen(QPen(HALO, 4))
        painter.drawText(QPointF(r + 5, -r + 12), LETTERS[self.mark])
        painter.setPen(QPen(QColor("white"), 1))
        painter.drawText(QPointF(r + 5, -r + 12), LETTERS[self.mark])

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change is QGraphicsItem.GraphicsItemChange.ItemPositionChange and isinstance(
            value, QPointF
        ):
            return self.canvas.clamped(value)
        if change is QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.canvas.marker_moved()
        return super().itemChange(change, value)


class PhotoCanvas(QGraphicsView):
    """Shows one photo and up to four points on it; emits ``points_changed`` on every change."""

    points_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QBrush(QColor("#202020")))
        self.setAccessibleName("Photo: place the knee and ankle points")
        self.setAccessibleDescription(__doc__.split("\n\n")[1].replace("\n", " "))
        self._image = QImage()
        self._markers: dict[Mark, MarkerItem] = {}
        self._photo_item: QGraphicsPixmapItem | None = None
        self._shin = self._line(SHIN_COLOUR, Qt.PenStyle.SolidLine)
        self._vertical = self._line(QColor(255, 255, 255, 200), Qt.PenStyle.DashLine)
        self._reference = self._line(REFERENCE_COLOUR, Qt.PenStyle.DashLine)
        self._overlay: tuple[str, str] = ("", "")
        self._fitted = True
        self._fit_zoom = 1.0

    def _line(self, colour: QColor, style: Qt.PenStyle) -> QGraphicsLineItem:
        line = QGraphicsLineItem()
        pen = QPen(colour, 3, style)
        pen.setCosmetic(True)  # the same width at any zoom
        line.setPen(pen)
        line.setZValue(5)
        line.hide()
        self.scene().addItem(line)
        return line

    # -- the photo and its points -----------------------------------------------------------

    def set_photo(self, image: QImage) -> None:
        """Show ``image`` fitted to the view, with no points on it."""
        for marker in list(self._markers.values()):
            self.scene().removeItem(marker)
        self._markers.clear()
        if self._photo_item is not None:
            self.scene().removeItem(self._photo_item)
        self._image = image
        self._photo_item = self.scene().addPixmap(QPixmap.fromImage(image))
        self._photo_item.setZValue(0)
        self.scene().setSceneRect(QRectF(image.rect()))
        self.fit()
        self._update_lines()
        self.points_changed.emit()

    def photo(self) -> QImage:
        return self._image

    def point(self, mark: Mark) -> Point | None:
        marker = self._markers.get(mark)
        return None if marker is None else (marker.pos().x(), marker.pos().y())

    def placed(self) -> list[Mark]:
        return [mark for mark in ORDER if mark in self._markers]

    def next_mark(self) -> Mark | None:
        """The point a click places next: knee, ankle, then the two reference points."""
        return next((mark for mark in ORDER if mark not in self._markers), None)

    def place(self, mark: Mark, point: Point) -> None:
        """Put ``mark`` at ``point`` (photo pixels, kept inside the photo) and select it."""
        marker = self._markers.get(mark)
        if marker is None:
            marker = MarkerItem(self, mark)
            self._markers[mark] = marker
            self.scene().addItem(marker)
        marker.setPos(QPointF(*point))
        self.select(mark)
        self.marker_moved()

    def remove(self, mark: Mark) -> None:
        marker = self._markers.pop(mark, None)
        if marker is not None:
            self.scene().removeItem(marker)
            self.marker_moved()

    def selected(self) -> Mark | None:
        return next((m for m, item in self._markers.items() if item.isSelected()), None)

    def select(self, mark: Mark | None) -> None:
        self.scene().clearSelection()
        if mark is not None and mark in self._markers:
            self._markers[mark].setSelected(True)
        self.viewport().update()

    def clamped(self, point: QPointF) -> QPointF:
        """``point`` moved inside the photo."""
        width, height = max(self._image.width() - 1, 0), max(self._image.height() - 1, 0)
        return QPointF(min(max(point.x(), 0.0), width), min(max(point.y(), 0.0), height))

    def marker_moved(self) -> None:
        self._update_lines()
        self.points_changed.emit()
        self.viewport().update()

    def set_overlay(self, value: str, detail: str = "") -> None:
        """The big reading drawn over the photo (and a smaller line under it)."""
        if (value, detail) != self._overlay:
            self._overlay = (value, detail)
            self.viewport().update()

    def set_vertical(self, start: Point | None, end: Point | None) -> None:
        """The levelled vertical the shin is measured from, drawn through the knee."""
        self._set_line(self._vertical, start, end)

    def _update_lines(self) -> None:
        self._set_line(self._shin, self.point(Mark.KNEE), self.point(Mark.ANKLE))
        self._set_line(self._reference, self.point(Mark.REFERENCE_A), self.point(Mark.REFERENCE_B))

    @staticmethod
    def _set_line(line: QGraphicsLineItem, start: Point | None, end: Point | None) -> None:
        line.setVisible(start is not None and end is not None)
        if start is not None and end is not None:
            line.setLine(start[0], start[1], end[0], end[1])

    # -- zoom -------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        """Show the whole photo; zooming out never goes below this."""
        if not self._image.isNull():
            self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            self._fit_zoom = self.zoom()
        self._fitted = True

    def zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom() * factor, min(self._fit_zoom, 1.0)), MOST_ZOOM)
        if abs(target - self.zoom()) > 1e-9:
            self.scale(target / self.zoom(), target / self.zoom())
            self._fitted = abs(target - self._fit_zoom) < 1e-9

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    # -- mouse and keys ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            item = self.itemAt(event.position().toPoint())
            mark = self.next_mark()
            if not isinstance(item, MarkerItem) and mark is not None and self._has_photo():
                scene = self.mapToScene(event.position().toPoint())
                self.place(mark, (scene.x(), scene.y()))
                event.accept()
                return
        super().mousePressEvent(event)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        step = 10.0 if mods & Qt.KeyboardModifier.ShiftModifier else 1.0
        moves: dict[int, tuple[float, float]] = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        selected = self.selected()
        if key in moves and selected is not None:
            x, y = self.point(selected) or (0.0, 0.0)
            dx, dy = moves[key]
            self.place(selected, (x + dx, y + dy))
            self.ensureVisible(self._markers[selected], 40, 40)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._can_place():
            mark = self.next_mark()
            centre = self.mapToScene(self.viewport().rect().center())
            if mark is not None:
                self.place(mark, (centre.x(), centre.y()))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and selected is not None:
            self.remove(selected)
        else:
            super().keyPressEvent(event)

    def _can_place(self) -> bool:
        return self._has_photo() and self.next_mark() is not None

    def _has_photo(self) -> bool:
        return not self._image.isNull()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab selects the next point; past the last (or before the first) focus moves on."""
        placed = self.placed()
        if self.hasFocus() and placed:
            current = self.selected()
            index = -1 if current is None else placed.index(current)
            index = index + 1 if next else (len(placed) if index < 0 else index) - 1
            if 0 <= index < len(placed):
                self.select(placed[index])
                return True
            self.select(None)
        return super().focusNextPrevChild(next)

    # -- drawn over the photo ---------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()  # viewport pixels from here on
        corners = self._corners_by_room()
        self._draw_overlay(painter, corners.pop(0))
        selected = self.selected()
        if selected is not None:
            self._draw_loupe(painter, selected, corners[0])
        painter.restore()

    def _corners_by_room(self) -> list[Qt.Corner]:
        """The viewport's corners, those farthest from every point first, so what is drawn
        over the photo never hides a point."""
        view = self.viewport().rect()
        spots = {
            Qt.Corner.TopLeftCorner: QPointF(view.left(), view.top()),
            Qt.Corner.TopRightCorner: QPointF(view.right(), view.top()),
            Qt.Corner.BottomLeftCorner: QPointF(view.left(), view.bottom()),
            Qt.Corner.BottomRightCorner: QPointF(view.right(), view.bottom()),
        }
        shown = [self.mapFromScene(marker.pos()).toPointF() for marker in self._markers.values()]

        def room(corner: Qt.Corner) -> float:
            spot = spots[corner]
            return min((QLineF(spot, p).length() for p in shown), default=0.0)

        return sorted(spots, key=room, reverse=True)

    def _box_at(self, corner: Qt.Corner, width: float, height: float) -> QRectF:
        view = self.viewport().rect()
        left = corner in (Qt.Corner.TopLeftCorner, Qt.Corner.BottomLeftCorner)
        top = corner in (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner)
        x = 10 if left else view.width() - width - 10
        y = 10 if top else view.height() - height - 10
        return QRectF(x, y, width, height)

    def _draw_overlay(self, painter: QPainter, corner: Qt.Corner) -> None:
        value, detail = self._overlay
        if not value:
            return
        big = QFont(self.font())
        big.setBold(True)
        big.setPixelSize(max(36, self.viewport().height() // 7))
        small = QFont(self.font())
        small.setPixelSize(max(14, self.viewport().height() // 30))
        painter.setFont(big)
        big_box = painter.fontMetrics().boundingRect(value)
        painter.setFont(small)
        small_box = painter.fontMetrics().boundingRect(detail) if detail else QRectF().toRect()
        width = max(big_box.width(), small_box.width()) + 28
        height = big_box.height() + (small_box.height() + 4 if detail else 0) + 16
        box = self._box_at(corner, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(QColor("white"))
        painter.setFont(big)
        painter.drawText(
            QRectF(box.x() + 14, box.y() + 6, width, big_box.height()),
            Qt.AlignmentFlag.AlignLeft,
            value,
        )
        if detail:
            painter.setFont(small)
            painter.drawText(
                QRectF(box.x() + 14, box.y() + 10 + big_box.height(), width, small_box.height()),
                Qt.AlignmentFlag.AlignLeft,
                detail,
            )

    def _draw_loupe(self, painter: QPainter, mark: Mark, corner: Qt.Corner) -> None:
        point = self.point(mark)
        if point is None or self._image.isNull():
            return
        size = min(LOUPE_SIZE, self.viewport().width() // 3, self.viewport().height() // 2)
        if size < 60:
            return
        half = LOUPE_PIXELS / 2
        source = QRectF(point[0] - half, point[1] - half, LOUPE_PIXELS, LOUPE_PIXELS)
        target = self._box_at(corner, size, size)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # see pixels
        painter.fillRect(target, QColor("#202020"))
        painter.drawImage(target, self._image, source)
        centre = target.center()
        painter.setPen(QPen(HALO, 3))
        painter.drawRect(target)
        for colour, width in ((HALO, 3), (SHIN_COLOUR, 1)):
            painter.setPen(QPen(colour, width))
            painter.drawLine(
                QPointF(centre.x() - 14, centre.y()), QPointF(centre.x() - 4, centre.y())
            )
            painter.drawLine(
                QPointF(centre.x() + 4, centre.y()), QPointF(centre.x() + 14, centre.y())
            )
            painter.drawLine(
                QPointF(centre.x(), centre.y() - 14), QPointF(centre.x(), centre.y() - 4)
            )
            painter.drawLine(
                QPointF(centre.x(), centre.y() + 4), QPointF(centre.x(), centre.y() + 14)
            )
