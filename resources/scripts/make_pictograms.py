"""Generate the position pictograms and equipment icons as SVG line drawings.

    python resources/scripts/make_pictograms.py [RESOURCES_DIR]

Writes ``pictograms/<position>.svg`` and ``equipment/<equipment>.svg``.  One small drawing
vocabulary keeps every picture in the same style: a 200 x 200 view box, rounded strokes,
a filled head, a floor line, props drawn thinner than the body.

Colours: the figure and props use :data:`FG`, the working (left) leg and highlighted parts
use :data:`ACCENT`.  The app swaps these two exact strings for its palette colours at load
time (``hiptimer.qt.resources``), so the files stay valid SVG that any viewer can open.
Positions are drawn for the LEFT side working; the app mirrors them for the right side.
Side views face left, so the near leg is the left one and the mirror image stays true.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FG = "#1a1a1a"
ACCENT = "#d9480f"
SIZE = 200
FLOOR_Y = 172

Point = tuple[float, float]


@dataclass(frozen=True)
class Style:
    colour: str
    width: float
    opacity: float = 1.0


BODY = Style(FG, 9)
FAR = Style(FG, 9, 0.35)  # limbs on the far side of the body
WORK = Style(ACCENT, 10)  # the working leg
PROP = Style(FG, 5)
PROP_ACCENT = Style(ACCENT, 6)
DOT = Style(ACCENT, 11)
FLOOR = Style(FG, 4, 0.45)
THIN = Style(FG, 3)
BAND = Style(ACCENT, 4)  # a band held in the hand


def _num(value: float) -> str:
    return f"{value:g}"


def _stroke(style: Style) -> str:
    opacity = f' stroke-opacity="{_num(style.opacity)}"' if style.opacity < 1 else ""
    return f'stroke="{style.colour}" stroke-width="{_num(style.width)}"{opacity}'


def line(style: Style, *points: Point) -> str:
    coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
    return f'<polyline points="{coords}" {_stroke(style)}/>'


def dashed(style: Style, *points: Point) -> str:
    """A dotted line: what a camera sees, in the photo set-ups."""
    coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
    return f'<polyline points="{coords}" {_stroke(style)} stroke-dasharray="2 7"/>'


def path(style: Style, d: str) -> str:
    return f'<path d="{d}" {_stroke(style)}/>'


def circle(style: Style, centre: Point, r: float) -> str:
    x, y = centre
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {_stroke(style)}/>'


def head(centre: Point, r: float = 12) -> str:
    x, y = centre
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{FG}" stroke="none"/>'


def floor(x0: float = 12, x1: float = 188) -> str:
    return line(FLOOR, (x0, FLOOR_Y), (x1, FLOOR_Y))


def svg(title: str, parts: Sequence[str]) -> str:
    body = "\n  ".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}">\n'
        f"  <title>{title}</title>\n"
        f'  <g fill="none" stroke-linecap="round" stroke-linejoin="round">\n  '
        f"{body}\n  </g>\n</svg>\n"
    )


# --- props shared by pictograms and equipment icons ---------------------------------------


def chair(x0: float, x1: float, seat_y: float, back_x: float, back_top: float) -> list[str]:
    """A side view of a chair: seat from x0 to x1, back rising at back_x."""
    return [
        line(PROP, (x0, seat_y), (x1, seat_y)),
        line(PROP, (back_x, seat_y), (back_x, back_top)),
        line(PROP, (x0 + 4, seat_y), (x0 + 4, FLOOR_Y)),
        line(PROP, (x1 - 4, seat_y), (x1 - 4, FLOOR_Y)),
    ]


def swivel_chair(x0: float, x1: float, seat_y: float, back_x: float, back_top: float) -> list[str]:
    mid = (x0 + x1) / 2
    base_y = FLOOR_Y - 9
    return [
        line(PROP, (x0, seat_y), (x1, seat_y)),
        line(PROP, (back_x, seat_y), (back_x, back_top)),
        line(PROP, (mid, seat_y), (mid, base_y)),
        line(PROP, (x0 + 2, base_y), (x1 - 2, base_y)),
        circle(PROP, (x0 + 4, FLOOR_Y - 3), 3),
        circle(PROP, (x1 - 4, FLOOR_Y - 3), 3),
    ]


def wall(x: float, top: float = 30) -> list[str]:
    """A wall seen from the side, with hatching on its far side."""
    side = 1 if x < SIZE / 2 else -1
    hatch = [
        line(THIN, (x, y), (x - side * 10, y + 10)) for y in range(int(top) + 6, FLOOR_Y - 4, 20)
    ]
    return [line(PROP, (x, top), (x, FLOOR_Y)), *hatch]


# --- the positions ------------------------------------------------------------------------


def figure_four_ball() -> list[str]:
    hip = (118, 144)
    return [
        floor(),
        circle(PROP, (118, 158), 12),
        line(FAR, (140, 96), (152, 128), (166, 168)),
        line(BODY, hip, (140, 96)),
        head((148, 76)),
        line(BODY, hip, (80, 108), (54, 168), (42, 168)),
        line(WORK, hip, (92, 148), (66, 106)),
        line(BODY, (140, 96), (160, 126), (172, 168)),
    ]


def chair_edge() -> list[str]:
    hip = (98, 110)
    return [
        floor(),
        *chair(92, 146, 118, 146, 62),
        line(FAR, hip, (62, 106), (66, 168)),
        line(BODY, hip, (92, 60)),
        head((88, 40)),
        line(WORK, hip, (58, 112), (58, 168), (44, 168)),
        line(BODY, (92, 60), (80, 88), (64, 104)),
    ]


def tall_chair() -> list[str]:
    hip = (112, 92)
    return [
        floor(),
        *chair(104, 160, 100, 160, 52),
        line(FAR, hip, (74, 90), (80, 138)),
        line(BODY, hip, (110, 44)),
        head((108, 24)),
        line(WORK, hip, (72, 96), (70, 140), (58, 142)),
        line(BODY, (110, 46), (100, 72), (84, 90)),
    ]


def on_back() -> list[str]:
    hip = (90, 160)
    return [
        floor(),
        line(FAR, hip, (70, 118), (44, 166)),
        line(BODY, hip, (144, 160)),
        head((162, 154)),
        line(WORK, hip, (62, 122), (34, 166)),
        line(BODY, (144, 160), (112, 134), (72, 124)),
    ]


def face_down() -> list[str]:
    hip = (112, 160)
    return [
        floor(),
        line(FAR, hip, (146, 160), (170, 124)),
        line(BODY, (54, 160), hip),
        head((36, 156)),
        line(BODY, (54, 160), (62, 140), (28, 136)),
        line(WORK, hip, (152, 162), (152, 116)),
    ]


def side_lying() -> list[str]:
    hip = (112, 160)
    return [
        floor(),
        line(BODY, (64, 154), hip),
        line(BODY, (64, 154), (36, 166), (34, 128)),
        head((54, 128)),
        line(BODY, hip, (130, 164), (176, 164)),
        line(WORK, (112, 152), (130, 154), (170, 122)),
    ]


def four_point_kneel() -> list[str]:
    hip, shoulder = (130, 110), (62, 110)
    return [
        floor(),
        line(FAR, hip, (122, 164), (166, 164)),
        line(FAR, shoulder, (70, 166)),
        line(BODY, shoulder, hip),
        head((44, 98)),
        line(BODY, shoulder, (54, 166)),
        line(WORK, hip, (138, 166), (178, 166)),
    ]


def feet_on_wall() -> list[str]:
    hip = (94, 160)
    return [
        floor(36),
        *wall(30),
        line(FAR, hip, (98, 116), (40, 116), (40, 104)),
        line(BODY, hip, (148, 160)),
        head((166, 154)),
        line(WORK, hip, (94, 108), (40, 108), (40, 94)),
    ]


def floor_legs_straight() -> list[str]:
    hip = (122, 162)
    return [
        floor(),
        line(FAR, (132, 112), (150, 138), (164, 166)),
        line(BODY, hip, (132, 112)),
        head((138, 92)),
        line(WORK, hip, (40, 164), (34, 148)),
        line(BODY, (132, 112), (156, 136), (172, 166)),
    ]


def floor_knees_apart() -> list[str]:
    # front view: the person faces us, so their left leg is on our right
    return [
        floor(),
        line(BODY, (100, 160), (100, 100)),
        head((100, 80)),
        line(FAR, (100, 106), (74, 132), (66, 166)),
        line(FAR, (100, 106), (126, 132), (134, 166)),
        line(BODY, (90, 162), (110, 162)),
        line(BODY, (90, 162), (46, 122), (34, 166)),
        line(WORK, (110, 162), (154, 122), (166, 166)),
    ]


def ninety_ninety() -> list[str]:
    # seen from the front and a little above, so the legs spread out on the floor: the
    # front (right) leg folds across in front of the pelvis, the back (left, working) leg
    # goes out to our right with its shin pointing back, away from us
    pelvis = (100, 128)
    return [
        f'<ellipse cx="100" cy="152" rx="90" ry="34" fill="none" {_stroke(FLOOR)}/>',
        line(FAR, (100, 76), (76, 104), (70, 128)),
        line(FAR, (100, 76), (124, 104), (130, 128)),
        line(BODY, pelvis, (100, 70)),
        head((100, 48)),
        line(BODY, (92, 130), (46, 160), (108, 176)),
        line(WORK, (108, 130), (160, 140), (176, 100)),
    ]


def staggered_stance() -> list[str]:
    hip = (102, 102)
    return [
        floor(),
        line(FAR, hip, (120, 136), (140, 166), (150, 168)),
        line(BODY, hip, (98, 50)),
        head((96, 30)),
        line(BODY, (98, 50), (118, 76), (104, 100)),
        line(WORK, hip, (80, 134), (72, 168), (58, 168)),
    ]


def kneel_swivel_chair() -> list[str]:
    hip = (86, 94)
    return [
        floor(),
        *swivel_chair(104, 160, 118, 160, 64),
        line(BODY, hip, (78, 132), (76, 168), (62, 168)),
        line(BODY, hip, (84, 44)),
        head((82, 24)),
        line(BODY, (84, 44), (116, 56), (156, 66)),
        line(WORK, hip, (112, 112), (152, 112)),
    ]


# --- the photo set-ups: where the camera goes for each test done alone -------------------


def camera(x: float, y: float) -> list[str]:
    """A phone standing on its edge, seen from the side, its lens facing left at (x, y)."""
    return [
        path(PROP, f"M{_num(x)},{_num(y - 14)} h8 v36 h-8 Z"),
        line(DOT, (x - 2, y), (x - 2, y)),
    ]


def photo_face_down() -> list[str]:
    # face down, knees bent so the shins stand up; the camera lies at the feet, looking along
    # the body at the shins
    hip, knee = (94, 160), (132, 162)
    return [
        floor(),
        line(FAR, hip, (126, 160), (140, 116)),
        line(BODY, (40, 160), hip),
        head((24, 156)),
        line(BODY, (40, 160), (48, 140), (14, 136)),
        line(WORK, hip, knee, (132, 112)),
        *camera(178, 150),
        dashed(THIN, (172, 150), (136, 118)),
        dashed(THIN, (172, 150), (136, 162)),
    ]


def photo_seated() -> list[str]:
    # perched on a tall chair, a band from the ankle to the hand; the camera stands on a box
    # in front, at knee height, looking at the knees
    hip = (130, 92)
    return [
        floor(),
        *chair(122, 178, 100, 178, 52),
        line(FAR, hip, (92, 90), (98, 138)),
        line(BODY, hip, (128, 44)),
        head((126, 24)),
        line(WORK, hip, (90, 96), (88, 140), (76, 142)),
        line(BODY, (128, 46), (116, 72), (104, 88)),
        path(BAND, "M80,140 C62,128 70,100 104,90"),
        path(PROP, f"M10,{FLOOR_Y} V120 H40 V{FLOOR_Y}"),
        *camera(26, 98),
        dashed(THIN, (22, 98), (84, 96)),
        dashed(THIN, (22, 98), (82, 142)),
    ]


#: Pictograms that are not positions: the photo set-ups of the measured tests.
SETUP_DRAWINGS = {
    "photo-face-down": photo_face_down,
    "photo-seated": photo_seated,
}


POSITION_DRAWINGS = {
    "figure-four-ball": figure_four_ball,
    "chair-edge": chair_edge,
    "tall-chair": tall_chair,
    "on-back": on_back,
    "face-down": face_down,
    "side-lying": side_lying,
    "four-point-kneel": four_point_kneel,
    "feet-on-wall": feet_on_wall,
    "floor-legs-straight": floor_legs_straight,
    "floor-knees-apart": floor_knees_apart,
    "ninety-ninety": ninety_ninety,
    "staggered-stance": staggered_stance,
    "kneel-swivel-chair": kneel_swivel_chair,
}


# --- the equipment ------------------------------------------------------------------------


def eq_massage_ball() -> list[str]:
    centre, r = (100, 128), 44
    bumps = [
        line(DOT, (100 + dx, 128 + dy), (100 + dx, 128 + dy))
        for dx, dy in ((-18, -18), (14, -22), (-24, 8), (4, 0), (24, 14), (-6, 24), (30, -6))
    ]
    return [floor(), circle(PROP, centre, r), *bumps]


def eq_band() -> list[str]:
    return [
        floor(),
        line(PROP, (36, 30), (36, FLOOR_Y)),
        line(PROP, (24, 30), (48, 30)),
        path(PROP_ACCENT, "M36,84 C80,78 130,70 160,74 A16,16 0 0 1 160,106 C130,110 80,102 36,96"),
        line(PROP, (30, 90), (42, 90)),
    ]


def eq_chair() -> list[str]:
    return [floor(), *chair(56, 144, 110, 144, 36)]


def eq_tall_chair() -> list[str]:
    return [
        floor(),
        line(PROP, (48, 66), (152, 66)),
        line(PROP, (56, 66), (56, FLOOR_Y)),
        line(PROP, (144, 66), (144, FLOOR_Y)),
        line(PROP, (56, 126), (144, 126)),
        line(PROP_ACCENT, (100, 66), (100, 56), (100, 76)),
    ][:-1]


def eq_swivel_chair() -> list[str]:
    return [floor(), *swivel_chair(52, 148, 104, 148, 40)]


def eq_wall() -> list[str]:
    rows = []
    for i, y in enumerate(range(48, FLOOR_Y, 24)):
        rows.append(line(THIN, (44, y), (156, y)))
        offset = 0 if i % 2 else 28
        for x in range(44 + offset, 156, 56):
            if x > 44:
                rows.append(line(THIN, (x, y - 24), (x, y)))
    return [floor(), path(PROP, f"M44,{FLOOR_Y} V24 H156 V{FLOOR_Y}"), *rows]


def eq_ball() -> list[str]:
    return [
        floor(),
        circle(PROP, (100, 112), 58),
        path(PROP_ACCENT, "M58,72 C84,100 84,124 58,152"),
        path(PROP_ACCENT, "M142,72 C116,100 116,124 142,152"),
    ]


def eq_block() -> list[str]:
    return [
        floor(),
        path(PROP, f"M40,{FLOOR_Y - 2} V118 H132 V{FLOOR_Y - 2} Z"),
        path(PROP, "M40,118 L68,96 H160 L132,118"),
        path(PROP, f"M160,96 V{FLOOR_Y - 24} L132,{FLOOR_Y - 2}"),
    ]


EQUIPMENT_DRAWINGS = {
    "massage-ball": eq_massage_ball,
    "band": eq_band,
    "chair": eq_chair,
    "tall-chair": eq_tall_chair,
    "swivel-chair": eq_swivel_chair,
    "wall": eq_wall,
    "ball": eq_ball,
    "block": eq_block,
}


def main(argv: Sequence[str]) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent
    for folder, drawings in (
        ("pictograms", {**POSITION_DRAWINGS, **SETUP_DRAWINGS}),
        ("equipment", EQUIPMENT_DRAWINGS),
    ):
        out_dir = root / folder
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, draw in drawings.items():
            (out_dir / f"{name}.svg").write_text(svg(name, draw()), encoding="utf-8")
        print(f"{len(drawings)} drawings in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
