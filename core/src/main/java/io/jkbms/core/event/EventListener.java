package io.jkbms.core.event;

/** Receives the board's events as they happen, on the thread that runs the firmware. */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);
}
