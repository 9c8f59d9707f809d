package io.jkbms.link.client;

/** How the link to a board is doing: frames decoded, frames dropped for a bad checksum or form, bytes skipped while
 *  resynchronising, requests that timed out. */
public record LinkDiagnostics(String endpoint, long framesGood, long checksumErrors, long bytesSkipped, long timeouts) {
}
