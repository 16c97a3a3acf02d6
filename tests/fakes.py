"""Shared test doubles and builders: one of each, used by every test that needs it."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines.catalog import Catalog, load_catalog
from hiptimer.core.routines.model import Kind, Library, Side
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import SessionStatus, StepStatus
from hiptimer.core.settings import Settings


class FakeClock:
    """A monotonic clock the test moves by hand (call it to read it, like ``time.monotonic``)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


_OUTCOME = StepOutcome(
    step_index=0,
    exercise_id="piriformis-release",
    exercise_name="Piriformis release",
    kind=Kind.RELEASE,
    side=Side.LEFT,
    status=StepStatus.DONE,
    planned_seconds=60.0,
    actual_seconds=75.5,
    planned_reps=None,
    actual_reps=None,
    measurement=None,
)


_FIELDS = [field.name for field in dataclasses.fields(StepOutcome)]


def make_outcome(*values: object, **changes: object) -> StepOutcome:
    """A real engine :class:`StepOutcome`: a done 60 s release on the left, step 0.

    Positional ``values`` fill the fields in their order (step_index, exercise_id, …) and win
    over keyword ``changes``, so ``partial(make_outcome, actual_seconds=61)`` sets a default.
    """
    merged = {**changes, **dict(zip(_FIELDS, values, strict=False))}
    if isinstance(merged.get("status"), str):
        merged["status"] = StepStatus(merged["status"])
    return dataclasses.replace(_OUTCOME, **merged)  # type: ignore[arg-type]


@cache
def builtin_catalog() -> Catalog:
    """The built-in routines and exercise library, loaded once per test run."""
    return load_catalog(builtin_routines_dir(), None)


def empty_catalog() -> Catalog:
    return Catalog(library=Library({}))


def make_ctx(
    paths: AppPaths,
    *,
    catalog: Catalog | None = None,
    settings: Settings | None = None,
    history: HistoryStore | None = None,
    writes=None,  # HistoryWrites: the conftest ``writes`` fixture
    clock: FakeClock | None = None,
):  # -> AppContext (the Qt layer is imported only by tests that use it)
    """An app context on ``paths``: the built-in catalog plus the user's routines by default."""
    from hiptimer.qt.context import AppContext

    if catalog is None:
        catalog = load_catalog(builtin_routines_dir(), paths.user_routines_dir)
    ctx = AppContext(
        paths=paths,
        catalog=catalog,
        settings=settings or Settings(),
        history=history,
        writes=writes,
    )
    if clock is not None:
        ctx.clock = clock
        ctx.sleep = clock.advance  # the runner's last milliseconds pass on the fake clock
    return ctx


def open_store(path: Path) -> HistoryStore:
    """A fresh history file at ``path`` that opened without a problem."""
    store, message = open_history(path)
    assert message is None, message
    return store


def full_history(path: Path) -> bytes:
    """A history of 200 daily sessions of 10 steps (several pages) at ``path``; its bytes."""
    start = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)
    store, _ = open_history(path)
    with store, store.batch():
        for day in range(200):
            session = store.begin_session("full", "Full", "h", "left", start + timedelta(day))
            for index in range(10):
                outcome = make_outcome(index, actual_seconds=60.0)
                store.record_step(session, outcome, start + timedelta(day, minutes=index))
    return path.read_bytes()


def damaged_history(path: Path) -> bytes:
    """A history at ``path`` that opens (its header and identity are fine) and fails SQLite's
    integrity check: 300 bytes of a page in its middle overwritten.  Its bytes."""
    data = bytearray(full_history(path))
    middle = len(data) // 4096 // 2 * 4096
    data[middle + 100 : middle + 400] = b"\xff" * 300
    path.write_bytes(data)
    return bytes(data)


def add_session(
    store: HistoryStore,
    started: datetime,
    status: SessionStatus | str = SessionStatus.COMPLETED,
    *,
    work_seconds: float = 1500.0,
    routine: tuple[str, str] = ("full", "Full program"),
    side: str = "both",
) -> int:
    """A session of one exercise step of ``work_seconds`` (enough for a workout by default),
    ended as ``status`` ("incomplete": left unfinished; "discarded": left, then discarded)."""
    status = SessionStatus(status.value if isinstance(status, SessionStatus) else status)
    session = store.begin_session(routine[0], routine[1], "h", side, started)
    step = make_outcome(
        0, kind=Kind.HOLD, planned_seconds=work_seconds, actual_seconds=work_seconds
    )
    store.record_step(session, step, started + timedelta(seconds=work_seconds))
    if status is SessionStatus.DISCARDED:
        store.discard_session(session)
    elif status is not SessionStatus.INCOMPLETE:
        store.finish_session(session, started + timedelta(minutes=30), status, work_seconds)
    return session


# Sound ----------------------------------------------------------------------------------------
class FakeSignal:
    """Enough of a Qt signal for the fakes below: connect and emit, in the same thread."""

    def __init__(self) -> None:
        self._slots: list = []

    def connect(self, slot) -> None:
        self._slots.append(slot)

    def emit(self, *args: object) -> None:
        for slot in list(self._slots):
            slot(*args)


class FakeDevices:
    """Audio output devices a test plugs in and pulls out (the first one is the default)."""

    def __init__(self, *names: str) -> None:
        self.names = list(names)
        self.changed = FakeSignal()

    def outputs(self) -> list[str]:
        return list(self.names)

    def default_output(self) -> str | None:
        return self.names[0] if self.names else None

    def plug(self, name: str) -> None:
        self.names.insert(0, name)
        self.changed.emit()

    def pull(self, name: str) -> None:
        self.names.remove(name)
        self.changed.emit()


class FakeOutput:
    """A sound output on ``device`` that records into ``log``: (device, event, detail)."""

    def __init__(self, device: object, log: list[tuple], *, broken: bool = False) -> None:
        self.device, self.log, self.broken = device, log, broken
        self.volume = 1.0
        self.closed = False

    def open(self, rate: int, channels: int) -> None:
        self.log.append((self.device, "open", (rate, channels)))

    def play(self, pcm) -> None:
        self.log.append((self.device, "play", pcm))

    def stop(self) -> None:
        self.log.append((self.device, "stop", None))

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def close(self) -> None:
        self.closed = True

    def problem(self) -> str | None:
        return "the audio output could not be opened" if self.broken else None


class RecordingPlayer:
    """A cue player that plays nothing and records, in order, each cue's name and each
    spoken phrase as ``"say: <text>"`` (what the controller and the voices hand it)."""

    def __init__(self, *, available: bool = True) -> None:
        self.played: list[str] = []
        self.available = available
        self.problem: str | None = None if available else "Sound is off: no device."
        self.muted = False
        self.volume = 80
        self.problem_found = FakeSignal()
        self.restored = FakeSignal()

    def play(self, sound) -> None:
        if not self.muted:
            self.played.append(getattr(sound, "value", sound))

    def play_speech(self, pcm, text: str = "") -> bool:
        if self.muted or not self.available:
            return False
        assert pcm.data, f"no audio for {text!r}"
        self.played.append(f"say: {text}")
        return True

    def stop_speech(self) -> None:
        self.played.append("stop speech")

    def set_volume(self, percent: int) -> None:
        self.volume = percent

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    @property
    def sounds(self) -> list[str]:
        return [p for p in self.played if not p.startswith(("say: ", "stop "))]

    @property
    def said(self) -> list[str]:
        return [p[len("say: ") :] for p in self.played if p.startswith("say: ")]


# -- photos of a leg at a known angle (measuring from a photo) ------------------------------

#: The colours of the small stickers the drawn photos carry on the knee, the ankle and the ends
#: of the door frame, so a test finds them again in the decoded photo.
KNEE_STICKER = (230, 0, 230)
ANKLE_STICKER = (0, 200, 0)
FRAME_STICKER = (250, 220, 0)


@dataclasses.dataclass(frozen=True)
class LegPhoto:
    """A drawn photo and where its points are (photo pixels, after the camera's roll)."""

    image: object  # QImage (Qt is imported only by the tests that draw)
    knee: tuple[float, float]
    ankle: tuple[float, float]
    frame: tuple[tuple[float, float], tuple[float, float]]  # a door frame, truly vertical
    degrees: float  # the shin's true angle from the vertical


def draw_leg_photo(
    degrees: float,
    *,
    lean: int = 1,
    roll: float = 0.0,
    hanging: bool = False,
    size: tuple[int, int] = (960, 720),
) -> LegPhoto:
    """A photo of a room with one leg: a thigh, a shin at ``degrees`` from the vertical leaning
    to the picture's right (``lean`` 1) or left (-1), and a foot; a door frame and the floor
    line.  ``hanging``: the seated test's shin, hanging down from the knee; otherwise it rises
    from the knee on the floor (face down, seen from the feet).  ``roll`` turns the whole
    picture clockwise by that many degrees, as a camera set down crooked would."""
    import math

    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform

    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#c9c2b4"))  # a wall
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    floor_y = height * 0.62
    painter.fillRect(0, int(floor_y), width, height, QColor("#8a6a4a"))  # the floor
    painter.setPen(QPen(QColor("#3b2a1a"), 6))
    painter.drawLine(QPointF(0, floor_y), QPointF(width, floor_y))
    frame = ((width * 0.12, height * 0.06), (width * 0.12, floor_y - 4))
    painter.setPen(QPen(QColor("#5a4030"), 18))
    painter.drawLine(QPointF(*frame[0]), QPointF(*frame[1]))
    shin = height * 0.42
    angle = math.radians(degrees) * lean
    if hanging:
        knee = (width * 0.5, height * 0.3)
        ankle = (knee[0] + shin * math.sin(angle), knee[1] + shin * math.cos(angle))
        thigh_end = (knee[0] + 10, knee[1] - height * 0.12)
    else:
        knee = (width * 0.5, height * 0.86)
        ankle = (knee[0] + shin * math.sin(angle), knee[1] - shin * math.cos(angle))
        thigh_end = (knee[0] - 6, knee[1] - height * 0.14)
    cap = Qt.PenCapStyle.RoundCap
    painter.setPen(QPen(QColor("#6d7f99"), 86, Qt.PenStyle.SolidLine, cap))  # trousers
    painter.drawLine(QPointF(*knee), QPointF(*thigh_end))
    painter.setPen(QPen(QColor("#d8a47f"), 56, Qt.PenStyle.SolidLine, cap))  # the shin
    painter.drawLine(QPointF(*knee), QPointF(*ankle))
    toe = (ankle[0] + 30 * lean, ankle[1] + (-40 if not hanging else 50))
    painter.setPen(QPen(QColor("#40444c"), 44, Qt.PenStyle.SolidLine, cap))  # a sock
    painter.drawLine(QPointF(*ankle), QPointF(*toe))
    painter.setPen(Qt.PenStyle.NoPen)
    for colour, point in (
        (KNEE_STICKER, knee),
        (ANKLE_STICKER, ankle),
        (FRAME_STICKER, frame[0]),
        (FRAME_STICKER, frame[1]),
    ):
        painter.setBrush(QColor(*colour))
        painter.drawEllipse(QPointF(*point), 7, 7)
    painter.end()
    if roll:
        turn = QTransform().rotate(roll)
        matrix = QImage.trueMatrix(turn, width, height)  # what transformed() really does
        image = image.transformed(turn, Qt.TransformationMode.SmoothTransformation)
        knee, ankle = _mapped(matrix, knee), _mapped(matrix, ankle)
        frame = (_mapped(matrix, frame[0]), _mapped(matrix, frame[1]))
    return LegPhoto(image, knee, ankle, frame, degrees)


def draw_seated_figure(side_degrees: float = 30.0) -> LegPhoto:
    """A person drawn from the front sitting on a bench, both shins turned out by
    ``side_degrees`` (the seated test): for a pose model, which needs a whole body with a face.
    The points are the person's left leg (on the picture's right)."""
    import math

    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

    image = QImage(720, 960, QImage.Format.Format_RGB32)
    image.fill(QColor("#d8d2c4"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def limb(start: tuple[float, float], end: tuple[float, float], width: int, colour: str):
        painter.setPen(QPen(QColor(colour), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(*start), QPointF(*end))

    skin, shirt, shorts = "#e0ac8a", "#3a6ea5", "#222a44"
    painter.fillRect(0, 780, 720, 180, QColor("#8a6a4a"))  # the floor
    painter.fillRect(150, 560, 420, 50, QColor("#5a4030"))  # the bench
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(skin))
    painter.drawEllipse(QPointF(360, 170), 55, 68)  # the head
    limb((360, 240), (360, 260), 40, skin)
    body = QPainterPath()
    body.moveTo(270, 270)
    for corner in ((450, 270), (430, 520), (290, 520)):
        body.lineTo(*corner)
    body.closeSubpath()
    painter.setPen(QPen(QColor(skin), 40))  # bare shoulders and neck around the shirt
    painter.setBrush(QColor(shirt))
    painter.drawPath(body)
    for shoulder, elbow, hand in (
        ((285, 285), (240, 420), (265, 540)),
        ((435, 285), (480, 420), (455, 540)),
    ):
        limb(shoulder, elbow, 42, shirt)
        limb(elbow, hand, 36, skin)
    painter.setPen(QPen(QColor(skin), 36))  # hands resting on the shorts
    painter.setBrush(QColor(shorts))
    painter.drawRoundedRect(QRectF(280, 500, 160, 70), 20, 20)
    ankles = []
    for hip, knee, out in (((315, 540), (300, 600), -1), ((405, 540), (420, 600), 1)):
        limb(hip, (knee[0], knee[1] - 10), 62, shorts)  # the thigh, toward the camera
        turn = math.radians(side_degrees) * out
        ankle = (knee[0] + 190 * math.sin(turn), knee[1] + 190 * math.cos(turn))
        limb(knee, ankle, 50, skin)
        limb(ankle, (ankle[0] + 10 * out, ankle[1] + 20), 44, "#333333")  # a shoe
        ankles.append(ankle)
    painter.end()
    frame = ((20.0, 40.0), (20.0, 770.0))
    return LegPhoto(image, (420.0, 600.0), ankles[1], frame, side_degrees)


def _mapped(matrix, point: tuple[float, float]) -> tuple[float, float]:
    from PySide6.QtCore import QPointF

    mapped = matrix.map(QPointF(*point))
    return (mapped.x(), mapped.y())


def sticker_at(image, near: tuple[float, float], colour: tuple[int, int, int], reach: int = 24):
    """The centre of the sticker of ``colour`` within ``reach`` pixels of ``near``, found in
    the pixels of ``image`` (a decoded photo); AssertionError if it is not there."""
    xs, ys = [], []
    x0, y0 = round(near[0]), round(near[1])
    for y in range(max(0, y0 - reach), min(image.height(), y0 + reach + 1)):
        for x in range(max(0, x0 - reach), min(image.width(), x0 + reach + 1)):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour[0]) < 60
                and abs(pixel.green() - colour[1]) < 60
                and abs(pixel.blue() - colour[2]) < 60
            ):
                xs.append(x)
                ys.append(y)
    assert len(xs) > 20, f"no sticker of {colour} near {near}"
    return (sum(xs) / len(xs), sum(ys) / len(ys))


def fake_camera(image=None, *, fail: str = ""):
    """A stand-in for the computer's camera (:class:`hiptimer.qt.photo.camera.CameraBackend`):
    a blank preview; ``capture`` delivers ``image`` (a QImage), or fails with ``fail``."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QLabel

    class FakeCamera(QObject):
        captured = Signal(QImage)
        failed = Signal(str)

        def __init__(self) -> None:
            super().__init__()
            self.preview_widget = QLabel("camera preview")
            self.started: list[int] = []
            self.captures = 0
            self.stopped = False

        def preview(self):
            return self.preview_widget

        def start(self, index: int) -> None:
            self.started.append(index)

        def capture(self) -> None:
            self.captures += 1
            if fail:
                self.failed.emit(fail)
            else:
                self.captured.emit(image)

        def stop(self) -> None:
            self.stopped = True

    return FakeCamera()
