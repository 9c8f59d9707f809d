package io.jkbms.app.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, small filesystem (tmpfs) the test can fill up and make read-only, so the store meets ENOSPC and EROFS
 * from the kernel, not from a mock. Mounting needs root, as CI runs; elsewhere {@link #mount} says why it cannot.
 */
final class SmallVolume implements AutoCloseable {
    final Path dir;

    private SmallVolume(Path dir) {
        this.dir = dir;
    }

    static SmallVolume mount(Path dir, int size_kB) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size_kB + "k", "tmpfs", dir.toString());
        return new SmallVolume(dir);
    }

    /** Whether this process may mount (root in a namespace that allows it). */
    static boolean possible(Path scratch) {
        try {
            SmallVolume v = mount(scratch.resolve("probe"), 64);
            v.close();
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Fills the volume with a file until the kernel says no space is left. */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    void readOnly(boolean ro) throws IOException, InterruptedException {
        run("mount", "-o", "remount," + (ro ? "ro" : "rw"), dir.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }
}
