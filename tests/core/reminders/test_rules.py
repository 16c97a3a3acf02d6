"""What a reminder run does: catch up once, snooze once, skip today, nothing when done."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hiptimer.core.reminders.rules import (
    Facts,
    ReminderKind,
    ReminderState,
    Verdict,
    can_snooze,
    decide,
    skip_today,
    snooze,
    wait_limit,
)
from hiptimer.core.reminders.schedule import ReminderPlan
from hiptimer.core.session.status import SessionStatus

NEW_YORK = ZoneInfo("America/New_York")
PLAN = ReminderPlan(frozenset({0, 2, 4}), time(18, 0), timedelta(minutes=30), 3)
MONDAY_SIX = datetime(2026, 3, 2, 18, 0, tzinfo=NEW_YORK)


BLANK, NO_FACTS = ReminderState(), Facts()


def run(now: datetime, state: ReminderState = BLANK, facts: Facts = NO_FACTS):
    return decide(PLAN, state, now, NEW_YORK, facts)


def test_notifies_at_the_time_and_only_once() -> None:
    before = run(MONDAY_SIX - timedelta(minutes=1))
    assert before.verdict is Verdict.NOTHING
    first = run(MONDAY_SIX, before.state)
    assert (first.verdict, first.kind) == (Verdict.NOTIFY, ReminderKind.SESSION)
    again = run(MONDAY_SIX + timedelta(minutes=5), first.state)
    assert again.verdict is Verdict.NOTHING


def test_a_missed_time_is_caught_up_once_the_same_day_never_in_a_burst() -> None:
    # The computer slept from Friday to Monday evening: Friday's and Monday's times were missed.
    state = ReminderState(served=datetime(2026, 2, 25, 18, 0, tzinfo=NEW_YORK))
    woke = MONDAY_SIX + timedelta(hours=3)
    caught_up = run(woke, state)
    assert caught_up.verdict is Verdict.NOTIFY
    assert run(woke + timedelta(seconds=1), caught_up.state).verdict is Verdict.NOTHING


def test_a_time_missed_on_an_earlier_day_is_dropped() -> None:
    tuesday_morning = MONDAY_SIX + timedelta(hours=14)
    decision = run(tuesday_morning)
    assert decision.verdict is Verdict.NOTHING
    assert decision.state.served == MONDAY_SIX
    assert "earlier day" in decision.why


def test_nothing_when_todays_session_is_done_or_under_way() -> None:
    done = Facts(sessions_today=((MONDAY_SIX - timedelta(hours=8), SessionStatus.COMPLETED),))
    assert run(MONDAY_SIX, facts=done).verdict is Verdict.NOTHING
    going = Facts(sessions_today=((MONDAY_SIX - timedelta(minutes=20), SessionStatus.INCOMPLETE),))
    assert run(MONDAY_SIX, facts=going).why == "a session is under way"
    left_this_morning = Facts(
        sessions_today=((MONDAY_SIX - timedelta(hours=9), SessionStatus.INCOMPLETE),)
    )
    assert run(MONDAY_SIX, facts=left_this_morning).verdict is Verdict.NOTIFY
    yesterday = Facts(sessions_today=((MONDAY_SIX - timedelta(days=1), SessionStatus.COMPLETED),))
    assert run(MONDAY_SIX, facts=yesterday).verdict is Verdict.NOTIFY


def test_a_fullscreen_window_holds_the_reminder_back_until_it_goes() -> None:
    held = run(MONDAY_SIX, facts=Facts(fullscreen=True))
    assert held.verdict is Verdict.WAIT
    later = run(MONDAY_SIX + timedelta(minutes=40), held.state)
    assert later.verdict is Verdict.NOTIFY


def test_snooze_repeats_once_then_no_more() -> None:
    shown = run(MONDAY_SIX)
    assert can_snooze(shown.state)
    snoozed = snooze(shown.state, PLAN, MONDAY_SIX + timedelta(minutes=1))
    assert run(MONDAY_SIX + timedelta(minutes=30), snoozed).verdict is Verdict.NOTHING
    back = run(MONDAY_SIX + timedelta(minutes=31), snoozed)
    assert (back.verdict, back.repeat) == (Verdict.NOTIFY, True)
    assert not can_snooze(back.state)
    assert snooze(back.state, PLAN, MONDAY_SIX + timedelta(minutes=32)) == back.state
    assert run(MONDAY_SIX + timedelta(hours=2), back.state).verdict is Verdict.NOTHING
    # the next reminder day starts afresh
    wednesday = run(MONDAY_SIX + timedelta(days=2), back.state)
    assert wednesday.verdict is Verdict.NOTIFY and can_snooze(wednesday.state)


def test_snooze_time_is_real_minutes_across_the_clock_change() -> None:
    # 01:50 on the night clocks go back in New York (2026-11-01): 30 real minutes later.
    night = datetime(2026, 11, 1, 1, 50, tzinfo=NEW_YORK)
    snoozed = snooze(ReminderState(), PLAN, night)
    assert snoozed.snoozed_until is not None
    assert snoozed.snoozed_until.timestamp() - night.timestamp() == 30 * 60


def test_a_snooze_into_the_next_day_is_dropped() -> None:
    late = datetime(2026, 3, 2, 23, 50, tzinfo=NEW_YORK)
    snoozed = snooze(ReminderState(served=MONDAY_SIX), PLAN, late)
    after_midnight = run(late + timedelta(minutes=31), snoozed)
    assert after_midnight.verdict is Verdict.NOTHING
    assert after_midnight.state.snoozed_until is None


def test_skip_today_holds_back_todays_reminders_only() -> None:
    shown = run(MONDAY_SIX)
    snoozed = snooze(shown.state, PLAN, MONDAY_SIX)
    skipped = skip_today(snoozed, MONDAY_SIX + timedelta(minutes=2), NEW_YORK)
    assert skipped.skipped_day == date(2026, 3, 2) and skipped.snoozed_until is None
    assert run(MONDAY_SIX + timedelta(hours=1), skipped).verdict is Verdict.NOTHING
    assert run(MONDAY_SIX + timedelta(days=2), skipped).verdict is Verdict.NOTIFY


def test_skipping_before_the_time_holds_back_the_time_itself() -> None:
    skipped = skip_today(ReminderState(), MONDAY_SIX - timedelta(hours=6), NEW_YORK)
    assert run(MONDAY_SIX, skipped).why == "today was skipped"


def test_reassessment_is_asked_for_when_its_interval_has_passed() -> None:
    facts = Facts(last_assessment=date(2026, 2, 9))  # three weeks before Monday the 2nd
    decision = run(MONDAY_SIX, facts=facts)
    assert (decision.verdict, decision.kind) == (Verdict.NOTIFY, ReminderKind.ASSESSMENT)
    assert run(MONDAY_SIX, facts=Facts(last_assessment=date(2026, 2, 10))).kind is (
        ReminderKind.SESSION
    )
    back = run(MONDAY_SIX + timedelta(minutes=31), snooze(decision.state, PLAN, MONDAY_SIX))
    assert back.kind is ReminderKind.ASSESSMENT
    never_measured = Facts(first_session=date(2026, 2, 9))  # started three weeks ago
    assert run(MONDAY_SIX, facts=never_measured).kind is ReminderKind.ASSESSMENT
    assert run(MONDAY_SIX).kind is ReminderKind.SESSION  # a newcomer is not asked


def test_the_wait_ends_with_the_day() -> None:
    assert wait_limit(MONDAY_SIX, NEW_YORK) == datetime(2026, 3, 3, 0, 0, tzinfo=NEW_YORK)
