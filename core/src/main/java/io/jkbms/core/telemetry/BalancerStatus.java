package io.jkbms.core.telemetry;

/**
 * What the active balancer is doing: energy moves out of {@code sourceCell} into {@code destinationCell} (1-based)
 * at {@code current_mA} on the source side. Cells are 0 and current 0 when idle.
 */
public record BalancerStatus(boolean active, int sourceCell, int destinationCell, int current_mA) {
    public static final BalancerStatus IDLE = new BalancerStatus(false, 0, 0, 0);
}
