package io.jkbms.app.device;

/**
 * Something the board did (a protection trip or recovery, a switch or settings change, sleep, …), as the web app shows
 * it. {@code time_ms} is on the board's clock (the twin's simulated time, or the wall clock for a real board).
 */
public record EventView(String type, long time_ms, String event, String phase, int cell, String text) {
}
