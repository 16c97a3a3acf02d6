"""The application stylesheet, written from the tokens.

Kept short on purpose: the palette colours most widgets; the sheet adds what a palette cannot
say (radii, padding, the primary button, cards, the focus ring).  It sets no font weights or
sizes: a font from the sheet would not show in a widget's font(), so size hints and the
layout checks would measure a different text than the one drawn; pages set fonts in code.
Selectors use object names and dynamic properties, so pages opt in with ``setObjectName`` /
``setProperty("role", ...)``:
``primary`` (the main action), ``compact`` (buttons in a tight row), ``card``, ``muted``,
``problem``.
"""

from __future__ import annotations

from hiptimer.qt.style.tokens import RADIUS, SPACE, Tokens


def stylesheet(t: Tokens) -> str:
    return f"""
QPushButton {{
    background: {t.button}; color: {t.text}; border: 1px solid {t.border};
    border-radius: {RADIUS.m}px; padding: {SPACE.s}px {SPACE.l}px;
}}
QPushButton:hover {{ border-color: {t.primary}; }}
QPushButton:focus {{ border: 2px solid {t.focus}; }}
QPushButton:checked {{ background: {t.primary}; color: {t.on_primary}; border-color: {t.primary}; }}
QPushButton:disabled {{ color: {t.placeholder}; border-color: {t.surface_alt}; }}
QPushButton[role="primary"] {{
    background: {t.primary}; color: {t.on_primary}; border-color: {t.primary};
}}
QPushButton[role="compact"] {{ padding: 2px {SPACE.s}px; }}
QFrame[role="card"] {{
    background: {t.surface}; border: 1px solid {t.border}; border-radius: {RADIUS.l}px;
}}
QLabel[role="muted"] {{ color: {t.text_muted}; }}
QLabel[role="problem"] {{ color: {t.problem}; }}
QToolTip {{ background: {t.surface}; color: {t.text}; border: 1px solid {t.border}; }}
"""
