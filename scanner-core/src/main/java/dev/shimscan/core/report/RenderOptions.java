package dev.shimscan.core.report;

/**
 * Settings that change how a report is drawn, not what it says.
 *
 * @param color ANSI colours (console only): on for a terminal unless {@code NO_COLOR} is set
 */
public record RenderOptions(boolean color) {
    public static final RenderOptions PLAIN = new RenderOptions(false);
}
