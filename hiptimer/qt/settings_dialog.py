"""The settings dialog: sound, voice (which, how fast, reading the steps), pacing, weekly goal,
reminders, theme, the limited side and autostart.

It edits a copy of the values in its controls; OK writes them into the Settings object
(clamped by ``Settings.validated``), Cancel leaves the object untouched.  The caller saves
the settings and applies theme and sound afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.desktop import choices
from hiptimer.core.reminders.schedule import default_days
from hiptimer.core.routines.model import Side
from hiptimer.core.settings import CHOICES, NUMBER_LIMITS, WEEKDAYS, Settings, parse_clock
from hiptimer.core.speech import VoiceChoice
from hiptimer.qt.session.audio_check import ALL_THERE, AudioCheck
from hiptimer.qt.session.voice_picker import VoicePicker

if TYPE_CHECKING:
    from hiptimer.qt.session.audio import CuePlayer

THEME_WORDS = {"system": "Same as the system", "dark": "Dark", "light": "Light"}
SIDE_CHOICES = ((Side.LEFT, "Left hip"), (Side.RIGHT, "Right hip"), (None, "Not set"))


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    return label


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        offer_autostart: bool | None = None,
        voice_in_use: str = "",
        cache_dir: Path | None = None,
        player: CuePlayer | None = None,
        audio: AudioCheck = ALL_THERE,
    ) -> None:
        """Autostart is offered where there is a tray to start into (``offer_autostart``
        None: ask Qt); OK writes or removes the login entry at once.  ``voice_in_use`` names
        the voice speaking now; ``cache_dir`` and ``player`` let the voice's Hear it button speak
        as a session would.  ``audio`` says what sound and voice exist: the controls for what
        does not are left out, with a sentence saying why (their values are kept)."""
        super().__init__(parent)
        if offer_autostart is None:
            offer_autostart = QSystemTrayIcon.isSystemTrayAvailable()
        self._autostart_was = choices.autostart_choice(offer_autostart)
        self.settings = settings
        self.setWindowTitle("Settings")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(*NUMBER_LIMITS["volume"])
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setAccessibleName("Volume")
        self.volume_value = QLabel()
        self.volume_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("100 %  "))
        self.volume.valueChanged.connect(lambda v: self.volume_value.setText(f"{v} %"))
        volume_row = QHBoxLayout()
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_value)
        first_audio_row = form.rowCount()
        self._add_row(form, "&Volume:", self.volume, volume_row)

        self.muted = QCheckBox("&Mute all sound and voice")
        self.muted.setAccessibleName("Mute all sound and voice")
        form.addRow("", self.muted)

        first_voice_row = form.rowCount()
        self.voice = QCheckBox("Spoken &prompts (exercise names, counts, “switch sides”)")
        self.voice.setAccessibleName("Spoken prompts")
        form.addRow("", self.voice)
        self._add_voice_rows(form, voice_in_use, cache_dir, player)
        audio_rows = range(first_audio_row, first_voice_row)
        voice_rows = range(first_voice_row, form.rowCount())
        self._show_audio(form, audio, audio_rows)  # then the voice's rows are one further on
        self._show_voice(form, audio, voice_rows)

        self.lead_in = QSpinBox()
        self.lead_in.setRange(*NUMBER_LIMITS["lead_in_seconds"])
        self.lead_in.setSuffix(" s")
        self.lead_in.setAccessibleName("Get-ready time before each exercise, in seconds")
        self._add_row(form, "&Get-ready time:", self.lead_in)
        self.change_lead_in = QSpinBox()
        self.change_lead_in.setRange(*NUMBER_LIMITS["change_lead_in_seconds"])
        self.change_lead_in.setSuffix(" s")
        self.change_lead_in.setAccessibleName(
            "Get-ready time when the position or the gear changes, in seconds"
        )
        self._add_row(form, "Get-ready to m&ove:", self.change_lead_in)
        form.addRow(
            "",
            _hint(
                "Used instead when the next exercise starts in a new position or needs gear the "
                "last one did not, and before the first exercise (never shorter than the other)."
            ),
        )

        self.self_paced = QCheckBox("&Enter counts each rep (instead of the paced count)")
        self.self_paced.setAccessibleName("Self-paced reps: Enter counts each rep")
        form.addRow("", self.self_paced)

        self.weekly_goal = QSpinBox()
        self.weekly_goal.setRange(*NUMBER_LIMITS["weekly_goal"])
        self.weekly_goal.setSuffix(" sessions a week")
        self.weekly_goal.setAccessibleName("Weekly goal, sessions a week")
        self._add_row(form, "&Weekly goal:", self.weekly_goal)
        form.addRow("", _hint("At least 2–3 sessions a week is a good place to start."))
        self._add_reminder_rows(form)

        self.reassess_weeks = QSpinBox()
        self.reassess_weeks.setRange(*NUMBER_LIMITS["reassess_weeks"])
        self.reassess_weeks.setSuffix(" weeks")
        self.reassess_weeks.setAccessibleName("Measure again every so many weeks")
        self._add_row(form, "Measure &again every:", self.reassess_weeks)
        form.addRow(
            "", _hint("Change usually shows after 4–6 weeks; measuring every 2–3 weeks shows it.")
        )

        self.theme = QComboBox()
        for value in CHOICES["theme"]:
            self.theme.addItem(THEME_WORDS[value], value)
        self.theme.setAccessibleName("Theme")
        self._add_row(form, "&Theme:", self.theme)

        self.limited_side = QComboBox()
        for side, text in SIDE_CHOICES:
            self.limited_side.addItem(text, side.value if side else "")
        self.limited_side.setAccessibleName("Limited hip")
        self._add_row(form, "&Limited hip:", self.limited_side)

        self.autostart = QCheckBox("Start in the tra&y when I log in")
        self.autostart.setAccessibleName("Start in the tray when I log in")
        self.autostart.setChecked(bool(self._autostart_was))
        self.autostart.setVisible(self._autostart_was is not None)
        form.addRow("", self.autostart)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("OK")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.addLayout(form)
        fields_layout.addStretch(1)
        self.fields_scroll = QScrollArea()  # a small screen scrolls the fields, never cuts them
        self.fields_scroll.setWidget(fields)
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_scroll, 1)
        layout.addWidget(self.buttons)
        self.load(settings)
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(min(40 * em, 760))
        self._fields = fields
        self.resize(self.sizeHint())

    def sizeHint(self) -> QSize:
        """All the fields when the screen has room for them, else as much as it has."""
        wanted = self._fields.sizeHint() + QSize(0, self.buttons.sizeHint().height() + 40)
        screen = self.screen().availableGeometry().size() if self.screen() else wanted
        return QSize(
            max(
                wanted.width() + self.fields_scroll.verticalScrollBar().sizeHint().width() + 30,
                self.minimumWidth(),
            ),
            min(wanted.height(), screen.height() - 40),
        )

    def _show_audio(self, form: QFormLayout, audio: AudioCheck, rows: range) -> None:
        """Volume and mute only where something sounds; else why not."""
        self.audio_note = _hint(audio.why_no_sound)
        self.audio_note.setAccessibleName("Sound")
        self.audio_note.setVisible(bool(audio.why_no_sound))
        form.insertRow(rows.start, "", self.audio_note)
        for row in rows:
            form.setRowVisible(row + 1, audio.sound or audio.voice)

    def _show_voice(self, form: QFormLayout, audio: AudioCheck, rows: range) -> None:
        """The voice's rows only where a voice exists; else why not (once, with the sound's)."""
        self.voice_note = _hint(audio.why_no_voice)
        self.voice_note.setAccessibleName("Voice")
        self.voice_note.setVisible(bool(audio.why_no_voice))
        form.insertRow(rows.start + 1, "", self.voice_note)
        for row in rows:
            form.setRowVisible(row + 2, audio.voice)

    def _add_reminder_rows(self, form: QFormLayout) -> None:
        self.reminders = QCheckBox("&Remind me on my training days")
        self.reminders.setAccessibleName("Remind me on my training days")
        form.addRow("", self.reminders)
        days_row = QHBoxLayout()
        self.day_boxes: dict[str, QCheckBox] = {}
        for day in WEEKDAYS:
            box = QCheckBox(day.capitalize())
            box.setAccessibleName(f"Remind on {day.capitalize()}")
            box.clicked.connect(self._days_picked)
            self.day_boxes[day] = box
            days_row.addWidget(box)
        days_row.addStretch(1)
        self._add_row(form, "Reminder &days:", self.day_boxes[WEEKDAYS[0]], days_row)
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_time.setAccessibleName("Reminder time")
        self._add_row(form, "Reminder t&ime:", self.reminder_time)
        self.snooze_minutes = QSpinBox()
        self.snooze_minutes.setRange(*NUMBER_LIMITS["snooze_minutes"])
        self.snooze_minutes.setSuffix(" min")
        self.snooze_minutes.setAccessibleName("Snooze a reminder for, in minutes")
        self._add_row(form, "&Snooze for:", self.snooze_minutes)
        form.addRow(
            "",
            _hint(
                "A notification offers Start now, Snooze or Skip today. None comes once the "
                "day's session is done, or while a fullscreen window is in front."
            ),
        )
        self._days_follow_goal = True
        self.weekly_goal.valueChanged.connect(self._goal_changed)
        self.reminders.toggled.connect(self._reminders_toggled)

    def _days_picked(self) -> None:
        self._days_follow_goal = False

    def _goal_changed(self, goal: int) -> None:
        if self._days_follow_goal:
            self._check_days([WEEKDAYS[i] for i in default_days(goal)])

    def _check_days(self, days: list[str]) -> None:
        for day, box in self.day_boxes.items():
            box.setChecked(day in days)

    def _reminders_toggled(self, on: bool) -> None:
        for control in (*self.day_boxes.values(), self.reminder_time, self.snooze_minutes):
            control.setEnabled(on)

    def chosen_days(self) -> list[str] | None:
        """The checked days; None while they still follow the weekly goal."""
        days = [day for day, box in self.day_boxes.items() if box.isChecked()]
        goal_days = [WEEKDAYS[i] for i in default_days(self.weekly_goal.value())]
        return None if days == goal_days or not days else days

    def _add_voice_rows(
        self, form: QFormLayout, in_use: str, cache_dir: Path | None, player: CuePlayer | None
    ) -> None:
        """Which voice speaks, how fast, and whether get-ready reads the steps (issue 14)."""
        self.speech_rate = QSlider(Qt.Orientation.Horizontal)
        self.speech_rate.setRange(*NUMBER_LIMITS["speech_rate"])
        self.speech_rate.setSingleStep(5)
        self.speech_rate.setPageStep(10)
        self.speech_rate.setAccessibleName("Speaking speed, percent faster or slower")
        self.speech_rate_value = QLabel()
        self.speech_rate.valueChanged.connect(
            lambda v: self.speech_rate_value.setText(f"{v:+d} %" if v else "normal")
        )
        self.voice_picker = VoicePicker(
            cache_dir=cache_dir, player=player, rate=self.speech_rate.value, in_use=in_use
        )
        self._add_row(form, "Voice to &use:", self.voice_picker.combo, self.voice_picker)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.speech_rate, 1)
        rate_row.addWidget(self.speech_rate_value)
        self._add_row(form, "Spea&king speed:", self.speech_rate, rate_row)
        self.read_steps = QCheckBox(
            "Read ea&ch exercise's steps aloud while you get ready (the get-ready time "
            "grows to fit)"
        )
        self.read_steps.setAccessibleName("Read the steps aloud during get-ready")
        form.addRow("", self.read_steps)

    @staticmethod
    def _add_row(form: QFormLayout, text: str, field: QWidget, layout=None) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, layout if layout is not None else field)
        return label

    def load(self, settings: Settings) -> None:
        """Show ``settings`` in the controls (values outside a control's range are clamped)."""
        self.volume.setValue(int(settings.volume))
        self.volume_value.setText(f"{self.volume.value()} %")
        self.muted.setChecked(bool(settings.muted))
        self.voice.setChecked(bool(settings.voice))
        self.voice_picker.set_choice(VoiceChoice.from_setting(settings.voice_choice))
        self.speech_rate.setValue(int(settings.speech_rate))
        self.speech_rate_value.setText(
            f"{self.speech_rate.value():+d} %" if self.speech_rate.value() else "normal"
        )
        self.read_steps.setChecked(bool(settings.read_steps))
        self.lead_in.setValue(int(settings.lead_in_seconds))
        self.change_lead_in.setValue(int(settings.change_lead_in_seconds))
        self.self_paced.setChecked(bool(settings.self_paced_reps))
        self.weekly_goal.setValue(int(settings.weekly_goal))
        self.reassess_weeks.setValue(int(settings.reassess_weeks))
        theme = self.theme.findData(settings.theme)
        self.theme.setCurrentIndex(max(theme, 0))
        side = next(
            (i for i, (s, _t) in enumerate(SIDE_CHOICES) if s == settings.limited_side),
            len(SIDE_CHOICES) - 1,
        )
        self.limited_side.setCurrentIndex(side)
        self.reminders.setChecked(bool(settings.reminders))
        self._reminders_toggled(self.reminders.isChecked())
        self._days_follow_goal = settings.reminder_days is None
        goal_days = [WEEKDAYS[i] for i in default_days(self.weekly_goal.value())]
        self._check_days(settings.reminder_days or goal_days)
        hour, minute = parse_clock(settings.reminder_time) or (18, 0)
        self.reminder_time.setTime(QTime(hour, minute))
        self.snooze_minutes.setValue(int(settings.snooze_minutes))

    def chosen_side(self) -> Side | None:
        return SIDE_CHOICES[self.limited_side.currentIndex()][0]

    def apply_to(self, settings: Settings) -> Settings:
        """Write the controls' values into ``settings`` and clamp them."""
        settings.volume = self.volume.value()
        settings.muted = self.muted.isChecked()
        settings.voice = self.voice.isChecked()
        settings.voice_choice = self.voice_picker.choice().setting
        settings.speech_rate = self.speech_rate.value()
        settings.read_steps = self.read_steps.isChecked()
        settings.lead_in_seconds = self.lead_in.value()
        settings.change_lead_in_seconds = self.change_lead_in.value()
        settings.self_paced_reps = self.self_paced.isChecked()
        settings.weekly_goal = self.weekly_goal.value()
        settings.reassess_weeks = self.reassess_weeks.value()
        settings.theme = self.theme.currentData()
        settings.limited_side = self.chosen_side()
        any_day = any(box.isChecked() for box in self.day_boxes.values())
        settings.reminders = self.reminders.isChecked() and any_day
        settings.reminder_days = self.chosen_days()
        settings.reminder_time = self.reminder_time.time().toString("HH:mm")
        settings.snooze_minutes = self.snooze_minutes.value()
        return settings.validated()

    def accept(self) -> None:
        self.apply_to(self.settings)
        wanted = self.autostart.isChecked()
        if self._autostart_was is not None and wanted != self._autostart_was:
            problem = choices.set_autostart_choice(wanted)
            if problem:
                QMessageBox.warning(self, "Autostart", problem)
        super().accept()
