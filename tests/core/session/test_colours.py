"""Phase colours: readable text (WCAG AA) and phases that stay apart with colour blindness.

The colour-vision simulation uses the Machado, Oliveira & Fernandes (2009) matrices at full
severity, applied to linear RGB; distances are CIE76 ΔE in CIE L*a*b* (D65).
"""

from __future__ import annotations

import itertools

import pytest

from hiptimer.core.session.colours import BACKGROUNDS, contrast_ratio, phase_colours
from hiptimer.core.session.plan import PhaseKind

WCAG_AA = 4.5
MIN_DELTA_E = 10.0

#: Phases that can directly follow each other on screen (get ready → work; a cycle's drive
#: and relax; a held rep's lift → hold → lower).
NEIGHBOURS = (
    ("get_ready", "work"),
    ("work", "relax"),
    ("work", "hold"),
    ("hold", "relax"),
)
MAIN_PHASES = ("get_ready", "work", "hold", "relax", "switch", "rest")

MACHADO: dict[str, tuple[tuple[float, float, float], ...]] = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(value[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out[0], out[1], out[2]


def simulate(hex_colour: str, vision: str) -> tuple[float, float, float]:
    """Linear RGB as seen with ``vision``, clipped to the displayable range."""
    rgb = _linear(hex_colour)
    return tuple(  # type: ignore[return-value]
        min(max(sum(m * c for m, c in zip(row, rgb, strict=True)), 0.0), 1.0)
        for row in MACHADO[vision]
    )


def lab(linear_rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = linear_rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str, vision: str) -> float:
    la, lb = lab(simulate(a, vision)), lab(simulate(b, vision))
    return sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5


def background(kind: str) -> str:
    return phase_colours(kind)[0]


# The helpers themselves -------------------------------------------------------------------
def test_contrast_ratio_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_delta_e_known_values() -> None:
    assert delta_e("#000000", "#FFFFFF", "normal") == pytest.approx(100.0, abs=0.01)
    assert delta_e("#336699", "#336699", "protanopia") == 0


def test_simulation_merges_red_and_green_for_red_green_blindness() -> None:
    """The simulation must be able to fail: a plain red and green move much closer together."""
    normal = delta_e("#CC3333", "#339933", "normal")
    for vision in ("protanopia", "deuteranopia"):
        assert delta_e("#CC3333", "#339933", vision) < normal / 3


# The phase colours ------------------------------------------------------------------------
def test_every_main_phase_kind_has_its_own_colour() -> None:
    for kind in PhaseKind:
        assert kind.value in BACKGROUNDS
    assert len({background(k) for k in MAIN_PHASES}) == len(MAIN_PHASES)


@pytest.mark.parametrize("kind", sorted(BACKGROUNDS))
def test_text_on_each_phase_meets_wcag_aa(kind: str) -> None:
    back, text = phase_colours(kind)
    assert contrast_ratio(back, text) >= WCAG_AA, (kind, back, text)


def test_unknown_kind_still_gets_readable_colours() -> None:
    back, text = phase_colours("no-such-phase")
    assert contrast_ratio(back, text) >= WCAG_AA


@pytest.mark.parametrize("vision", ["normal", "protanopia", "deuteranopia", "tritanopia"])
@pytest.mark.parametrize(("first", "second"), NEIGHBOURS)
def test_neighbouring_phases_stay_apart(first: str, second: str, vision: str) -> None:
    distance = delta_e(background(first), background(second), vision)
    assert distance >= MIN_DELTA_E, f"{first}/{second} under {vision}: ΔE {distance:.1f}"


@pytest.mark.parametrize("vision", ["normal", "protanopia", "deuteranopia", "tritanopia"])
def test_main_phases_are_all_distinct(vision: str) -> None:
    """A looser bar for every pair of main phases: never the same colour to any viewer."""
    for first, second in itertools.combinations(MAIN_PHASES, 2):
        distance = delta_e(background(first), background(second), vision)
        assert distance >= 5.0, f"{first}/{second} under {vision}: ΔE {distance:.1f}"


def _adjacent_kinds_in_builtin_plans() -> set[tuple[str, str]]:
    from hiptimer.core.paths import builtin_routines_dir
    from hiptimer.core.routines.catalog import load_catalog
    from hiptimer.core.routines.model import SideChoice
    from hiptimer.core.session.plan import build_plan

    catalog = load_catalog(builtin_routines_dir(), None)
    pairs: set[tuple[str, str]] = set()
    for routine in catalog.routines:
        for self_paced in (False, True):
            plan = build_plan(routine, catalog.library, SideChoice.BOTH, self_paced_reps=self_paced)
            kinds = [phase.kind.value for step in plan.steps for phase in step.phases]
            pairs.update((a, b) for a, b in itertools.pairwise(kinds) if a != b)
    return pairs


def test_every_pair_that_follows_in_a_builtin_plan_stays_apart() -> None:
    pairs = _adjacent_kinds_in_builtin_plans()
    assert ("get_ready", "work") in pairs  # the walk found real plans
    for first, second in sorted(pairs):
        for vision in MACHADO:
            distance = delta_e(background(first), background(second), vision)
            assert distance >= MIN_DELTA_E, f"{first}→{second} under {vision}: ΔE {distance:.1f}"
